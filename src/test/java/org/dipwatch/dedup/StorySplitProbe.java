package org.dipwatch.dedup;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Diagnostic (calibration tag): why {@link StoryVolumeTest} splits events. NewsDay's articles go
 * through the matcher in memory as the pipeline judges them (the same stories as the volume test,
 * in a tenth of its time); every time a report lands outside the stories its event's earlier
 * reports are in, the probe names the cause and prints, for a sample, the signals of every
 * compared report of those stories (with {@code -Dtexts=true} both texts, to read them as a
 * person would):
 * <ul>
 * <li><b>wrong lead</b>: no story of the event's earlier reports is led by the event (its first
 *     report joined another event's story), so the later one meets a lead about something else;</li>
 * <li><b>no candidate</b>: the event's story was not among the candidate stories scored;</li>
 * <li><b>lead below</b>: scored, the lead under the anchor share and fewer than two reports at the
 *     threshold; <b>below threshold</b>: the lead anchors but no report reaches the threshold;</li>
 * <li><b>outscored</b>: it would join, but another story scored higher.</li>
 * </ul>
 * With {@code -DshowWrong=N} it also prints the first N joins to a story led by another event.
 * {@code ./mvnw -B -o test -Dtest=StorySplitProbe -Dsurefire.excludedGroups= [-Dseed=42] [-Dn=2000] [-Dshow=12]
 * [-DshowWrong=0] [-Dtexts=true] [-Ddipwatch.dedup.story-threshold=…]}.
 */
@Tag("calibration")
class StorySplitProbe {

    @Test
    void splits() {
        Map<String, String> overrides = new HashMap<>();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("dipwatch.dedup.")) {
                overrides.put(k, System.getProperty(k));
            }
        }
        Settings settings = Settings.of(Path.of("target"), overrides);
        Classifier classifier = Pipeline.classifier(settings);
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), Pipeline.thresholds(settings));
        List<NewsDay.Item> day = NewsDay.generate(Long.getLong("seed", 42), Integer.getInteger("n", 2000), LocalDate.of(2026, 3, 10));
        int show = Integer.getInteger("show", 12);
        int showWrong = Integer.getInteger("showWrong", 0);
        boolean texts = Boolean.getBoolean("texts");
        Map<String, Set<String>> storiesOfEvent = new HashMap<>();
        Map<String, String> leadEvent = new HashMap<>();
        Map<String, Integer> leadItem = new HashMap<>();
        Map<String, Integer> reports = new HashMap<>();
        Map<String, Integer> causes = new TreeMap<>();
        Map<String, Integer> shown = new HashMap<>();
        int wrongJoins = 0;
        for (int s = 0; s < day.size(); s++) {
            NewsDay.Item i = day.get(s);
            Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
            Who who = Who.of(classifier.classify(a, false, "en"));
            String outlet = StoryMatcher.outlet(i.url(), i.outlet());
            StoryMatcher.Judgement j = m.judge(a, who, outlet, m.features(a, outlet), Long.MAX_VALUE);
            String story = StoryMatcher.storyOf(String.format("%016x", s), j);
            if (j.story() != null && !i.eventId().equals(leadEvent.get(j.story())) && wrongJoins++ < showWrong) {
                System.out.printf(Locale.ROOT, "%n[wrong] %s #%d %s: %s -> story of %s (#%d)%n", i.eventId(), s, i.outlet(),
                        i.title(), leadEvent.get(j.story()), leadItem.get(j.story()));
                print(j, j.story(), "    ");
                if (texts) {
                    text("LEAD TEXT", day.get(leadItem.get(j.story())));
                    text("THIS TEXT", i);
                }
            }
            Set<String> earlier = storiesOfEvent.getOrDefault(i.eventId(), Set.of());
            if (!earlier.isEmpty() && !earlier.contains(story)) {
                String cause = cause(j, earlier, leadEvent, i.eventId());
                causes.merge(cause + (j.story() == null ? " (new story)" : " (joined another)"), 1, Integer::sum);
                if (shown.merge(cause, 1, Integer::sum) <= show) {
                    System.out.printf(Locale.ROOT, "%n[split] %s %s #%d %s: %s -> %s%n", cause.toUpperCase(Locale.ROOT), i.eventId(), s,
                            i.outlet(), i.title(), j.story() == null ? "new" : "joined " + leadEvent.get(j.story()));
                    for (String e : earlier) {
                        System.out.printf(Locale.ROOT, "  event's story %s (lead %s, #%d, %d reports)%n", e, leadEvent.get(e),
                                leadItem.get(e), reports.get(e));
                        print(j, e, "    ");
                        if (texts) {
                            text("LEAD TEXT", day.get(leadItem.get(e)));
                        }
                    }
                    if (j.story() != null) {
                        System.out.println("  joined instead:");
                        print(j, j.story(), "    ");
                    }
                    if (texts) {
                        text("THIS TEXT", i);
                    }
                }
            }
            m.added(s, String.format(Locale.ROOT, "%05d", s), story, a, j);
            storiesOfEvent.computeIfAbsent(i.eventId(), k -> new LinkedHashSet<>()).add(story);
            leadEvent.putIfAbsent(story, i.eventId());
            leadItem.putIfAbsent(story, s);
            reports.merge(story, 1, Integer::sum);
        }
        Map<String, Set<String>> eventsOfStory = new HashMap<>();
        storiesOfEvent.forEach((e, st) -> st.forEach(x -> eventsOfStory.computeIfAbsent(x, k -> new LinkedHashSet<>()).add(e)));
        System.out.printf(Locale.ROOT, "%n[split] %d articles: %d stories, largest %d, %d events split, %d stories merging events, "
                + "%d joins to a story led by another event%n", day.size(), reports.size(),
                reports.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                storiesOfEvent.values().stream().filter(x -> x.size() > 1).count(),
                eventsOfStory.values().stream().filter(x -> x.size() > 1).count(), wrongJoins);
        causes.forEach((c, n) -> System.out.printf(Locale.ROOT, "[split] cause %-36s %d%n", c, n));
    }

    private static void print(StoryMatcher.Judgement j, String story, String indent) {
        j.nearest().stream().filter(n -> n.story().equals(story)).forEach(n -> System.out.printf(Locale.ROOT, "%s%s %.3f %s | %s%n",
                indent, n.file(), n.storyScore(), n.why(), n.title()));
    }

    private static void text(String label, NewsDay.Item item) {
        System.out.println("    " + label + ": " + item.title() + " || " + String.join(" | ", item.paragraphs()));
    }

    /** Why a report did not join the stories its event's earlier reports are in (the first one led by its event decides). */
    private static String cause(StoryMatcher.Judgement j, Set<String> earlier, Map<String, String> leadEvent, String event) {
        for (String e : earlier) {
            if (!event.equals(leadEvent.get(e))) {
                continue;
            }
            for (StoryMatcher.Neighbour n : j.nearest()) {
                String why = n.story().equals(e) ? n.why() : "";
                int at = why.indexOf("; story ");
                if (at >= 0) {
                    String decision = why.substring(at);
                    return decision.endsWith("joins") ? "outscored" : decision.contains("(below") ? "lead below" : "below threshold";
                }
            }
            return "no candidate";
        }
        return "wrong lead";
    }
}
