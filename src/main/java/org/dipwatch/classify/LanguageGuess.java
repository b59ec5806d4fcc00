package org.dipwatch.classify;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * Tells an article's language among the languages configured in {@code dipwatch.classify.languages}
 * (ISO 639-1 codes), in this order:
 * <ol>
 *   <li>the script: the one most letters of the first {@value #SCRIPT_SAMPLE} characters are written
 *       in (Latin, Cyrillic, Arabic, Hebrew, Chinese characters with or without the Japanese kana);
 *       the candidates are the configured languages written in it, and a text in a script none of
 *       them is written in has no language ({@code null});</li>
 *   <li>the language its source or the document declares, when it is written in that script (a
 *       feed that says {@code ru} for an English item is not believed); a declared language whose
 *       script is not known here is taken as it is;</li>
 *   <li>the one candidate, when the script has one (Hebrew, Chinese), or for Chinese characters the
 *       kana (Japanese is written with them, Chinese never);</li>
 *   <li>in Latin script, the stop words of the first {@value #STOP_WORD_SAMPLE} characters (Lucene's
 *       lists), each counted for a language when it is a stop word of that candidate alone ("the",
 *       "und", "les", "della"): at least {@value #STOP_WORD_HITS} for one language and four times as
 *       many as for any other decide, in microseconds, what Lingua would (every labelled text of the
 *       development sets, {@code LanguageAccuracyTest});</li>
 *   <li>else Lingua (low-accuracy mode: trigrams) among the candidates alone, on the first
 *       {@value #SAMPLE} characters: enough for a reliable guess, and Lingua's cost grows with the
 *       text and with every language it weighs.</li>
 * </ol>
 * The jar carries the trigram models of {@link #PACKAGED} alone (pom.xml), and Lingua loads a
 * language's model when it first weighs it.
 */
final class LanguageGuess {

    /** Characters of the text Lingua reads. */
    static final int SAMPLE = 150;
    /** Characters of the text whose letters tell the script. */
    static final int SCRIPT_SAMPLE = 400;
    /** Characters of a Latin-script text whose stop words are counted. */
    static final int STOP_WORD_SAMPLE = 600;
    /** Stop words of one language, at least, that decide without Lingua. */
    static final int STOP_WORD_HITS = 4;

    /** The scripts told apart; {@code CJK} is the Chinese characters and the Japanese kana together. */
    enum Script { LATIN, CYRILLIC, ARABIC, HEBREW, CJK }

    /** The languages whose models the jar carries, with the script each is written in. */
    static final Map<String, Script> PACKAGED = Map.ofEntries(Map.entry("en", Script.LATIN), Map.entry("fr", Script.LATIN),
            Map.entry("de", Script.LATIN), Map.entry("es", Script.LATIN), Map.entry("it", Script.LATIN),
            Map.entry("pt", Script.LATIN), Map.entry("tr", Script.LATIN), Map.entry("ru", Script.CYRILLIC),
            Map.entry("uk", Script.CYRILLIC), Map.entry("ar", Script.ARABIC), Map.entry("fa", Script.ARABIC),
            Map.entry("he", Script.HEBREW), Map.entry("zh", Script.CJK), Map.entry("ja", Script.CJK));

    /** The configured languages of each script, in the order configured. */
    private final Map<Script, List<String>> candidates = new EnumMap<>(Script.class);
    /** One detector per script with more than one candidate, built when its first text comes. */
    private final Map<Script, LanguageDetector> detectors = new ConcurrentHashMap<>();
    /** The stop words of exactly one Latin-script candidate, lower case, to that language; made on first use. */
    private volatile Map<String, String> exclusiveStopWords;

    /** A detector for the given ISO 639-1 codes; a code without a packaged model is an error naming it. */
    LanguageGuess(List<String> isoCodes) {
        int count = 0;
        for (String raw : isoCodes) {
            String code = raw.strip().toLowerCase(Locale.ROOT);
            Script script = PACKAGED.get(code);
            if (script == null) {
                throw new IllegalArgumentException("dipwatch.classify.languages: '" + raw.strip() + "' is not a language this build "
                        + "detects; choose among " + String.join(",", new TreeMap<>(PACKAGED).keySet()));
            }
            List<String> of = candidates.computeIfAbsent(script, s -> new ArrayList<>());
            if (!of.contains(code)) {
                of.add(code);
                count++;
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("dipwatch.classify.languages: name at least two languages");
        }
    }

    /** The ISO 639-1 code of the text's language, or {@code null} when it cannot be told. */
    String of(String text) {
        return of(text, null);
    }

    /**
     * The ISO 639-1 code of the text's language, the {@code declared} one (ISO 639-1, or {@code null})
     * when the text is written in its script; {@code null} when it cannot be told.
     */
    String of(String text, String declared) {
        int[] letters = new int[Script.values().length + 1];
        int kana = scriptLetters(text, letters);
        Script script = dominant(letters);
        String hint = declared == null || declared.isBlank() ? null : declared.strip().toLowerCase(Locale.ROOT);
        boolean noLetters = java.util.Arrays.stream(letters).allMatch(n -> n == 0);
        if (hint != null && (noLetters || !PACKAGED.containsKey(hint) || PACKAGED.get(hint) == script)) {
            return hint;
        }
        List<String> among = script == null ? null : candidates.get(script);
        if (among == null) {
            return null;
        }
        if (script == Script.CJK) {
            // kana in more than a tenth of the letters: Japanese (its sentences are kana around Chinese characters)
            String language = kana * 10 > letters[Script.CJK.ordinal()] ? "ja" : "zh";
            return among.contains(language) ? language : among.size() == 1 ? among.get(0) : null;
        }
        if (among.size() == 1) {
            return among.get(0);
        }
        if (script == Script.LATIN) {
            String byStopWords = byStopWords(text);
            if (byStopWords != null) {
                return byStopWords;
            }
        }
        Language language = detectors.computeIfAbsent(script, s -> detector(among))
                .detectLanguageOf(text.length() > SAMPLE ? text.substring(0, SAMPLE) : text);
        return language == Language.UNKNOWN ? null : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The Latin-script language whose own stop words the beginning of the text holds: at least
     * {@value #STOP_WORD_HITS} and four times as many as any other candidate's; {@code null} when no
     * language is that clear (Lingua decides then).
     */
    String byStopWords(String text) {
        Map<String, String> words = exclusiveStopWords;
        if (words == null) {
            words = exclusiveStopWords(candidates.getOrDefault(Script.LATIN, List.of()));
            exclusiveStopWords = words;
        }
        Map<String, Integer> hits = new java.util.HashMap<>(8);
        int end = Math.min(text.length(), STOP_WORD_SAMPLE);
        int i = 0;
        while (i < end) {
            while (i < end && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start && i < end) { // a word cut by the sample's end is no word
                String language = words.get(text.substring(start, i).toLowerCase(Locale.ROOT));
                if (language != null) {
                    hits.merge(language, 1, Integer::sum);
                }
            }
        }
        String best = null;
        int most = 0;
        int second = 0;
        for (Map.Entry<String, Integer> e : hits.entrySet()) {
            if (e.getValue() > most) {
                second = most;
                most = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return most >= STOP_WORD_HITS && most >= 4 * second ? best : null;
    }

    private static Map<String, String> exclusiveStopWords(List<String> languages) {
        Map<String, String> out = new java.util.HashMap<>();
        java.util.Set<String> shared = new java.util.HashSet<>();
        for (String language : languages) {
            for (Object word : stopWords(language)) {
                String w = new String((char[]) word);
                String before = out.putIfAbsent(w, language);
                if (before != null && !before.equals(language)) {
                    shared.add(w);
                }
            }
        }
        out.keySet().removeAll(shared);
        return Map.copyOf(out);
    }

    /** Lucene's stop-word list of a Latin-script language dipwatch detects. */
    private static CharArraySet stopWords(String language) {
        return switch (language) {
            case "en" -> EnglishAnalyzer.getDefaultStopSet();
            case "fr" -> FrenchAnalyzer.getDefaultStopSet();
            case "de" -> GermanAnalyzer.getDefaultStopSet();
            case "es" -> SpanishAnalyzer.getDefaultStopSet();
            case "it" -> ItalianAnalyzer.getDefaultStopSet();
            case "pt" -> PortugueseAnalyzer.getDefaultStopSet();
            case "tr" -> TurkishAnalyzer.getDefaultStopSet();
            default -> CharArraySet.EMPTY_SET;
        };
    }

    private static LanguageDetector detector(List<String> codes) {
        IsoCode639_1[] iso = codes.stream().map(c -> IsoCode639_1.valueOf(c.toUpperCase(Locale.ROOT))).toArray(IsoCode639_1[]::new);
        return LanguageDetectorBuilder.fromIsoCodes639_1(iso).withLowAccuracyMode().build();
    }

    /**
     * Counts the letters of each script in the first {@value #SCRIPT_SAMPLE} characters into
     * {@code letters} (by {@link Script#ordinal()}; the last slot: letters of other scripts) and
     * returns how many of the CJK ones are kana.
     */
    private static int scriptLetters(String text, int[] letters) {
        int kana = 0;
        int end = Math.min(text.length(), SCRIPT_SAMPLE);
        for (int i = 0; i < end; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    letters[Script.LATIN.ordinal()]++;
                }
                continue;
            }
            if (!Character.isLetter(c)) {
                continue;
            }
            UnicodeScript s = UnicodeScript.of(c);
            switch (s) {
                case LATIN -> letters[Script.LATIN.ordinal()]++;
                case CYRILLIC -> letters[Script.CYRILLIC.ordinal()]++;
                case ARABIC -> letters[Script.ARABIC.ordinal()]++;
                case HEBREW -> letters[Script.HEBREW.ordinal()]++;
                case HAN -> letters[Script.CJK.ordinal()]++;
                case HIRAGANA, KATAKANA -> {
                    letters[Script.CJK.ordinal()]++;
                    kana++;
                }
                default -> letters[letters.length - 1]++;
            }
        }
        return kana;
    }

    /** The script with the most letters; {@code null} when there are none, or letters of other scripts outnumber it. */
    private static Script dominant(int[] letters) {
        Script best = null;
        int most = 0;
        for (Script s : Script.values()) {
            if (letters[s.ordinal()] > most) {
                most = letters[s.ordinal()];
                best = s;
            }
        }
        return most > letters[letters.length - 1] ? best : null;
    }
}
