package org.dipwatch.classify;

import java.util.List;

/**
 * One way a text names a dictionary entry, with the rules a match must pass.
 *
 * @param text       the words as written in the dictionary
 * @param form       whether it is a name, a demonym or adjective, a metonym or a short name (surname)
 * @param caseRule   how letter case is compared
 * @param ambiguous  whether the words are also a common name or word and need context
 * @param unlessNear words that, within five words, show the match means something else
 * @param language   the language (ISO 639-1) whose texts it is looked for in, by that language's
 *                   analysis so that inflected forms match ({@link LanguageAnalysis}); {@code null}
 *                   for the names of the main lists, looked for as written in every text
 */
record Alias(String text, Form form, CaseRule caseRule, boolean ambiguous, List<String> unlessNear, String language) {

    Alias {
        unlessNear = List.copyOf(unlessNear);
    }

    /** An alias looked for as written, in every text. */
    Alias(String text, Form form, CaseRule caseRule, boolean ambiguous, List<String> unlessNear) {
        this(text, form, caseRule, ambiguous, unlessNear, null);
    }

    /** The same alias, looked for in texts of a language. */
    Alias in(String lang) {
        return new Alias(text, form, caseRule, ambiguous, unlessNear, lang);
    }

    /** How an alias names its entry. */
    enum Form {
        /** A name of the entry ("Russia", "the Kremlin", "Sergey Lavrov"). */
        NAME,
        /** A demonym or adjective ("Russian", "Israelis"): an actor, never a place. */
        DEMONYM,
        /** A capital or seat standing for a government ("Moscow said"): an actor; the place is matched separately. */
        METONYM,
        /** A surname that names an official on its own ("Lavrov"). */
        SHORT
    }

    /** How letter case is compared between the alias and the text. */
    enum CaseRule {
        /**
         * Letters the alias writes in upper case must be upper case in the text; letters it writes in
         * lower case may be either ("Turkey" does not match "turkey"; "foreign ministry" matches
         * "Foreign Ministry").
         */
        AS_WRITTEN,
        /** Exactly as written: for acronyms that collide with words ("US" is not "us"). */
        EXACT,
        /** Any case. */
        ANY
    }

    /**
     * Whether an inflected match passes this alias' case rule, word by word: {@code words} are the
     * alias' words as written, {@code matched} the text's words. Exact aliases (acronyms) must be
     * written the same; otherwise a letter the alias writes in upper case must be upper case in the
     * text's word at the same place, as far as both words go ("Лавровым" for "Лавров", not "лавры").
     * An elided article before the text's word is skipped ("l'Égypte").
     */
    boolean caseMatchesWords(String[] words, String[] matched) {
        if (caseRule == CaseRule.ANY) {
            return true;
        }
        for (int w = 0; w < words.length; w++) {
            String a = words[w];
            String t = matched[w];
            // an elided article or preposition before the word is not part of the name: "l'Égypte", "d'Israël"
            int from = elision(t);
            if (caseRule == CaseRule.EXACT) {
                // the inflection after an acronym is the text's own: "AB'nin", "ООН-а"
                if (!t.startsWith(a, from)) {
                    return false;
                }
                continue;
            }
            for (int i = 0; i < Math.min(a.length(), t.length() - from); i++) {
                if (Character.isUpperCase(a.charAt(i)) && !Character.isUpperCase(t.charAt(from + i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Where a word starts after an elided article or preposition of up to three letters ("l'", "qu'"), else 0. */
    private static int elision(String word) {
        for (int i = 1; i <= 3 && i < word.length() - 1; i++) {
            char c = word.charAt(i);
            if (c == '\'' || c == '\u2019') {
                return i + 1;
            }
            if (!Character.isLetter(c)) {
                return 0;
            }
        }
        return 0;
    }

    /** Whether the text of a match passes this alias' case rule. */
    boolean caseMatches(CharSequence matched) {
        if (caseRule == CaseRule.ANY) {
            return true;
        }
        if (matched.length() != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char a = text.charAt(i);
            char t = matched.charAt(i);
            if (caseRule == CaseRule.EXACT || Character.isUpperCase(a)) {
                if (Matcher.fold(a) != Matcher.fold(t)) {
                    return false;
                }
            } else if (Character.toLowerCase(Matcher.fold(t)) != Character.toLowerCase(Matcher.fold(a))) {
                return false;
            }
        }
        return true;
    }
}
