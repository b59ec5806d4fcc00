package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dipwatch.classify.Classifier;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.model.Article;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated news day: reproducible, article-sized, mostly single reports, rewrites not copies, and tagged as real news is. */
class NewsDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    private static List<NewsDay.Item> day;

    @BeforeAll
    static void generate() {
        day = NewsDay.generate(42, 2000, DAY);
    }

    @Test
    void sameSeedSameDayOtherSeedOtherDay() {
        List<NewsDay.Item> again = NewsDay.generate(42, 2000, DAY);
        assertThat(again).isEqualTo(day);
        List<NewsDay.Item> other = NewsDay.generate(43, 200, DAY);
        assertThat(other.get(0).seedText()).isNotEqualTo(day.get(0).seedText());
        assertThat(day).hasSize(2000);
        assertThat(day.stream().map(NewsDay.Item::id).distinct()).hasSize(2000);
        assertThat(day.stream().map(NewsDay.Item::url).distinct()).hasSize(2000);
        assertThat(day.stream().map(NewsDay.Item::seedText).distinct()).hasSize(2000);
    }

    @Test
    void articlesAreOneToThreeKilobytes() {
        for (NewsDay.Item item : day) {
            assertThat(item.seedText().getBytes(StandardCharsets.UTF_8).length).as(item.id()).isBetween(1000, 3072);
            assertThat(item.html().getBytes(StandardCharsets.UTF_8).length).as(item.id()).isBetween(1000, 3072);
        }
    }

    @Test
    void seedTextIsTheNormalizedShape() {
        for (NewsDay.Item item : day.subList(0, 300)) {
            Article read = Normalizer.normalize(SeedText.parse(item.seedText()));
            assertThat(read.title()).isEqualTo(item.title());
            assertThat(read.published()).isEqualTo(DAY);
            assertThat(read.text()).isEqualTo(item.seedText());
        }
    }

    @Test
    void mostEventsHaveOneOrTwoReportsSomeThreeToFive() {
        Map<String, List<NewsDay.Item>> events = events(day);
        long several = events.values().stream().filter(r -> r.size() >= 2).count();
        long many = events.values().stream().filter(r -> r.size() >= 3).count();
        long max = events.values().stream().mapToInt(List::size).max().orElseThrow();
        assertThat((double) several / events.size()).isBetween(0.35, 0.75);
        assertThat((double) many / events.size()).isBetween(0.1, 0.4);
        assertThat(max).isEqualTo(5);
        assertThat(day.stream().map(NewsDay.Item::theme).distinct().count()).isBetween(15L, 25L);
        for (List<NewsDay.Item> reports : events.values()) {
            assertThat(reports.stream().map(NewsDay.Item::outlet).distinct()).hasSameSizeAs(reports);
            assertThat(reports.stream().map(NewsDay.Item::theme).distinct()).hasSize(1);
        }
    }

    @Test
    void reportsOfOneEventAreRewritesNotCopies() {
        double worst = 0;
        for (List<NewsDay.Item> reports : events(day).values()) {
            for (int i = 0; i < reports.size(); i++) {
                for (int j = i + 1; j < reports.size(); j++) {
                    worst = Math.max(worst, jaccard(shingles(reports.get(i)), shingles(reports.get(j))));
                }
            }
        }
        assertThat(worst).as("highest 3-word-shingle Jaccard between two reports of one event").isLessThan(0.25);
    }

    @Test
    void articlesOfDifferentEventsAreNoNearDuplicates() {
        // within a theme (same actors, places, wire phrases), consecutive articles of different events
        Map<String, List<NewsDay.Item>> byTheme = new LinkedHashMap<>();
        day.forEach(i -> byTheme.computeIfAbsent(i.theme(), k -> new ArrayList<>()).add(i));
        Map<String, Set<String>> shingles = new LinkedHashMap<>();
        day.forEach(i -> shingles.put(i.id(), shingles(i)));
        double worst = 0;
        for (List<NewsDay.Item> items : byTheme.values()) {
            for (int i = 0; i < items.size(); i++) {
                for (int j = i + 1; j < Math.min(items.size(), i + 30); j++) {
                    if (!items.get(i).eventId().equals(items.get(j).eventId())) {
                        worst = Math.max(worst, jaccard(shingles.get(items.get(i).id()), shingles.get(items.get(j).id())));
                    }
                }
            }
        }
        // the daemon's near-duplicate threshold is 0.36
        assertThat(worst).as("highest 3-word-shingle Jaccard between articles of different events").isLessThan(0.3);
    }

    @Test
    void nearDuplicatesOnlyWhenAskedForAndLabelled() {
        assertThat(day).allMatch(i -> i.nearDuplicateOf() == null);
        List<NewsDay.Item> withCopies = NewsDay.generate(7, 400, DAY, 2, 0.25);
        assertThat(withCopies).hasSize(400);
        List<NewsDay.Item> copies = withCopies.stream().filter(i -> i.nearDuplicateOf() != null).toList();
        assertThat(copies).hasSize(100);
        Map<String, NewsDay.Item> byId = new LinkedHashMap<>();
        withCopies.forEach(i -> byId.put(i.id(), i));
        for (NewsDay.Item copy : copies) {
            NewsDay.Item original = byId.get(copy.nearDuplicateOf());
            assertThat(copy.eventId()).isEqualTo(original.eventId());
            assertThat(jaccard(shingles(copy), shingles(original))).isGreaterThan(0.6);
        }
        assertThat(withCopies.stream().map(NewsDay.Item::date).distinct().count()).isEqualTo(2);
    }

    @Test
    void theClassifierFindsAnActorInNearlyEveryItem() {
        Dictionaries dictionaries = Dictionaries.load(null);
        Classifier classifier = new Classifier(dictionaries, List.of("en", "fr"));
        List<NewsDay.Item> sample = day.subList(0, 300);
        long tagged = sample.stream()
                .filter(i -> !classifier.classify(Normalizer.normalize(SeedText.parse(i.seedText())), false).actors().isEmpty()).count();
        assertThat((double) tagged / sample.size()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void rssCarriesEveryItem() {
        String rss = NewsDay.rss(day.subList(0, 5));
        assertThat(rss).startsWith("<?xml").contains("<rss version=\"2.0\">").contains("<![CDATA[<p>");
        for (NewsDay.Item item : day.subList(0, 5)) {
            assertThat(rss).contains("<guid isPermaLink=\"false\">" + item.id() + "</guid>").contains(item.url().replace("&", "&amp;"));
        }
        assertThat(rss.split("<pubDate>", -1)).hasSize(6);
    }

    static Map<String, List<NewsDay.Item>> events(List<NewsDay.Item> items) {
        Map<String, List<NewsDay.Item>> events = new LinkedHashMap<>();
        items.forEach(i -> events.computeIfAbsent(i.eventId(), k -> new ArrayList<>()).add(i));
        return events;
    }

    static Set<String> shingles(NewsDay.Item item) {
        String[] w = (item.title() + " " + String.join(" ", item.paragraphs())).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 < w.length; i++) {
            out.add(w[i] + " " + w[i + 1] + " " + w[i + 2]);
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        int both = 0;
        for (String s : a.size() < b.size() ? a : b) {
            if ((a.size() < b.size() ? b : a).contains(s)) {
                both++;
            }
        }
        return (double) both / (a.size() + b.size() - both);
    }
}
