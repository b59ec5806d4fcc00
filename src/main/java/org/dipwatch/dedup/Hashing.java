package org.dipwatch.dedup;

import java.nio.charset.StandardCharsets;

/** 64-bit hashes for words, shingles and paragraphs: fast, well mixed, the same on every JVM and run. */
public final class Hashing {

    private Hashing() {
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so that close strings land far apart. */
    public static long string(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The SplitMix64 finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A hash of a run of word hashes (a shingle or a quoted n-gram), order-sensitive. */
    static long sequence(long[] words, int from, int count) {
        long h = 0x9e3779b97f4a7c15L;
        for (int i = from; i < from + count; i++) {
            h = mix(h * 31 + words[i]);
        }
        return h;
    }
}
