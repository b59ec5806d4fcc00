package org.dipwatch.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * How the text of one language is cut into words and each word reduced to the forms a dictionary
 * name is compared by, with Lucene's analyzers, so that an inflected word finds its entry:
 * <ul>
 *   <li>{@code ru}: Snowball's Russian stemmer ("Израиля", "Израилем" → "израил");</li>
 *   <li>{@code uk}: Morfologik's Ukrainian lemmatizer with the VESUM dictionary ("Ізраїлю" → "Ізраїль");</li>
 *   <li>{@code ar}: Lucene's Arabic normalizer and light stemmer (article, "و" and suffixes), after the
 *       one-letter prepositions and conjunctions are split off ("بغزة", "لإسرائيل");</li>
 *   <li>{@code fa}: Lucene's Persian chain (zero-width non-joiner, Arabic and Persian normalization, stemmer);</li>
 *   <li>{@code he}: the one-letter prefixes split off ("בישראל", "ולבנון"); Lucene has no Hebrew analyzer;</li>
 *   <li>{@code tr}: Turkish apostrophe handling ("Türkiye'nin"), Turkish lower case, Snowball's Turkish stemmer;</li>
 *   <li>{@code fr}, {@code es}, {@code de}: Lucene's French (with elision: "l'Égypte"), Spanish and German
 *       analyzers, without stop words;</li>
 *   <li>{@code zh}: none: Chinese is written without spaces and does not inflect, so its names are
 *       matched on characters ({@link WordTrie} with Han characters needing no word boundary).</li>
 * </ul>
 * Every word keeps, beside its analyzed forms, its own lower-cased form: the Russian stemmer takes
 * "Лавров" to "лавр" but "Лавровым" to "лавров", and a name matches when any form of each word agrees.
 * No stop words are removed, so the words of a name stay next to each other.
 */
final class LanguageAnalysis {

    /** The languages with an analyzer of their own; the others (English among them) match names as written. */
    static final Set<String> TOKENIZED = Set.of("ru", "uk", "ar", "fa", "he", "tr", "fr", "es", "de");
    /** The languages matched on characters. */
    static final Set<String> CHARACTERS = Set.of("zh", "ja");

    /**
     * Arabic one-letter proclitics written joined to the next word: the conjunctions wa and fa and the
     * prepositions bi, li, ka. Lucene's light stemmer strips only the article and its combinations
     * ("وال", "بال", "لل"): a single letter is too often part of a common word for a search engine, but
     * before a dictionary name it is a prefix.
     */
    static final String ARABIC_PROCLITICS = "وفبلك";
    /** Hebrew one-letter prefixes (the conjunction, the article, the prepositions and "that"): ו ה ב ל מ ש כ. */
    static final String HEBREW_PROCLITICS = "והבלמשכ";

    /** The analyzed words of a text: for each word its offsets in the text and every form it is compared by. */
    record Tokens(int[] starts, int[] ends, String[][] forms) {

        /** The tokens of words found at these offsets ({start, end} each) with these forms. */
        static Tokens of(List<int[]> offsets, List<String[]> forms) {
            int n = offsets.size();
            int[] starts = new int[n];
            int[] ends = new int[n];
            for (int i = 0; i < n; i++) {
                starts[i] = offsets.get(i)[0];
                ends[i] = offsets.get(i)[1];
            }
            return new Tokens(starts, ends, forms.toArray(String[][]::new));
        }

        int size() {
            return starts.length;
        }
    }

    private final String language;
    private final Analyzer analyzer;
    private final Analyzer names;

    /**
     * For a dictionary lemmatizer (Ukrainian's Morfologik), the words alone, without their lemmas
     * (same character filter and tokenizer), and the lemmas of each word as met before: a lookup in
     * the dictionary for every word of every text was most of a Ukrainian article's classification
     * (1.3 ms, the other languages under 0.7). The lemmas of a word do not depend on its neighbours,
     * so a word's forms are the same whether looked up in its text or alone. {@code null}: no cache.
     */
    private final Analyzer words;
    private final java.util.concurrent.ConcurrentHashMap<String, String[]> lemmas;
    /** Word forms whose lemmas are kept, at most (about 120 bytes each, 6 MB in all); the cache starts again past it. */
    static final int MAX_CACHED_WORDS = 50_000;

    private LanguageAnalysis(String language, Analyzer analyzer, Analyzer names) {
        this.language = language;
        this.analyzer = analyzer;
        this.names = names;
        this.words = language.equals("uk") ? new UkrainianWords() : null;
        this.lemmas = words == null ? null : new java.util.concurrent.ConcurrentHashMap<>();
    }

