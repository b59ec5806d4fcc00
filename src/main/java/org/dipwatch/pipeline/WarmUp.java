package org.dipwatch.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pipeline does once before it judges, and where it stands: the corpus' check against
 * {@code seeds/}, the story memory's load, the judgement of articles without a story, the search
 * index's catch-up. A command runs it before it goes on ({@link #run}); the daemon on a thread of
 * its own ({@link #start}), so that it answers {@code /health}, the API and the status page at
 * once whatever the home's size, while what judges waits for the memory (the intake takes and
 * queues documents meanwhile; nothing is judged against a memory that is not filled).
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /** The steps; {@code holding} is called once they hold the corpus' lock, before the long work. */
    interface Steps {
        void run(Runnable holding);
    }

    private final Steps steps;
    private final Instant created = Instant.now();
    private volatile Instant done;
    private volatile RuntimeException failure;
    /** Started by the daemon's thread, awaited by the one that stops it. */
    private volatile Thread thread;
    private boolean proceed;
    private boolean cancelled;

    WarmUp(Steps steps) {
        this.steps = steps;
    }

    /** Runs the steps on this thread; a failure is thrown. */
    void run() {
        try {
            steps.run(() -> { });
            done = Instant.now();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Runs the steps on a thread of their own and returns once they hold the corpus' lock, so that
     * nothing is judged before them; the long work waits there for {@link #proceed} (the daemon's
     * routes started: the two do not share the cores and the heap at the start). {@code onFailure}
     * is told if the steps fail (after the log).
     */
    void start(Consumer<RuntimeException> onFailure) {
        CountDownLatch holding = new CountDownLatch(1);
        thread = new Thread(() -> {
            try {
                steps.run(() -> {
                    holding.countDown();
                    awaitProceed();
                });
                done = Instant.now();
                LOG.info("dipwatch: warmed up in {} ms: the corpus checked, the story memory loaded, judging", millis());
            } catch (Cancelled e) {
                LOG.debug("dipwatch: stopped before the warm-up");
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("dipwatch: the warm-up failed, nothing can be judged: {}", e.toString(), e);
                onFailure.accept(e);
            } finally {
                holding.countDown();
            }
        }, "dipwatch-warm-up");
        thread.setDaemon(true);
        thread.start();
        try {
            holding.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the warm-up {@link #start}ed do its long work. */
    synchronized void proceed() {
        proceed = true;
        notifyAll();
    }

    private synchronized void awaitProceed() {
        while (!proceed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }
        if (cancelled) {
            throw new Cancelled();
        }
    }

    /** The warm-up {@link #start}ed and not yet let go does nothing; one already working goes on. */
    synchronized void cancel() {
        if (!proceed) {
            cancelled = true;
            proceed = true;
            notifyAll();
        }
    }

    /** The warm-up was cancelled before it did anything. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Waits for a warm-up still running, at most {@code timeout}; whether it is over. */
    boolean await(Duration timeout) {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private long millis() {
        return Duration.between(created, done == null ? Instant.now() : done).toMillis();
    }

    /**
     * The {@code dipwatch:warm-up} check of {@code /health}: {@code STARTING} while it runs (the
     * daemon answers and takes documents; judging waits), {@code UP} once done, {@code DOWN} with
     * the reason when it failed.
     */
    Map<String, Object> check() {
        Map<String, Object> out = new LinkedHashMap<>();
        RuntimeException failed = failure;
        if (failed != null) {
            out.put("state", "DOWN");
            out.put("message", "the warm-up failed, nothing can be judged: " + failed.getMessage());
        } else if (done == null) {
            out.put("state", "STARTING");
            out.put("message", "checking the corpus and loading the story memory for " + millis()
                    + " ms; documents are taken and wait to be judged");
        } else {
            out.put("state", "UP");
            out.put("message", "warmed up in " + millis() + " ms");
        }
        out.put("millis", millis());
        return out;
    }
}
