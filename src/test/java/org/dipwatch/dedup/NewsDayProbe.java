package org.dipwatch.dedup;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.*;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.dipwatch.model.Verdict;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Diagnostic (calibration tag): NewsDay through the matcher in memory; prints the wrong joins and misses with their signals. */
@Tag("calibration")
class NewsDayProbe {
    @Test
    void probe() {
        Settings settings = Settings.of(Path.of("target"), new HashMap<>());
        Classifier classifier = Pipeline.classifier(settings);
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), Pipeline.thresholds(settings));
        List<NewsDay.Item> day = NewsDay.generate(42, Integer.getInteger("n", 2000), LocalDate.of(2026, 3, 10));
        Map<String, String> storyOf = new HashMap<>();
        Map<String, String> eventOfFile = new HashMap<>();
        Map<String, String> leadEvent = new HashMap<>();
        int wrong = 0, missed = 0, shown = 0;
        long t0 = System.nanoTime();
        java.io.PrintWriter tsv;
        try { tsv = new java.io.PrintWriter("target/newsday-pairs.tsv"); } catch (Exception e) { throw new RuntimeException(e); }
        for (int s = 0; s < day.size(); s++) {
            NewsDay.Item i = day.get(s);
            Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
            Who who = Who.of(classifier.classify(a, false));
            String outlet = StoryMatcher.outlet(i.url(), i.outlet());
            StoryMatcher.Judgement j = m.judge(a, who, outlet, m.features(a, outlet), Long.MAX_VALUE);
            String file = String.format(Locale.ROOT, "%05d", s);
            String story = StoryMatcher.storyOf(String.format("%016x", s), j);
            m.added(s, file, story, a, j);
            eventOfFile.put(file, i.eventId());
            boolean known = storyOf.containsValue(null) ;
            // was there an earlier report of this event?
            String evStory = null;
            for (var e : storyOf.entrySet()) { if (e.getKey().equals(i.eventId())) evStory = e.getValue(); }
            if (j.verdict() == Verdict.SAME_STORY && !i.eventId().equals(leadEvent.get(story))) {
                wrong++;
                if (s >= Integer.getInteger("from", 0) && shown++ < Integer.getInteger("show", 15)) {
                    System.out.println("WRONG " + i.eventId() + " -> story of " + leadEvent.get(story) + " : " + i.title());
                    j.nearest().stream().filter(n -> n.story().equals(story)).limit(2).forEach(n -> System.out.println("   " + n.storyScore() + " " + n.why() + " | " + n.title()));
                }
            }
            if (evStory != null && !evStory.equals(story)) {
                missed++;
                if (s >= Integer.getInteger("from", 0) && shown++ < Integer.getInteger("show", 15)) {
                    String es = evStory;
                    System.out.println("MISS " + i.eventId() + " : " + i.title());
                    j.nearest().stream().filter(n -> n.story().equals(es)).limit(2).forEach(n -> System.out.println("   " + n.storyScore() + " " + n.why() + " | " + n.title()));
                }
            }
            for (StoryMatcher.Neighbour nb : j.nearest()) {
                if (nb.storyScore() > 0 && tsv != null) {
                    tsv.println(s + "\t" + (i.eventId().equals(eventOfFile.get(nb.file())) ? 1 : 0) + "\t" + nb.storyScore() + "\t" + nb.why().replaceAll(";.*", ""));
                }
            }
            leadEvent.putIfAbsent(story, i.eventId());
            storyOf.putIfAbsent(i.eventId(), story);
        }
        tsv.close();
        // recompute stories sizes
        System.out.printf("PROBE n=%d wrong joins %d, missed joins %d, %.1f s%n", day.size(), wrong, missed, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void seeds() throws Exception {
        Settings settings = Settings.of(Path.of("target"), new HashMap<>());
        Classifier classifier = Pipeline.classifier(settings);
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), Pipeline.thresholds(settings));
        long seq = 0;
        for (String o : org.dipwatch.TestHome.ORIGINALS) {
            Article a = Normalizer.normalize(org.dipwatch.normalize.SeedText.parse(java.nio.file.Files.readString(org.dipwatch.TestHome.original(o))));
            StoryMatcher.Judgement j = m.judge(a, Who.of(classifier.classify(a, false)), "cli", Long.MAX_VALUE);
            System.out.println("SEED " + o + " " + j.verdict() + " " + j.nearest().stream().map(n -> n.file() + " " + n.storyScore() + " " + n.why()).toList());
            String story = StoryMatcher.storyOf(o.substring(4, 20), j);
            m.added(seq++, o, story, a, j);
        }
    }
}
