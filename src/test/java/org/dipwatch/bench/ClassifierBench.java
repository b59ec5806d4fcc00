package org.dipwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ClassifierBenchmark} and {@code classify.LanguageGuessBenchmark} (the language detection
 * alone) with JMH ({@code ./mvnw -Pbench test}); the figures go to {@code target/bench/classify.txt}.
 */
@Tag("bench")
class ClassifierBench {

    @Test
    void classifyTakesWellUnderAMillisecond() throws Exception {
        // -Dbench.languages=en,ru,ar,... (default en,ru)
        String[] languages = System.getProperty("bench.languages", "en,ru").split(",");
        Options options = new OptionsBuilder().include(ClassifierBenchmark.class.getName())
                .include("org.dipwatch.classify.LanguageGuessBenchmark").param("language", languages)
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx512m").build();
        Collection<RunResult> results = new Runner(options).run();
        StringBuilder report = new StringBuilder();
        for (RunResult r : results) {
            String what = r.getParams().getBenchmark().endsWith("guessLanguage") ? "language of one article"
                    : "classify, ~3,000-character article";
            report.append(String.format("%s, %s: %.1f ± %.1f µs/op (JMH, 1 fork, 5 x 2 s)%n", what,
                    r.getParams().getParam("language"), r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        System.out.print("[bench] " + report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "classify.txt"), report);
    }
}
