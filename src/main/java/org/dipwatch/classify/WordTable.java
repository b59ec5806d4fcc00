package org.dipwatch.classify;

import java.util.Map;

/**
 * Words (lower case) and what each stands for, in an open-addressing table that is looked up by a
 * stretch of a text itself: the classifier looks up every word of every text, and a
 * {@code HashMap<String, …>} would need a string made for each. Read-only once built; safe to
 * share between threads.
 *
 * @param <V> what each word stands for
 */
final class WordTable<V> {

    private final String[] keys;
    private final Object[] values;
    private final int shortest;
    private final int longest;

    WordTable(Map<String, V> words) {
        int slots = Integer.highestOneBit(Math.max(4, words.size() * 2 - 1)) << 1; // at most half full
        keys = new String[slots];
        values = new Object[slots];
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Map.Entry<String, V> e : words.entrySet()) {
            String key = e.getKey();
            int at = slot(key.hashCode());
            while (keys[at] != null) {
                at = (at + 1) & (slots - 1);
            }
            keys[at] = key;
            values[at] = e.getValue();
            min = Math.min(min, key.length());
            max = Math.max(max, key.length());
        }
        shortest = min;
        longest = max;
    }

    /** What the word spelt by {@code text[from, to)} stands for, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(char[] text, int from, int to) {
        int length = to - from;
        if (length < shortest || length > longest) {
            return null;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text[i]; // String.hashCode of the same characters
        }
        for (int at = slot(h); keys[at] != null; at = (at + 1) & (keys.length - 1)) {
            String k = keys[at];
            if (k.length() == length && matches(k, text, from)) {
                return (V) values[at];
            }
        }
        return null;
    }

    /** What a word stands for, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(String word) {
        for (int at = slot(word.hashCode()); keys[at] != null; at = (at + 1) & (keys.length - 1)) {
            if (keys[at].equals(word)) {
                return (V) values[at];
            }
        }
        return null;
    }

    private static boolean matches(String key, char[] text, int from) {
        for (int k = 0; k < key.length(); k++) {
            if (key.charAt(k) != text[from + k]) {
                return false;
            }
        }
        return true;
    }

    private int slot(int hash) {
        int h = hash ^ hash >>> 16;
        return (h * 0x9E3779B9) >>> 7 & (keys.length - 1);
    }
}
