package org.dipwatch.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.dipwatch.alert.Alerts;
import org.dipwatch.alert.Outbox;
import org.dipwatch.alert.Subscriptions;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.Arrival;
import org.dipwatch.corpus.Corpus;
import org.dipwatch.corpus.IndexException;
import org.dipwatch.corpus.IndexedArticle;
import org.dipwatch.dedup.ExactDedup;
import org.dipwatch.dedup.StoryMatcher;
import org.dipwatch.dedup.TextFeatures;
import org.dipwatch.dedup.Who;
import org.dipwatch.ingest.DocumentReader;
import org.dipwatch.ingest.Inbox;
import org.dipwatch.ingest.UnreadableDocumentException;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.model.Draft;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.observe.Metrics;
import org.dipwatch.search.SearchIndex;
import org.dipwatch.search.Searchable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline every article goes through, whatever brought it, in the order stated in {@link
 * org.dipwatch.pipeline the package's documentation}: the alerts an article owes are written to the
 * outbox in the transaction that stores it. The daemon's routes and the {@code ingest} command hand
 * documents to the same instance, so a file gets the same verdict either way.
 *
 * <p>Documents wait in a bounded {@link IntakeQueue}: reading, extraction, normalizing and
 * classification run in parallel on {@code dipwatch.pipeline.workers} threads outside any lock;
 * judging and storing run on one thread, in the order the documents were accepted (so verdicts
 * are reproducible), in batches of up to {@code dipwatch.pipeline.batch-size} articles that
 * commit as one index transaction. A batch that fails is rolled back whole and its documents are
 * judged again one by one, so one bad document never takes others with it: an article is stored
 * with its alerts queued, or not at all and its file or feed item is taken again.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /**
     * One document handed to the pipeline.
     *
     * @param name          where it came from, for the log and the index (a path, a file name, an item's link)
     * @param source        the source's name, as in the metrics and the subscriptions' {@code sources}
     * @param document      reads it (on a worker thread)
     * @param alerts        whether a stored article alerts its subscribers ({@code false}: a new source's back catalogue)
     * @param inTransaction more to write in the transaction that records the document's verdict (a feed item marked seen)
     */
    public record Intake(String name, String source, Document document, boolean alerts, InTransaction inTransaction) {

        /** A document with nothing more to write, alerting as its verdict says. */
        public Intake(String name, String source, Document document) {
            this(name, source, document, true, (c, r) -> { });
        }
    }

    /** Reads a document: its draft and the key that identifies this very arrival ({@code null}: none, not journalled). */
    @FunctionalInterface
    public interface Document {
        Read read() throws UnreadableDocumentException, IOException;
    }

    /**
     * A document as read.
     *
     * @param draft     what the reader extracted
     * @param intakeKey the arrival's identity and version (at most 64 characters): the same key is processed once
     */
    public record Read(Draft draft, String intakeKey) {
    }

    /** More to write in the transaction that records a document's verdict; it commits or rolls back with it. */
    @FunctionalInterface
    public interface InTransaction {
        void write(Connection c, IngestResult result) throws SQLException;
    }

    /** A document accepted by the queue: the intake, the inbox file it is (or {@code null}), and its result to come. */
    private record Job(Intake intake, Path inboxFile, CompletableFuture<IngestResult> result) {
    }

    /** What the workers made of a document: an article ready to be judged, or the stage that failed and why. */
    private record Prepared(Intake intake, Instant received, String intakeKey, Article article, String language,
                            String canonicalUrl, String urlHash, String fingerprint, Classification tags, String tagsJson,
                            String outlet, TextFeatures features, String failedStage, String reason) {

        static Prepared failed(Intake intake, Instant received, String intakeKey, String stage, String reason) {
            return new Prepared(intake, received, intakeKey, null, null, null, null, null, null, null, null, null, stage, reason);
        }
    }

    private final DocumentReader reader;
    private final Corpus corpus;
    private final ExactDedup dedup;
    private final Metrics metrics;
    private final Inbox inbox;
    private final Classifier classifier;
    private final Alerts alerts;
    private final Outbox outbox;
    private final StoryMatcher stories;
    private final boolean storeNearDuplicates;
    private final Stages.Queue sizes;
    private final IntakeQueue<Job, Prepared> queue;
    /** Inbox files accepted and not yet judged: the folder's next scan passes them by. */
    private final Set<Path> inboxInFlight = ConcurrentHashMap.newKeySet();
    /** What each inbox file in flight was when a worker read it, to tell whether it changed before it is moved. */
    private final Map<Path, org.dipwatch.ingest.Inbox.Stamp> readAs = new ConcurrentHashMap<>();
    /** This node's claims of inbox files, when several nodes share the inbox; {@code null}: one node takes every file. */
    private volatile org.dipwatch.ingest.InboxClaims claims;
    /** Inbox files this node holds at a time when it claims them ({@code dipwatch.cluster.inbox-share}). */
    private volatile int inboxShare = Integer.MAX_VALUE;
    /** Whether what is judged can be recorded (a full disk under seeds/ cannot); intake pauses while it cannot. */
    private final org.dipwatch.corpus.StoreTrouble trouble = new org.dipwatch.corpus.StoreTrouble();
    /** The full-text index, given each batch's articles once the batch has committed. */
    private final SearchIndex search;
    private final SearchFeed searchFeed;
    private final Stages stages;
    private final WarmUp warmUp;

    private Pipeline(Stages stages, Metrics metrics) {
        this.stages = stages;
        this.reader = stages.reader();
        this.corpus = stages.corpus();
        this.dedup = new ExactDedup(corpus.index());
        this.metrics = metrics;
        this.inbox = stages.inbox();
        this.classifier = stages.classifier();
        this.alerts = stages.alerts();
        this.outbox = stages.outbox();
        this.stories = stages.stories();
        this.storeNearDuplicates = stages.storeNearDuplicates();
        this.sizes = stages.queue();
        this.search = stages.search();
        this.searchFeed = new SearchFeed(search, corpus.index(), corpus.seeds());
        this.warmUp = new WarmUp(this::warmUp);
        this.queue = new IntakeQueue<>("pipeline", sizes.capacity(), sizes.workers(), sizes.batchSize(), this::prepare,
                this::judgeBatch, e -> e.item().result().completeExceptionally(new NotTaken(e.item().intake())),
                HeapRoom.of(sizes.backlogHeapFree()));
        metrics.pipelineQueue(queue::size);
    }

    /**
     * Opens the pipeline of a home: creates its folders, opens the index and the corpus, and warms
     * up ({@link WarmUp}: the corpus checked, the story memory loaded) before it returns.
     */
    public static Pipeline open(Settings settings, Metrics metrics) {
        return open(settings, metrics, classifier(settings));
    }

    /** {@link #open(Settings, Metrics)} with a classifier already loaded (tests that open many homes). */
    public static Pipeline open(Settings settings, Metrics metrics, Classifier classifier) {
        Pipeline pipeline = opened(settings, metrics, classifier);
        try {
            pipeline.warmUp.run();
        } catch (RuntimeException e) {
            pipeline.closeStages();
            throw e;
        }
        return pipeline;
    }

    /**
     * The daemon's {@link #open}: returns once the warm-up holds the corpus' lock and lets it run on a
     * thread of its own once told to ({@link #warmUpProceed}), so that the daemon answers at once
     * whatever the home's size; documents handed over meanwhile wait to be judged. {@code onFailure}
     * is told if the warm-up fails (then nothing can be judged: the daemon stops).
     */
    public static Pipeline openWarming(Settings settings, Metrics metrics, java.util.function.Consumer<RuntimeException> onFailure) {
        Pipeline pipeline = opened(settings, metrics, classifier(settings));
        pipeline.warmUp.start(onFailure);
        return pipeline;
    }

    private static Pipeline opened(Settings settings, Metrics metrics, Classifier classifier) {
        Stages stages = Stages.open(settings, classifier);
        Pipeline pipeline;
        try {
            pipeline = new Pipeline(stages, metrics);
        } catch (RuntimeException e) {
            stages.search().close();
            stages.corpus().index().close();
            throw e;
        }
        metrics.corpusSize(stages.corpus().index()::articleCount);
        return pipeline;
    }

    /**
     * The warm-up's steps: the corpus' check, the story memory's load and the judgement of the
     * articles without a story, under the corpus' lock; then the search index's catch-up (on its own
     * thread). A memory that cannot be loaded fails what waits for it.
     */
    private void warmUp(Runnable holding) {
        synchronized (corpus) {
            try {
                holding.run();
                corpus.check();
                stories.reload();
            } catch (RuntimeException e) {
                // what waits for the memory fails (a stop before the warm-up, a check or load that failed):
                // its batch is not recorded and each document stays where it came from
                stories.unloadable(e);
                throw e;
            }
            judgeUnjudged();
        }
        searchFeed.catchUp();
    }

    /**
     * Lets the warm-up of {@link #openWarming} do its long work: the daemon calls it once its routes
     * have started, so that it answers first and the two do not share the cores meanwhile.
     */
    public void warmUpProceed() {
        warmUp.proceed();
    }

    /** The warm-up's state: the {@code dipwatch:warm-up} check of {@code /health}. */
    public Map<String, Object> warmUpCheck() {
        return warmUp.check();
    }

    /**
     * The index of a home alone, without the corpus, the classifier or the story memory: what a
     * command that only reads or updates rows (the outbox) needs. The caller closes it.
     */
    public static org.dipwatch.corpus.CorpusIndex index(Settings settings) {
        return Stages.index(settings);
    }

    /** The near-duplicate and story thresholds of the settings ({@code dipwatch.dedup.*}). */
    public static StoryMatcher.Thresholds thresholds(Settings settings) {
        return Stages.thresholds(settings);
    }

    /**
     * The classifier of a home: the packaged dictionaries with the home's additions; a problem in
     * them stops the start with the file and entry named.
     */
    public static Classifier classifier(Settings settings) {
        return Stages.classifier(settings);
    }

    /**
     * The subscriptions of a home ({@code dipwatch.alert.subscriptions}), secrets from the
     * environment, filters checked against these dictionaries.
     */
    public static Subscriptions subscriptions(Settings settings, org.dipwatch.classify.Dictionaries dictionaries) {
        return Stages.subscriptions(settings, dictionaries);
    }

    /**
     * The stages this pipeline runs (the corpus with its index, the story matcher, the alerts and
     * their outbox, the search index, …): what the daemon's routes, the API and the commands reach
     * besides the flow itself.
     */
    public Stages stages() {
        return stages;
    }

    /** Reads a seed file's text as the corpus holds it: any of the three shapes, normalized. */
    static Article readSeed(String text) {
        return Stages.readSeed(text);
    }

    // ---------------------------------------------------------------- intake

    /**
     * Hands a document to the pipeline, waiting at most {@code wait} for room in the queue. Returns
     * its result to come, or {@code null} when the queue stayed full (the caller leaves the
     * document where it is and offers it again later). The result completes once the document's
     * verdict is committed; it completes exceptionally when the index could not record it.
     */
    public CompletableFuture<IngestResult> submit(Intake intake, Duration wait) throws InterruptedException {
        return submit(intake, null, wait);
    }

    private CompletableFuture<IngestResult> submit(Intake intake, Path inboxFile, Duration wait) throws InterruptedException {
        Job job = new Job(intake, inboxFile, new CompletableFuture<>());
        return queue.offer(job, wait) == null ? null : job.result();
    }

    /** {@link #submit} waiting as long as it takes, then for the result: the synchronous path of the CLI and tests. */
    public IngestResult ingest(Intake intake) {
        try {
            CompletableFuture<IngestResult> result = null;
            while (result == null) {
                result = submit(intake, Duration.ofSeconds(1));
            }
            return result.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pipeline: interrupted while " + intake.name() + " waited for its turn", e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Whether the queue has room for a poll's items: less than nine tenths full. A poll is deferred
     * otherwise, so sources do not fetch and parse their feeds again and again while the pipeline
     * judges what they handed over before.
     */
    public boolean hasRoom() {
        return queue.size() < queue.capacity() * 9 / 10 && !trouble.paused(Instant.now());
    }

    /**
     * Why nothing can be recorded now (a full disk under {@code seeds/}, the index unreachable),
     * with how long and how many documents were left where they came from; {@code null} while the
     * pipeline records what it judges. {@code /health} shows it.
     */
    public String storeTrouble() {
        return trouble.describe(Instant.now());
    }

    /** How long a caller waits for room in the queue ({@code dipwatch.pipeline.offer-wait-ms}). */
    public Duration offerWait() {
        return sizes.offerWait();
    }

    /** Waits until everything handed over so far has been judged and stored; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) {
        try {
            return queue.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The inbox route's entry: accepts a file found in the inbox unless it is already waiting, and
     * answers at once; once judged the file moves to {@code .done/}, or to {@code .failed/} with its
     * reason. A file whose very drop was processed before (the daemon stopped before it could move
     * it) keeps its recorded verdict. With the queue full the file stays and the next scan offers it
     * again.
     */
    public CompletableFuture<IngestResult> takeFromInbox(java.io.File found) throws InterruptedException {
        Path file = found.toPath();
        Path link = inbox.symbolicLink(file);
        if (link != null) {
            refuseLink(file, link);
            return CompletableFuture.completedFuture(null);
        }
        if (trouble.paused(Instant.now()) || !inboxInFlight.add(file)) {
            // nothing can be recorded for now: the file stays, and a later scan offers it again
            return CompletableFuture.completedFuture(null);
        }
        String claim = claim(file);
        if (claims != null && claim == null) {
            inboxInFlight.remove(file); // another node has it, or it is gone
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<IngestResult> result;
        try {
            result = submit(inboxIntake(file), file, sizes.offerWait());
        } catch (InterruptedException | RuntimeException e) {
            inboxInFlight.remove(file);
            unclaim(claim, file);
            throw e;
        }
        if (result == null) {
            inboxInFlight.remove(file);
            unclaim(claim, file);
            return CompletableFuture.completedFuture(null);
        }
        // a file left in inbox/ by a stop is no error of the route's: it is taken at the next start
        return result.handle((r, e) -> {
            unclaim(claim, file);
            inboxInFlight.remove(file);
            readAs.remove(file);
            return r;
        });
    }

    /**
     * Makes this node claim the files it takes from {@code inbox/} in the database (several nodes
     * watching one shared inbox), {@code share} of them at a time at most; without claims (one node)
     * every file found is taken.
     */
    public void claimInboxFiles(org.dipwatch.ingest.InboxClaims claims, int share) {
        if (share < 1) {
            throw new IllegalArgumentException("dipwatch.cluster.inbox-share must be at least 1, not " + share);
        }
        this.inboxShare = share;
        this.claims = claims;
    }

    /**
     * Whether this node takes more inbox files now: always on one node; with claims, while it holds
     * fewer than its share, so that a burst dropped at once is spread over the nodes instead of being
     * claimed whole by the node that scans first. The inbox route asks before it lists a file
     * ({@code filter}), so a file passed by costs no exchange.
     */
    public boolean takesMoreInboxFiles() {
        return claims == null || inboxInFlight.size() < inboxShare;
    }

    /**
     * Deletes the read-lock markers ({@link org.dipwatch.ingest.Inbox#MARKER_SUFFIX}) that gone nodes
     * left beside the inbox files they had claimed and not finished: a node killed with SIGKILL
     * leaves one beside each file it had queued, and the inbox route of every other node would pass
     * those files by until its own restart. Once the marker is gone this node's route finds the file
     * and its claim takes the gone node's over. Returns how many files were freed; nothing to do without claims.
     */
    public int freeFilesOfGoneNodes() {
        if (claims == null) {
            return 0;
        }
        int freed = 0;
        for (String name : claims.claimedByGoneNodes()) {
            Path marker = inbox.dir().resolve(name + org.dipwatch.ingest.Inbox.MARKER_SUFFIX).normalize();
            try {
                // a name from the database never leads out of inbox/
                if (marker.startsWith(inbox.dir()) && Files.deleteIfExists(marker)) {
                    freed++;
                }
            } catch (IOException e) {
                LOG.warn("inbox: the marker {} a gone node left cannot be deleted ({}); delete it to have {} taken", marker,
                        e.getMessage(), name);
            }
        }
        if (freed > 0) {
            LOG.info("inbox: {} files claimed by nodes that are gone freed for this node", freed);
        }
        return freed;
    }

    /**
     * Makes the search index hold what other nodes stored since this node's last batch (called at
     * each cluster check-in): returns at once, the search thread adds them.
     */
    public void catchUpSearch() {
        searchFeed.catchUpOthers();
    }

    /** This node's claim key of an inbox file as found now; {@code null} without claims, or when another node has it or it is gone. */
    private String claim(Path file) {
        if (claims == null) {
            return null;
        }
        org.dipwatch.ingest.Inbox.Stamp stamp;
        try {
            stamp = inbox.stamp(file);
        } catch (IOException gone) {
            return null; // moved out by the node that took it
        }
        String key = org.dipwatch.ingest.InboxClaims.key(inbox.relativeName(file), stamp);
        return claims.claim(key, inbox.relativeName(file)) ? key : null;
    }

    /** Once this node is done with a claimed file: done when it left {@code inbox/}, else given back for any node to take. */
    private void unclaim(String claim, Path file) {
        if (claim == null) {
            return;
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            claims.release(claim);
        } else {
            claims.done(claim);
        }
    }

    /**
     * A symbolic link in the inbox (the file, or a folder above it) is never followed: it could
     * lead anywhere on the machine. The link itself, not what it points to, moves to
     * {@code .failed/} with the reason beside it.
     */
    private void refuseLink(Path file, Path link) {
        String name = inbox.relativeName(link);
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            target = "?";
        }
        String reason = name + " is a symbolic link (to " + target + "), which dipwatch does not follow: a link could"
                + " make it read any file this user can read. Copy the file itself into inbox/ instead.";
        metrics.failure("inbox", "read");
        LOG.warn("source=inbox file={} verdict=failed stage=read reason=\"{}\"", inbox.relativeName(file), reason);
        try {
            inbox.moveToFailed(link, reason);
        } catch (IOException e) {
            LOG.warn("inbox: {} is a symbolic link and cannot be moved to .failed/ ({}); it is skipped at every scan", name,
                    e.getMessage());
        }
    }

    /** A document accepted and not judged because the pipeline stopped: it stays where it came from. */
    public static final class NotTaken extends IllegalStateException {
        NotTaken(Intake in) {
            super("pipeline: stopping; " + in.name() + " from " + in.source() + " was not judged and is taken again at the next start");
        }
    }

    /**
     * Stops taking documents (the daemon stops): the batch being judged finishes within {@code wait},
     * the documents waiting stay where they came from. Called before the routes stop, so that none
     * waits on them.
     */
    public void stopIntake(Duration wait) {
        queue.close(wait);
    }

    private Intake inboxIntake(Path file) {
        String name = inbox.relativeName(file);
        return new Intake(name, "inbox", () -> {
            // the key of the very bytes read: a file replaced while it is processed is another drop
            java.nio.file.attribute.BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            } catch (java.nio.file.NoSuchFileException e) {
                attrs = null; // gone: the reader says so in its words
            }
            byte[] bytes = reader.bytes(file);
            String key = null;
            if (attrs != null) {
                key = inbox.intakeKey(file, attrs, bytes);
                readAs.put(file, org.dipwatch.ingest.Inbox.Stamp.of(attrs));
            }
            return new Read(reader.read(file.getFileName().toString(), bytes), key);
        });
    }

    /** Processes a file once, wherever it is (the {@code ingest} command): the file itself is left where it is. */
    public IngestResult ingestFile(Path file, String source) {
        return ingest(new Intake(file.toString(), source, () -> new Read(reader.read(file), null)));
    }

    /**
     * Processes a document that a source fetched (a feed item, an article page) exactly once per
     * {@code intakeKey}, waiting for its verdict: the key names the item and its version, so an item
     * handed over again after a restart keeps the verdict it was given and is not stored or alerted twice.
     */
    public IngestResult ingestDraft(Draft draft, String name, String source, String intakeKey) {
        return ingest(new Intake(name, source, () -> new Read(draft, intakeKey)));
    }

    // ---------------------------------------------------------------- the parallel part

    /** Reads, normalizes and classifies a document: pure work, on a worker thread. */
    private Prepared prepare(Job job) {
        Intake intake = job.intake();
        Instant received = Instant.now();
        Read read;
        try {
            read = intake.document().read();
        } catch (UnreadableDocumentException e) {
            return Prepared.failed(intake, received, null, "read", e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Prepared.failed(intake, received, null, "read", intake.name() + " cannot be read: " + e.getMessage());
        }
        Article article;
        try {
            article = Normalizer.normalize(read.draft());
        } catch (IllegalArgumentException e) {
            String reason = "inbox".equals(intake.source())
                    ? intake.name() + " has no article text once normalized (" + e.getMessage() + "); check that it holds the "
                    + "article and drop it into inbox/ again."
                    : "source " + intake.source() + ": " + intake.name() + " has no article text once normalized ("
                    + e.getMessage() + ")";
            return Prepared.failed(intake, received, read.intakeKey(), "normalize", reason);
        }
        String canonicalUrl = ExactDedup.canonicalUrl(article.url());
        String language = read.draft().language();
        String outlet = StoryMatcher.outlet(article.url(), intake.source());
        Classification tags = classifier.classify(article, false, language);
        StoryMatcher.Prepared text = stories.prepare(article, outlet);
        return new Prepared(intake, received, read.intakeKey(), article, language, canonicalUrl, ExactDedup.urlHash(canonicalUrl),
                text.fingerprint(), tags, org.dipwatch.corpus.ClassificationJson.write(tags), outlet, text.features(), null, null);
    }

    // ---------------------------------------------------------------- the serial part

    /** What the serial stage decided for one document, and where to report it once committed. */
    private record Decided(IntakeQueue.Entry<Job, Prepared> entry, IngestResult result, boolean replayed, String stage,
                           java.util.function.Supplier<Searchable> searchable) {

        Decided(IntakeQueue.Entry<Job, Prepared> entry, IngestResult result, boolean replayed, String stage) {
            this(entry, result, replayed, stage, null);
        }
    }

    /** Judges and stores a batch in one transaction; on failure, each document again alone. */
    private void judgeBatch(List<IntakeQueue.Entry<Job, Prepared>> batch) {
        List<Decided> decided;
        synchronized (corpus) {
            try {
                decided = judgeAndCommit(batch);
            } catch (RuntimeException | SQLException e) {
                if (!StoryMatcher.Unavailable.in(e)) {
                    try {
                        stories.reload(); // what the matcher learnt from the rolled-back batch is gone with it
                    } catch (RuntimeException reload) {
                        LOG.warn("dedup: the in-memory indexes cannot be read back after a failed batch: {}", reload.toString());
                    }
                }
                if (queue.closing()) {
                    // stopping (the index may be closing under us): each stays where it came from
                    LOG.warn("pipeline: stopping; a batch of {} could not be recorded ({}) and is taken again at the next start",
                            batch.size(), e.toString());
                    batch.forEach(one -> fail(one, e));
                    return;
                }
                if (batch.size() == 1) {
                    String why = e instanceof java.io.UncheckedIOException io ? io.getMessage() : e.toString();
                    if (trouble.failed(why, Instant.now())) {
                        LOG.error("pipeline: {} from {} could not be recorded ({}); it stays where it came from, and intake pauses "
                                + "and tries again, at first in 1 s, at most every {} s, until a document is recorded",
                                batch.get(0).item().intake().name(), batch.get(0).item().intake().source(), why,
                                org.dipwatch.corpus.StoreTrouble.MAX_PAUSE.toSeconds());
                    } else {
                        LOG.debug("pipeline: {} could not be recorded either ({}); it stays where it came from",
                                batch.get(0).item().intake().name(), why);
                    }
                    fail(batch.get(0), e);
                    return;
                }
                if (trouble.describe(Instant.now()) == null) {
                    LOG.warn("pipeline: a batch of {} could not be recorded ({}); judging them one by one", batch.size(), e.toString());
                } else {
                    LOG.debug("pipeline: a batch of {} could not be recorded either ({}); judging them one by one", batch.size(), e.toString());
                }
                for (IntakeQueue.Entry<Job, Prepared> one : batch) {
                    judgeBatch(List.of(one));
                }
                return;
            }
        }
        String over = trouble.recorded(Instant.now());
        if (over != null) {
            LOG.info("pipeline: recording again after {}; intake resumed", over);
        }
        // the search index makes and adds them on its own thread: its analysis and commit do not hold up the next batch
        List<java.util.function.Supplier<Searchable>> searchable = new ArrayList<>();
        for (Decided d : decided) {
            if (d.searchable() != null) {
                searchable.add(d.searchable());
            }
        }
        searchFeed.committed(searchable);
        for (Decided d : decided) {
            report(d);
        }
    }

    private List<Decided> judgeAndCommit(List<IntakeQueue.Entry<Job, Prepared>> batch) throws SQLException {
        List<Decided> out = new ArrayList<>(batch.size());
        try (Corpus.Batch tx = corpus.batch()) {
            // what another process sharing the index (the CLI, another node) committed before this batch took the lock
            corpus.index().catchUp();
            stories.catchUp();
            // copies of what this batch stores, which the index cannot show before the commit
            Map<String, String> stored = new HashMap<>();
            for (IntakeQueue.Entry<Job, Prepared> entry : batch) {
                Intake in = entry.item().intake();
                Prepared p;
                try {
                    p = entry.get();
                } catch (RuntimeException e) {
                    if (StoryMatcher.Unavailable.in(e)) {
                        throw e; // no story memory (a failed warm-up, a stop before it): nothing is recorded
                    }
                    p = Prepared.failed(in, Instant.now(), null, "read", in.name() + " cannot be read: " + e);
                }
                Decided d = decide(tx, entry, p, stored);
                in.inTransaction().write(tx.connection(), d.result());
                out.add(d);
            }
            tx.commit();
        }
        return out;
    }

    /**
     * The one path that decides a document's verdict: a replay of an earlier arrival, a failure, an
     * exact copy, a near-duplicate, another report of a story, or a new story; then what it
     * records in the batch's transaction.
     */
    private Decided decide(Corpus.Batch tx, IntakeQueue.Entry<Job, Prepared> entry, Prepared p, Map<String, String> stored)
            throws SQLException {
        Intake in = entry.item().intake();
        if (p.intakeKey() != null) {
            Optional<Arrival> before = corpus.index().arrival(tx.connection(), p.intakeKey());
            if (before.isPresent()) {
                return new Decided(entry, replay(in.name(), before.get()), true, null);
            }
        }
        if (p.failedStage() != null) {
            tx.record(Arrival.failed(p.intakeKey(), in.source(), in.name(), p.reason(), p.received()));
            return new Decided(entry, IngestResult.failed(in.name(), in.source(), p.reason()), false, p.failedStage());
        }
        Article article = p.article();
        String copyOf = p.urlHash() != null ? stored.get("u" + p.urlHash()) : null;
        if (copyOf == null) {
            copyOf = stored.get("t" + p.fingerprint());
        }
        if (copyOf == null) {
            copyOf = dedup.duplicateOf(p.urlHash(), p.fingerprint()).orElse(null);
        }
        if (copyOf != null) {
            tx.record(Arrival.duplicate(p.intakeKey(), in.source(), in.name(), copyOf, p.fingerprint(), article.url(),
                    p.received()));
            return new Decided(entry, IngestResult.duplicate(in.name(), in.source(), copyOf, article.title(),
                    article.published(), p.tags()), false, null);
        }
        // the features made on the worker, made again only if the outlet's boilerplate changed since
        StoryMatcher.Judgement j = stories.judge(article, Who.of(p.tags()), p.outlet(), p.features(), Long.MAX_VALUE);
        if (j.verdict() == Verdict.NEAR_DUPLICATE && !storeNearDuplicates) {
            tx.record(Arrival.judged(p.intakeKey(), in.source(), in.name(), Verdict.NEAR_DUPLICATE, j.of(), p.fingerprint(),
                    article.url(), p.received(), j.similarity(), j.story()));
            return new Decided(entry, IngestResult.judged(in.name(), in.source(), Verdict.NEAR_DUPLICATE, j.of(), article.title(),
                    article.published(), p.tags(), j.of(), j.similarity(), j.story()), false, null);
        }
        String idSource = p.canonicalUrl() != null ? p.canonicalUrl() : article.text();
        String story = j.story() != null ? j.story() : StoryMatcher.newStoryId(Corpus.articleId(idSource));
        String verdict = j.verdict().label();
        IndexedArticle row = tx.store(article, p.fingerprint(), p.urlHash(), idSource, Arrival.judged(p.intakeKey(), in.source(), in.name(), j.verdict(),
                null, p.fingerprint(), article.url(), p.received(), j.similarity(), story), p.tags(),
                p.tagsJson(), (c, r) -> {
                    if (p.language() != null) {
                        corpus.index().markLanguageDeclared(c, r.fileName());
                    }
                    stories.save(c, r.seq(), r.fileName(), r.articleId(), article, j);
                    if (in.alerts()) {
                        outbox.enqueue(c, alerts.owed(article, r.fileName(), r.articleId(), verdict, in.source(), p.tags(), story,
                                earlierReports(j, story)));
                    } else {
                        metrics.alertsWithheld(in.source());
                    }
                });
        // the next article of the batch is judged against this one, committed or not yet
        stories.added(row.seq(), row.fileName(), story, article, j);
        if (p.urlHash() != null) {
            stored.put("u" + p.urlHash(), row.fileName());
        }
        stored.put("t" + p.fingerprint(), row.fileName());
        return new Decided(entry, IngestResult.judged(in.name(), in.source(), j.verdict(), row.fileName(), article.title(),
                article.published(), p.tags(), j.verdict() == Verdict.NEAR_DUPLICATE ? j.of() : null, j.similarity(), story),
                false, null, () -> Searchable.of(row.fileName(), row.seq(), article, in.source(), verdict, story, p.tags()));
    }

    /** The reports of its story an article's alerts name: its lead and latest, at most as many as alerts name, and their count. */
    private org.dipwatch.alert.StoryReports earlierReports(StoryMatcher.Judgement j, String story) {
        if (j.verdict() == Verdict.NEW) {
            return org.dipwatch.alert.StoryReports.NONE;
        }
        StoryMatcher.Reports reports = stories.reports(story, alerts.alsoReportedMax());
        return new org.dipwatch.alert.StoryReports(reports.shown().stream()
                .map(x -> new org.dipwatch.alert.StoryReports.Report(x.outlet(), x.title(), x.file())).toList(), reports.total());
    }

    /** Judges an article's story against the corpus articles numbered below {@code before}: ingest and reindex alike. */
    private StoryMatcher.Judgement judgeStory(Article article, Who who, String outlet, long before) {
        return stories.judge(article, who, outlet, before);
    }

    /** The result an earlier arrival of the same document was given: an inbox file and a feed item replay alike. */
    private static IngestResult replay(String name, Arrival a) {
        Verdict v = a.verdict();
        return IngestResult.replayed(name, a.source(), v, a.articleFile(), a.reason(), a.similarity(), a.story());
    }

    /** Once committed: the metrics, the log line, the inbox file moved, and the caller told. */
    private void report(Decided d) {
        Intake in = d.entry().item().intake();
        IngestResult r = d.result();
        Prepared p = d.entry().prepared().getNow(null);
        if (d.replayed()) {
            LOG.info("source={} file={} verdict={} article={} replayed=true", in.source(), in.name(), r.verdict().label(), r.article());
        } else {
            if (d.stage() != null) {
                metrics.failure(in.source(), d.stage());
                LOG.warn("source={} file={} verdict=failed stage={} reason=\"{}\"", in.source(), in.name(), d.stage(), r.reason());
            } else {
                LOG.info("source={} file={} verdict={} article={}", in.source(), in.name(), r.verdict().label(), r.article());
            }
            metrics.article(in.source(), r.verdict().label(),
                    Duration.between(p == null ? Instant.now() : p.received(), Instant.now()));
        }
        if (d.entry().item().inboxFile() != null) {
            moveInboxFile(d.entry().item().inboxFile(), in, r);
        }
        d.entry().item().result().complete(r);
    }

    private void fail(IntakeQueue.Entry<Job, Prepared> entry, Exception e) {
        Intake in = entry.item().intake();
        metrics.failure(in.source(), "store");
        entry.item().result().completeExceptionally(e instanceof IndexException ie ? ie
                : new IndexException("pipeline: " + in.name() + " could not be recorded: " + e.getMessage(), e));
    }

    private void moveInboxFile(Path file, Intake in, IngestResult r) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            org.dipwatch.ingest.Inbox.Stamp read = readAs.get(file);
            if (read != null && !read.equals(inbox.stamp(file))) {
                // written again or replaced after it was read: what is there now was never read
                LOG.warn("inbox: {} changed while it was processed; it stays in inbox/ and is taken again", in.name());
                return;
            }
            if (r.verdict() == Verdict.FAILED) {
                inbox.moveToFailed(file, r.reason());
            } else {
                inbox.moveToDone(file);
            }
        } catch (IOException e) {
            LOG.warn("inbox: {} was judged {} but cannot be moved out of inbox/ ({}); it is replayed at the next scan", in.name(),
                    r.verdict().label(), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- without storing

    /**
     * How a file would be judged against the corpus now, without storing it (the {@code similar}
     * command): the verdict and every compared corpus article with its scores. An exact copy is
     * reported as {@code duplicate} of the file it copies.
     *
     * @throws UnreadableDocumentException when the file cannot be read as an article
     */
    public Similar similar(Path file, String source) throws UnreadableDocumentException {
        Article article = Normalizer.normalize(reader.read(file));
        Classification tags = classifier.classify(article, false);
        synchronized (corpus) {
            corpus.index().catchUp();
            stories.catchUp();
            Optional<String> copyOf = dedup.duplicateOf(ExactDedup.urlHash(ExactDedup.canonicalUrl(article.url())),
                    ExactDedup.fingerprint(article));
            StoryMatcher.Judgement j = judgeStory(article, Who.of(tags), StoryMatcher.outlet(article.url(), source), Long.MAX_VALUE);
            return new Similar(article, copyOf.orElse(null), j);
        }
    }

    /**
     * What {@link #similar} found.
     *
     * @param article   the article as read
     * @param duplicate the corpus file it copies exactly, or {@code null}
     * @param judgement the near-duplicate and story judgement
     */
    public record Similar(Article article, String duplicate, StoryMatcher.Judgement judgement) {
    }

    // ---------------------------------------------------------------- rebuilding

    /**
     * Rebuilds the index from {@code seeds/} ({@link Corpus#reindex()}), then the near-duplicate and
     * story index: every article judged again against the ones before it, in sequence order.
     */
    public Corpus.SyncReport reindex() {
        awaitIdle(Duration.ofMinutes(10));
        synchronized (corpus) {
            Corpus.SyncReport report = corpus.reindex();
            stories.store().clear();
            stories.reload();
            judgeUnjudged();
            searchFeed.rebuild();
            return report;
        }
    }

    /**
     * Gives the articles that have no story yet (the originals on a first start, files added to
     * {@code seeds/} by hand, everything after a reindex) their features and story, judging each
     * against the articles before it.
     */
    private void judgeUnjudged() {
        synchronized (corpus) {
            // nodes starting together on a new database: one judges the originals, the others find them judged
            try (Corpus.Batch lock = corpus.batch()) {
                stories.catchUp();
                judgeUnjudgedLocked();
            } catch (SQLException e) {
                throw new IndexException("index: cannot take the judge's lock: " + e.getMessage(), e);
            }
        }
    }

    private void judgeUnjudgedLocked() {
        {
            var unjudged = stories.store().withoutFeatures();
            if (unjudged.isEmpty()) {
                return; // every start but the first: no reading of all the index's rows for nothing
            }
            var rows = corpus.index().articles();
            for (var e : unjudged) {
                IndexedArticle row = rows.get(e.getValue());
                Article article;
                try {
                    article = readSeed(Files.readString(corpus.seeds().resolve(e.getValue())));
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("dedup: {} cannot be read for its story ({}); it is left without one", e.getValue(), ex.getMessage());
                    continue;
                }
                Who who = Who.ofTags(corpus.index().tags(e.getValue()));
                StoryMatcher.Judgement j = judgeStory(article, who, StoryMatcher.outlet(row.url(), row.source()), e.getKey());
                String story;
                try (Connection c = corpus.index().transaction()) {
                    story = stories.save(c, row.seq(), row.fileName(), row.articleId(), article, j);
                    c.commit();
                } catch (SQLException ex) {
                    throw new IndexException("index: cannot record the story of " + e.getValue() + ": " + ex.getMessage(), ex);
                }
                stories.added(row.seq(), row.fileName(), story, article, j);
            }
        }
    }

    // ---------------------------------------------------------------- the search index

    /**
     * Waits until the article of this sequence number can be found by a search (its batch's
     * articles are added on the search index's own thread), at most {@code timeout}; false when
     * it could not be within it. What posts an article and answers with it calls this, so that
     * the next search finds it.
     */
    public boolean awaitSearchable(long seq, Duration timeout) {
        try {
            return search.awaitAdded(seq, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops taking documents, lets the batch being judged finish (within {@code dipwatch.shutdown.timeout}),
     * then closes the index.
     */
    @Override
    public void close() {
        warmUp.cancel(); // first: what waits for a warm-up that never ran fails at once and stays where it came from
        queue.close(sizes.stopWait());
        if (!warmUp.await(sizes.stopWait())) {
            LOG.warn("dipwatch: stopping during the warm-up; the next start does it again");
        }
        closeStages();
    }

    private void closeStages() {
        try {
            searchFeed.close(sizes.stopWait());
            search.close();
        } catch (RuntimeException e) {
            LOG.warn("search: {}; the next start catches up", e.getMessage());
        }
        corpus.index().close();
    }
}
