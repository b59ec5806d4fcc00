package org.dipwatch.dedup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Article;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;

/**
 * What the labelled-pair tests (the composed and the real development set) share: the settings
 * with any {@code -Ddipwatch.dedup.*} override (to weigh a change), articles read and classified
 * once, storing an article as the pipeline would, and precision, recall and F1 from counts of
 * {true positive, predicted, expected}.
 */
final class PairJudge {

    final Settings settings = Settings.of(Path.of("target"), new HashMap<>(systemOverrides()));
    final Classifier classifier = Pipeline.classifier(settings);
    final StoryMatcher.Thresholds thresholds = Pipeline.thresholds(settings);
    private final Map<String, Article> articles = new HashMap<>();
    private final Map<String, Who> who = new HashMap<>();

    /**
     * How one labelled pair came out: with a corpus of the five originals and {@code first},
     * {@code second} is judged; {@code got} is {@code near_duplicate} or {@code same_story} only when
     * the verdict names {@code first} or its story.
     *
     * @param got       the level it got relative to first
     * @param judgement the judgement of second
     * @param vsFirst   the comparison with first, or {@code null} when first was no candidate
     */
    record Outcome(String got, StoryMatcher.Judgement judgement, StoryMatcher.Neighbour vsFirst) {

        /** The comparison with first as a person reads it. */
        String againstFirst() {
            return vsFirst == null ? "not a candidate"
                    : "jaccard " + vsFirst.similarity() + ", story score " + vsFirst.storyScore() + ", " + vsFirst.why();
        }
    }

    /** Judges the pair {@code first}, {@code second} of the articles in {@code dir} in a corpus of its own. */
    Outcome pair(Path dir, String first, String second) throws IOException {
        StoryMatcher matcher = new StoryMatcher(new MemoryStoryStore(), thresholds);
        long seq = 0;
        for (String original : org.dipwatch.TestHome.ORIGINALS) {
            store(matcher, seq++, original, org.dipwatch.TestHome.original(original));
        }
        String firstFile = String.format(java.util.Locale.ROOT, "%03d_%016x.txt", seq, first.hashCode() & 0xffffffffL);
        String firstStory = store(matcher, seq, firstFile, dir.resolve(first));
        Path path = dir.resolve(second);
        StoryMatcher.Judgement j = matcher.judge(article(path), who(path), "cli", Long.MAX_VALUE);
        String got = j.verdict() == org.dipwatch.model.Verdict.NEAR_DUPLICATE && firstFile.equals(j.of()) ? "near_duplicate"
                : j.verdict() == org.dipwatch.model.Verdict.SAME_STORY && firstStory.equals(j.story()) ? "same_story" : "different";
        return new Outcome(got, j, j.nearest().stream().filter(x -> x.file().equals(firstFile)).findFirst().orElse(null));
    }

    /**
     * The signals of {@code second} against {@code first} in the corpus {@link #pair} judges in
     * ({@code null} when the pair does not pass the gate), for fitting {@link StoryModel}.
     */
    StoryModel.Signals signals(Path dir, String first, String second) throws IOException {
        StoryMatcher matcher = new StoryMatcher(new MemoryStoryStore(), thresholds);
        long seq = 0;
        for (String original : org.dipwatch.TestHome.ORIGINALS) {
            store(matcher, seq++, original, org.dipwatch.TestHome.original(original));
        }
        store(matcher, seq, String.format(java.util.Locale.ROOT, "%03d_%016x.txt", seq, first.hashCode() & 0xffffffffL),
                dir.resolve(first));
        return matcher.compare(article(dir.resolve(second)), who(dir.resolve(second)), "cli", article(dir.resolve(first)),
                who(dir.resolve(first)), "seeds");
    }

    /** Whether the two files of a pair are in two known languages (the cross-language model judges them). */
    boolean otherLanguage(Path dir, String first, String second) throws IOException {
        return who(dir.resolve(first)).otherLanguage(who(dir.resolve(second)));
    }

    /** Stores an article as the pipeline would (judged against what came before); returns its story. */
    String store(StoryMatcher matcher, long seq, String file, Path path) throws IOException {
        Article a = article(path);
        StoryMatcher.Judgement j = matcher.judge(a, who(path), "seeds", Long.MAX_VALUE);
        String story;
        try {
            story = matcher.save(null, seq, file, file.substring(4, 20), a, j);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        matcher.added(seq, file, story, a, j);
        return story;
    }

    /** The article of a seed-shaped file, read once. */
    Article article(Path path) throws IOException {
        String key = path.toString();
        if (!articles.containsKey(key)) {
            articles.put(key, Normalizer.normalize(SeedText.parse(Files.readString(path, StandardCharsets.UTF_8))));
        }
        return articles.get(key);
    }

    /** Who the article of a file involves, classified once. */
    Who who(Path path) throws IOException {
        String key = path.toString();
        if (!who.containsKey(key)) {
            who.put(key, Who.of(classifier.classify(article(path), false)));
        }
        return who.get(key);
    }

    private static Map<String, String> systemOverrides() {
        Map<String, String> out = new HashMap<>();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("dipwatch.dedup.")) {
                out.put(k, System.getProperty(k));
            }
        }
        return out;
    }

    static double precision(int[] c) {
        return c[1] == 0 ? 1 : c[0] / (double) c[1];
    }

    static double recall(int[] c) {
        return c[2] == 0 ? 1 : c[0] / (double) c[2];
    }

    static double f1(int[] c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
