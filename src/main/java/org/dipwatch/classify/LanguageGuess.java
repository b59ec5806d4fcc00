package org.dipwatch.classify;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells an article's language with Lingua, among the languages configured in
 * {@code dipwatch.classify.languages} (ISO 639-1 codes), from the article's first
 * {@value #SAMPLE} characters: enough for a reliable guess, and it keeps classification fast.
 */
final class LanguageGuess {

    static final int SAMPLE = 150;
    private final LanguageDetector detector;

    /** A detector for the given ISO 639-1 codes; an unknown code is an error naming it. */
    LanguageGuess(List<String> isoCodes) {
        List<IsoCode639_1> codes = new ArrayList<>();
        for (String code : isoCodes) {
            try {
                codes.add(IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dipwatch.classify.languages: '" + code + "' is not an ISO 639-1 code Lingua knows");
            }
        }
        if (codes.size() < 2) {
            throw new IllegalArgumentException("dipwatch.classify.languages: name at least two languages");
        }
        this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(IsoCode639_1[]::new)).withLowAccuracyMode().build();
    }

    /** The ISO 639-1 code of the text's language, or {@code null} when it cannot be told. */
    String of(String text) {
        Language language = detector.detectLanguageOf(text.length() > SAMPLE ? text.substring(0, SAMPLE) : text);
        return language == Language.UNKNOWN ? null : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }
}
