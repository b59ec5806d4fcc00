package org.dipwatch.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the time to tell the language of one article among the default
 * {@code dipwatch.classify.languages}, without a hint: for {@code en} the five originals, for the
 * other languages the statements of {@code classify/devset-languages.yaml}, each text taken in turn.
 * Run by {@code ClassifierBench} ({@code ./mvnw -Pbench test -Dtest=ClassifierBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LanguageGuessBenchmark {

    /** ISO 639-1 code of the texts. */
    @Param({"en", "ru"})
    public String language;

    private LanguageGuess guess;
    private List<String> texts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        guess = new LanguageGuess(List.of(Settings.defaults().get("dipwatch.classify.languages").split(",")));
        texts = new ArrayList<>();
        if ("en".equals(language)) {
            for (String name : TestHome.ORIGINALS) {
                texts.add(Files.readString(TestHome.original(name)));
            }
        } else {
            try (java.io.InputStream in = LanguageGuessBenchmark.class.getResourceAsStream("/classify/devset-languages.yaml")) {
                for (com.fasterxml.jackson.databind.JsonNode s : new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in).path("statements")) {
                    if (language.equals(s.path("language").asText())) {
                        texts.add(s.path("text").asText());
                    }
                }
            }
        }
        // the first text of a script loads its models: not what is measured
        texts.forEach(guess::of);
    }

    /** The language of the next text. */
    @Benchmark
    public String guessLanguage() {
        next = (next + 1) % texts.size();
        return guess.of(texts.get(next));
    }
}
