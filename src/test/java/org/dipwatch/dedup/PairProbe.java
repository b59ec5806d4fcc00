package org.dipwatch.dedup;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the same-story signals and each one's part for one pair of seed-shaped files, judged as
 * the labelled-pair tests judge them (diagnostic, calibration tag):
 * {@code ./mvnw -B test -Dtest=PairProbe -Dsurefire.excludedGroups= -Dprobe.dir=DIR -Dprobe.first=A -Dprobe.second=B}.
 */
@Tag("calibration")
class PairProbe {

    @Test
    void probe() throws Exception {
        PairJudge judge = new PairJudge();
        Path dir = Path.of(System.getProperty("probe.dir", "src/test/resources/dedup/realset/articles"));
        String first = System.getProperty("probe.first");
        String second = System.getProperty("probe.second");
        org.junit.jupiter.api.Assumptions.assumeTrue(first != null && second != null,
                "name the pair with -Dprobe.first and -Dprobe.second");
        StoryModel.Signals s = judge.signals(dir, first, second);
        System.out.println("[probe] " + first + " -> " + second + ": " + (s == null ? "no gate"
                : String.format(java.util.Locale.ROOT, "score %.3f; %s", StoryModel.score(s), StoryModel.explain(s))));
    }
}
