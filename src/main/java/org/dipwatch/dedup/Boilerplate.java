package org.dipwatch.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells the paragraphs that are not the article's own words: credits and footers known by
 * their shape ({@code dedup/boilerplate.txt}: "Based on materials from TASS", "Photo: …",
 * "Reporting by …; editing by …") and paragraphs the same source has repeated in earlier
 * articles (counted in the index). Such paragraphs never make two articles similar.
 */
public final class Boilerplate {

    private static final Boilerplate PACKAGED = load();

    private final List<Pattern> patterns;
    /**
     * One matcher of each pattern per thread, reset for each paragraph: a new matcher for every
     * paragraph and pattern was a tenth of what the pipeline's workers allocated.
     */
    private final ThreadLocal<java.util.regex.Matcher[]> matchers;

    private Boilerplate(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.matchers = ThreadLocal.withInitial(() -> this.patterns.stream().map(p -> p.matcher("")).toArray(java.util.regex.Matcher[]::new));
    }

    /** The packaged credit patterns. */
    public static Boilerplate packaged() {
        return PACKAGED;
    }

    /**
     * Whether a paragraph is one of the source's repeated paragraphs or a credit by its shape.
     *
     * @param folded   the paragraph's folded text ({@link ExactDedup#fold})
     * @param hash     its {@link #paragraphHash}
     * @param repeated the hashes of the paragraphs the source repeats
     */
    boolean isBoilerplate(String folded, long hash, Set<Long> repeated) {
        if (repeated.contains(hash)) {
            return true;
        }
        for (java.util.regex.Matcher m : matchers.get()) {
            if (m.reset(folded).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A 64-bit hash of a paragraph's folded text ({@link ExactDedup#fold}): what the index counts per source. */
    static long paragraphHash(String folded) {
        return Hashing.string(folded);
    }

    private static Boilerplate load() {
        List<Pattern> out = new ArrayList<>();
        for (String line : DataFile.lines("dedup/boilerplate.txt")) {
            out.add(Pattern.compile(line, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return new Boilerplate(out);
    }
}
