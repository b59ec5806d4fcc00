package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which earlier reports an alert names: the story's first and its latest, the rest counted. */
class StoryReportsTest {

    private static StoryReports story(int reports) {
        return StoryReports.all(IntStream.rangeClosed(1, reports)
                .mapToObj(n -> new StoryReports.Report("outlet" + n, "title " + n, "file" + n)).toList());
    }

    @Test
    void aLongStoryKeepsItsFirstAndLatestReportsAndItsTotal() {
        StoryReports named = story(199).atMost(5);
        assertThat(named.shown()).extracting(StoryReports.Report::file)
                .containsExactly("file1", "file196", "file197", "file198", "file199");
        assertThat(named.total()).isEqualTo(199);
        assertThat(named.unnamed()).isEqualTo(194);
    }

    @Test
    void aShortStoryIsNamedWhole() {
        assertThat(story(3).atMost(5)).isEqualTo(story(3));
        assertThat(StoryReports.NONE.atMost(5).shown()).isEmpty();
    }

    @Test
    void withAMaximumOfOneOnlyTheFirstAndOfZeroNoneIsNamed() {
        assertThat(story(10).atMost(1).shown()).extracting(StoryReports.Report::file).containsExactly("file1");
        assertThat(story(10).atMost(0).shown()).isEmpty();
        assertThat(story(10).atMost(0).total()).isEqualTo(10);
    }

    @Test
    void aTotalBelowTheNamedIsRefused() {
        assertThatThrownBy(() -> new StoryReports(List.of(new StoryReports.Report("a", "b", "c")), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer earlier reports");
    }
}
