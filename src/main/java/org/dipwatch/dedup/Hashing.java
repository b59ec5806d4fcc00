package org.dipwatch.dedup;

/** 64-bit hashes for words, shingles and paragraphs: fast, well mixed, the same on every JVM and run. */
public final class Hashing {

    private Hashing() {
    }

    /**
     * FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so that close strings land far apart.
     * The bytes are worked out character by character as {@link String#getBytes} gives them (an
     * unpaired surrogate as {@code ?}), without making them: every word of every article is hashed.
     */
    public static long string(String s) {
        long h = 0xcbf29ce484222325L;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * FNV_PRIME;
            } else if (c < 0x800) {
                h = (h ^ (0xc0 | c >> 6)) * FNV_PRIME;
                h = (h ^ (0x80 | c & 0x3f)) * FNV_PRIME;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    h = (h ^ (0xf0 | cp >> 18)) * FNV_PRIME;
                    h = (h ^ (0x80 | cp >> 12 & 0x3f)) * FNV_PRIME;
                    h = (h ^ (0x80 | cp >> 6 & 0x3f)) * FNV_PRIME;
                    h = (h ^ (0x80 | cp & 0x3f)) * FNV_PRIME;
                } else {
                    h = (h ^ '?') * FNV_PRIME;
                }
            } else {
                h = (h ^ (0xe0 | c >> 12)) * FNV_PRIME;
                h = (h ^ (0x80 | c >> 6 & 0x3f)) * FNV_PRIME;
                h = (h ^ (0x80 | c & 0x3f)) * FNV_PRIME;
            }
        }
        return mix(h);
    }

    private static final long FNV_PRIME = 0x100000001b3L;

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
