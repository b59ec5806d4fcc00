package org.dipwatch.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.dipwatch.dedup.ExactDedup;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.sql.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corpus: the article files in {@code seeds/} and the index beside them. New articles are
 * written atomically (a hidden temporary file, the index row committed, then a rename), so a
 * crash at any point leaves either no trace or a complete file with its row; opening the corpus
 * finishes or discards what a crash interrupted, then indexes files that appeared in
 * {@code seeds/} since the last run. Existing files are never rewritten.
 */
public final class Corpus {

    private static final Logger LOG = LoggerFactory.getLogger(Corpus.class);
    private static final String TEMP_SUFFIX = ".tmp";
    /** Source recorded for articles found in {@code seeds/} rather than ingested (the originals). */
    public static final String FOUND_IN_SEEDS = "seeds";

    private final Path seeds;
    private final CorpusIndex index;
    private final Function<String, Article> seedReader;
    private final Function<Article, String> fingerprint;
    private final java.util.function.BiFunction<Article, String, Classification> classifier;
    private volatile long maxSeqOnDisk = -1;

    private Corpus(Path seeds, CorpusIndex index, Function<String, Article> seedReader, Function<Article, String> fingerprint,
                   java.util.function.BiFunction<Article, String, Classification> classifier) {
        this.seeds = seeds;
        this.index = index;
        this.seedReader = seedReader;
        this.fingerprint = fingerprint;
        this.classifier = classifier;
    }

    /**
     * Opens the corpus in {@code seeds} with its index: recovers interrupted writes and indexes
     * files the index does not know yet.
     *
     * @param seedReader  reads a seed file's text into its normalized article
     * @param fingerprint the dedup fingerprint of an article's text
     * @param classifier  the tags of an article, stored with it
     */
    public static Corpus open(Path seeds, CorpusIndex index, Function<String, Article> seedReader,
                              Function<Article, String> fingerprint, Function<Article, Classification> classifier) {
        return open(seeds, index, seedReader, fingerprint, (article, declaredLanguage) -> classifier.apply(article));
    }

    /**
     * {@link #open(Path, CorpusIndex, Function, Function, Function)} with a classifier that is told
     * the language an article's source declared ({@code null}: none), so a reindex keeps it.
     */
    public static Corpus open(Path seeds, CorpusIndex index, Function<String, Article> seedReader,
                              Function<Article, String> fingerprint,
                              java.util.function.BiFunction<Article, String, Classification> classifier) {
        Corpus corpus = openUnchecked(seeds, index, seedReader, fingerprint, classifier);
        corpus.check();
        return corpus;
    }

    /**
     * The corpus without its {@link #check} yet: what a daemon opens before it answers, leaving the
     * check (a listing of {@code seeds/} and a read of every article's file state) to its warm-up.
     */
    public static Corpus openUnchecked(Path seeds, CorpusIndex index, Function<String, Article> seedReader,
                                       Function<Article, String> fingerprint,
                                       java.util.function.BiFunction<Article, String, Classification> classifier) {
        try {
            Files.createDirectories(seeds);
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot create " + seeds + ": " + e.getMessage(), e);
        }
        return new Corpus(seeds, index, seedReader, fingerprint, classifier);
    }

