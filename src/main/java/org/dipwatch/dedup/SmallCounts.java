package org.dipwatch.dedup;

/**
 * Small counts of 64-bit keys in little memory: each key is kept as a 32-bit fingerprint with a
 * count that stops at 255, in two flat arrays (open addressing, linear probing), 5 bytes a slot
 * and at most {@value #MAX_LOAD} full: about 7 bytes a key where {@link LongIntMap} takes 18. The
 * outlets' paragraph counts use it: about a million keys at 100,000 articles, each only compared
 * with {@code dipwatch.dedup.boilerplate-min-articles}.
 *
 * <p>Two keys with one fingerprint share a count. Among a million keys a new one meets another's
 * fingerprint about once in 4,000 times, and since most paragraphs are counted once, such a paragraph
 * is taken for boilerplate (left out of the similarity) far more rarely still. Not thread-safe.
 */
final class SmallCounts {

    static final double MAX_LOAD = 0.7;
    private static final int FREE = 0;
    private static final int SATURATED = 0xFF;

    private int[] fingerprints;
    private byte[] counts;
    private int size;

    SmallCounts(int expected) {
        int cap = 16;
        while (cap * MAX_LOAD < expected) {
            cap <<= 1;
        }
        fingerprints = new int[cap];
        counts = new byte[cap];
    }

    /** A key's count, 0 when it was never counted. */
    int get(long key) {
        int f = fingerprint(key);
        int i = slot(f);
        return fingerprints[i] == FREE ? 0 : counts[i] & SATURATED;
    }

    /** Counts a key once more (up to 255). */
    void increment(long key) {
        int f = fingerprint(key);
        int i = slot(f);
        if (fingerprints[i] == f) {
            if ((counts[i] & SATURATED) != SATURATED) {
                counts[i]++;
            }
            return;
        }
        fingerprints[i] = f;
        counts[i] = 1;
        if (++size > fingerprints.length * MAX_LOAD) {
            grow();
        }
    }

    /** Keys counted. */
    int size() {
        return size;
    }

    /** Bytes held by the arrays. */
    long bytes() {
        return fingerprints.length * (long) (Integer.BYTES + 1);
    }

    private static int fingerprint(long key) {
        int f = (int) (Hashing.mix(key) >>> 32);
        return f == FREE ? 1 : f;
    }

    /** The slot of a fingerprint: its own, or the free one where it would go. */
    private int slot(int f) {
        int mask = fingerprints.length - 1;
        int i = f & mask;
        while (fingerprints[i] != FREE && fingerprints[i] != f) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** A table twice the size, the same fingerprints and counts placed anew. */
    private void grow() {
        SmallCounts larger = new SmallCounts(fingerprints.length);
        for (int j = 0; j < fingerprints.length; j++) {
            if (fingerprints[j] != FREE) {
                int i = larger.slot(fingerprints[j]);
                larger.fingerprints[i] = fingerprints[j];
                larger.counts[i] = counts[j];
            }
        }
        fingerprints = larger.fingerprints;
        counts = larger.counts;
    }
}
