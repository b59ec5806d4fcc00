package org.dipwatch.dedup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the same-story signals of every labelled pair to {@code target/story-signals.tsv}, the
 * input of {@code src/test/python/fit_story_model.py} (docs/stories.md, "The model"): the composed
 * development set, the real-coverage set, and the pairs a generated news day puts before the
 * judgement (every earlier report of an article's event, and the reports of other events that the
 * judgement scored: the leads and latest reports of its candidate stories). Tagged {@code calibration}; run with
 * {@code ./mvnw -B test -Dtest=StorySignalsExport -Dsurefire.excludedGroups=}.
 */
@Tag("calibration")
class StorySignalsExport {

    private final PairJudge judge = new PairJudge();

    @Test
    void export() throws IOException {
        Path out = Path.of("target", "story-signals.tsv");
        Path cross = Path.of("target", "story-signals-xlang.tsv");
        Files.createDirectories(out.getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
             PrintWriter x = new PrintWriter(Files.newBufferedWriter(cross, StandardCharsets.UTF_8))) {
            w.println("set\tlabel\tpair\tgate\t" + String.join("\t", StoryModel.NAMES));
            x.println("set\tlabel\tpair\tgate\t" + String.join("\t", StoryModel.CROSS_NAMES));
            labelled(w, x, "devset", Path.of("src/test/resources/dedup/devset"));
            labelled(w, x, "realset", Path.of("src/test/resources/dedup/realset"));
            if (Files.isDirectory(Path.of("src/test/resources/dedup/xlang"))) {
                labelled(w, x, "xlang", Path.of("src/test/resources/dedup/xlang"));
            }
            newsDay(w, x);
            settled(w, Map.of("devset", Path.of("src/test/resources/dedup/devset"), "realset",
                    Path.of("src/test/resources/dedup/realset")));
        }
        System.out.println("[signals] written to " + out.toAbsolutePath() + " and (pairs in two languages) " + cross.toAbsolutePath());
        // every set with pairs of both labels that pass the gate: what the fit needs
        List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
        for (String set : List.of("devset", "realset", "newsday")) {
            for (String label : List.of("0", "1")) {
                org.assertj.core.api.Assertions.assertThat(rows).as("%s pairs labelled %s that pass the gate", set, label)
                        .anyMatch(r -> r.startsWith(set + "\t" + label + "\t") && r.split("\t")[3].equals("1"));
            }
        }
    }

