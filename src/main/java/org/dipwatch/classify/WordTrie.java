package org.dipwatch.classify;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds many phrases in a text in one pass (Aho-Corasick over a double-array trie), in any case,
 * as whole words only: a match must not have a letter or digit right before or after it, so
 * "Oman" is not found in "Romania". Chinese characters are written without spaces between words,
 * so a boundary between a Han character and a letter is no word boundary that is needed:
 * "以色列" is found in "敦促以色列和哈马斯". Offsets are those of the text given.
 *
 * @param <V> what each phrase stands for
 */
final class WordTrie<V> {

    /** Receives one whole-word match: {@code end} is exclusive. */
    interface Hit<V> {
        void hit(int start, int end, V value);
    }

    private final AhoCorasickDoubleArrayTrie<V> trie = new AhoCorasickDoubleArrayTrie<>();
    private final boolean empty;

    /** A trie of the given phrases (keys in lower case). */
    WordTrie(Map<String, V> phrases) {
        this.empty = phrases.isEmpty();
        if (!empty) {
            trie.build(new TreeMap<>(phrases));
        }
    }

    /** Calls {@code hit} for every whole-word occurrence of a phrase in the text, in any case. */
    void find(String text, Hit<V> hit) {
        if (empty) {
            return;
        }
        char[] lower = new char[text.length()];
        for (int i = 0; i < lower.length; i++) {
            // char by char, so that offsets stay those of the text
            lower[i] = Character.toLowerCase(text.charAt(i));
        }
        trie.parseText(lower, (start, end, value) -> {
            if ((start == 0 || !joinsWord(lower[start - 1], lower[start]))
                    && (end == lower.length || !joinsWord(lower[end], lower[end - 1]))) {
                hit.hit(start, end, value);
            }
        });
    }

    /** Whether a neighbouring character continues the word a match starts or ends with. */
    private static boolean joinsWord(char neighbour, char edge) {
        return Character.isLetterOrDigit(neighbour) && !Character.isIdeographic(neighbour) && !Character.isIdeographic(edge);
    }

    /** The text of every phrase found, in the order found (overlapping ones included). */
    List<String> findAll(String text) {
        List<String> out = new java.util.ArrayList<>();
        find(text, (s, e, v) -> out.add(text.substring(s, e)));
        return out;
    }
}
