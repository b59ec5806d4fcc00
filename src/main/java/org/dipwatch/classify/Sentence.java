package org.dipwatch.classify;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** A sentence of the article: where it is and its number in reading order. */
record Sentence(int index, int start, int end, String text) {

    /** The sentences of a text in reading order; a paragraph break always ends one. */
    static List<Sentence> of(String text) {
        List<Sentence> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end);
            // a paragraph break always ends a sentence (titles have no full stop)
            int offset = start;
            for (String part : paragraphParts(s)) {
                if (!part.isBlank()) {
                    out.add(new Sentence(out.size(), offset, offset + part.length(), part));
                }
                offset += part.length() + 2;
            }
        }
        return out;
    }

    /** The items (sorted by start) that lie within each sentence, in one sweep. */
    static <T> List<List<T>> bySentence(List<T> items, List<Sentence> sentences,
                                       ToIntFunction<T> start, ToIntFunction<T> end) {
        List<List<T>> out = new ArrayList<>(sentences.size());
        int i = 0;
        for (Sentence s : sentences) {
            List<T> in = new ArrayList<>();
            while (i < items.size() && start.applyAsInt(items.get(i)) < s.start()) {
                i++;
            }
            int j = i;
            while (j < items.size() && start.applyAsInt(items.get(j)) < s.end()) {
                if (end.applyAsInt(items.get(j)) <= s.end()) {
                    in.add(items.get(j));
                }
                j++;
            }
            out.add(in);
        }
        return out;
    }

    /** The text's parts between paragraph breaks ({@code "\n\n"}), empty ones included: {@code split("\n\n", -1)} without a regular expression. */
    private static List<String> paragraphParts(String s) {
        int at = s.indexOf("\n\n");
        if (at < 0) {
            return List.of(s);
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (; at >= 0; at = s.indexOf("\n\n", from)) {
            parts.add(s.substring(from, at));
            from = at + 2;
        }
        parts.add(s.substring(from));
        return parts;
    }
}
