package org.dipwatch.dedup;

import java.util.Arrays;

/**
 * The in-memory LSH index of near-duplicate candidates: for each article, {@link MinHash#BANDS}
 * band keys in one open-addressing table of {@code int} slots. A slot holds the article's
 * sequence number (24 bits, so up to 16.7 million articles) and 8 bits of its band key; the rest
 * of the key is where the slot sits. A lookup probes {@link MinHash#BANDS} runs of slots, so its
 * cost depends on the number of candidates, not on the size of the corpus; a candidate whose
 * 8 bits match by chance is weeded out by the full signature kept in the index database.
 *
 * <p>Memory: 4 bytes per slot, {@link MinHash#BANDS} slots per article, the table kept between
 * {@value #MIN_LOAD} and {@value #MAX_LOAD} full, so 40 / 0.5 = 80 bytes per article at most. A
 * lookup probes each band's run of slots to the first empty one, which linear probing makes about
 * (1 + 1 / (1 - load)²) / 2 slots long: 6 at 0.7 full, 23 at 0.85 (the bounds were 0.68-0.85, and
 * the probing was a tenth of the judge thread's time in a first poll of 10,000 items, its 8-bit
 * chance matches each a needless comparison).
 * Not thread-safe: the pipeline calls it under its lock.
 */
public final class NearDuplicateIndex {

    static final double MAX_LOAD = 0.7;
    static final double MIN_LOAD = 0.5;
    /** The largest sequence number a slot can hold. */
    public static final long MAX_SEQ = (1L << 24) - 2;

    private final SignatureSource source;
    private int[] slots;
    private int entries;
    private int articles;

    /** An empty index sized for {@code expected} articles, refilled from {@code source} when it grows. */
    public NearDuplicateIndex(int expected, SignatureSource source) {
        this.source = source;
        slots = new int[capacityFor(Math.max(16, (long) expected * MinHash.BANDS))];
    }

    /** Adds an article's bands. */
    public void add(long seq, int[] signature) {
        if (seq < 0 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("dedup: sequence number " + seq + " is beyond what the near-duplicate index "
                    + "holds (" + MAX_SEQ + ")");
        }
        if (entries + MinHash.BANDS > slots.length * MAX_LOAD) {
            grow(seq);
        }
        addBands(seq, signature);
    }

    private void addBands(long seq, int[] signature) {
        if (entries + MinHash.BANDS > slots.length * MAX_LOAD) {
            throw new Overfull();
        }
        for (int band = 0; band < MinHash.BANDS; band++) {
            insert(MinHash.bandKey(signature, band), (int) seq + 1);
        }
        articles++;
    }

    /**
     * The sequence numbers of the articles that share at least one band with this signature
     * (and possibly a few that only share 8 bits of a band's key), without repeats.
     */
    public long[] candidates(int[] signature) {
        int[] out = new int[8];
        int n = 0;
        // the candidates found so far, to leave out repeats: an open-addressing set of slot values (never 0), kept at most
        // half full (comparing each with every one found before was quadratic: a day of reports on a few events shares
        // bands with hundreds)
        int[] seen = new int[32];
        for (int band = 0; band < MinHash.BANDS; band++) {
            long key = MinHash.bandKey(signature, band);
            int tag = tag(key);
            int i = home(key, slots.length);
            while (slots[i] != 0) {
                if ((slots[i] >>> 24) == tag) {
                    int value = slots[i] & 0xffffff;
                    if (n * 2 >= seen.length) {
                        seen = rehash(seen, out, n);
                    }
                    if (addNew(seen, value)) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = value;
                    }
                }
                i = i + 1 == slots.length ? 0 : i + 1;
            }
        }
        long[] seqs = new long[n];
        for (int k = 0; k < n; k++) {
            seqs[k] = out[k] - 1L;
        }
        return seqs;
    }

    /** Adds a value (not 0) to an open-addressing set; whether it was not there. */
    private static boolean addNew(int[] set, int value) {
        int mask = set.length - 1;
        int i = (value * 0x9E3779B9) >>> 7 & mask;
        while (set[i] != 0) {
            if (set[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        set[i] = value;
        return true;
    }

    /** A set twice as large holding the {@code n} values of {@code values}. */
    private static int[] rehash(int[] set, int[] values, int n) {
        int[] bigger = new int[set.length * 2];
        for (int k = 0; k < n; k++) {
            addNew(bigger, values[k]);
        }
        return bigger;
    }

    /** Articles added. */
    public int size() {
        return articles;
    }

    /** Bytes held by the index's arrays. */
    public long bytes() {
        return (long) slots.length * Integer.BYTES;
    }

    /** Bytes per article, from the actual array sizes (0 when empty). */
    public double bytesPerArticle() {
        return articles == 0 ? 0 : bytes() / (double) articles;
    }

    private void insert(long key, int value) {
        int slot = (tag(key) << 24) | value;
        int i = home(key, slots.length);
        while (slots[i] != 0) {
            i = i + 1 == slots.length ? 0 : i + 1;
        }
        slots[i] = slot;
        entries++;
    }

    /**
     * A bigger table, refilled from the signatures kept in the index database: the slots hold only
     * 8 bits of each key, too little to move an entry. It grows to {@value #MIN_LOAD} full when past {@value #MAX_LOAD}, so the refills cost
     * a constant amount per article added, spread over the corpus' life.
     */
    private void grow(long adding) {
        int[] old = slots;
        int oldEntries = entries;
        int oldArticles = articles;
        long want = (long) (articles + 1) * MinHash.BANDS;
        while (true) {
            slots = new int[capacityFor(want)];
            entries = 0;
            articles = 0;
            try {
                source.forEach((sig, seq) -> {
                    if (seq != adding) {
                        addBands(seq, sig);
                    }
                });
                return;
            } catch (Overfull e) {
                // the source holds more than the index did (articles stored by another process): bigger
                want = want * 2;
            } catch (RuntimeException e) {
                slots = old;
                entries = oldEntries;
                articles = oldArticles;
                throw e;
            }
        }
    }

    /** A refill that does not fit the table being filled. */
    private static final class Overfull extends RuntimeException {
        Overfull() {
            super(null, null, false, false);
        }
    }

    /** Where the index refills itself from when it grows: every article's sequence number and signature. */
    @FunctionalInterface
    public interface SignatureSource {
        /** Calls {@code each} for every article with a signature. */
        void forEach(java.util.function.ObjLongConsumer<int[]> each);
    }

    private static int capacityFor(long entries) {
        long cap = (long) Math.ceil(entries / MIN_LOAD);
        if (cap > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("dedup: the near-duplicate index cannot grow beyond " + entries + " entries");
        }
        return (int) cap;
    }

    private static int tag(long key) {
        return (int) (key >>> 56);
    }

    /** Fast range reduction of the key's low 32 bits onto [0, capacity). */
    private static int home(long key, int capacity) {
        return (int) (((key & 0xffffffffL) * capacity) >>> 32);
    }
}
