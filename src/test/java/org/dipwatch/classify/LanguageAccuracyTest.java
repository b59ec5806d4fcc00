package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dipwatch.config.Settings;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.Test;

/**
 * The language detected, without a hint, for every text of the development sets whose language is
 * labelled: the statements of {@code classify/devset-languages.yaml}, the articles of
 * {@code dedup/realset} and {@code dedup/xlang} (their {@code sources.tsv}) and the English articles
 * of {@code classify/devset}; 289 texts in 12 languages, among the languages dipwatch chooses by
 * default. Prints the count right per language and every text detected wrong, and fails on any.
 */
class LanguageAccuracyTest {

    /** A text and the language it is written in. */
    record Labelled(String name, String language, String text) {
    }

    @Test
    void everyLabelledTextOfTheDevelopmentSetsIsDetectedRight() throws IOException {
        LanguageGuess guess = new LanguageGuess(List.of(Settings.defaults().get("dipwatch.classify.languages").split(",")));
        List<Labelled> texts = labelled();
        Map<String, int[]> byLanguage = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Labelled t : texts) {
            String detected = guess.of(t.text());
            int[] counts = byLanguage.computeIfAbsent(t.language(), k -> new int[2]);
            counts[1]++;
            if (t.language().equals(detected)) {
                counts[0]++;
            } else {
                wrong.add(t.name() + ": " + t.language() + " detected as " + detected);
            }
        }
        // the stop-word shortcut alone, on the Latin-script texts: what it decides must be what is right
        int latin = 0;
        int decided = 0;
        List<String> shortcutWrong = new ArrayList<>();
        for (Labelled t : texts) {
            if (List.of("en", "fr", "de", "es", "it", "pt", "tr").contains(t.language())) {
                latin++;
                String shortcut = guess.byStopWords(t.text());
                if (shortcut != null) {
                    decided++;
                    if (!shortcut.equals(t.language())) {
                        shortcutWrong.add(t.name() + ": " + t.language() + " taken for " + shortcut + " by its stop words");
                    }
                }
            }
        }
        System.out.println("[language-accuracy] stop words decided " + decided + " of " + latin + " Latin-script texts, "
                + shortcutWrong.size() + " wrong");
        shortcutWrong.forEach(w -> System.out.println("[language-accuracy] wrong " + w));
        assertThat(shortcutWrong).isEmpty();
        StringBuilder line = new StringBuilder();
        byLanguage.forEach((language, counts) -> line.append(' ').append(language).append(' ').append(counts[0]).append('/').append(counts[1]));
        System.out.println("[language-accuracy] " + (texts.size() - wrong.size()) + " of " + texts.size() + " right:" + line);
        wrong.forEach(w -> System.out.println("[language-accuracy] wrong " + w));
        assertThat(texts).hasSizeGreaterThanOrEqualTo(289);
        assertThat(byLanguage).hasSize(12);
        assertThat(wrong).isEmpty();
    }

    static List<Labelled> labelled() throws IOException {
        List<Labelled> out = new ArrayList<>();
        JsonNode doc;
        try (InputStream in = LanguageAccuracyTest.class.getResourceAsStream("/classify/devset-languages.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        int n = 0;
        for (JsonNode s : doc.path("statements")) {
            out.add(new Labelled("devset-languages #" + ++n, s.path("language").asText(), s.path("text").asText()));
        }
        Path resources = Path.of("src", "test", "resources");
        for (String set : List.of("realset", "xlang")) {
            Path dir = resources.resolve("dedup").resolve(set);
            for (String row : Files.readAllLines(dir.resolve("sources.tsv")).subList(1, Files.readAllLines(dir.resolve("sources.tsv")).size())) {
                String[] cells = row.split("\t");
                out.add(new Labelled(set + "/" + cells[0], cells[2], body(dir.resolve("articles").resolve(cells[0]))));
            }
        }
        try (Stream<Path> files = Files.list(resources.resolve("classify").resolve("devset"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                out.add(new Labelled("devset/" + f.getFileName(), "en", body(f)));
            }
        }
        return out;
    }

    /** The text the classifier reads of a seed file: its paragraphs, as the pipeline normalizes them. */
    private static String body(Path seed) throws IOException {
        return String.join("\n\n", Normalizer.normalize(SeedText.parse(Files.readString(seed))).body());
    }
}
