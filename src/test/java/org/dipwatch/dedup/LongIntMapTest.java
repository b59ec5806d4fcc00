package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat map answers as a {@link HashMap} would, through growth, key 0 and deletions that shift entries back. */
class LongIntMapTest {

    @Test
    void keyZeroIsAKeyLikeAnyOther() {
        LongIntMap map = new LongIntMap(4);
        assertThat(map.get(0, -1)).isEqualTo(-1);
        assertThat(map.add(0, 3)).isEqualTo(3);
        assertThat(map.add(0, 4)).isEqualTo(7);
        map.put(5, 1);
        assertThat(map.get(0, -1)).isEqualTo(7);
        assertThat(map.size()).isEqualTo(2);
        Map<Long, Integer> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 7, 5L, 1));
        map.remove(0);
        assertThat(map.get(0, -1)).isEqualTo(-1);
        assertThat(map.get(5, -1)).isEqualTo(1);
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void aRunOfMixedChangesLeavesWhatAHashMapHolds() {
        // few distinct keys in a map that starts small: long probe runs, growth, removals inside runs
        Random random = new Random(16);
        long[] pool = new long[300];
        for (int i = 1; i < pool.length; i++) {
            pool[i] = random.nextLong();
        }
        LongIntMap map = new LongIntMap(1);
        Map<Long, Integer> model = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            long key = pool[random.nextInt(pool.length)];
            int value = random.nextInt(100) - 50;
            switch (random.nextInt(4)) {
                case 0 -> assertThat(map.add(key, value)).isEqualTo(model.merge(key, value, Integer::sum));
                case 1 -> {
                    map.put(key, value);
                    model.put(key, value);
                }
                case 2 -> {
                    map.remove(key);
                    model.remove(key);
                }
                default -> assertThat(map.get(key, Integer.MIN_VALUE)).isEqualTo(model.getOrDefault(key, Integer.MIN_VALUE));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        Map<Long, Integer> held = new HashMap<>();
        map.forEach(held::put);
        assertThat(held).isEqualTo(model);
        for (long key : pool) {
            assertThat(map.get(key, Integer.MIN_VALUE)).isEqualTo(model.getOrDefault(key, Integer.MIN_VALUE));
        }
    }

    @Test
    void clearEmptiesTheMap() {
        LongIntMap map = new LongIntMap(2);
        for (long k = 1; k <= 100; k++) {
            map.put(k, (int) k);
        }
        map.clear(10);
        assertThat(map.size()).isZero();
        assertThat(map.get(50, -1)).isEqualTo(-1);
        map.put(50, 2);
        assertThat(map.get(50, -1)).isEqualTo(2);
    }
}
