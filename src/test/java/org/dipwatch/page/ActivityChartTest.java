package org.dipwatch.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dipwatch.corpus.CorpusIndex.DayCount;
import org.junit.jupiter.api.Test;

class ActivityChartTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void eachDayOfTheWindowHasAPointAndCountsFallOnTheirDay() {
        ActivityChart c = ActivityChart.of("by actor", List.of(new DayCount(TODAY, "RUS", 3), new DayCount(TODAY.minusDays(2), "RUS", 1),
                new DayCount(TODAY.minusDays(2), "ISR", 2)), TODAY, 3);
        assertThat(c.days()).containsExactly(TODAY.minusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                TODAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), TODAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        assertThat(c.series()).containsExactly(new ActivityChart.Series("RUS", List.of(1L, 0L, 3L), 4),
                new ActivityChart.Series("ISR", List.of(2L, 0L, 0L), 2));
        assertThat(c.empty()).isFalse();
    }

    @Test
    void daysOutsideTheWindowAreLeftOut() {
        ActivityChart c = ActivityChart.of("by region", List.of(new DayCount(TODAY.minusDays(30), "PSE", 5), new DayCount(TODAY.plusDays(1), "PSE", 5)),
                TODAY, 30);
        assertThat(c.series()).isEmpty();
        assertThat(c.empty()).isTrue();
        assertThat(c.days()).hasSize(30);
    }

    @Test
    void theMostFrequentTagsAreSeriesOfTheirOwnAndTheRestIsOther() {
        List<DayCount> counts = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            counts.add(new DayCount(TODAY, "T" + i, i));
        }
        ActivityChart c = ActivityChart.of("by actor", counts, TODAY, 1);
        assertThat(c.series()).extracting(ActivityChart.Series::tag).containsExactly("T9", "T8", "T7", "T6", "T5", "T4", "other");
        assertThat(c.series().get(6).counts()).containsExactly(1L + 2 + 3);
    }

    @Test
    void tagsOfEqualCountAreOrderedByName() {
        ActivityChart c = ActivityChart.of("by actor", List.of(new DayCount(TODAY, "RUS", 1), new DayCount(TODAY, "HAMAS", 1)), TODAY, 1);
        assertThat(c.series()).extracting(ActivityChart.Series::tag).containsExactly("HAMAS", "RUS");
    }
}
