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

    private final Map<String, List<Phrase<V>>> byFirstWord = new HashMap<>();

    /** An index of the phrases (text, any case → what it stands for). */
    WordPhrases(Map<String, List<V>> phrases) {
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
    }

    /** Calls {@code hit} for every phrase found in the text, with its start and (exclusive) end. */
    void find(String text, WordTrie.Hit<V> hit) {
        if (byFirstWord.isEmpty()) {
            return;
        }
        List<int[]> words = new ArrayList<>();
        Runs.of(text, Character::isLetterOrDigit, (start, end) -> words.add(new int[] {start, end}));
        String[] lower = new String[words.size()];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = text.substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < lower.length; i++) {
            List<Phrase<V>> candidates = byFirstWord.get(lower[i]);
            if (candidates == null) {
                continue;
            }
            for (Phrase<V> p : candidates) {
                int n = p.words().length;
                if (i + n <= lower.length && follows(text, words, lower, i, p.words())) {
                    hit.hit(words.get(i)[0], words.get(i + n - 1)[1], p.value());
                }
            }
        }
    }

    private static boolean follows(String text, List<int[]> words, String[] lower, int first, String[] phrase) {
        for (int j = 1; j < phrase.length; j++) {
            if (!lower[first + j].equals(phrase[j])) {
                return false;
            }
            for (int c = words.get(first + j - 1)[1]; c < words.get(first + j)[0]; c++) {
                if (Matcher.fold(text.charAt(c)) != ' ' && !Character.isWhitespace(text.charAt(c))) {
                    return false;
                }
            }
        }
        return true;
    }
}
