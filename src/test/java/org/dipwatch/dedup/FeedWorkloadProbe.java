package org.dipwatch.dedup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.ingest.FeedItem;
import org.dipwatch.ingest.FeedParser;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.dipwatch.model.Verdict;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Diagnostic (calibration tag): the items of a folder of RSS files (e.g. the peers' benchmark
 * workload, {@code ../shared/bench-peers/gen_workload.py --out DIR}) judged in order by the story
 * stage in memory, as a first poll would judge them; prints the verdicts and every near-duplicate
 * with its reason: {@code ./mvnw -B test -Dtest=FeedWorkloadProbe -Dsurefire.excludedGroups=
 * -Dprobe.feeds=DIR/base/feeds}.
 */
@Tag("calibration")
class FeedWorkloadProbe {

    @Test
    void probe() throws Exception {
        String dir = System.getProperty("probe.feeds");
        Assumptions.assumeTrue(dir != null, "name the folder of feeds with -Dprobe.feeds");
        Settings settings = Settings.of(Path.of("target"), new HashMap<>());
        Classifier classifier = Pipeline.classifier(settings);
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), Pipeline.thresholds(settings));
        List<Path> feeds;
        try (var files = Files.list(Path.of(dir))) {
            feeds = files.sorted().toList();
        }
        Map<String, Integer> verdicts = new TreeMap<>();
        List<String> near = new ArrayList<>();
        long seq = 0;
        for (Path feed : feeds) {
            for (FeedItem item : FeedParser.parse(feed.getFileName().toString(), Files.readAllBytes(feed), "application/rss+xml")) {
                String text = item.content() != null ? item.content() : item.summary();
                Draft d = new Draft(item.title(), item.published(), Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(), item.link());
                Article a = Normalizer.normalize(d);
                Who who = Who.of(classifier.classify(a, false));
                String outlet = StoryMatcher.outlet(item.link(), feed.getFileName().toString());
                StoryMatcher.Judgement j = m.judge(a, who, outlet, m.features(a, outlet), Long.MAX_VALUE);
                verdicts.merge(j.verdict().label(), 1, Integer::sum);
                String file = String.format(java.util.Locale.ROOT, "%05d_%s", seq, item.link());
                if (j.verdict() == Verdict.NEAR_DUPLICATE) {
                    StoryMatcher.Neighbour n = j.nearest().stream().filter(x -> x.file().equals(j.of())).findFirst().orElse(null);
                    near.add(file + " -> " + j.of() + ": " + (n == null ? "?" : "story score " + n.storyScore() + ", " + n.why()));
                }
                m.added(seq, file, StoryMatcher.storyOf(String.format("%016x", seq), j), a, j);
                seq++;
            }
        }
        System.out.println("[workload] " + seq + " items: " + verdicts);
        near.stream().limit(40).forEach(x -> System.out.println("[workload] near: " + x));
    }
}
