package org.dipwatch.ingest;

/**
 * The character-level clean-ups of a feed's text, each a single pass over it: they run on every
 * text node of every item of every poll (a first poll of 200 feeds is 10,000 items), where the
 * regular expressions they replace tried a match at each character and took a third of the
 * feed parsing. {@code FeedTextTest} holds each to the regular expression it replaces.
 */
final class FeedText {

    private FeedText() {
    }

    /** Whether a character is one of {@code [\s\u00A0]}: Java's {@code \s} ({@code [ \t\n\x0B\f\r]}) or a no-break space. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '\u00A0';
    }

    /** Each run of white space (no-break spaces included) as one space: {@code [\s\u00A0]+} replaced by {@code " "}. */
    static String collapseSpaces(String text) {
        int n = text.length();
        int i = 0;
        // the common case: nothing to change (no white space but single plain spaces)
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c) && (c != ' ' || i + 1 < n && isSpace(text.charAt(i + 1)))) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                out.append(' ');
                while (i < n && isSpace(text.charAt(i))) {
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Line breaks without the spaces and tabs around them, and never more than two in a row:
     * {@code [ \t]*\n[ \t]*} replaced by {@code "\n"}, then {@code \n{3,}} by {@code "\n\n"}.
     */
    static String tidyLines(CharSequence chars) {
        String text = chars.toString();
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (true) {
            int next = text.indexOf('\n', i);
            if (next < 0) {
                return out.append(text, i, n).toString();
            }
            out.append(text, i, next);
            int end = out.length();
            while (end > 0 && isBlank(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
            if (end < 2 || out.charAt(end - 1) != '\n' || out.charAt(end - 2) != '\n') {
                out.append('\n');
            }
            i = next + 1;
            while (i < n && isBlank(text.charAt(i))) {
                i++;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * The text with each {@code &} that starts neither a character reference nor a named entity
     * written {@code &amp;}: {@code &(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9._-]*;)}
     * replaced by {@code "&amp;"}.
     */
    static String escapeBareAmpersands(String xml) {
        int at = xml.indexOf('&');
        if (at < 0) {
            return xml;
        }
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            if (!startsReference(xml, at + 1)) {
                if (out == null) {
                    out = new StringBuilder(xml.length() + 64);
                }
                out.append(xml, copied, at + 1).append("amp;");
                copied = at + 1;
            }
            at = xml.indexOf('&', at + 1);
        }
        return out == null ? xml : out.append(xml, copied, xml.length()).toString();
    }

    /** Whether a reference ({@code #123;}, {@code #x1F;}, {@code name;}) starts at {@code i}. */
    private static boolean startsReference(String s, int i) {
        int n = s.length();
        if (i >= n) {
            return false;
        }
        char c = s.charAt(i);
        int j;
        if (c == '#') {
            boolean hex = i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X');
            // "&#x;" is not hexadecimal; "&#x1;" is, and "&#1;" decimal
            j = hex ? i + 2 : i + 1;
            int digits = j;
            while (j < n && (hex ? Character.digit(s.charAt(j), 16) >= 0 && s.charAt(j) < 128 : s.charAt(j) >= '0' && s.charAt(j) <= '9')) {
                j++;
            }
            if (j > digits && j < n && s.charAt(j) == ';') {
                return true;
            }
            return false;
        }
        if (!isAsciiLetter(c)) {
            return false;
        }
        j = i + 1;
        while (j < n && (isAsciiLetter(s.charAt(j)) || s.charAt(j) >= '0' && s.charAt(j) <= '9' || s.charAt(j) == '.'
                || s.charAt(j) == '_' || s.charAt(j) == '-')) {
            j++;
        }
        return j < n && s.charAt(j) == ';';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** Where {@code <!DOCTYPE} (any case) first stands, or -1. */
    static int doctype(String xml) {
        for (int at = xml.indexOf("<!"); at >= 0; at = xml.indexOf("<!", at + 2)) {
            if (xml.regionMatches(true, at, "<!DOCTYPE", 0, 9)) {
                return at;
            }
        }
        return -1;
    }
}
