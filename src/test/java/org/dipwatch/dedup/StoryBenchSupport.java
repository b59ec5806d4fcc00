package org.dipwatch.dedup;

import java.time.LocalDate;
import java.util.List;

/** Generated articles for the story benchmark in another package ({@link NewsDay} is package-visible there too). */
public final class StoryBenchSupport {

    private StoryBenchSupport() {
    }

    /** {@code n} generated items from seed {@code seed} on {@code day}. */
    public static List<NewsDay.Item> day(long seed, int n, LocalDate day) {
        return NewsDay.generate(seed, n, day);
    }
}
