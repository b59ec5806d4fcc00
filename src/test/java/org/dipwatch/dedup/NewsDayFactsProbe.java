package org.dipwatch.dedup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.model.Draft;
import org.dipwatch.model.RegionTag;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Oracle analysis (calibration tag, prints only): are NewsDay's reports of one event
 * distinguishable at all, by general news signals, from reports of other events of the same
 * theme and day? For every pair of reports of one event, and every pair of one theme and day
 * from different events, it measures what real reports of one event share: specific numbers
 * (digit runs, not years nor days of a month), named entities outside the actor dictionaries
 * (capitalised multi-word names: vessels, firms, people), places (the classifier's region tags
 * of type place), headline term overlap and the time between publications. A fact is
 * <em>rare</em> when at most {@value #RARE_DF} of the day's articles state it (1 %): a number or
 * name every theme repeats tells no events apart. Prints median, p10 and p90 per class and the
 * share of multi-report events whose reports do not all share a rare fact.
 *
 * <p>Run: {@code ./mvnw -B -o test -Dtest=NewsDayFactsProbe -Dsurefire.excludedGroups=}
 * (figures in docs/stories.md, "Can NewsDay's events be told apart?").
 */
@Tag("calibration")
class NewsDayFactsProbe {

    static final int RARE_DF = 20;
    private static final Pattern NAME = Pattern.compile(
            "\\b[A-Z][\\p{L}'’-]+(?:\\s+(?:(?:al-|el-|de\\s|of\\s)?[A-Z][\\p{L}'’-]+))+");

    /** What one article states, as sets of folded strings. */
    record Facts(String event, String theme, LocalDate date, java.time.Instant published, Set<String> numbers, Set<String> names,
                 Set<String> places, long[] headline) {
    }

    @Test
    void sameEventReportsShareTheirKeyFacts() {
        Settings settings = Settings.of(Path.of("target"), new HashMap<>());
        Classifier classifier = Pipeline.classifier(settings);
        List<NewsDay.Item> day = NewsDay.generate(Long.getLong("seed", 42), Integer.getInteger("n", 2000), LocalDate.of(2026, 3, 10));
        List<Facts> facts = new ArrayList<>();
        for (NewsDay.Item i : day) {
            facts.add(facts(i, classifier));
        }
        report(day.size() + " NewsDay articles", facts);
    }

    static Facts facts(NewsDay.Item i, Classifier classifier) {
        Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
        Classification c = classifier.classify(a, true);
        Set<String> known = new HashSet<>();
        for (ActorTag t : c.actors()) {
            t.evidence().forEach(e -> known.add(e.toLowerCase(Locale.ROOT)));
            known.add(t.name().toLowerCase(Locale.ROOT));
        }
        Set<String> places = new HashSet<>();
        for (RegionTag r : c.regions()) {
            r.evidence().forEach(e -> known.add(e.toLowerCase(Locale.ROOT)));
            known.add(r.name().toLowerCase(Locale.ROOT));
            if (r.type().equals("place")) {
                places.add(r.id());
            }
        }
        String text = i.title() + "\n" + String.join("\n", i.paragraphs().subList(0, i.paragraphs().size()));
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String n = m.group().replaceFirst("^(The|A|An|In|On|At|By|Among|According|Earlier|Officials|Sources|Diplomats) ", "")
                    .toLowerCase(Locale.ROOT);
            if (n.indexOf(' ') < 0 || n.equals(n.toUpperCase(Locale.ROOT)) && !n.equals(n.toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean actorOrPlace = false;
            for (String k : known) {
                if (k.length() > 2 && (n.contains(k) || k.contains(n))) {
                    actorOrPlace = true;
                    break;
                }
            }
            if (!actorOrPlace) {
                names.add(n);
            }
        }
        List<String> words = TextFeatures.words(org.dipwatch.dedup.ExactDedup.fold(text));
        Set<String> numbers = new HashSet<>();
        Set<String> months = Set.of("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            if (!w.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                continue;
            }
            boolean year = w.length() == 4 && (w.startsWith("19") || w.startsWith("20"));
            boolean dom = w.length() <= 2 && (k > 0 && months.contains(words.get(k - 1)) || k + 1 < words.size() && months.contains(words.get(k + 1)));
            if (!year && !dom && !w.equals("0") && !w.equals("1")) {
                numbers.add(w.replaceFirst("^0+(?=.)", ""));
            }
        }
        long[] headline = TextFeatures.terms(TextFeatures.words(org.dipwatch.dedup.ExactDedup.fold(i.title())), TextFeatures.MAX_HEAD);
        return new Facts(i.eventId(), i.theme(), i.date(), i.published(), numbers, names, places, headline);
    }

    /** Prints the pair distributions of one set of articles. */
    static void report(String label, List<Facts> facts) {
        Map<String, Integer> dfNumbers = new HashMap<>();
        Map<String, Integer> dfNames = new HashMap<>();
        for (Facts f : facts) {
            f.numbers().forEach(x -> dfNumbers.merge(x, 1, Integer::sum));
            f.names().forEach(x -> dfNames.merge(x, 1, Integer::sum));
        }
        List<double[]> same = new ArrayList<>();
        List<double[]> other = new ArrayList<>();
        Map<String, Boolean> eventAllShare = new LinkedHashMap<>();
        Map<String, List<Integer>> byThemeDay = new HashMap<>();
        for (int k = 0; k < facts.size(); k++) {
            byThemeDay.computeIfAbsent(facts.get(k).theme() + " " + facts.get(k).date(), x -> new ArrayList<>()).add(k);
        }
        for (List<Integer> group : byThemeDay.values()) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    Facts a = facts.get(group.get(x));
                    Facts b = facts.get(group.get(y));
                    double[] v = pair(a, b, dfNumbers, dfNames);
                    if (a.event().equals(b.event())) {
                        same.add(v);
                        boolean shares = v[1] + v[3] > 0;
                        if (Boolean.getBoolean("show")) {
                            Set<String> sn = new HashSet<>(a.names());
                            sn.retainAll(b.names());
                            Set<String> nn = new HashSet<>(a.numbers());
                            nn.retainAll(b.numbers());
                            System.out.println("[facts] " + a.event() + (shares ? " shares " : " SHARES NO RARE FACT ") + sn + " " + nn
                                    + " | " + a.names() + " | " + b.names());
                        }
                        eventAllShare.merge(a.event(), shares, Boolean::logicalAnd);
                    } else {
                        other.add(v);
                    }
                }
            }
        }
        String[] names = {"shared numbers", "shared rare numbers (df<=" + RARE_DF + ")", "shared names (not actors)",
            "shared rare names", "shared places", "headline term Jaccard", "hours apart", "shared rare number or name"};
        System.out.printf(Locale.ROOT, "[facts] %s: %d same-event pairs, %d same theme+day different-event pairs%n", label, same.size(),
                other.size());
        System.out.printf(Locale.ROOT, "[facts] %-38s %-36s %-36s%n", "signal", "same event: p10 / median / p90 (>0)",
                "different event: p10 / median / p90 (>0)");
        for (int s = 0; s < names.length; s++) {
            int col = s;
            System.out.printf(Locale.ROOT, "[facts] %-38s %-36s %-36s%n", names[s], dist(same, v -> v[col]), dist(other, v -> v[col]));
        }
        long none = eventAllShare.values().stream().filter(b -> !b).count();
        System.out.printf(Locale.ROOT, "[facts] multi-report events whose reports do not all share a rare number or name: %d of %d (%.0f %%)%n",
                none, eventAllShare.size(), 100.0 * none / Math.max(1, eventAllShare.size()));
    }

    private static double[] pair(Facts a, Facts b, Map<String, Integer> dfNumbers, Map<String, Integer> dfNames) {
        Set<String> n = new HashSet<>(a.numbers());
        n.retainAll(b.numbers());
        long rareN = n.stream().filter(x -> dfNumbers.get(x) <= RARE_DF).count();
        Set<String> e = new HashSet<>(a.names());
        e.retainAll(b.names());
        long rareE = e.stream().filter(x -> dfNames.get(x) <= RARE_DF).count();
        Set<String> p = new HashSet<>(a.places());
        p.retainAll(b.places());
        int both = TextFeatures.shared(a.headline(), b.headline());
        int union = a.headline().length + b.headline().length - both;
        double hours = Math.abs(Duration.between(a.published(), b.published()).toMinutes()) / 60.0;
        return new double[] {n.size(), rareN, e.size(), rareE, p.size(), union == 0 ? 0 : both / (double) union, hours,
            rareN + rareE > 0 ? 1 : 0};
    }

    private static String dist(List<double[]> rows, ToDoubleFunction<double[]> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return "-";
        }
        long positive = Arrays.stream(v).filter(x -> x > 0).count();
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f (%.0f %%)", v[(int) (v.length * 0.1)], v[v.length / 2],
                v[Math.min(v.length - 1, (int) (v.length * 0.9))], 100.0 * positive / v.length);
    }
}
