package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When intake pauses while nothing can be recorded, for how long, and what {@code /health} and the log are told. */
class StoreTroubleTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final String FULL = "corpus: cannot write to /srv/dw/seeds: No space left on device";

    @Test
    void theFirstRefusalStartsAOneSecondPauseAndTheRestOfTheRoundDoesNotLengthenIt() {
        StoreTrouble trouble = new StoreTrouble();
        assertThat(trouble.paused(T0)).isFalse();
        assertThat(trouble.describe(T0)).isNull();
        assertThat(trouble.failed(FULL, T0)).as("starts: logged at ERROR").isTrue();
        assertThat(trouble.failed(FULL, T0.plusMillis(300))).as("the same round").isFalse();
        assertThat(trouble.paused(T0.plusMillis(999))).isTrue();
        assertThat(trouble.paused(T0.plusMillis(1000))).isFalse();
        assertThat(trouble.describe(T0.plusMillis(500))).isEqualTo("nothing could be recorded for 0 s (2 documents refused, each left "
                + "where it came from): " + FULL + "; intake tries again in 1 s");
    }

    @Test
    void eachRoundThatFailsAgainDoublesThePauseUpToThirtySeconds() {
        StoreTrouble trouble = new StoreTrouble();
        Instant now = T0;
        trouble.failed(FULL, now);
        long[] pauses = new long[8];
        for (int round = 0; round < pauses.length; round++) {
            Instant start = now;
            while (trouble.paused(now)) {
                now = now.plusMillis(100);
            }
            pauses[round] = java.time.Duration.between(start, now).toMillis();
            trouble.failed(FULL, now);
        }
        assertThat(pauses).containsExactly(1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000);
    }

    @Test
    void aDocumentRecordedEndsTheTroubleOnceAndSaysHowLongItLasted() {
        StoreTrouble trouble = new StoreTrouble();
        assertThat(trouble.recorded(T0)).as("no trouble to end").isNull();
        trouble.failed(FULL, T0);
        trouble.failed(FULL, T0.plusSeconds(1));
        trouble.failed(FULL, T0.plusSeconds(3));
        assertThat(trouble.recorded(T0.plusSeconds(42))).isEqualTo("42 s, 3 documents refused");
        assertThat(trouble.paused(T0.plusSeconds(42))).isFalse();
        assertThat(trouble.describe(T0.plusSeconds(42))).isNull();
        assertThat(trouble.recorded(T0.plusSeconds(43))).isNull();
        assertThat(trouble.failed(FULL, T0.plusSeconds(50))).as("a new trouble starts again").isTrue();
        assertThat(trouble.paused(T0.plusMillis(50_999))).isTrue();
    }
}
