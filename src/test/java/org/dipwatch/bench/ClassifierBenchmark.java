package org.dipwatch.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dipwatch.classify.Classifier;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
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
 * JMH: the time to classify one article of about 3,000 characters with the packaged dictionaries, in
 * each language of {@code language}: English articles recombine the originals' paragraphs, the other
 * languages the statements of {@code classify/devset-languages.yaml}. The language is detected, as
 * in the daemon, and the language's index is built before measuring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifierBenchmark {

    /** ISO 639-1 code of the articles. */
    @Param({"en", "ru"})
    public String language;

    private Classifier classifier;
    private List<Article> articles;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        classifier = new Classifier(Dictionaries.load(null), List.of("en", "ru", "ar", "fr", "de", "es", "zh", "he", "tr", "fa", "uk"));
        List<String> paragraphs = "en".equals(language) ? BenchCorpus.paragraphs() : BenchCorpus.statements(language);
        articles = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 64; i++) {
            List<String> body = new ArrayList<>();
            int length = 0;
            while (length < 3000) {
                String p = paragraphs.get(random.nextInt(paragraphs.size()));
                body.add(p);
                length += p.length() + 2;
            }
            articles.add(new Article(null, java.time.LocalDate.of(2023, 11, 12), body, null));
        }
        // the first article of a language builds its index: not what is measured
        classifier.classify(articles.get(0), false);
    }

    /** One article of about 3,000 characters, the next of 64 each call. */
    @Benchmark
    public Classification classify3000Chars() {
        next = (next + 1) % articles.size();
        return classifier.classify(articles.get(next), false);
    }
}
