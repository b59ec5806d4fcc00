package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * Ukrainian's word cache gives what the whole analyzer gives: the same words at the same places with
 * the same forms, for every Ukrainian text of the test resources (the development sets, the
 * cross-language set), read twice (the second time from the cache).
 */
class LanguageAnalysisCacheTest {

    @Test
    void theCachedWordsAndFormsAreTheWholeAnalyzersForEveryUkrainianText() throws IOException {
        LanguageAnalysis cached = LanguageAnalysis.of("uk");
        List<String> texts = ukrainianTexts();
        assertThat(texts).hasSizeGreaterThanOrEqualTo(5);
        for (int round = 0; round < 2; round++) {
            for (String text : texts) {
                LanguageAnalysis.Tokens got = cached.tokens(text);
                LanguageAnalysis.Tokens want = cached.uncachedTokens(text);
                assertThat(got.starts()).isEqualTo(want.starts());
                assertThat(got.ends()).isEqualTo(want.ends());
                for (int i = 0; i < want.forms().length; i++) {
                    assertThat(got.forms()[i]).as("forms of '%s'", text.substring(want.starts()[i], want.ends()[i]))
                            .containsExactlyInAnyOrder(want.forms()[i]);
                }
            }
        }
        assertThat(new UkrainianMorfologikAnalyzer(CharArraySet.EMPTY_SET)).isNotNull();
    }

    /** Texts with Ukrainian letters (і, ї, є, ґ) among the test resources. */
    private static List<String> ukrainianTexts() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(txt|yaml)$")).toList()) {
                String text;
                try {
                    text = Files.readString(p);
                } catch (java.nio.charset.CharacterCodingException notUtf8) {
                    continue; // the encodings' fixtures
                }
                if (text.matches("(?s).*[їєґ].*") && text.length() < 200_000) {
                    out.add(text);
                }
            }
        }
        return out;
    }
}
