package org.dipwatch.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesPerFailureWithinItsSpreadAndNeverPassesTheMaximum() {
        Backoff b = Backoff.of(Duration.ofSeconds(10), Duration.ofMinutes(5));
        for (int failures = 1; failures <= 4; failures++) {
            long base = 10_000L << (failures - 1);
            assertThat(b.after(failures).toMillis()).isBetween((long) (base * 0.8), (long) (base * 1.2));
        }
        assertThat(b.after(40)).isEqualTo(Duration.ofMinutes(5));
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0).after(2)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDatesAndIgnoresTheRest() {
        assertThat(Backoff.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(Backoff.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Backoff.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
        assertThat(Backoff.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter("soon")).isNull();
        assertThat(Backoff.retryAfter(null)).isNull();
        assertThat(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5)).capped(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aNegativeOrOutOfRangeSettingIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofMinutes(5), 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least zero");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
