package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The outlets' paragraph counts: exact for the keys counted, through growth, up to where they stop. */
class SmallCountsTest {

    @Test
    void eachKeyKeepsItsOwnCountThroughGrowthAndUnknownKeysCountZero() {
        SmallCounts counts = new SmallCounts(16);
        Random random = new Random(7);
        long[] keys = new long[200_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
            for (int k = 0; k <= i % 4; k++) {
                counts.increment(keys[i]);
            }
        }
        int wrong = 0;
        for (int i = 0; i < keys.length; i++) {
            wrong += counts.get(keys[i]) == i % 4 + 1 ? 0 : 1;
        }
        // two keys may share a 32-bit fingerprint: among 200,000 keys about 200,000² / 2³³ = 4.7 pairs
        assertThat(wrong).isLessThanOrEqualTo(30);
        assertThat(counts.size()).isBetween(keys.length - 15, keys.length);
        int unknown = 0;
        for (int i = 0; i < 100_000; i++) {
            unknown += counts.get(random.nextLong()) == 0 ? 0 : 1;
        }
        assertThat(unknown).as("100,000 × 200,000 / 2³² = 4.7 expected").isLessThanOrEqualTo(20);
        // 5 bytes a slot, at most 70 % full, the slots doubled as needed: under 15 bytes a key at worst
        assertThat(counts.bytes()).isLessThanOrEqualTo((long) (keys.length * 5 / SmallCounts.MAX_LOAD * 2));
    }

    @Test
    void aCountStopsAt255() {
        SmallCounts counts = new SmallCounts(4);
        for (int i = 0; i < 1000; i++) {
            counts.increment(42L);
        }
        assertThat(counts.get(42L)).isEqualTo(255);
        assertThat(counts.get(0L)).isZero();
        counts.increment(0L);
        assertThat(counts.get(0L)).isEqualTo(1);
    }
}
