package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dipwatch.classify.LanguageAnalysis.Tokens;
import org.dipwatch.classify.Matcher.Mention;
import org.dipwatch.classify.Matcher.Ref;

/**
 * The names and statement cues of one language, ready to be found in its texts: analyzed once,
 * when the first text of that language is classified, by the language's {@link LanguageAnalysis}
 * (inflected forms match), or, for Chinese, put in a {@link WordTrie} of characters.
 *
 * @param language    the language (ISO 639-1)
 * @param analysis    its analysis, or {@code null} where names are matched on characters
 * @param namePhrases its aliases, analyzed ({@code null} with character matching)
 * @param cuePhrases  its cue phrases, analyzed ({@code null} with character matching)
 * @param nameTrie    its aliases, character by character (else {@code null})
 * @param cueTrie     its cue phrases, character by character (else {@code null})
 */
record LanguageIndex(String language, LanguageAnalysis analysis, Phrases<Ref> namePhrases, Phrases<Cues.Phrase> cuePhrases,
                     WordTrie<List<Ref>> nameTrie, WordTrie<List<Cues.Phrase>> cueTrie) {

    /**
     * The index of a language's aliases (those of {@code entries} written for it) and cue phrases;
     * {@code null} when the language has neither an analysis nor character matching.
     */
    static LanguageIndex build(String language, Iterable<Entry> entries, Map<String, List<Cues.Phrase>> cuePhrases) {
        Map<String, List<Ref>> byText = new HashMap<>();
        for (Entry e : entries) {
            for (Alias a : e.aliases()) {
                if (language.equals(a.language())) {
                    byText.computeIfAbsent(Matcher.fold(a.text()).strip(), k -> new ArrayList<>()).add(new Ref(e, a));
                }
            }
        }
        if (LanguageAnalysis.CHARACTERS.contains(language)) {
            Map<String, List<Ref>> lower = new HashMap<>();
            byText.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
            Map<String, List<Cues.Phrase>> cueLower = new HashMap<>();
            cuePhrases.forEach((k, v) -> cueLower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
            return new LanguageIndex(language, null, null, null, new WordTrie<>(lower), new WordTrie<>(cueLower));
        }
        LanguageAnalysis analysis = LanguageAnalysis.of(language);
        if (analysis == null) {
            return null;
        }
        return new LanguageIndex(language, analysis, new Phrases<>(analysis, byText), new Phrases<>(analysis, cuePhrases), null, null);
    }

    /** The words of a text as this language's analysis cuts them; {@code null} where names are matched on characters. */
    Tokens tokens(String text) {
        return analysis == null ? null : analysis.tokens(text);
    }

    /** Every mention of a name of this language that passes its alias' case rule. */
    List<Mention> mentions(String text, Tokens tokens) {
        List<Mention> out = new ArrayList<>();
        if (nameTrie != null) {
            String folded = Matcher.fold(text);
            nameTrie.find(folded, (start, end, refs) -> {
                for (Ref ref : refs) {
                    if (ref.alias().caseMatches(folded.substring(start, end))) {
                        out.add(new Mention(ref.entry(), ref.alias(), start, end, text.substring(start, end)));
                    }
                }
            });
            return out;
        }
        namePhrases.find(text, tokens, (first, last, words, ref) -> {
            String[] matched = new String[last - first + 1];
            for (int i = first; i <= last; i++) {
                matched[i - first] = text.substring(tokens.starts()[i], tokens.ends()[i]);
            }
            if (ref.alias().caseMatchesWords(words, matched)) {
                int start = tokens.starts()[first];
                int end = tokens.ends()[last];
                out.add(new Mention(ref.entry(), ref.alias(), start, end, text.substring(start, end)));
            }
        });
        return out;
    }

    /** Every cue phrase of this language in the text. */
    List<Cues.Hit> cues(String text, Tokens tokens) {
        List<Cues.Hit> out = new ArrayList<>();
        if (cueTrie != null) {
            cueTrie.find(text, (start, end, phrases) -> phrases.forEach(p -> out.add(new Cues.Hit(p.category(), p.kind(), start, end))));
            return out;
        }
        cuePhrases.find(text, tokens, (first, last, words, p) ->
                out.add(new Cues.Hit(p.category(), p.kind(), tokens.starts()[first], tokens.ends()[last])));
        return out;
    }
}
