package org.dipwatch.search;

import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;

/**
 * Which analyzer reads an article's words, by its language: Lucene's analyzer for the language
 * (stemming or lemmatizing, its stop words) where Lucene has one, the standard analyzer (words
 * split and lower-cased, no stemming) for Hebrew, for an unknown language and for any other.
 * Chinese and Japanese are read as overlapping pairs of characters (CJK bigrams).
 */
final class SearchLanguages {

    /** The languages with fields of their own, and {@code std} for the rest. */
    static final List<String> FIELDS = List.of("en", "ru", "ar", "fr", "de", "es", "zh", "fa", "tr", "pt", "it", "uk", "std");

    private SearchLanguages() {
    }

    /** The field suffix of a language: its code where it has an analyzer, else {@code std}. */
    static String field(String language) {
        if (language == null) {
            return "std";
        }
        String code = language.strip().toLowerCase(Locale.ROOT);
        if (code.equals("ja")) {
            return "zh"; // the same bigrams
        }
        return FIELDS.contains(code) ? code : "std";
    }

    /** A new analyzer for a field suffix of {@link #FIELDS}. */
    static Analyzer analyzer(String field) {
        return switch (field) {
            case "en" -> new EnglishAnalyzer();
            case "ru" -> new RussianAnalyzer();
            case "ar" -> new ArabicAnalyzer();
            case "fr" -> new FrenchAnalyzer();
            case "de" -> new GermanAnalyzer();
            case "es" -> new SpanishAnalyzer();
            case "zh" -> new CJKAnalyzer();
            case "fa" -> new PersianAnalyzer();
            case "tr" -> new TurkishAnalyzer();
            case "pt" -> new PortugueseAnalyzer();
            case "it" -> new ItalianAnalyzer();
            case "uk" -> new UkrainianMorfologikAnalyzer();
            default -> new StandardAnalyzer();
        };
    }
}
