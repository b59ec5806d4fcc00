package org.dipwatch.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;

/**
 * Turns a {@link Draft} from any reader into an {@link Article} in the corpus' normalized shape:
 * every paragraph and the title cleaned of stray characters and white space, empty paragraphs
 * dropped.
 *
 * <p>Cleaning a piece of text applies, in this order: Unicode NFC; removal of zero-width
 * characters (U+200B to U+200D, U+2060, U+FEFF) and of control characters that are not white
 * space; folding of every run of white space (spaces, tabs, line ends, no-break and other Unicode
 * spaces) into one space; trimming. Typographic quotes and dashes stay as they are. A paragraph
 * that repeats another is kept: sources repeat a lead under a dateline, and that is their text.
 * Cleaning is idempotent, and so is the round trip through a seed file: for every article
 * {@code a} this class made, {@code normalize(SeedText.parse(a.text())).text()} equals
 * {@code a.text()}.
 */
public final class Normalizer {

    private Normalizer() {
    }

    /**
     * The article that the draft holds, with title and paragraphs cleaned; the date and the URL are
     * taken over as they are.
     *
     * @param draft what a reader extracted
     * @return the normalized article
     * @throws IllegalArgumentException when neither a title nor a paragraph has any text left
     */
    public static Article normalize(Draft draft) {
        Objects.requireNonNull(draft, "draft");
        String title = clean(draft.title());
        if (title != null && title.isEmpty()) {
            title = null;
        }
        List<String> paragraphs = new ArrayList<>(draft.paragraphs().size());
        for (String paragraph : draft.paragraphs()) {
            String cleaned = clean(paragraph);
            if (cleaned != null && !cleaned.isEmpty()) {
                paragraphs.add(cleaned);
            }
        }
        if (title == null && paragraphs.isEmpty()) {
            throw new IllegalArgumentException("normalize: the draft"
                    + (draft.url() == null ? "" : " from " + draft.url())
                    + " has no text left: its title and all " + draft.paragraphs().size()
                    + " paragraphs are empty once white space and invisible characters are removed");
        }
        return new Article(title, draft.published(), paragraphs, draft.url());
    }

    /** The text cleaned as the class documentation says; {@code null} stays {@code null}. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        if (isClean(text)) {
            return text; // most text (and every seed file read back) is clean already: no copy, no NFC pass
        }
        String composed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < composed.length(); ) {
            int c = composed.codePointAt(i);
            i += Character.charCount(c);
            if (isSpace(c)) {
                pendingSpace = true;
            } else if (!isInvisible(c)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether cleaning would leave the text as it is: no white space but single spaces between
     * words, nothing invisible, and NFC already (only asked of text that is not all ASCII). Text
     * with characters outside the Basic Multilingual Plane takes the long way.
     */
    private static boolean isClean(String text) {
        boolean ascii = true;
        char previous = ' '; // a leading space is not clean
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (previous == ' ') {
                    return false;
                }
            } else if (c < 0x21 || c == 0x7F) {
                return false;
            } else if (c >= 0x80) {
                if (Character.isSurrogate(c) || isSpace(c) || isInvisible(c)) {
                    return false;
                }
                ascii = false;
            }
            previous = c;
        }
        return previous != ' ' && (ascii || java.text.Normalizer.isNormalized(text, java.text.Normalizer.Form.NFC));
    }

    /** White space of any script, including the no-break spaces and NEL that Java does not count. */
    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    private static boolean isInvisible(int c) {
        return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF
                || Character.getType(c) == Character.CONTROL;
    }
}
