package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dipwatch.text.Runs;

/**
 * Finds phrases as written (any case) word by word: the text is cut once into words (runs of
 * letters and digits), and a phrase matches where its words follow one another with nothing but
 * white space or hyphens between ("war-torn" is "war torn"). Unlike a {@link WordTrie}, a short
 * phrase costs nothing where it stands inside a longer word: "in" and "to", of which English texts
 * are full, are looked up once per word, not reported at every "in" of "against" or "into".
 *
 * @param <V> what each phrase stands for
 */
final class WordPhrases<V> {

    private record Phrase<V>(String[] words, V value) {
    }

    /** The phrases by their first word, looked up by a word where it stands in the text. */
    private final WordTable<List<Phrase<V>>> table;
    private final boolean empty;

    /** An index of the phrases (text, any case → what it stands for). */
    WordPhrases(Map<String, List<V>> phrases) {
        Map<String, List<Phrase<V>>> byFirstWord = new HashMap<>();
        for (Map.Entry<String, List<V>> e : phrases.entrySet()) {
            List<String> words = new ArrayList<>();
            String folded = Matcher.fold(e.getKey()).toLowerCase(Locale.ROOT);
            Runs.of(folded, Character::isLetterOrDigit, (start, end) -> words.add(folded.substring(start, end)));
            if (words.isEmpty()) {
                continue;
            }
            for (V value : e.getValue()) {
                byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>(1)).add(new Phrase<>(words.toArray(String[]::new), value));
            }
        }
        table = new WordTable<>(byFirstWord);
        empty = byFirstWord.isEmpty();
    }

    /** The words of one text: where each stands, and each lowered (ASCII in place, the others as strings). */
    private static final class Words {
        final String text;
        final char[] low;
        int[] starts = new int[64];
        int[] ends = new int[64];
        String[] other;
        int count;

        Words(String text) {
            this.text = text;
            int n = text.length();
            this.low = new char[n];
            int i = 0;
            while (i < n) {
                if (!Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                boolean ascii = true;
                for (char c; i < n && Character.isLetterOrDigit(c = text.charAt(i)); i++) {
                    if (c < 0x80) {
                        low[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                    } else {
                        ascii = false;
                    }
                }
                if (count == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, count * 2);
                    ends = java.util.Arrays.copyOf(ends, count * 2);
                    other = other == null ? null : java.util.Arrays.copyOf(other, count * 2);
                }
                starts[count] = start;
                ends[count] = i;
                if (!ascii) {
                    if (other == null) {
                        other = new String[starts.length];
                    }
                    other[count] = text.substring(start, i).toLowerCase(Locale.ROOT);
                }
                count++;
            }
        }

        /** Whether word {@code w} lowered is {@code word}. */
        boolean is(int w, String word) {
            if (other != null && other[w] != null) {
                return other[w].equals(word);
            }
            int length = ends[w] - starts[w];
            if (word.length() != length) {
                return false;
            }
            for (int k = 0; k < length; k++) {
                if (word.charAt(k) != low[starts[w] + k]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Calls {@code hit} for every phrase found in the text, with its start and (exclusive) end. */
    void find(String text, WordTrie.Hit<V> hit) {
        if (empty) {
            return;
        }
        Words words = new Words(text);
        for (int i = 0; i < words.count; i++) {
            List<Phrase<V>> candidates = lookUp(words, i);
            if (candidates == null) {
                continue;
            }
            for (Phrase<V> p : candidates) {
                int n = p.words().length;
                if (i + n <= words.count && follows(words, i, p.words())) {
                    hit.hit(words.starts[i], words.ends[i + n - 1], p.value());
                }
            }
        }
    }

    private List<Phrase<V>> lookUp(Words words, int w) {
        String other = words.other == null ? null : words.other[w];
        return other != null ? table.get(other) : table.get(words.low, words.starts[w], words.ends[w]);
    }

    private static boolean follows(Words words, int first, String[] phrase) {
        String text = words.text;
        for (int j = 1; j < phrase.length; j++) {
            if (!words.is(first + j, phrase[j])) {
                return false;
            }
            for (int c = words.ends[first + j - 1]; c < words.starts[first + j]; c++) {
                if (Matcher.fold(text.charAt(c)) != ' ' && !Character.isWhitespace(text.charAt(c))) {
                    return false;
                }
            }
        }
        return true;
    }
}
