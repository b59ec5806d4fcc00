package org.dipwatch.bench;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.corpus.StoryTables;
import org.dipwatch.dedup.NewsDay;
import org.dipwatch.dedup.StoryBenchSupport;
import org.dipwatch.dedup.StoryMatcher;
import org.dipwatch.dedup.TextFeatures;
import org.dipwatch.dedup.Who;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cost of judging and storing one article as the corpus grows to 1k, 10k and 100k articles
 * ({@code ./mvnw -Pbench test -Dtest=StoryJudgeBench}; figures to {@code target/bench/story-judge.txt}).
 *
 * <p>Articles are {@link NewsDay} items (distinct news on overlapping themes, a generated day
 * per 2,000 articles), their actors the theme (so every article of a
 * theme passes the actor gate: the worst case for the candidate lists). The features are
 * computed beforehand, as the pipeline's workers do in parallel; what is timed is the serial
 * part: {@code judge}, {@code save} (one row into an H2 index, committed every 100 articles as a
 * batch) and {@code added}. Memory is the matcher's estimate of what it holds, per article.
 */
@Tag("bench")
class StoryJudgeBench {

    private static final int MEASURED = 2000;
    private final BenchReport report = new BenchReport("story-judge.txt");

    @Test
    void judgeAndSaveCostStaysFlatFrom1kTo100k() throws Exception {
        report.say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        try (CorpusIndex index = CorpusIndex.open("jdbc:h2:mem:storybench;DB_CLOSE_DELAY=-1", "sa", "", 2)) {
            StoryMatcher matcher = new StoryMatcher(new StoryTables(index), StoryMatcher.Thresholds.defaults());
            long[] seq = {0};
            int[] checkpoints = {1_000, 10_000, 100_000};
            int chunk = 0;
            for (int target : checkpoints) {
                while (seq[0] < target) {
                    run(index, matcher, seq, next(chunk++), false);
                }
                long t0 = System.nanoTime();
                int n = 0;
                while (n < MEASURED) {
                    List<Item> items = next(chunk++);
                    n += items.size();
                    run(index, matcher, seq, items, true);
                }
                double us = (System.nanoTime() - t0) / 1e3 / n;
                var usage = matcher.usage();
                System.gc();
                long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                report.say(String.format(Locale.ROOT, "corpus %,7d articles: judge+save+added %.0f µs/article (mean of %d); "
                                + "memory %.0f bytes/article (%d open stories, %d reports in memory, %d terms counted); heap %d MB",
                        target, us, n, usage.bytesPerArticle(), usage.openStories(), usage.reportsInMemory(), usage.terms(),
                        heap >> 20));
            }
        }

    }

    private record Item(Article article, Who who, String outlet, TextFeatures features) {
    }

    /** The next 1,000 generated articles, features computed, on a day of their own every 2,000. */
    private List<Item> next(int chunk) {
        List<Item> out = new ArrayList<>();
        for (NewsDay.Item i : StoryBenchSupport.day(1000 + chunk, 1000, LocalDate.of(2026, 1, 1).plusDays(chunk / 2))) {
            Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
            String outlet = StoryMatcher.outlet(i.url(), i.outlet());
            out.add(new Item(a, new Who(Set.of(i.theme()), Set.of()), outlet, null));
        }
        return out;
    }

    private void run(CorpusIndex index, StoryMatcher matcher, long[] seq, List<Item> items, boolean measured)
            throws Exception {
        // features outside the judge, as the pipeline's workers compute them
        List<TextFeatures> features = new ArrayList<>();
        for (Item i : items) {
            features.add(matcher.features(i.article(), i.outlet()));
        }
        Connection c = index.transaction();
        try {
            for (int k = 0; k < items.size(); k++) {
                Item i = items.get(k);
                StoryMatcher.Judgement j = matcher.judge(i.article(), i.who(), i.outlet(), features.get(k), Long.MAX_VALUE);
                long s = seq[0]++;
                String file = String.format(Locale.ROOT, "%03d_%016x.txt", s, s);
                String story = matcher.save(c, s, file, file.substring(4, 20), i.article(), j);
                matcher.added(s, file, story, i.article(), j);
                if (k % 100 == 99) {
                    c.commit();
                }
            }
            c.commit();
        } finally {
            c.close();
        }
    }
}
