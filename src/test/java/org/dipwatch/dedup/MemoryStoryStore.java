package org.dipwatch.dedup;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;

/**
 * The story tables in memory, with the semantics of {@code corpus.StoryTables} (which the seed,
 * restart and command tests exercise on H2): for the development set, where every pair needs a
 * corpus of its own and a database per pair would cost seconds.
 */
final class MemoryStoryStore implements StoryStore {

    private final List<Stored> articles = new ArrayList<>();
    private final Map<Long, Integer> df = new HashMap<>();
    private final Map<String, Map<Long, Integer>> paragraphs = new HashMap<>();

    @Override
    public Set<Long> repeatedParagraphs(String outlet, long[] hashes, int minArticles) {
        Map<Long, Integer> counts = paragraphs.getOrDefault(outlet, Map.of());
        Set<Long> out = new HashSet<>();
        for (long h : hashes) {
            if (counts.getOrDefault(h, 0) >= minArticles) {
                out.add(h);
            }
        }
        return out;
    }

    @Override
    public List<Stored> byActors(Set<String> actors, LocalDate from, LocalDate to, int limit) {
        List<Stored> out = new ArrayList<>();
        long maxSeq = articles.stream().mapToLong(Stored::seq).max().orElse(0);
        for (int i = articles.size() - 1; i >= 0 && out.size() < limit; i--) {
            Stored s = articles.get(i);
            boolean shares = s.who().actors().stream().anyMatch(actors::contains);
            boolean recent = s.seq() > maxSeq - RECENT;
            boolean inWindow = from == null || s.published() == null ? recent
                    : !s.published().isBefore(from) && !s.published().isAfter(to);
            if (shares && inWindow) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<Stored> bySeq(long[] seqs) {
        List<Stored> out = new ArrayList<>();
        for (long seq : seqs) {
            articles.stream().filter(a -> a.seq() == seq).findFirst().ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Stored> story(String story) {
        return articles.stream().filter(a -> a.story().equals(story)).toList();
    }

    @Override
    public long articles() {
        return articles.size();
    }

    @Override
    public Map<Long, Integer> documentFrequencies(long[] terms) {
        Map<Long, Integer> out = new HashMap<>();
        for (long t : terms) {
            if (df.containsKey(t)) {
                out.put(t, df.get(t));
            }
        }
        return out;
    }

    @Override
    public void save(Connection c, Stored article, long[] paragraphHashes, String verdict, String duplicateOf, Double similarity) {
        articles.add(article);
        for (long t : article.features().terms()) {
            df.merge(t, 1, Integer::sum);
        }
        Map<Long, Integer> counts = paragraphs.computeIfAbsent(article.outlet(), k -> new HashMap<>());
        for (long p : java.util.Arrays.stream(paragraphHashes).distinct().toArray()) {
            counts.merge(p, 1, Integer::sum);
        }
    }

    @Override
    public void clear() {
        articles.clear();
        df.clear();
        paragraphs.clear();
    }

    @Override
    public List<Map.Entry<Long, String>> withoutFeatures() {
        return Collections.emptyList();
    }

    @Override
    public void forEachAfter(long seq, ObjLongConsumer<int[]> each) {
        for (Stored s : articles) {
            if (s.seq() > seq) {
                each.accept(s.features().signature(), s.seq());
            }
        }
    }

    @Override
    public void forEach(ObjLongConsumer<int[]> each) {
        for (Stored s : articles) {
            each.accept(s.features().signature(), s.seq());
        }
    }
}
