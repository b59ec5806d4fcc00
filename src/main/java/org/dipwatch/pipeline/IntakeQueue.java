package org.dipwatch.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue in front of a serial stage: items are prepared in parallel by a few worker
 * threads (pure work: reading, extraction, classification, text features), then handed to one
 * consumer thread in the order they were accepted, in batches of those already prepared. The order
 * is what keeps verdicts reproducible; the bound is what keeps memory flat when thousands of items
 * arrive at once: {@link #offer} waits for room, and a caller that cannot wait leaves the rest for
 * later.
 *
 * <p>The workers prepare only a little ahead of the consumer (a batch and one item per worker), in
 * acceptance order: the rest of a full queue waits as it came. So a full queue holds what came in,
 * not what preparing made of it (text, features and classification, several times the size), and
 * an item is prepared shortly before it is judged rather than as soon as it was accepted.
 *
 * @param <I> what is handed in
 * @param <P> what the workers make of it
 */
final class IntakeQueue<I, P> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeQueue.class);

    /** An accepted item and its preparation, done or under way. */
    record Entry<I, P>(I item, CompletableFuture<P> prepared) {
        /** The prepared item, waiting for it if a worker is still at it. */
        P get() {
            return prepared.join();
        }
    }

    /** Accepted and not yet taken by the consumer, in acceptance order. */
    private final BlockingQueue<Entry<I, P>> queue = new LinkedBlockingQueue<>();
    /** Room for accepted items: taken by {@link #offer}, given back as the consumer takes items. */
    private final Semaphore space;
    private final int capacity;
    /** Accepted items whose preparation has not started, in acceptance order; guarded by {@code this}. */
    private final ArrayDeque<Entry<I, P>> unstarted = new ArrayDeque<>();
    /** Items whose preparation started and that the consumer has not taken; guarded by {@code this}. */
    private int started;
    private final int ahead;
    private final ExecutorService workers;
    private final Function<I, P> prepare;
    private final Consumer<List<Entry<I, P>>> serial;
    private final Consumer<Entry<I, P>> untaken;
    private final int batchSize;
    private final HeapRoom room;
    private final Thread consumer;
    private final AtomicInteger unfinished = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closing;

    /**
     * A queue that holds at most {@code capacity} accepted items not yet taken by the serial stage.
     *
     * @param name      names the threads ({@code dipwatch-NAME-…})
     * @param workers   threads preparing items in parallel
     * @param batchSize the most items handed to {@code serial} at once
     * @param prepare   the parallel part; must not throw (a failure is part of what it returns)
     * @param serial    the serial part, called from one thread with batches in acceptance order; must not throw
     * @param untaken   told of each accepted item that the serial part will not see because the queue stopped
     * @param room      told of each batch's size and of each quiet moment (the collector's room under a backlog)
     */
    IntakeQueue(String name, int capacity, int workers, int batchSize, Function<I, P> prepare, Consumer<List<Entry<I, P>>> serial,
                Consumer<Entry<I, P>> untaken, HeapRoom room) {
        this.room = room;
        this.untaken = untaken;
        this.capacity = Math.max(1, capacity);
        this.space = new Semaphore(this.capacity);
        this.prepare = prepare;
        this.serial = serial;
        this.batchSize = Math.max(1, batchSize);
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(1, workers);
        // a batch being prepared while the one before it is judged, and a worker never idle for want of an item
        this.ahead = this.batchSize + threads;
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "dipwatch-" + name + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.consumer = new Thread(this::consume, "dipwatch-" + name + "-judge");
        this.consumer.setDaemon(true);
        this.consumer.start();
    }

    /**
     * Accepts an item when there is room within {@code wait}; returns its entry, or {@code null}
     * when the queue stayed full (or is closing) and the item was not taken.
     */
    Entry<I, P> offer(I item, Duration wait) throws InterruptedException {
        if (closing) {
            return null;
        }
        Entry<I, P> entry = new Entry<>(item, new CompletableFuture<>());
        unfinished.incrementAndGet();
        boolean taken = false;
        try {
            taken = space.tryAcquire(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } finally {
            if (!taken) {
                finished(1);
            }
        }
        if (!taken) {
            return null;
        }
        synchronized (this) {
            // one order for both: the consumer's next item is always the first to be prepared
            queue.add(entry);
            unstarted.add(entry);
        }
        startPreparing();
        return entry;
    }

    /** Hands the workers the next accepted items, in order, while fewer than {@link #ahead} are prepared or under way. */
    private void startPreparing() {
        while (true) {
            Entry<I, P> next;
            synchronized (this) {
                if (started >= ahead || unstarted.isEmpty()) {
                    return;
                }
                next = unstarted.poll();
                started++;
            }
            try {
                workers.execute(() -> prepare(next));
            } catch (RejectedExecutionException e) {
                // the workers stopped: the item stays where it came from
                next.prepared().cancel(false);
            }
        }
    }

    private void prepare(Entry<I, P> entry) {
        if (closing) {
            // stopping: the item stays where it came from, nothing to prepare
            entry.prepared().cancel(false);
            return;
        }
        try {
            entry.prepared().complete(prepare.apply(entry.item()));
        } catch (RuntimeException | Error e) {
            entry.prepared().completeExceptionally(e);
        }
    }

    /** The consumer took {@code n} items: their room and their places among the prepared are free again. */
    private void took(int n) {
        synchronized (this) {
            started -= n;
        }
        space.release(n);
        startPreparing();
    }

    /** Items accepted and not yet taken by the serial stage. */
    int size() {
        return queue.size();
    }

    /** The most items the queue holds. */
    int capacity() {
        return capacity;
    }

    /** Waits until every accepted item has been through the serial stage; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (unfinished.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    private void finished(int n) {
        if (unfinished.addAndGet(-n) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void consume() {
        List<Entry<I, P>> batch = new ArrayList<>(batchSize);
        while (true) {
            if (closing) {
                // stopping: what waits is handed back untouched, and taken again at the next start
                for (Entry<I, P> left = queue.poll(); left != null; left = queue.poll()) {
                    try {
                        untaken.accept(left);
                    } finally {
                        finished(1);
                    }
                }
                synchronized (this) {
                    unstarted.clear();
                }
                return;
            }
            Entry<I, P> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                room.quiet();
                continue;
            }
            batch.add(first);
            took(1);
            try {
                first.prepared().join();
            } catch (RuntimeException e) {
                // handed to the serial stage as it is: it reports the failure for the item
            }
            // take along what is prepared already, never waiting for a slow one: a batch costs one commit
            while (batch.size() < batchSize) {
                Entry<I, P> next = queue.peek();
                if (next == null || !next.prepared().isDone()) {
                    break;
                }
                batch.add(queue.poll());
                took(1);
            }
            room.batch(batch.size());
            try {
                serial.accept(List.copyOf(batch));
            } catch (RuntimeException | Error e) {
                LOG.error("pipeline: a batch of {} items failed outside its own error handling: {}", batch.size(), e.toString(), e);
            } finally {
                finished(batch.size());
                batch.clear();
            }
        }
    }

    /** Whether the queue stopped taking items. */
    boolean closing() {
        return closing;
    }

    /**
     * Stops accepting items and lets the serial stage finish the batch it is judging (within
     * {@code timeout}); the items still waiting are handed to {@code untaken} and stay where they
     * came from (an inbox file in {@code inbox/}, a feed item unseen), to be taken at the next start.
     * The serial thread is never interrupted: it writes to the index, and an interrupt during a
     * write closes an embedded H2 file under every other user. A batch still running at the
     * timeout fails once the index closes, and its items are taken again at the next start.
     */
    void close(Duration timeout) {
        synchronized (this) {
            if (closing) {
                return; // closed before: its wait is over
            }
            closing = true;
        }
        try {
            consumer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (consumer.isAlive()) {
            LOG.warn("pipeline: the batch being judged did not finish within {} s (dipwatch.shutdown.timeout); "
                    + "its items are taken again at the next start", timeout.toSeconds());
        }
        // no interrupt: a worker finishes the item it reads (an interrupted read would only be noise), the rest are skipped
        shutdownAndAwait(workers, Duration.ofSeconds(5));
    }

    /**
     * Shuts a pool down, lets it finish its tasks within {@code wait} and interrupts what still runs
     * then (or when this wait is interrupted); whether they finished in time.
     */
    static boolean shutdownAndAwait(ExecutorService pool, Duration wait) {
        pool.shutdown();
        try {
            if (pool.awaitTermination(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return false;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
