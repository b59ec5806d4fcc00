package org.dipwatch.classify;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Adds, at the same position as a word that begins with one-letter proclitics (Arabic "و", "ب",
 * "ل"; Hebrew "ו", "ב", "ה" …), the word without them: "بغزة" also stands as "غزة", "ובישראל" as
 * "בישראל" and "ישראל". The word itself stays, so a name that begins with such a letter still
 * matches; a name is compared by every form, so a stripped form that is no name does no harm.
 */
final class ProcliticFilter extends TokenFilter {

    private final String letters;
    private final int max;
    private final int minRest;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> variants = new ArrayDeque<>();
    private State word;

    /**
     * @param letters the proclitic letters
     * @param max     how many may stand before a word
     * @param minRest how many letters must remain
     */
    ProcliticFilter(TokenStream input, String letters, int max, int minRest) {
        super(input);
        this.letters = letters;
        this.max = max;
        this.minRest = minRest;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!variants.isEmpty()) {
            restoreState(word);
            term.setEmpty().append(variants.poll());
            increment.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        for (int k = 1; k <= max && term.length() - k >= minRest && letters.indexOf(term.charAt(k - 1)) >= 0; k++) {
            variants.add(term.subSequence(k, term.length()).toString());
        }
        if (!variants.isEmpty()) {
            word = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        variants.clear();
        word = null;
    }
}
