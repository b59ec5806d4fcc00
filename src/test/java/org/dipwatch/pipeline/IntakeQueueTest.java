package org.dipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The queue in front of the judge: every accepted item reaches the serial stage once, in the order
 * it was accepted, and the workers prepare only a little ahead of it, so a full queue holds what
 * came in, not what preparing made of it.
 */
class IntakeQueueTest {

    private static final int CAPACITY = 60;
    private static final int WORKERS = 2;
    private static final int BATCH = 5;

    @Test
    void workersPrepareOnlyABatchAheadOfAStalledJudgeAndEveryItemArrivesInOrder() throws Exception {
        AtomicInteger prepared = new AtomicInteger();
        CountDownLatch judgeHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> judged = Collections.synchronizedList(new ArrayList<>());
        try (IntakeQueue<Integer, Integer> queue = new IntakeQueue<>("test", CAPACITY, WORKERS, BATCH, i -> {
            prepared.incrementAndGet();
            return i * 10;
        }, batch -> {
            judgeHeld.countDown();
            await(release);
            batch.forEach(e -> judged.add(e.get()));
        }, e -> {
        }, HeapRoom.of("off"))) {
            for (int i = 0; i < 50; i++) {
                assertThat(queue.offer(i, Duration.ofSeconds(5))).isNotNull();
            }
            assertThat(judgeHeld.await(5, TimeUnit.SECONDS)).isTrue();
            // the judge holds its first batch: what the workers may still prepare is one batch and one item per worker
            Thread.sleep(300);
            assertThat(prepared.get()).as("prepared while the judge is held").isLessThanOrEqualTo(BATCH + BATCH + WORKERS);
            assertThat(queue.size()).as("accepted, waiting as they came").isGreaterThanOrEqualTo(50 - BATCH);

            release.countDown();
            assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i * 10);
        }
        assertThat(judged).as("every item once, in acceptance order").isEqualTo(expected);
        assertThat(prepared.get()).isEqualTo(50);
    }

    @Test
    void aFullQueueRefusesAfterItsWaitAndTakesAgainOnceTheJudgeMovesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger judged = new AtomicInteger();
        try (IntakeQueue<Integer, Integer> queue = new IntakeQueue<>("test", CAPACITY, WORKERS, BATCH, i -> i, batch -> {
            await(release);
            judged.addAndGet(batch.size());
        }, e -> {
        }, HeapRoom.of("off"))) {
            int accepted = 0;
            while (queue.offer(accepted, Duration.ofMillis(50)) != null) {
                accepted++;
            }
            // the judge took its first batch out of the queue: room for exactly that many more
            assertThat(accepted).isBetween(CAPACITY, CAPACITY + BATCH);
            assertThat(queue.size()).isEqualTo(CAPACITY);

            release.countDown();
            assertThat(queue.offer(-1, Duration.ofSeconds(5))).as("room again").isNotNull();
            assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(judged.get()).isEqualTo(accepted + 1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
