package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Micro-averaged precision, recall and F1 of the country sets a classifier found against the
 * labelled ones, with every article whose sets differ (what was extra, what was missing), for the
 * development-set tests to print.
 */
final class CountryScore {

    private int truePositives;
    private int predicted;
    private int expected;
    private int articles;
    final List<String> misses = new ArrayList<>();

    /** Adds one article: the countries found and those labelled. */
    void add(String article, Set<String> got, Set<String> want) {
        articles++;
        Set<String> hit = new HashSet<>(got);
        hit.retainAll(want);
        truePositives += hit.size();
        predicted += got.size();
        expected += want.size();
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(want);
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(got);
        if (!extra.isEmpty() || !missing.isEmpty()) {
            misses.add(article + ": extra " + extra + ", missing " + missing);
        }
    }

    double precision() {
        return predicted == 0 ? 1 : (double) truePositives / predicted;
    }

    double recall() {
        return expected == 0 ? 1 : (double) truePositives / expected;
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The distinct non-null codes, sorted. */
    static Set<String> countries(List<String> codes) {
        Set<String> out = new TreeSet<>();
        codes.stream().filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return String.format("precision %.3f, recall %.3f, F1 %.3f (%d of %d articles differ; tags: %d expected, %d found, %d right)",
                precision(), recall(), f1(), misses.size(), articles, expected, predicted, truePositives);
    }
}
