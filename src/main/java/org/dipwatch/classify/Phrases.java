package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.classify.LanguageAnalysis.Tokens;

/**
 * Finds phrases of one language in an analyzed text: each phrase is analyzed once, when the index
 * is built, the same way as the text (but for proclitics, which only the text's words carry), and
 * matches where each of its words shares a form with the
 * text's word at that place ("в секторе Газа" holds "сектор Газа": "сектор" and "секторе" share
 * the stem "сектор"). The words of a match are next to each other, with nothing but white space,
 * hyphens or apostrophes between them.
 *
 * @param <V> what each phrase stands for
 */
final class Phrases<V> {

    /** Receives one match: the text's words {@code first} to {@code last} (inclusive), and the phrase's words as written. */
    interface Hit<V> {
        void hit(int first, int last, String[] words, V value);
    }

    private record Phrase<V>(String[][] forms, String[] words, V value) {
    }

    private final Map<String, List<Phrase<V>>> byFirstForm = new HashMap<>();

    /** An index of the phrases (text → what it stands for), analyzed by {@code analysis}. */
    Phrases(LanguageAnalysis analysis, Map<String, List<V>> phrases) {
        for (Map.Entry<String, List<V>> e : phrases.entrySet()) {
            Tokens t = analysis.nameTokens(e.getKey());
            if (t.size() == 0) {
                continue;
            }
            String[] words = new String[t.size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = e.getKey().substring(t.starts()[i], t.ends()[i]);
            }
            for (V value : e.getValue()) {
                Phrase<V> p = new Phrase<>(t.forms(), words, value);
                for (String form : t.forms()[0]) {
                    byFirstForm.computeIfAbsent(form, k -> new ArrayList<>(2)).add(p);
                }
            }
        }
    }

    /** Calls {@code hit} for every phrase found in the text (whose words are {@code tokens}). */
    void find(String text, Tokens tokens, Hit<V> hit) {
        String[][] forms = tokens.forms();
        List<Phrase<V>> seen = new ArrayList<>();
        for (int i = 0; i < forms.length; i++) {
            seen.clear();
            for (String form : forms[i]) {
                List<Phrase<V>> candidates = byFirstForm.get(form);
                if (candidates == null) {
                    continue;
                }
                for (Phrase<V> p : candidates) {
                    if (!containsSame(seen, p) && matchesFrom(text, tokens, i, p)) {
                        seen.add(p);
                        hit.hit(i, i + p.forms().length - 1, p.words(), p.value());
                    }
                }
            }
        }
    }

    private static <V> boolean containsSame(List<Phrase<V>> list, Phrase<V> p) {
        for (Phrase<V> q : list) {
            if (q == p) {
                return true;
            }
        }
        return false;
    }

    private static <V> boolean matchesFrom(String text, Tokens tokens, int first, Phrase<V> p) {
        int n = p.forms().length;
        if (first + n > tokens.size()) {
            return false;
        }
        for (int j = 1; j < n; j++) {
            int at = first + j;
            if (!joined(text, tokens.ends()[at - 1], tokens.starts()[at]) || !shareForm(p.forms()[j], tokens.forms()[at])) {
                return false;
            }
        }
        return true;
    }

    private static boolean shareForm(String[] a, String[] b) {
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether only white space, hyphens or apostrophes stand between two words. */
    private static boolean joined(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = Matcher.fold(text.charAt(i));
            if (c != ' ' && c != '\'' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
