package org.dipwatch.classify;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds many phrases in a text, in any case, as whole words only: a match must not have a letter
 * or digit right before or after it, so "Oman" is not found in "Romania". Chinese characters are
 * written without spaces between words, so a boundary between a Han character and a letter is no
 * word boundary that is needed: "以色列" is found in "敦促以色列和哈马斯". Offsets are those of the
 * text given; hits come in the order of the positions where they end.
 *
 * <p>A phrase that starts with a word (letters and digits, no Han character) can only be found
 * where a word of the text starts, and only if that word is the phrase's first: such phrases are
 * kept by their first word, and the text is read a word at a time, each word looked up once and
 * the rest of a phrase compared where it matches. The phrases that start otherwise (a Han
 * character, a sign) go through an Aho-Corasick automaton (a double-array trie), which is run
 * only over a text holding a character one of them starts with. The automaton over every phrase
 * reported each place a phrase ended, inside words too (the dictionaries' two-letter codes and
 * short names ended at a tenth of a text's characters, nine in ten of them inside a word), and
 * read every character of every text: a third of the classifier's time.
 *
 * @param <V> what each phrase stands for
 */
final class WordTrie<V> {

    /** Receives one whole-word match: {@code end} is exclusive. */
    interface Hit<V> {
        void hit(int start, int end, V value);
    }

    /** The phrases that begin with one first word: the word alone, and the longer ones (what follows the word, and their values). */
    private static final class First {
        final int length;
        Object alone;
        char[][] rests = new char[0][];
        Object[] values = new Object[0];

        First(int length) {
            this.length = length;
        }

        void add(String phrase, Object value) {
            if (phrase.length() == length) {
                alone = value;
                return;
            }
            rests = Arrays.copyOf(rests, rests.length + 1);
            values = Arrays.copyOf(values, values.length + 1);
            rests[rests.length - 1] = phrase.substring(length).toCharArray();
            values[values.length - 1] = value;
        }
    }

    /** The phrases by their first word, looked up by a stretch of the text. */
    private final WordTable<First> firsts;
    private final boolean words;
    /** The phrases that do not start with a word, and the characters they start with. */
    private final AhoCorasickDoubleArrayTrie<V> trie = new AhoCorasickDoubleArrayTrie<>();
    private final boolean others;
    private final char[] otherStarts;

    /** A trie of the given phrases (keys in lower case). */
    WordTrie(Map<String, V> phrases) {
        Map<String, V> rest = new TreeMap<>();
        Map<String, First> byFirst = new HashMap<>();
        StringBuilder starts = new StringBuilder();
        for (Map.Entry<String, V> e : phrases.entrySet()) {
            String key = e.getKey();
            int word = 0;
            while (word < key.length() && isWordChar(key.charAt(word))) {
                word++;
            }
            if (word == 0) {
                rest.put(key, e.getValue());
                if (starts.indexOf(key.substring(0, 1)) < 0) {
                    starts.append(key.charAt(0));
                }
                continue;
            }
            String first = key.substring(0, word);
            byFirst.computeIfAbsent(first, f -> new First(f.length())).add(key, e.getValue());
        }
        this.firsts = new WordTable<>(byFirst);
        this.words = !byFirst.isEmpty();
        this.others = !rest.isEmpty();
        if (others) {
            trie.build(rest);
        }
        this.otherStarts = starts.toString().toCharArray();
        Arrays.sort(otherStarts);
    }

    /** Calls {@code hit} for every whole-word occurrence of a phrase in the text, in any case. */
    void find(String text, Hit<V> hit) {
        if (!others && !words) {
            return;
        }
        char[] lower = new char[text.length()];
        boolean otherStart = false;
        for (int i = 0; i < lower.length; i++) {
            // char by char, so that offsets stay those of the text
            lower[i] = Character.toLowerCase(text.charAt(i));
            if (others && !otherStart) {
                otherStart = Arrays.binarySearch(otherStarts, lower[i]) >= 0;
            }
        }
        Found found = words ? byWords(lower) : new Found();
        if (otherStart) {
            int[] next = {0};
            trie.parseText(lower, (start, end, value) -> {
                if ((start == 0 || !joinsWord(lower[start - 1], lower[start]))
                        && (end == lower.length || !joinsWord(lower[end], lower[end - 1]))) {
                    next[0] = found.report(next[0], end, hit); // the phrases that ended before this one first
                    hit.hit(start, end, value);
                }
            });
            found.report(next[0], Integer.MAX_VALUE, hit);
        } else {
            found.report(0, Integer.MAX_VALUE, hit);
        }
    }

    /** The phrases that start with a word, found at the words of the text, sorted by where they end. */
    private Found byWords(char[] lower) {
        Found found = new Found();
        for (int i = 0; i < lower.length; ) {
            if (!isWordChar(lower[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < lower.length && isWordChar(lower[i])) {
                i++;
            }
            First f = firsts.get(lower, start, i);
            if (f == null) {
                continue;
            }
            if (f.alone != null) {
                found.add(start, i, f.alone);
            }
            for (int r = 0; r < f.rests.length; r++) {
                char[] more = f.rests[r];
                int end = i + more.length;
                if (end <= lower.length && Arrays.equals(more, 0, more.length, lower, i, end)
                        && (end == lower.length || !joinsWord(lower[end], lower[end - 1]))) {
                    found.add(start, end, f.values[r]);
                }
            }
        }
        found.sortByEnd();
        return found;
    }

    /** Hits found word by word: start, end and value of each, reported in the order of their ends. */
    private final class Found {
        private long[] order = new long[16];
        private int[] starts = new int[16];
        private Object[] values = new Object[16];
        private int count;
        private boolean sorted = true;

        void add(int start, int end, Object value) {
            if (count == starts.length) {
                order = Arrays.copyOf(order, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            sorted &= count == 0 || end >= (int) (order[count - 1] >>> 32);
            order[count] = (long) end << 32 | count;
            starts[count] = start;
            values[count] = value;
            count++;
        }

        void sortByEnd() {
            if (!sorted) {
                Arrays.sort(order, 0, count); // by end, then by when found
            }
        }

        /** Reports the hits from {@code from} on that end before {@code before}; returns where it stopped. */
        @SuppressWarnings("unchecked")
        int report(int from, int before, Hit<V> hit) {
            int i = from;
            for (; i < count && (int) (order[i] >>> 32) < before; i++) {
                int at = (int) order[i];
                hit.hit(starts[at], (int) (order[i] >>> 32), (V) values[at]);
            }
            return i;
        }
    }

    /** A character that continues a word on both sides: a letter or digit that is not a Han character. */
    private static boolean isWordChar(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
        }
        return Character.isLetterOrDigit(c) && !Character.isIdeographic(c);
    }

    /** Whether a neighbouring character continues the word a match starts or ends with. */
    private static boolean joinsWord(char neighbour, char edge) {
        return Character.isLetterOrDigit(neighbour) && !Character.isIdeographic(neighbour) && !Character.isIdeographic(edge);
    }

    /** The text of every phrase found, in the order found (overlapping ones included). */
    List<String> findAll(String text) {
        List<String> out = new ArrayList<>();
        find(text, (s, e, v) -> out.add(text.substring(s, e)));
        return out;
    }
}
