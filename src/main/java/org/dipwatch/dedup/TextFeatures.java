package org.dipwatch.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;

/**
 * What the near-duplicate and story judgements compare of an article's text, boilerplate left
 * out: the MinHash signature of its 3-word shingles, its rare-term candidates (words of three or
 * more characters that are no stop words, and pairs of adjacent ones), the 5-word runs inside its quotations, and the hashes of
 * its paragraphs (for the per-source boilerplate count).
 *
 * @param signature  {@link MinHash#K} minimum hashes of the shingles
 * @param shingles   how many distinct shingles the text has
 * @param terms      distinct term hashes, sorted
 * @param quoteGrams distinct hashes of 5-word runs inside quotation marks, sorted
 * @param paragraphs hashes of every paragraph (boilerplate included), in order
 */
public record TextFeatures(int[] signature, int shingles, long[] terms, long[] quoteGrams, long[] paragraphs) {

    /** Words in a shingle. */
    static final int SHINGLE = 3;
    /** Words in a quoted run: a shared quotation is one of at least this many words. */
    static final int QUOTE_GRAM = 5;

    private static final Set<String> STOP = stopWords();

    /**
     * The features of an article's title and paragraphs, leaving out credits and the paragraphs
     * its source repeats: {@code repeatedOf} answers, for the hashes of all paragraphs (by
     * {@link Boilerplate#paragraphHash}), those the source repeats. A paragraph the article
     * repeats itself counts once. Each paragraph is folded and hashed once.
     */
    public static TextFeatures of(List<String> body, Function<long[], Set<Long>> repeatedOf, Boilerplate boilerplate) {
        List<String> folded = new ArrayList<>(body.size());
        long[] paragraphHashes = new long[body.size()];
        for (int i = 0; i < body.size(); i++) {
            folded.add(ExactDedup.fold(body.get(i)));
            paragraphHashes[i] = Boilerplate.paragraphHash(folded.get(i));
        }
        Set<Long> repeated = repeatedOf.apply(paragraphHashes);
        List<String> kept = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < folded.size(); i++) {
            if (!boilerplate.isBoilerplate(folded.get(i), paragraphHashes[i], repeated) && seen.add(paragraphHashes[i])) {
                kept.add(folded.get(i));
            }
        }
        List<String> words = new ArrayList<>();
        Set<Long> quoteGrams = new LinkedHashSet<>();
        for (String p : kept) {
            // folded text has only straight double quotes: every other run between them is quoted
            String[] parts = p.split("\"", -1);
            for (int i = 0; i < parts.length; i++) {
                List<String> partWords = words(parts[i]);
                words.addAll(partWords);
                if (i % 2 == 1) {
                    long[] h = partWords.stream().mapToLong(Hashing::string).toArray();
                    for (int j = 0; j + QUOTE_GRAM <= h.length; j++) {
                        quoteGrams.add(Hashing.sequence(h, j, QUOTE_GRAM));
                    }
                }
            }
        }
        long[] wordHashes = words.stream().mapToLong(Hashing::string).toArray();
        Set<Long> shingles = new HashSet<>();
        int n = Math.min(SHINGLE, Math.max(1, wordHashes.length));
        for (int i = 0; i + n <= wordHashes.length; i++) {
            shingles.add(Hashing.sequence(wordHashes, i, n));
        }
        long[] shingleArray = shingles.stream().mapToLong(Long::longValue).toArray();
        // rare-term candidates: content words (plural s dropped) and pairs of adjacent content words,
        // which name what an event is about ("water cannon", "planning group") better than either word
        Set<Long> terms = new HashSet<>();
        long previous = 0;
        for (String w : words) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                long h = Hashing.string(stem(w));
                terms.add(h);
                if (previous != 0) {
                    terms.add(Hashing.mix(previous * 31 + h));
                }
                previous = h;
            } else {
                previous = 0;
            }
        }
        return new TextFeatures(MinHash.signature(shingleArray), shingleArray.length, sorted(terms), sorted(quoteGrams),
                paragraphHashes);
    }

    /** A word without a plural or third-person {@code s}: "talks" and "talk" are one term. */
    static String stem(String w) {
        return w.length() > 4 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") ? w.substring(0, w.length() - 1) : w;
    }

    /** The words of folded text: runs of letters and digits. */
    static List<String> words(String folded) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean letter = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                out.add(folded.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    /** How many values two sorted arrays share. */
    static int shared(long[] a, long[] b) {
        return (int) sharedWeight(a, b, v -> 1);
    }

    /** The sum of {@code weight} over the values two sorted arrays share. */
    static double sharedWeight(long[] a, long[] b, LongToDoubleFunction weight) {
        int i = 0;
        int j = 0;
        double sum = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                sum += weight.applyAsDouble(a[i]);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    private static long[] sorted(Set<Long> values) {
        long[] out = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static Set<String> stopWords() {
        Set<String> out = new HashSet<>();
        for (String line : DataFile.lines("dedup/stopwords.txt")) {
            out.addAll(Arrays.asList(line.split("\\s+")));
        }
        return Set.copyOf(out);
    }
}
