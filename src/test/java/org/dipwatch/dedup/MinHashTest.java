package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** MinHash signatures and the bytes the index keeps of them and of the sorted features: the format stored rows were written in. */
class MinHashTest {

    @Test
    void aSignatureIsKeptAsItsValuesBigEndian() {
        int[] sig = {1, -2, Integer.MAX_VALUE};
        byte[] bytes = MinHash.toBytes(sig);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00000001" + "fffffffe" + "7fffffff");
        assertThat(MinHash.fromBytes(bytes)).containsExactly(sig);
    }

    @Test
    void sortedValuesAreKeptAsTheir64BitsBigEndian() {
        long[] values = {-1L, 0x0102030405060708L};
        byte[] bytes = MinHash.longsToBytes(values);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("ffffffffffffffff" + "0102030405060708");
        assertThat(MinHash.longsFromBytes(bytes)).containsExactly(values);
        assertThat(MinHash.longsFromBytes(MinHash.longsToBytes(new long[0]))).isEmpty();
    }

    @Test
    void theSignatureOfTheSameSetIsTheSameAndItsBytesReadBackToIt() {
        long[] shingles = {11L, 42L, -7L, 1L << 40};
        int[] sig = MinHash.signature(shingles);
        assertThat(sig).hasSize(MinHash.K).containsExactly(MinHash.signature(shingles.clone()));
        assertThat(MinHash.fromBytes(MinHash.toBytes(sig))).containsExactly(sig);
        assertThat(MinHash.jaccard(sig, MinHash.fromBytes(MinHash.toBytes(sig)))).isEqualTo(1.0);
    }

    @Test
    void aSignatureIsTheSameAsShingleByShingleGaveItAndStoredIndexesHold() {
        // the stored signatures must stay comparable: any set against the plain double loop
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        long[][] ab = factors();
        for (int n : new int[] {0, 1, 7, 150, 333}) {
            long[] set = random.longs(n).toArray();
            int[] want = new int[MinHash.K];
            java.util.Arrays.fill(want, Integer.MAX_VALUE);
            for (long x : set) {
                for (int i = 0; i < MinHash.K; i++) {
                    want[i] = Math.min(want[i], (int) ((ab[0][i] * x + ab[1][i]) >>> 32) ^ Integer.MIN_VALUE);
                }
            }
            assertThat(MinHash.signature(set)).as("%d shingles", n).containsExactly(want);
        }
    }

    /** The hash functions' factors as MinHash draws them (fixed seed). */
    private static long[][] factors() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x5eed_d1b_3a7cL);
        long[][] ab = new long[2][MinHash.K];
        for (int i = 0; i < MinHash.K; i++) {
            ab[0][i] = random.nextLong() | 1;
            ab[1][i] = random.nextLong();
        }
        return ab;
    }
}
