package org.dipwatch.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The known names nearest to a mistyped one, for messages that say what was probably meant
 * ({@code 'actor' is not a filter key; did you mean 'actors'?}). Names compare without regard to
 * case (Apache Commons Text): a name more Levenshtein edits away than about a third of its length
 * is no suggestion, and those near enough rank by Jaro-Winkler similarity, which favours a shared
 * beginning and counts swapped letters as one slip ({@code RSU} → {@code RUS} before {@code RSF}),
 * then by edits.
 */
public final class NearestNames {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private NearestNames() {
    }

    /** At most {@code max} of {@code known} nearest to {@code name}, nearest first; empty when none is near. */
    public static List<String> of(String name, Collection<String> known, int max) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = limit(wanted.length());
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        record Near(String name, int distance, double similarity) {
        }
        List<Near> near = new ArrayList<>();
        for (String k : known) {
            if (k.equals(name)) {
                continue;
            }
            String candidate = k.toLowerCase(Locale.ROOT);
            int d = distance.apply(wanted, candidate);
            if (d >= 0) {
                near.add(new Near(k, d, JARO_WINKLER.apply(wanted, candidate)));
            }
        }
        near.sort(Comparator.comparingDouble(Near::similarity).reversed().thenComparingInt(Near::distance)
                .thenComparing(Near::name));
        return near.stream().map(Near::name).distinct().limit(max).toList();
    }

    /**
     * {@code "; did you mean 'a'?"} or {@code "; did you mean 'a', 'b' or 'c'?"} for the nearest
     * of {@code known}, or the empty string when none is near.
     */
    public static String didYouMean(String name, Collection<String> known) {
        List<String> near = of(name, known, 3);
        if (near.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("; did you mean ");
        for (int i = 0; i < near.size(); i++) {
            if (i > 0) {
                out.append(i == near.size() - 1 ? " or " : ", ");
            }
            out.append('\'').append(near.get(i)).append('\'');
        }
        return out.append('?').toString();
    }

    /** The largest distance that still reads as a typo: 1 for short names, 2 from 3 letters, 3 from 9. */
    private static int limit(int length) {
        return length < 3 ? 1 : length < 9 ? 2 : 3;
    }
}
