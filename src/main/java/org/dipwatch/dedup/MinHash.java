package org.dipwatch.dedup;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * MinHash signatures of shingle sets: {@value #K} minimum hashes, one per hash function, whose
 * share of equal positions estimates the Jaccard similarity of two sets (standard error about
 * 0.04 at 0.5). The first {@value #BANDS} × {@value #ROWS} values, banded, are the LSH keys.
 */
public final class MinHash {

    /** Hash functions, values in a signature. */
    public static final int K = 128;
    /** LSH bands kept in memory per article. */
    public static final int BANDS = 10;
    /** Signature values per band: a pair with Jaccard J shares a band with probability J². */
    public static final int ROWS = 2;

    private static final long[] A = new long[K];
    private static final long[] B = new long[K];

    static {
        // fixed seed: signatures stored in the index must stay comparable across versions and runs
        SplittableRandom random = new SplittableRandom(0x5eed_d1b_3a7cL);
        for (int i = 0; i < K; i++) {
            A[i] = random.nextLong() | 1;
            B[i] = random.nextLong();
        }
    }

    private MinHash() {
    }

    /** The signature of a set of 64-bit shingle hashes; all {@code Integer.MAX_VALUE} for an empty set. */
    public static int[] signature(long[] shingles) {
        int[] sig = new int[K];
        // four hash functions at a time over all shingles: their factors and minimums stay in
        // registers and each shingle is read once for four (the daemon's C1 compiler neither
        // unrolls nor keeps array values in registers: a shingle at a time cost twice as much)
        for (int i = 0; i < K; i += 4) {
            long a0 = A[i];
            long b0 = B[i];
            long a1 = A[i + 1];
            long b1 = B[i + 1];
            long a2 = A[i + 2];
            long b2 = B[i + 2];
            long a3 = A[i + 3];
            long b3 = B[i + 3];
            int m0 = Integer.MAX_VALUE;
            int m1 = Integer.MAX_VALUE;
            int m2 = Integer.MAX_VALUE;
            int m3 = Integer.MAX_VALUE;
            for (long s : shingles) {
                // multiply-shift: the high 32 bits of a*x+b, compared as unsigned via the sign flip
                m0 = Math.min(m0, (int) ((a0 * s + b0) >>> 32) ^ Integer.MIN_VALUE);
                m1 = Math.min(m1, (int) ((a1 * s + b1) >>> 32) ^ Integer.MIN_VALUE);
                m2 = Math.min(m2, (int) ((a2 * s + b2) >>> 32) ^ Integer.MIN_VALUE);
                m3 = Math.min(m3, (int) ((a3 * s + b3) >>> 32) ^ Integer.MIN_VALUE);
            }
            sig[i] = m0;
            sig[i + 1] = m1;
            sig[i + 2] = m2;
            sig[i + 3] = m3;
        }
        return sig;
    }

    /** The estimated Jaccard similarity of the sets behind two signatures. */
    public static double jaccard(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < K; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) K;
    }

    /** The 64-bit key of one band: the band's number and its {@value #ROWS} values, mixed. */
    public static long bandKey(int[] sig, int band) {
        long h = Hashing.mix(band + 1L);
        for (int r = 0; r < ROWS; r++) {
            h = Hashing.mix(h ^ (sig[band * ROWS + r] & 0xffffffffL));
        }
        return h;
    }

    /** A signature as bytes for the index (big-endian). */
    public static byte[] toBytes(int[] sig) {
        return encode(sig.length * Integer.BYTES, b -> b.asIntBuffer().put(sig));
    }

    /** A signature from the index's bytes. */
    public static int[] fromBytes(byte[] bytes) {
        return decode(bytes, Integer.BYTES, int[]::new, (b, sig) -> b.asIntBuffer().get(sig));
    }

    /** Sorted 64-bit values as bytes for the index (big-endian). */
    public static byte[] longsToBytes(long[] values) {
        return encode(values.length * Long.BYTES, b -> b.asLongBuffer().put(values));
    }

    /** 64-bit values from the index's bytes. */
    public static long[] longsFromBytes(byte[] bytes) {
        return decode(bytes, Long.BYTES, long[]::new, (b, values) -> b.asLongBuffer().get(values));
    }

    /** {@code size} bytes written by {@code put} in the index's order: big-endian, as a new ByteBuffer is. */
    private static byte[] encode(int size, Consumer<ByteBuffer> put) {
        ByteBuffer b = ByteBuffer.allocate(size);
        put.accept(b);
        return b.array();
    }

    /** The values of the index's bytes, {@code width} bytes each, read by {@code get} into a new array of them. */
    private static <T> T decode(byte[] bytes, int width, IntFunction<T> array, BiConsumer<ByteBuffer, T> get) {
        T values = array.apply(bytes.length / width);
        get.accept(ByteBuffer.wrap(bytes), values);
        return values;
    }
}
