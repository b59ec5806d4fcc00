package org.dipwatch.dedup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.dipwatch.normalize.Normalizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the same-story signals of every labelled pair to {@code target/story-signals.tsv}, the
 * input of {@code src/test/python/fit_story_model.py} (docs/stories.md, "The model"): the composed
 * development set, the real-coverage set, and the pairs a generated news day puts before the
 * judgement (every earlier report of an article's event, and earlier articles of its theme that
 * report other events and share an actor with it). Tagged {@code calibration}; run with
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
            newsDay(w);
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

    private void newsDay(PrintWriter w) {
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), judge.thresholds);
        List<NewsDay.Item> day = NewsDay.generate(7, Integer.getInteger("n", 2000), LocalDate.of(2026, 3, 10));
        List<Article> articles = new ArrayList<>();
        List<Who> whos = new ArrayList<>();
        List<String> outlets = new ArrayList<>();
        Random random = new Random(11);
        for (int s = 0; s < day.size(); s++) {
            NewsDay.Item i = day.get(s);
            Article a = Normalizer.normalize(new Draft(i.title(), i.date(), i.paragraphs(), i.url(), "en"));
            Who who = Who.of(judge.classifier.classify(a, false));
            String outlet = StoryMatcher.outlet(i.url(), i.outlet());
            int negatives = 0;
            for (int e = s - 1; e >= Math.max(0, s - 400); e--) {
                NewsDay.Item earlier = day.get(e);
                boolean same = earlier.eventId().equals(i.eventId());
                if (!same && (!earlier.theme().equals(i.theme()) || negatives >= 4 || random.nextInt(3) != 0)) {
                    continue;
                }
                StoryModel.Signals sig = m.compare(a, who, outlet, articles.get(e), whos.get(e), outlets.get(e));
                if (sig != null || same) {
                    row(w, "newsday", same ? 1 : 0, i.id() + " " + earlier.id(), sig, StoryModel.NAMES.length);
                    negatives += same ? 0 : 1;
                }
            }
            StoryMatcher.Judgement j = m.judge(a, who, outlet, m.features(a, outlet), Long.MAX_VALUE);
            m.added(s, String.format(Locale.ROOT, "%05d", s), StoryMatcher.storyOf(String.format("%016x", s), j), a, j);
            articles.add(a);
            whos.add(who);
            outlets.add(outlet);
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
