package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The cross-language story set in {@code dedup/xlang/} (issue #12, item 4 and its development
 * sets): one event reported in two languages (a ministry's statement in its own language and a
 * wire's English report, ru-zh, ar-fr …) against hard negatives (the same ministers or ministry on
 * neighbouring days, another event). Judged as the real set is; prints the figures and every miss,
 * fails below issue #12's bar (same story: precision and recall 0.85).
 */
class CrossLanguageStoriesTest {

    private static final Path XLANG = Path.of("src/test/resources/dedup/xlang");

    @Test
    void oneEventInTwoLanguagesIsOneStoryAndNeighbouringEventsStayApart() throws IOException {
        LabelledPairs set = LabelledPairs.run(new PairJudge(), XLANG, "xlang");
        assertThat(set.pairs).isGreaterThanOrEqualTo(40);
        assertThat(set.precision("same_story")).as("same-story precision").isGreaterThanOrEqualTo(0.85);
        assertThat(set.recall("same_story")).as("same-story recall").isGreaterThanOrEqualTo(0.85);
    }
}
