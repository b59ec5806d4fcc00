package org.dipwatch.dedup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of labelled pairs ({@code pairs.tsv}, {@code sources.tsv}, {@code articles/}) judged pair by
 * pair as {@link PairJudge} judges them: with a corpus holding the five originals and the pair's
 * {@code first}, {@code second} must get the labelled level relative to {@code first}. Prints
 * precision, recall and F1 per level, the results per kind of pair (short/full, one language or
 * two) and every miss, under a tag ({@code [realset]}, {@code [xlang]}).
 */
final class LabelledPairs {

    static final List<String> LEVELS = List.of("near_duplicate", "same_story", "different");

    /** Counts per level: {true positive, predicted, expected}. */
    final Map<String, int[]> counts = new LinkedHashMap<>();
    final int pairs;

    private LabelledPairs(int pairs) {
        this.pairs = pairs;
        LEVELS.forEach(l -> counts.put(l, new int[3]));
    }

    /** Judges every pair of the set in {@code dir}, prints the figures and misses under {@code tag}. */
    static LabelledPairs run(PairJudge judge, Path dir, String tag) throws IOException {
        Map<String, String[]> sources = sources(dir); // file -> {date, lang, kind}
        List<String[]> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("pairs.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                pairs.add(line.split("\t", -1));
            }
        }
        LabelledPairs out = new LabelledPairs(pairs.size());
        Map<String, int[]> byKind = new TreeMap<>(); // "label kind" -> {right, labelled}
        List<String> misses = new ArrayList<>();
        List<String> features = new ArrayList<>();
        for (String[] pair : pairs) {
            String want = pair[2].strip();
            PairJudge.Outcome o = judge.pair(dir.resolve("articles"), pair[0], pair[1]);
            String got = o.got();
            StoryMatcher.Neighbour vsFirst = o.vsFirst();
            String kind = kind(sources, pair[0], pair[1]);
            features.add(want + "\t" + kind + "\t" + pair[0] + "\t" + pair[1] + "\t" + (vsFirst == null ? "none"
                    : vsFirst.similarity() + "\t" + vsFirst.storyScore() + "\t" + vsFirst.why()));
            out.counts.get(want)[2]++;
            out.counts.get(got)[1]++;
            int[] k = byKind.computeIfAbsent(want + " " + kind, x -> new int[2]);
            k[1]++;
            if (got.equals(want)) {
                out.counts.get(got)[0]++;
                k[0]++;
            } else {
                misses.add(pair[0] + " -> " + pair[1] + " [" + kind + "]: want " + want + ", got " + got + " ("
                        + o.judgement().verdict().label() + " " + o.judgement().of() + "); against first: " + o.againstFirst());
            }
        }
        System.out.printf(Locale.ROOT, "[%s] %d pairs, thresholds %s%n", tag, pairs.size(), judge.thresholds);
        for (String level : LEVELS) {
            int[] c = out.counts.get(level);
            if (c[2] > 0 || c[1] > 0) {
                System.out.printf(Locale.ROOT, "[%s] %-15s precision %.3f recall %.3f F1 %.3f (%d right, %d said, %d labelled)%n",
                        tag, level, PairJudge.precision(c), PairJudge.recall(c), PairJudge.f1(c), c[0], c[1], c[2]);
            }
        }
        byKind.forEach((key, c) -> System.out.printf(Locale.ROOT, "[%s] %-40s %3d of %3d right%n", tag, key, c[0], c[1]));
        misses.forEach(m -> System.out.println("[" + tag + "] miss: " + m));
        // every pair's signals against first, for weighing a change of the score
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", tag + "-signals.tsv"), features, StandardCharsets.UTF_8);
        return out;
    }

    double precision(String level) {
        return PairJudge.precision(counts.get(level));
    }

    double recall(String level) {
        return PairJudge.recall(counts.get(level));
    }

    /** {@code sources.tsv}: file, date, lang, kind (short/full), outlet, url, note. */
    private static Map<String, String[]> sources(Path dir) throws IOException {
        Map<String, String[]> out = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("sources.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length >= 4) {
                out.put(f[0], new String[] {f[1], f[2], f[3]});
            }
        }
        return out;
    }

    /** e.g. "full-short en-fr" or "short-short en". */
    private static String kind(Map<String, String[]> sources, String first, String second) {
        String[] a = sources.getOrDefault(first, new String[] {"-", "?", "?"});
        String[] b = sources.getOrDefault(second, new String[] {"-", "?", "?"});
        String size = a[2].compareTo(b[2]) <= 0 ? a[2] + "-" + b[2] : b[2] + "-" + a[2];
        String lang = a[1].equals(b[1]) ? a[1] : a[1].compareTo(b[1]) < 0 ? a[1] + "-" + b[1] : b[1] + "-" + a[1];
        return size + " " + lang;
    }
}
