package org.dipwatch.dedup;

/**
 * A map of 64-bit keys to {@code int} values in two flat arrays (open addressing, linear
 * probing): 12 bytes an entry, kept at most {@value #MAX_LOAD} full, so about 18 bytes an entry.
 * The document frequencies and the story candidate index use it
 * instead of boxed maps; the corpus index's filter of known hashes too. Key 0 is stored under a stand-in, so every {@code long} is a key. Not
 * thread-safe.
 */
public final class LongIntMap {

    static final double MAX_LOAD = 0.7;
    private static final long FREE = 0;
    /** What key 0 is stored as (a key that well-mixed hashes never take in practice). */
    private static final long ZERO = 0x9e3779b97f4a7c15L;

    private long[] keys;
    private int[] values;
    private int size;

    public LongIntMap(int expected) {
        int cap = 16;
        while (cap * MAX_LOAD < expected) {
            cap <<= 1;
        }
        keys = new long[cap];
        values = new int[cap];
    }

    /** The value of a key, {@code absent} when it has none. */
    public int get(long key, int absent) {
        int i = slot(stored(key));
        return keys[i] == FREE ? absent : values[i];
    }

    /** Adds {@code delta} to a key's value (0 when absent); returns the new value. */
    public int add(long key, int delta) {
        long k = stored(key);
        int i = slot(k);
        if (keys[i] == k) {
            return values[i] += delta;
        }
        insert(i, k, delta);
        return delta;
    }

    /** Sets a key's value. */
    public void put(long key, int value) {
        long k = stored(key);
        int i = slot(k);
        if (keys[i] == k) {
            values[i] = value;
        } else {
            insert(i, k, value);
        }
    }

    /** Removes a key (backward-shift deletion, so that no tombstones build up). */
    public void remove(long key) {
        long k = stored(key);
        int i = slot(k);
        if (keys[i] == FREE) {
            return;
        }
        int mask = keys.length - 1;
        keys[i] = FREE;
        size--;
        for (int j = (i + 1) & mask; keys[j] != FREE; j = (j + 1) & mask) {
            int h = home(keys[j], mask);
            // the entry at j may move to the hole at i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? i < h && h <= j : i < h || h <= j;
            if (!stays) {
                keys[i] = keys[j];
                values[i] = values[j];
                keys[j] = FREE;
                i = j;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Bytes held by the arrays. */
    public long bytes() {
        return (long) keys.length * (Long.BYTES + Integer.BYTES);
    }

    /** Calls {@code each} with every key and value (key 0 as 0). */
    void forEach(Entry each) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                each.accept(keys[i] == ZERO ? 0 : keys[i], values[i]);
            }
        }
    }

    /** Empties the map, keeping room for {@code expected} entries. */
    public void clear(int expected) {
        LongIntMap fresh = new LongIntMap(expected);
        keys = fresh.keys;
        values = fresh.values;
        size = 0;
    }

    /** Where a stored key is, or else the free slot it would take: the first of the two its probe from home meets. */
    private int slot(long k) {
        int mask = keys.length - 1;
        int i = home(k, mask);
        while (keys[i] != k && keys[i] != FREE) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Puts a key that is not in the map into the free slot {@code i} its probe found. */
    private void insert(int i, long k, int value) {
        keys[i] = k;
        values[i] = value;
        if (++size > keys.length * MAX_LOAD) {
            grow();
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = slot(oldKeys[j]);
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** A key as stored: key 0 marks a free slot, so it is stored under its stand-in. */
    private static long stored(long key) {
        return key == FREE ? ZERO : key;
    }

    private static int home(long key, int mask) {
        return (int) Hashing.mix(key) & mask;
    }

    /** One entry. */
    @FunctionalInterface
    interface Entry {
        void accept(long key, int value);
    }
}
