package org.dipwatch.dedup;

/**
 * Document frequencies of terms over the latest articles, in memory: each article's terms are
 * counted in the epoch of its sequence number ({@code seq / epoch}), and the frequencies are those
 * of the current and the previous epoch, so they cover the latest {@code epoch} to
 * {@code 2 × epoch} articles. When an article of a new epoch arrives the older epoch is dropped
 * whole, so nothing is ever subtracted and nothing of an article needs to be kept to forget it.
 * Both counts of a term share one {@code int} (16 bits each, saturating), about 18 bytes a term.
 * The counts are a function of the articles' sequence numbers and terms, so reloading the latest
 * articles in sequence order gives the same counts. Not thread-safe.
 */
final class TermCounts {

    private final long epoch;
    private LongIntMap counts = new LongIntMap(1 << 12);
    private long current = Long.MIN_VALUE;
    private int articlesCurrent;
    private int articlesPrevious;

    /** Counts over epochs of {@code epoch} articles. */
    TermCounts(long epoch) {
        this.epoch = Math.max(1, epoch);
    }

    /** The first sequence number whose terms count now when the latest article is {@code seq}. */
    long firstCounted(long seq) {
        return Math.max(0, (seq / epoch - 1) * epoch);
    }

    /** Counts one article's distinct terms. */
    void add(long seq, long[] terms) {
        long e = seq / epoch;
        if (e > current) {
            rotate(e);
        }
        // an article of an older epoch (a number given by hand) counts in the current one
        for (long t : terms) {
            int v = counts.get(t, 0);
            if ((v & 0xffff) < 0xffff) {
                counts.put(t, v + 1);
            }
        }
        articlesCurrent++;
    }

    private void rotate(long e) {
        LongIntMap next = new LongIntMap(Math.max(1 << 12, counts.size()));
        if (e == current + 1) {
            counts.forEach((k, v) -> {
                if ((v & 0xffff) != 0) {
                    next.put(k, (v & 0xffff) << 16);
                }
            });
            articlesPrevious = articlesCurrent;
        } else {
            articlesPrevious = 0;
        }
        counts = next;
        articlesCurrent = 0;
        current = e;
    }

    /** In how many of the counted articles a term occurs. */
    int df(long term) {
        int v = counts.get(term, 0);
        return (v >>> 16) + (v & 0xffff);
    }

    /** How many articles are counted: the N of the frequencies. */
    int articles() {
        return articlesCurrent + articlesPrevious;
    }

    /** Distinct terms counted. */
    int terms() {
        return counts.size();
    }

    /** Bytes held by the counts. */
    long bytes() {
        return counts.bytes();
    }

    void clear() {
        counts = new LongIntMap(1 << 12);
        current = Long.MIN_VALUE;
        articlesCurrent = 0;
        articlesPrevious = 0;
    }
}