    /**
     * Recovers interrupted writes and compares {@code seeds/} with the index: files the index does not
     * know yet are indexed, files gone are marked missing. What {@link #open} does before it returns.
     */
    public synchronized SyncReport check() {
        long started = System.nanoTime();
        SyncReport report = sync(false, true);
        if (report.added() > 0 || report.missing() > 0 || report.unreadable() > 0) {
            LOG.info("corpus: {}", report);
        } else {
            LOG.debug("corpus: the {} files in seeds/ checked against the index in {} ms", report.files(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return report;
    }

    /**
     * An article's paragraphs (title excluded) as its file in {@code seeds/} holds them: what an alert
     * says of it, read at delivery. Empty, with a warning, when the file is gone or unreadable (someone
     * deleted it after it was stored): the alert still goes out, with its title, tags and link.
     */
    public List<String> paragraphs(String fileName) {
        Path file = seeds.resolve(fileName).normalize();
        if (!file.getParent().equals(seeds.normalize())) {
            return List.of();
        }
        // the batch that stored it commits, then renames its files into place: an alert taken in
        // between finds the article under its temporary name, or (renamed meanwhile) under its own
        Path temp = seeds.resolve("." + fileName + TEMP_SUFFIX);
        IOException last = null;
        for (Path p : List.of(file, temp, file)) {
            try {
                return seedReader.apply(Files.readString(p, StandardCharsets.UTF_8)).paragraphs();
            } catch (java.nio.file.NoSuchFileException e) {
                last = e;
            } catch (IOException | RuntimeException e) {
                LOG.warn("corpus: the text of {} cannot be read for its alert ({}); the alert goes without it", fileName, e.toString());
                return List.of();
            }
        }
        LOG.warn("corpus: the text of {} cannot be read for its alert ({}); the alert goes without it", fileName, last);
        return List.of();
    }

    /** The folder of article files. */
    public Path seeds() {
        return seeds;
    }

    /** The index beside the corpus. */
    public CorpusIndex index() {
        return index;
    }

    /**
     * Writes a new article under the next sequence number and records it, with the arrival that
     * brought it, in one index transaction of its own (a batch of one). Returns the index row of the
     * stored article.
     *
     * @param urlHash   SHA-256 of the article's canonical URL, or {@code null}
     * @param idSource  the text whose SHA-256 names the file: the canonical URL, else the article text
     * @param arrival   the arrival to record; its verdict and article file are filled in here
     * @param tags      the article's classification, stored with it
     * @param alsoInTx  more to write in the same transaction once the row exists (the alerts it owes)
     */
    public IndexedArticle store(Article article, String urlHash, String idSource, Arrival arrival, Classification tags,
                                TransactionHook alsoInTx) {
        SQLException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Batch batch = batch()) {
                IndexedArticle row = batch.store(article, urlHash, idSource, arrival, tags, alsoInTx);
                batch.commit();
                return row;
            } catch (SQLException e) {
                // another process (the CLI beside the daemon) took the same number: try the next one
                last = e;
            }
        }
        throw new IndexException("corpus: cannot record a new article after 5 attempts: " + last.getMessage(), last);
    }

    /**
     * Opens a batch: several articles and arrivals written in one index transaction, their files
     * made durable and moved into place once it commits. The caller is the only writer of the
     * corpus while the batch is open (the pipeline's serial stage); on a database several nodes share,
     * the batch waits for the cluster's lock first, and holds it until it commits or rolls back.
     */
    public Batch batch() throws SQLException {
        Connection c = index.transaction();
        try {
            index.judgeAlone(c); // on a shared database: the cluster's one batch at a time
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new Batch(c);
    }

    /**
     * Articles and arrivals recorded in one index transaction. Each article's file is written to a
     * hidden temporary file at once; {@link #commit()} forces them to disk, commits the index and
     * renames them into place, so a crash at any point leaves either no trace of an article or a
     * complete file with its row (the next open finishes or discards what was interrupted).
     * Closing a batch that was not committed rolls it back and removes its temporary files.
     */
    public final class Batch implements AutoCloseable {
        private final Connection c;
        private final List<Path[]> files = new ArrayList<>();
        private long nextSeq = -1;
        private boolean done;

        private Batch(Connection c) {
            this.c = c;
        }

        /** The batch's transaction, for more writes that must commit or roll back with it. */
        public Connection connection() {
            return c;
        }

        /** Writes a new article under the next sequence number, with its arrival; see {@link Corpus#store}. */
        public IndexedArticle store(Article article, String urlHash, String idSource, Arrival arrival, Classification tags,
                                    TransactionHook alsoInTx) throws SQLException {
            return store(article, fingerprint.apply(article), urlHash, idSource, arrival, tags, ClassificationJson.write(tags),
                    alsoInTx);
        }

        /**
         * {@link #store(Article, String, String, Arrival, Classification, TransactionHook)} with what a
         * worker made beforehand: the article's fingerprint and its classification as JSON. The article
         * must be normalized: its row is derived from it as a reindex derives it from the file.
         */
        public IndexedArticle store(Article article, String contentHash, String urlHash, String idSource, Arrival arrival,
                                    Classification tags, String tagsJson, TransactionHook alsoInTx) throws SQLException {
            String text = article.text();
            String id = articleId(idSource);
            if (nextSeq < 0) {
                nextSeq = Math.max(index.maxSeq(c), maxSeqOnDisk) + 1;
            }
            long seq = nextSeq;
            SeedFile file = new SeedFile(seq, id);
            Path target = seeds.resolve(file.fileName());
            Path temp = seeds.resolve("." + file.fileName() + TEMP_SUFFIX);
            try {
                write(temp, text);
            } catch (IOException e) {
                // a disk that filled up mid-file leaves part of it: nothing half-written may stay
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException gone) {
                    e.addSuppressed(gone);
                }
                throw new UncheckedIOException("corpus: cannot write to " + seeds + ": " + e.getMessage(), e);
            }
            files.add(new Path[] {temp, target});
            IndexedArticle row = new IndexedArticle(seq, file.fileName(), id, article.title(), article.published(),
                    contentHash, article.body().size(), text.length(), arrival.source(), arrival.origin(),
                    article.url(), urlHash, arrival.verdict().label(), arrival.receivedAt(), Instant.now(), false);
            index.insertClassified(c, row, tags, tagsJson);
            alsoInTx.write(c, row);
            index.insert(c, arrival.withArticle(file.fileName()));
            nextSeq++;
            return row;
        }

        /** Records an arrival that did not add an article (a duplicate, a failure). */
        public void record(Arrival arrival) throws SQLException {
            index.insert(c, arrival);
        }

        /** Makes the batch's files durable, commits the index, then moves the files into place. */
        public void commit() throws SQLException {
            try {
                forceAll(files);
            } catch (IOException e) {
                throw new UncheckedIOException("corpus: cannot write to " + seeds + ": " + e.getMessage(), e);
            }
            // if the commit fails (the index closed under it on SIGTERM) it may still have reached the
            // file: the temporary files stay, and the next open finishes or discards them by the index
            c.commit();
            done = true;
            index.stored(files.size());
            try {
                for (Path[] f : files) {
                    moveIntoPlace(f[0], f[1]);
                    maxSeqOnDisk = Math.max(maxSeqOnDisk, SeedFile.parse(f[1].getFileName().toString()).orElseThrow().seq());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("corpus: cannot move an article into " + seeds + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (done) {
                Rows.release(c);
                return;
            }
            try {
                // nothing recorded: the temporary files must not outlive the transaction
                for (Path[] f : files) {
                    try {
                        Files.deleteIfExists(f[0]);
                    } catch (IOException e) {
                        LOG.warn("corpus: cannot remove {} of a batch that was not recorded: {}", f[0], e.getMessage());
                    }
                }
            } finally {
                Rows.abandon(c);
            }
        }
    }

    /** Records an arrival that did not add an article (a duplicate, a failure). */
    public void record(Arrival arrival) {
        try (Connection c = index.transaction()) {
            index.insert(c, arrival);
            c.commit();
        } catch (SQLException e) {
            throw new IndexException("index: cannot record arrival " + arrival.origin() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the index's article rows from the files in {@code seeds/}: every field derived from
     * the text is read again, where each article came from is kept, files that appeared are added
     * and files that disappeared are marked missing (their numbers stay taken).
     */
    public synchronized SyncReport reindex() {
        return sync(true, false);
    }

    /**
     * Compares {@code seeds/} with the index under the cluster's lock (on a shared database no other
     * node writes meanwhile, so a temporary file is another node's write in progress only if it holds
     * the lock); {@code recover} first finishes or discards what an interrupted write left.
     */
    private SyncReport sync(boolean rereadAll, boolean recover) {
        try (Connection lock = index.transaction()) {
            index.judgeAlone(lock);
            if (recover) {
                recoverInterruptedWrites();
            }
            SyncReport report = sync(rereadAll);
            lock.commit();
            return report;
        } catch (SQLException e) {
            throw new IndexException("corpus: cannot take the index's lock to compare it with " + seeds + ": " + e.getMessage(), e);
        }
    }

    private SyncReport sync(boolean rereadAll) {
        Map<String, Path> onDisk = listSeedFiles();
        // at a start, usually every file is indexed and present: the whole rows (of 100,000 articles, say)
        // are read only when some file must be read
        Map<String, Boolean> missingByFile = index.fileStates();
        // the files to read, in name order: new ones, ones that came back, or all of them
        List<Map.Entry<String, Path>> toRead = onDisk.entrySet().stream()
                .filter(e -> rereadAll || !Boolean.FALSE.equals(missingByFile.get(e.getKey())))
                .sorted(Map.Entry.comparingByKey()).toList();
        boolean anyToRead = !toRead.isEmpty();
        Map<String, IndexedArticle> known = anyToRead ? index.articles() : Map.of();
        Map<String, String> declaredLanguages = anyToRead ? index.declaredLanguages() : Map.of();
        int added = 0;
        int updated = 0;
        int missing = 0;
        List<String> unreadable = new ArrayList<>();
        try (Connection c = index.transaction()) {
            for (Map.Entry<String, Path> e : toRead) {
                if (!Files.isRegularFile(e.getValue())) {
                    LOG.warn("corpus: {} is not a regular file; it is ignored", e.getValue());
                    continue;
                }
                IndexedArticle row = known.get(e.getKey());
                Optional<Article> article = read(e.getValue());
                if (article.isEmpty()) {
                    unreadable.add(e.getKey());
                    continue;
                }
                Optional<IndexedArticle> derived = Optional.of(derive(SeedFile.parse(e.getKey()).orElseThrow(), article.get()));
                if (row == null) {
                    Instant modified = Files.getLastModifiedTime(e.getValue()).toInstant();
                    IndexedArticle d = derived.get();
                    index.insert(c, new IndexedArticle(d.seq(), d.fileName(), d.articleId(), d.title(), d.published(),
                            d.contentHash(), d.paragraphs(), d.characters(), FOUND_IN_SEEDS, e.getKey(), null, null,
                            "new", modified, modified, false));
                    added++;
                } else {
                    IndexedArticle merged = row.withDerived(derived.get());
                    if (!merged.equals(row)) {
                        index.update(c, merged);
                        updated++;
                    }
                }
                Classification tags = classifier.apply(article.get(), declaredLanguages.get(e.getKey()));
                index.saveClassification(c, e.getKey(), tags, ClassificationJson.write(tags));
            }
            for (Map.Entry<String, Boolean> row : missingByFile.entrySet()) {
                if (!row.getValue() && !onDisk.containsKey(row.getKey())) {
                    index.markMissing(c, row.getKey());
                    missing++;
                }
            }
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IndexException("corpus: cannot index " + seeds + ": " + e.getMessage(), e);
        }
        index.recount();
        return new SyncReport(onDisk.size(), added, updated, missing, unreadable.size(), List.copyOf(unreadable));
    }

    /** The index row that the text of a seed file yields, without where it came from. */
    private IndexedArticle derive(SeedFile file, String text) {
        return derive(file, seedReader.apply(text));
    }

    private IndexedArticle derive(SeedFile file, Article article) {
        return new IndexedArticle(file.seq(), file.fileName(), file.id(), article.title(), article.published(),
                fingerprint.apply(article), article.body().size(), article.text().length(), null, null, null, null,
                null, null, null, false);
    }

    private Optional<Article> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(seedReader.apply(text));
        } catch (IOException | RuntimeException e) {
            LOG.warn("corpus: {} cannot be read as an article ({}); it is left as it is and not indexed", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The seed files in {@code seeds/} by name, without a look at each (100,000 of them at a start):
     * whether one is a regular file is asked of those that are read.
     */
    private Map<String, Path> listSeedFiles() {
        Map<String, Path> out = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(seeds)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".txt")) {
                    continue;
                }
                Optional<SeedFile> seed = SeedFile.parse(name);
                if (seed.isPresent()) {
                    out.put(name, p);
                    maxSeqOnDisk = Math.max(maxSeqOnDisk, seed.get().seq());
                } else if (!name.startsWith(".")) {
                    LOG.warn("corpus: {} is not named NNN_<16 hex>.txt; it is ignored", p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot list " + seeds + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Finishes writes whose index row was committed, and removes the temporary files of writes that were not. */
    private void recoverInterruptedWrites() {
        Map<String, IndexedArticle> known = null;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(seeds, ".*" + TEMP_SUFFIX)) {
            for (Path temp : dir) {
                String tempName = temp.getFileName().toString();
                String finalName = tempName.substring(1, tempName.length() - TEMP_SUFFIX.length());
                if (known == null) {
                    known = index.articles();
                }
                Path target = seeds.resolve(finalName);
                if (known.containsKey(finalName) && !Files.exists(target)) {
                    moveIntoPlace(temp, target);
                    LOG.info("corpus: finished writing {} after an interruption", finalName);
                } else {
                    Files.delete(temp);
                    LOG.info("corpus: discarded {} left by an interrupted write that was never recorded", tempName);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot recover interrupted writes in " + seeds + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        }
    }

    /**
     * Forces the temporary files of a batch to disk, several at once: the file system groups syncs
     * that arrive together (on this project's machine 0.1 ms a file against 0.3-0.4 ms one after
     * the other, which was a tenth of the serial stage's time in a burst of thousands).
     */
    private static void forceAll(List<Path[]> files) throws IOException {
        if (files.size() == 1) {
            force(files.get(0)[0]);
            return;
        }
        List<java.util.concurrent.Future<Void>> syncs = new ArrayList<>(files.size());
        for (Path[] f : files) {
            syncs.add(SYNCS.submit(() -> {
                force(f[0]);
                return null;
            }));
        }
        IOException failed = null;
        for (java.util.concurrent.Future<Void> sync : syncs) {
            try {
                sync.get();
            } catch (java.util.concurrent.ExecutionException e) {
                IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("corpus: interrupted while writing to disk");
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Up to {@value #SYNC_THREADS} syncs at once; beyond that the committing thread syncs a file itself. Idle threads end. */
    private static final int SYNC_THREADS = 8;
    private static final java.util.concurrent.ExecutorService SYNCS = new java.util.concurrent.ThreadPoolExecutor(0, SYNC_THREADS,
            30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dipwatch-sync");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IOException(target + " already exists; an article file is never overwritten");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
    }


    /** The 16 hex digits that name the file of an article whose id comes from this text (its canonical URL or its text). */
    public static String articleId(String idSource) {
        return ExactDedup.sha256(idSource).substring(0, 16);
    }

    /** More writes in the transaction that stores an article; what they write commits or rolls back with it. */
    @FunctionalInterface
    public interface TransactionHook {
        /** Writes within the transaction {@code c}, for the article just recorded as {@code row}. */
        void write(Connection c, IndexedArticle row) throws SQLException;
    }

    /** Counts of the files seen by a sync or reindex of {@code seeds/}. */
    public record SyncReport(int files, int added, int updated, int missing, int unreadable, List<String> unreadableFiles) {
        @Override
        public String toString() {
            return files + " files in seeds/, " + added + " added to the index, " + updated + " updated, "
                    + missing + " missing, " + unreadable + " unreadable" + (unreadable > 0 ? " " + unreadableFiles : "");
        }
    }

}