    /**
     * Ukrainian's tokenizer without its lemmatizer: the words at the places the whole analyzer finds
     * them (its character filter only replaces apostrophes and drops stress marks, which break no
     * word: {@code LanguageAnalysisCacheTest} holds the two to the same words and forms).
     */
    private static final class UkrainianWords extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, source);
        }
    }

    /** The analysis of a language (ISO 639-1), or {@code null} when its names are matched as written. */
    static LanguageAnalysis of(String language) {
        Analyzer analyzer = switch (language) {
            case "ru" -> chain(t -> new SnowballFilter(new LowerCaseFilter(t), new RussianStemmer()));
            case "uk" -> new UkrainianMorfologikAnalyzer(CharArraySet.EMPTY_SET);
            case "ar" -> arabic(true);
            case "fa" -> new PersianAnalyzer(CharArraySet.EMPTY_SET);
            case "he" -> hebrew(true);
            case "tr" -> chain(t -> new SnowballFilter(new TurkishLowerCaseFilter(new ApostropheFilter(t)), new TurkishStemmer()));
            case "fr" -> new FrenchAnalyzer(CharArraySet.EMPTY_SET);
            case "es" -> new SpanishAnalyzer(CharArraySet.EMPTY_SET);
            case "de" -> new GermanAnalyzer(CharArraySet.EMPTY_SET);
            default -> null;
        };
        if (analyzer == null) {
            return null;
        }
        // a dictionary name or cue is written without proclitics: its stripped forms ("كايين", Cayenne,
        // without "ك"; "וינה", Vienna, without "ו") would match words it is not ("أي", "וכינה"); only
        // the Hebrew article may go (the Arabic one the stemmer removes on both sides)
        Analyzer names = switch (language) {
            case "ar" -> arabic(false);
            case "he" -> hebrew(false);
            default -> analyzer;
        };
        return new LanguageAnalysis(language, analyzer, names);
    }

    private static Analyzer arabic(boolean proclitics) {
        return chain(t -> {
            TokenStream normalized = new ArabicNormalizationFilter(new LowerCaseFilter(t));
            return new ArabicStemFilter(proclitics ? new ProcliticFilter(normalized, ARABIC_PROCLITICS, 2, 2) : normalized);
        });
    }

    /**
     * Hebrew: the text's words lose up to three one-letter prefixes; a name only its article "ה",
     * which a preposition before it absorbs ("הבית הלבן" is written "בבית הלבן", at the White House).
     */
    private static Analyzer hebrew(boolean proclitics) {
        return chain(t -> proclitics ? new ProcliticFilter(t, HEBREW_PROCLITICS, 3, 2) : new ProcliticFilter(t, "ה", 1, 2));
    }

    String language() {
        return language;
    }

    private static Analyzer chain(java.util.function.Function<Tokenizer, TokenStream> filters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, filters.apply(source));
            }
        };
    }

    /** The words of a text with their forms: the analyzer's (lemmas, stems; several at one place) and the word lower-cased. */
    Tokens tokens(String text) {
        return words == null ? tokens(analyzer, text) : cachedTokens(text);
    }

    /** What the whole analyzer makes of one word: its lemmas, lower-cased (the word's own spelling only if one of them). */
    private String[] lemmasAlone(String word) {
        List<String> out = new ArrayList<>(4);
        try (TokenStream ts = analyzer.tokenStream("text", word)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(lower(term));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("classify: analysing text in '" + language + "' failed", e);
        }
        return out.toArray(String[]::new);
    }

    /** {@link #tokens(String)} by the whole analyzer over the whole text, without the word cache (tests compare the two). */
    Tokens uncachedTokens(String text) {
        return tokens(analyzer, text);
    }

    /** {@link #tokens(String)} through the word cache: each word's lemmas looked up once. */
    private Tokens cachedTokens(String text) {
        List<int[]> offsets = new ArrayList<>();
        List<String[]> forms = new ArrayList<>();
        try (TokenStream ts = words.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                // the analyzer lower-cases each word (code point by code point) before its lemmas are looked up
                String word = term.toString().codePoints().map(Character::toLowerCase)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                String[] lemmasOf = lemmas.get(word);
                if (lemmasOf == null) {
                    lemmasOf = lemmasAlone(word);
                    if (lemmas.size() >= MAX_CACHED_WORDS) {
                        lemmas.clear();
                    }
                    lemmas.put(word, lemmasOf);
                }
                Set<String> set = new LinkedHashSet<>(4);
                set.add(text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT));
                for (String lemma : lemmasOf) {
                    set.add(lemma);
                }
                offsets.add(new int[] {offset.startOffset(), offset.endOffset()});
                forms.add(set.toArray(String[]::new));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("classify: analysing text in '" + language + "' failed", e);
        }
        return Tokens.of(offsets, forms);
    }

    /**
     * The words of a dictionary name or cue phrase with their forms, as {@link #tokens(String)} but
     * without splitting off proclitics, which a name as written does not carry.
     */
    Tokens nameTokens(String text) {
        return tokens(names, text);
    }

    private Tokens tokens(Analyzer analyzer, String text) {
        List<int[]> offsets = new ArrayList<>();
        List<Set<String>> forms = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (increment.getPositionIncrement() > 0 || forms.isEmpty()) {
                    offsets.add(new int[] {offset.startOffset(), offset.endOffset()});
                    Set<String> set = new LinkedHashSet<>(4);
                    set.add(text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT));
                    forms.add(set);
                }
                // lemmatizers keep a proper name's capital ("Україна"): compare in lower case
                forms.get(forms.size() - 1).add(lower(term));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("classify: analysing text in '" + language + "' failed", e);
        }
        return Tokens.of(offsets, forms.stream().map(f -> f.toArray(String[]::new)).toList());
    }

    private static String lower(CharTermAttribute term) {
        char[] chars = new char[term.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(term.charAt(i));
        }
        return new String(chars);
    }
}
