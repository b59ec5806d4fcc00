package org.dipwatch.alert;

import java.util.ArrayList;
import java.util.List;

/** Shortens article text for an alert: the first paragraphs that fit, or a line cut at a word with an ellipsis. */
final class Excerpt {

    private Excerpt() {
    }

    /**
     * The first paragraphs, joined with blank lines, up to about {@code limit} characters: whole
     * paragraphs while they fit, and the first one cut at a word when it alone is longer.
     */
    static String of(List<String> paragraphs, int limit) {
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String p : paragraphs) {
            int added = (kept.isEmpty() ? 0 : 2) + p.length();
            if (length + added > limit) {
                if (kept.isEmpty()) {
                    kept.add(cut(p, limit));
                }
                break;
            }
            kept.add(p);
            length += added;
        }
        return String.join("\n\n", kept);
    }

    /** {@code s} in at most {@code limit} characters: cut at a word boundary when possible, ending in an ellipsis when cut. */
    static String cut(String s, int limit) {
        if (s.length() <= limit) {
            return s;
        }
        int end = limit - 1;
        if (Character.isLowSurrogate(s.charAt(end))) {
            end--; // never split a character outside the BMP
        }
        int space = s.lastIndexOf(' ', end);
        if (space > limit / 2) {
            end = space;
        }
        return s.substring(0, end).replaceAll("[\\s,;:.\\-–—]+$", "") + "…";
    }
}
