package org.dipwatch.dedup;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * The story table in memory, with the semantics of {@code corpus.StoryTables} (which the seed,
 * restart and command tests exercise on H2): for the development set, where every pair needs a
 * corpus of its own and a database per pair would cost seconds.
 */
final class MemoryStoryStore implements StoryStore {

    private final List<Stored> rows = new ArrayList<>();

    @Override
    public void save(Connection c, Stored article, String verdict, String duplicateOf, Double similarity) {
        rows.add(article);
        rows.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    }

    @Override
    public void forEachLight(long seq, Consumer<Stored> each) {
        for (Stored s : List.copyOf(rows)) {
            if (s.seq() > seq) {
                TextFeatures f = s.features();
                long[] none = new long[0];
                each.accept(new Stored(s.seq(), s.file(), s.title(), s.outlet(), s.published(), new TextFeatures(f.signature(),
                        f.shingles(), none, none, Arrays.stream(f.paragraphs()).distinct().toArray(), none, none, none, none, 0, none),
                        null, s.story()));
            }
        }
    }

    @Override
    public void forEachFull(long seq, Consumer<Stored> each) {
        for (Stored s : List.copyOf(rows)) {
            if (s.seq() > seq) {
                each.accept(s);
            }
        }
    }

    @Override
    public List<Stored> bySeq(long[] seqs) {
        List<Stored> out = new ArrayList<>();
        for (Stored s : rows) {
            if (Arrays.stream(seqs).anyMatch(q -> q == s.seq())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<Long> reports(String story) {
        return rows.stream().filter(s -> s.story().equals(story)).map(Stored::seq).toList();
    }

    @Override
    public long lastSeq() {
        return rows.isEmpty() ? -1 : rows.get(rows.size() - 1).seq();
    }

    @Override
    public boolean othersMayWrite() {
        return false;
    }

    @Override
    public void clear() {
        rows.clear();
    }

    @Override
    public List<Map.Entry<Long, String>> withoutFeatures() {
        return Collections.emptyList();
    }

    @Override
    public void forEach(ObjLongConsumer<int[]> each) {
        for (Stored s : rows) {
            each.accept(s.features().signature(), s.seq());
        }
    }
}
