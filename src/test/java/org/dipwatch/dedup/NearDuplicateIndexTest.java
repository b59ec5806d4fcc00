package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-memory LSH index: what it finds, what it costs, and that growing loses nothing. */
class NearDuplicateIndexTest {

    private static int[] random(SplittableRandom r) {
        int[] sig = new int[MinHash.K];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = r.nextInt();
        }
        return sig;
    }

    @Test
    void findsEveryCloseSignatureAfterGrowingFromSmallAndStaysUnder64BytesPerArticle() {
        SplittableRandom r = new SplittableRandom(1);
        List<int[]> stored = new ArrayList<>();
        NearDuplicateIndex index = new NearDuplicateIndex(16, each -> {
            for (int s = 0; s < stored.size(); s++) {
                each.accept(stored.get(s), s);
            }
        });
        for (int s = 0; s < 20_000; s++) {
            int[] sig = random(r);
            stored.add(sig); // the database holds it before the index does, as in the pipeline
            index.add(s, sig);
            if (s >= 100) { // below that the smallest table (16 entries) dominates
                assertThat(index.bytesPerArticle()).as("bytes per article at %d", s + 1).isLessThanOrEqualTo(80);
            }
        }
        assertThat(index.size()).isEqualTo(20_000);
        int found = 0;
        for (int s = 0; s < 20_000; s += 100) {
            int[] copy = stored.get(s).clone();
            for (int i = 0; i < copy.length; i += 4) { // 3/4 of the values kept: Jaccard about 0.75
                copy[i] = r.nextInt();
            }
            long[] candidates = index.candidates(copy);
            assertThat(candidates.length).isLessThan(10);
            for (long c : candidates) {
                if (c == s) {
                    found++;
                }
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(198); // P(found) = 1 - (1 - 0.75^2)^10 = 0.9997
        assertThat(index.candidates(random(r))).hasSizeLessThan(3);
    }

    @Test
    void identicalSignatureFindsItselfAndEveryCopy() {
        SplittableRandom r = new SplittableRandom(2);
        int[] sig = random(r);
        NearDuplicateIndex index = new NearDuplicateIndex(100, each -> { });
        index.add(7, sig);
        index.add(9, sig);
        index.add(11, random(r));
        assertThat(index.candidates(sig)).containsExactlyInAnyOrder(7, 9);
    }
}
