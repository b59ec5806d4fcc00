package org.dipwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dipwatch.dedup.MinHash;
import org.dipwatch.dedup.NearDuplicateIndex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The near-duplicate index on synthetic corpora of 10,000, 100,000 and 1,000,000 articles
 * ({@code ./mvnw -Pbench test -Dtest=NearDuplicateBench}; figures to {@code target/bench/near-duplicates.txt}).
 *
 * <p>An article is its MinHash signature: the minimum hashes of an unrelated text are independent
 * uniform values, so a corpus is synthesized from a seeded generator per sequence number instead
 * of from a million texts; the generator is also the index's refill source and stands in for the
 * index database when a candidate is verified. Queries are half near-duplicates of a random corpus
 * article (a share 1 - J of signature values replaced, J uniform in 0.36-0.95, the MinHash picture
 * of Jaccard J) and half unrelated articles. A lookup is what the pipeline does between having a
 * signature and knowing the near-duplicate: band keys, the probes, and the Jaccard estimate
 * against every candidate's signature. Memory is the index's arrays divided by the articles.
 */
@Tag("bench")
class NearDuplicateBench {

    private static final long SEED = 20261122L;
    private static final int QUERIES = 20_000;
    private final BenchReport report = new BenchReport("near-duplicates.txt");

    private static int[] signature(long seq) {
        SplittableRandom r = new SplittableRandom(SEED ^ (seq * 0x9e3779b97f4a7c15L));
        int[] sig = new int[MinHash.K];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = r.nextInt();
        }
        return sig;
    }

    @Test
    void lookupLatencyAndMemoryAt10kTo1M() throws IOException {
        report.say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        for (int size : new int[] {10_000, 100_000, 1_000_000}) {
            run(size);
        }
        textSignatureCost();
    }

    private void run(int size) throws IOException {
        long t0 = System.nanoTime();
        // start small so that growth (refill from the source) happens as it does in a growing corpus
        long[] stored = {0};
        NearDuplicateIndex index = new NearDuplicateIndex(1024, each -> {
            for (long s = 0; s <= stored[0]; s++) { // what the database holds: the articles added so far and this one
                each.accept(signature(s), s);
            }
        });
        for (long s = 0; s < size; s++) {
            stored[0] = s;
            index.add(s, signature(s));
        }
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        SplittableRandom r = new SplittableRandom(size);
        long[] nanos = new long[QUERIES];
        long candidates = 0;
        int maxCandidates = 0;
        int found = 0;
        int nearQueries = 0;
        for (int q = -2000; q < QUERIES; q++) { // the first 2,000 warm the JIT up
            boolean near = r.nextBoolean();
            long target = r.nextLong(size);
            int[] query = near ? signature(target) : signature(size + 1_000_000L + r.nextInt(1 << 30));
            if (near) {
                double j = 0.36 + r.nextDouble() * 0.59;
                for (int i = 0; i < query.length; i++) {
                    if (r.nextDouble() > j) {
                        query[i] = r.nextInt();
                    }
                }
            }
            long start = System.nanoTime();
            long[] cands = index.candidates(query);
            long best = -1;
            double bestJ = 0;
            for (long c : cands) {
                double jc = MinHash.jaccard(query, signature(c));
                if (jc > bestJ) {
                    bestJ = jc;
                    best = c;
                }
            }
            long took = System.nanoTime() - start;
            if (q >= 0) {
                nanos[q] = took;
                candidates += cands.length;
                maxCandidates = Math.max(maxCandidates, cands.length);
                if (near) {
                    nearQueries++;
                    if (best == target && bestJ >= 0.36) {
                        found++;
                    }
                }
            }
        }
        Arrays.sort(nanos);
        double p50 = nanos[QUERIES / 2] / 1000.0;
        double p99 = nanos[QUERIES * 99 / 100] / 1000.0;
        report.say(String.format(Locale.ROOT, "%,9d articles: index %.1f MB = %.1f bytes/article; built in %.1f s; "
                        + "lookup p50 %.1f µs, p99 %.1f µs, max %.1f µs; candidates mean %.2f, max %d; "
                        + "near-duplicates (J 0.36-0.95) found %.1f%%",
                size, index.bytes() / 1e6, index.bytesPerArticle(), buildSeconds, p50, p99, nanos[QUERIES - 1] / 1000.0,
                candidates / (double) QUERIES, maxCandidates, 100.0 * found / nearQueries));
        assertThat(index.bytesPerArticle()).isLessThanOrEqualTo(80);
        if (size == 1_000_000) {
            assertThat(p99).as("1M lookup p99 in µs").isLessThanOrEqualTo(2000);
        }
    }

    /** The other part of a lookup: the signature of an article's ~600 shingles. */
    private void textSignatureCost() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        long[] shingles = new long[600];
        long[] nanos = new long[2000];
        for (int q = -500; q < nanos.length; q++) {
            for (int i = 0; i < shingles.length; i++) {
                shingles[i] = r.nextLong();
            }
            long start = System.nanoTime();
            MinHash.signature(shingles);
            if (q >= 0) {
                nanos[q] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        report.say(String.format(Locale.ROOT, "signature of 600 shingles (%d hash functions): p50 %.1f µs, p99 %.1f µs",
                MinHash.K, nanos[1000] / 1000.0, nanos[1980] / 1000.0));
    }
}
