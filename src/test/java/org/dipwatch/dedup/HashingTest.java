package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void aStringsHashIsFnvOfItsUtf8BytesAsStoredIndexesHoldIt() {
        // a word's hash is stored (terms, shingles, names): the same for every kind of character
        for (String s : new String[] {"", "a", "russia", "Türkiye", "中国外交部", "🇺🇦 😀", "lone \uD83D high", "lone \uDE00 low",
            "\uD83D", "\uDE00\uD83D", "ŀ߿ࠀ￿"}) {
            assertThat(Hashing.string(s)).as(s).isEqualTo(stringOfBytes(s));
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                int kind = random.nextInt(5);
                s.append((char) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? random.nextInt(0x800)
                        : kind == 2 ? random.nextInt(0x10000) : kind == 3 ? 0xD800 + random.nextInt(0x400) : 0xDC00 + random.nextInt(0x400)));
            }
            assertThat(Hashing.string(s.toString())).as("%s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(stringOfBytes(s.toString()));
        }
    }

    /** {@link Hashing#string} as it was first written: FNV-1a over {@code getBytes(UTF_8)}, what stored features hold. */
    private static long stringOfBytes(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return Hashing.mix(h);
    }
}
