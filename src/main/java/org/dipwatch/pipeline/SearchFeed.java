package org.dipwatch.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dipwatch.corpus.ClassificationJson;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.corpus.StoredArticle;
import org.dipwatch.model.Article;
import org.dipwatch.search.SearchIndex;
import org.dipwatch.search.Searchable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with the database. The serial stage hands over each batch's
 * articles once the batch has committed, and one thread of its own analyses them and commits
 * them to the index, so that neither the analysis nor the index's commit lengthens the judging of
 * the next batch. Searches see a batch once it is added; it is committed at most
 * {@link #COMMIT_EVERY} later, with the batches added meanwhile: a Lucene commit writes and syncs a
 * segment, and a commit per batch of a burst made hundreds of small segments to merge. A crash
 * before the commit loses nothing: the next start adds from the database what the index lacks. On a database server that
 * other programs write to, each batch instead adds from the database every article stored since
 * the last one the index holds, theirs too; a program on the same home as the one that holds the
 * index only reads it ({@link SearchIndex#readOnly()}). The hand-over keeps the batches' order and waits while {@link #WAITING}
 * batches are not added yet, so a slow disk slows intake rather than filling memory. A failure
 * loses nothing: the next batch, or the next start, adds from the database what the index lacks.
 */
final class SearchFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchFeed.class);
    /** Batches handed over and not added yet, at most, before the serial stage waits. */
    static final int WAITING = 8;
    /** How long an added batch waits, at most, for its commit. */
    static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    private final SearchIndex search;
    private final CorpusIndex index;
    private final Path seeds;
    private final ThreadPoolExecutor indexer;
    /** Whether an addition failed: the next batch catches up from the database instead. */
    private volatile boolean behind;
    /** On the search thread: when the index last committed, and whether a commit is planned. */
    private long committedAt = System.nanoTime();
    private boolean commitPlanned;

    SearchFeed(SearchIndex search, CorpusIndex index, Path seeds) {
        this.search = search;
        this.index = index;
        this.seeds = seeds;
        this.indexer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING), r -> {
            Thread t = new Thread(r, "dipwatch-search");
            t.setDaemon(true);
            return t;
        }, (task, pool) -> {
            // full: the serial stage waits for room, so the batches stay in order
            try {
                if (pool.isShutdown()) {
                    throw new RejectedExecutionException("search: stopped");
                }
                pool.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("search: interrupted while waiting for room", e);
            }
        });
    }

    /**
     * Hands over the articles of a batch that has just committed, made on the search thread (each
     * from what the batch held of it, not read again); returns once they are queued.
     */
    void committed(List<java.util.function.Supplier<Searchable>> articles) {
        if (search.readOnly() || articles.isEmpty() && !behind && !index.othersMayWrite()) {
            return;
        }
        try {
            indexer.execute(() -> add(articles));
        } catch (RejectedExecutionException e) {
            behind = true; // stopping: the next start adds them
        }
    }

    private void add(List<java.util.function.Supplier<Searchable>> articles) {
        try {
            if (behind || index.othersMayWrite()) {
                // a database server that other programs write to: what they stored is added too
                catchUp();
            } else {
                search.add(articles.stream().map(java.util.function.Supplier::get).toList(), false);
                commitSoon();
            }
        } catch (RuntimeException e) {
            behind = true;
            LOG.warn("search: articles just stored are not searchable yet ({}); the next batch or start adds them", e.getMessage());
        }
    }

    /**
     * On the search thread, after an addition: commits when the last commit is {@link #COMMIT_EVERY}
     * old, else plans one for then (once), so that a burst commits once a second and the last of its
     * batches is committed a second later at most.
     */
    private void commitSoon() {
        long due = committedAt + COMMIT_EVERY.toNanos() - System.nanoTime();
        if (due <= 0) {
            commitNow();
        } else if (!commitPlanned) {
            commitPlanned = true;
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                commitPlanned = false;
                try {
                    commitNow();
                } catch (RuntimeException e) {
                    behind = true;
                    LOG.warn("search: cannot commit ({}); the next batch or start adds what it lacks", e.getMessage());
                }
            }, java.util.concurrent.CompletableFuture.delayedExecutor(due, TimeUnit.NANOSECONDS, indexer));
        }
    }

    private void commitNow() {
        search.commit();
        committedAt = System.nanoTime();
    }

    /**
     * On a database that other programs write to: adds, on the search thread, what they stored since
     * the last batch, so that a node that judges nothing itself still finds what the others store.
     * Nothing to do while batches wait (each catches up), or on a database this program has alone.
     */
    void catchUpOthers() {
        if (search.readOnly() || !index.othersMayWrite() || !indexer.getQueue().isEmpty() || indexer.isShutdown()) {
            return;
        }
        try {
            indexer.execute(() -> add(List.of()));
        } catch (RejectedExecutionException e) {
            // stopping: the next start catches up
        }
    }

    /** Waits until every batch handed over so far is in the index (or failed), at most {@code timeout}. */
    boolean drain(Duration timeout) {
        try {
            Future<?> marker = indexer.submit(() -> { });
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RejectedExecutionException e) {
            return false;
        }
    }

    /** Empties the index and fills it from the database: the last step of a reindex. */
    void rebuild() {
        drain(Duration.ofMinutes(10));
        search.clear();
        catchUp();
    }

    /**
     * Adds to the search index the stored articles it lacks: all of them when it is new (a first
     * start, its folder deleted, a reindex) or holds articles the database does not (another
     * database), else those stored after the last it holds (a crash between the two commits).
     */
    void catchUp() {
        if (search.readOnly()) {
            return; // the process that holds the index keeps it
        }
        // the newest article's file may be missing: then the rows after the last one indexed are
        // read and none added, one short range of the primary key
        long stored = index.maxSeq();
        long from = search.maxSeq();
        if (from > stored) {
            search.clear(); // it indexed another database, or articles since removed
            from = -1;
        }
        if (from == stored) {
            behind = false;
            return;
        }
        long started = System.nanoTime();
        int[] count = new int[1];
        index.forEachStored(from, 500, rows -> {
            List<Searchable> chunk = new ArrayList<>(rows.size());
            for (StoredArticle row : rows) {
                try {
                    Article article = Pipeline.readSeed(Files.readString(seeds.resolve(row.file())));
                    chunk.add(Searchable.of(row.file(), row.seq(), article, row.source(), row.verdict(), row.story(),
                            ClassificationJson.read(row.classificationJson())));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("search: {} cannot be read ({}); it is not searchable until a reindex", row.file(), e.getMessage());
                }
            }
            search.add(chunk);
            count[0] += chunk.size();
        });
        behind = false;
        LOG.info("search: {} articles added to the search index in {} ms", count[0], (System.nanoTime() - started) / 1_000_000);
    }

    /** Adds what was handed over (within {@code timeout}), then stops the thread; the index itself stays open. */
    void close(Duration timeout) {
        if (!IntakeQueue.shutdownAndAwait(indexer, timeout)) {
            LOG.warn("search: stopping before every stored article was added; the next start adds them");
            return;
        }
        try {
            search.commit(); // what was added since the last commit: the search thread has stopped
        } catch (RuntimeException e) {
            LOG.warn("search: cannot commit on stopping ({}); the next start adds what the index lacks", e.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