    private void labelled(PrintWriter w, PrintWriter cross, String set, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("pairs.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (line.isBlank() || f[2].strip().equals("near_duplicate")) {
                continue;
            }
            StoryModel.Signals s = judge.signals(dir.resolve("articles"), f[0], f[1]);
            boolean twoLanguages = judge.otherLanguage(dir.resolve("articles"), f[0], f[1]);
            row(twoLanguages ? cross : w, set, f[2].strip().equals("same_story") ? 1 : 0, f[0] + " " + f[1], s,
                    (twoLanguages ? StoryModel.CROSS_NAMES : StoryModel.NAMES).length);
        }
    }

    /**
     * The news day's pairs as the judgement meets them: every earlier report of the article's event
     * (scored or not), and every report of another event that the judgement scored (the leads and
     * latest reports of its candidate stories: the hard negatives, which share the theme, the
     * actors and the stock phrases). Classified with the language the feed declares, as the
     * pipeline classifies a feed item.
     */
    private void newsDay(PrintWriter w, PrintWriter cross) {
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), judge.thresholds);
        List<NewsDay.Item> day = NewsDay.generate(7, Integer.getInteger("n", 2000), LocalDate.of(2026, 3, 10));
        List<Article> articles = new ArrayList<>();
        List<Who> whos = new ArrayList<>();
        List<String> outlets = new ArrayList<>();
        Map<String, List<Integer>> reportsOf = new HashMap<>();
        for (int s = 0; s < day.size(); s++) {
            NewsDay.Item i = day.get(s);
            Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
            Who who = Who.of(judge.classifier.classify(a, false, "en"));
            String outlet = StoryMatcher.outlet(i.url(), i.outlet());
            StoryMatcher.Judgement j = m.judge(a, who, outlet, m.features(a, outlet), Long.MAX_VALUE);
            Set<Integer> compared = new TreeSet<>(reportsOf.getOrDefault(i.eventId(), List.of()));
            for (StoryMatcher.Neighbour n : j.nearest()) {
                compared.add(Integer.parseInt(n.file()));
            }
            for (int e : compared) {
                boolean same = day.get(e).eventId().equals(i.eventId());
                StoryModel.Signals sig = m.compare(a, who, outlet, articles.get(e), whos.get(e), outlets.get(e));
                if (sig != null || same) {
                    boolean two = sig != null && sig.otherLanguage();
                    row(two ? cross : w, "newsday", same ? 1 : 0, i.id() + " " + day.get(e).id(), sig,
                            (two ? StoryModel.CROSS_NAMES : StoryModel.NAMES).length);
                }
            }
            m.added(s, String.format(Locale.ROOT, "%05d", s), StoryMatcher.storyOf(String.format("%016x", s), j), a, j);
            articles.add(a);
            whos.add(who);
            outlets.add(outlet);
            reportsOf.computeIfAbsent(i.eventId(), k -> new ArrayList<>()).add(s);
        }
    }

    /**
     * The labelled sets' pairs in one language measured in a settled corpus, as a desk that has run
     * for a while measures them: after 2,000 generated articles of another day (NewsDay, seed 11)
     * and every article of the sets, so that the document frequencies count what a running corpus
     * counts (a minister's name is common, a stock phrase is common, the facts of one event are
     * rare). Sets {@code devset-settled} and {@code realset-settled}: without them the labelled
     * pairs are only ever measured in a corpus of six articles, and a weight times how settled the
     * corpus is would tell the sets apart instead of the events.
     */
    private void settled(PrintWriter w, Map<String, Path> sets) throws IOException {
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), judge.thresholds);
        long seq = 0;
        for (NewsDay.Item i : NewsDay.generate(11, 2000, LocalDate.of(2026, 1, 20))) {
            Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
            String outlet = StoryMatcher.outlet(i.url(), i.outlet());
            StoryMatcher.Judgement j = m.judge(a, Who.of(judge.classifier.classify(a, false, "en")), outlet, Long.MAX_VALUE);
            m.added(seq, String.format(Locale.ROOT, "bg%05d", seq), StoryMatcher.storyOf(String.format("%016x", seq), j), a, j);
            seq++;
        }
        for (Path dir : new java.util.TreeMap<>(sets).values()) {
            try (var files = Files.list(dir.resolve("articles"))) {
                for (Path f : files.sorted().toList()) {
                    judge.store(m, seq, String.format(Locale.ROOT, "%05d_%016x.txt", seq, f.toString().hashCode() & 0xffffffffL), f);
                    seq++;
                }
            }
        }
        for (var set : new java.util.TreeMap<>(sets).entrySet()) {
            Path dir = set.getValue().resolve("articles");
            List<String> lines = Files.readAllLines(set.getValue().resolve("pairs.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (line.isBlank() || f[2].strip().equals("near_duplicate") || judge.otherLanguage(dir, f[0], f[1])) {
                    continue;
                }
                Path first = dir.resolve(f[0]);
                Path second = dir.resolve(f[1]);
                StoryModel.Signals s = m.compare(judge.article(second), judge.who(second), "cli", judge.article(first),
                        judge.who(first), "seeds");
                row(w, set.getKey() + "-settled", f[2].strip().equals("same_story") ? 1 : 0, f[0] + " " + f[1], s,
                        StoryModel.NAMES.length);
            }
        }
    }

    private static void row(PrintWriter w, String set, int label, String pair, StoryModel.Signals s, int width) {
        StringBuilder b = new StringBuilder(set + "\t" + label + "\t" + pair + "\t" + (s == null ? 0 : 1));
        double[] x = s == null ? new double[width] : s.features();
        for (double v : x) {
            b.append('\t').append(String.format(Locale.ROOT, "%.4f", v));
        }
        w.println(b);
    }
}
