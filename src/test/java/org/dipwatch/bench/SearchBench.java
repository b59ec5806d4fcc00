package org.dipwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dipwatch.search.SearchIndex;
import org.dipwatch.search.SearchQuery;
import org.dipwatch.search.Searchable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index at volume, run with {@code ./mvnw -Pbench test -Dtest=SearchBench}: what adding
 * costs an article in the pipeline's batches of 100 (analysis and one commit a batch) as the index
 * grows to 50,000 articles, and how long a query takes on it (words, a phrase, words with filters,
 * filters alone, a deep page). Figures go to standard output and {@code target/bench/search.txt};
 * nothing here asserts a time.
 */
@Tag("bench")
class SearchBench {

    private static final int ARTICLES = 50_000;
    private static final int BATCH = 100;

    @TempDir
    Path tmp;
    private final BenchReport report = new BenchReport("search.txt");

    @Test
    void addAndQueryAtVolume() throws IOException {
        List<String> paragraphs = BenchCorpus.paragraphs();
        Random random = new Random(42);
        String[] actors = {"rus", "usa", "chn", "pse", "isr", "hamas", "sergey-lavrov", "mikhail-bogdanov", "wang-yi"};
        String[] regions = {"pse", "gaza-strip", "middle east", "middle_east", "isr", "ukr", "europe", "chn", "asia"};
        report.say("search: " + ARTICLES + " articles of 4-8 paragraphs, batches of " + BATCH + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        try (SearchIndex index = SearchIndex.open(tmp.resolve("search"))) {
            long sliceStart = System.nanoTime();
            for (int b = 0; b < ARTICLES / BATCH; b++) {
                List<Searchable> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    int seq = b * BATCH + i;
                    List<String> body = new ArrayList<>();
                    int n = 4 + random.nextInt(5);
                    for (int p = 0; p < n; p++) {
                        body.add(paragraphs.get(random.nextInt(paragraphs.size())) + " (" + seq + "." + p + ")");
                    }
                    batch.add(new Searchable(String.format("%06d_%016x.txt", seq, random.nextLong()), seq,
                            "Statement " + seq + " on the situation", body, "en", LocalDate.of(2020, 1, 1).plusDays(seq % 2000),
                            "feed-" + (seq % 20), seq % 3 == 0 ? "same_story" : "new", "st-" + (seq / 3),
                            pick(actors, random, 2), pick(actors, random, 1), pick(regions, random, 2)));
                }
                index.add(batch);
                if ((b + 1) % 100 == 0) {
                    long nanos = System.nanoTime() - sliceStart;
                    report.say(String.format("  up to %,d articles: %.0f us an article, %.1f ms a batch of %d (analysis + commit)",
                            (b + 1) * BATCH, nanos / 1000.0 / (100.0 * BATCH), nanos / 1e6 / 100, BATCH));
                    sliceStart = System.nanoTime();
                }
            }
            query(index, "words", new SearchQuery("Abu Marzook Bogdanov", Map.of(), null, null, 0, 20));
            query(index, "a phrase", new SearchQuery("\"Mikhail Bogdanov\"", Map.of(), null, null, 0, 20));
            query(index, "words and filters", new SearchQuery("ceasefire Gaza", Map.of("actor", Set.of("rus", "hamas"),
                    "region", Set.of("middle east")), LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31), 0, 20));
            query(index, "filters alone, newest first", new SearchQuery(null, Map.of("actor", Set.of("sergey-lavrov"),
                    "region", Set.of("pse")), null, null, 0, 20));
            query(index, "page at offset 5,000", new SearchQuery("Russia", Map.of(), null, null, 5000, 20));
        }
    }

    private static Set<String> pick(String[] values, Random random, int count) {
        Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            out.add(values[random.nextInt(values.length)]);
        }
        return out;
    }

    private void query(SearchIndex index, String what, SearchQuery q) throws IOException {
        for (int i = 0; i < 5; i++) {
            index.search(q); // warm
        }
        int runs = 50;
        long total = 0;
        long hits = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            hits = index.search(q).total();
            total += System.nanoTime() - t;
        }
        report.say(String.format("  query, %s: %.2f ms (mean of %d), %,d hits", what, total / 1e6 / runs, runs, hits));
    }
}
