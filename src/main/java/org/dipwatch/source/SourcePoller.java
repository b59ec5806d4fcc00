package org.dipwatch.source;

import static org.dipwatch.dedup.ExactDedup.sha256;
import static org.dipwatch.dedup.ExactDedup.sha256Lines;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.retry.Backoff;
import org.dipwatch.ingest.FeedFetcher;
import org.dipwatch.ingest.FeedItem;
import org.dipwatch.ingest.FeedParser;
import org.dipwatch.ingest.ItemDrafts;
import org.dipwatch.ingest.UnreadableDocumentException;
import org.dipwatch.ingest.WebPage;
import org.dipwatch.model.Draft;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source and hands its new items to the pipeline; the bean every {@code source-*} route
 * calls. One instance per daemon shares one {@link FeedFetcher}, so one request at a time per host
 * and the minimum delay per host hold across all sources. The order of a poll is given in this
 * package's description; a poll never throws: its failure is recorded in the source's state,
 * counted, logged and answered with a report.
 */
public final class SourcePoller {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePoller.class);

    /**
     * How the pipeline takes one item: the draft, a name for the log, the source, the intake key,
     * whether it may alert, and what to write in the transaction that records its verdict (the item
     * marked seen). Returns the item's result to come, or {@code null} when the pipeline's queue
     * stayed full: the item is then left for the next poll.
     */
    @FunctionalInterface
    public interface Intake {
        CompletableFuture<IngestResult> submit(Draft draft, String name, String source, String intakeKey, boolean alerts,
                                               Seen seen) throws InterruptedException;

        /** Whether the pipeline has room for a poll's items; without it a poll is deferred before it fetches anything. */
        default boolean hasRoom() {
            return true;
        }
    }

    /** Marks an item seen in the transaction that records its verdict, so an item is seen exactly when it was judged. */
    @FunctionalInterface
    public interface Seen {
        void write(Connection c, IngestResult result) throws SQLException;
    }

    /**
     * Told after every poll, to alert subscribers of a source's health (see {@code SourceHealth}), with the
     * source's own limit of silence ({@code null}: the global one).
     */
    @FunctionalInterface
    public interface Watcher {
        void polled(SourceState state, Duration silentAfter, Instant now);
    }

    /**
     * The polling rules.
     *
     * @param enabled    whether sources are polled at all ({@code dipwatch.sources.enabled})
     * @param backoff    the wait after a first failure, doubled per further failure (±20%)
     * @param backoffMax the longest wait after failures
     * @param jitterMax  the longest delay a trigger waits before polling (each source its own, fixed, by its name)
     * @param maxWait    the longest a poll waits for its host's turn; a host held longer (Retry-After) defers the poll
     * @param maxItemsPerPoll the most new items a poll fetches or processes, oldest first; the rest wait for the next poll
     * @param itemMaxAttempts the attempts at a list page's article before it is given up
     * @param firstPollAlerts on a source's first poll, only items published within this time alert (the rest are its back catalogue)
     */
    public record Policy(boolean enabled, Duration backoff, Duration backoffMax, Duration jitterMax, Duration maxWait,
                         int maxItemsPerPoll, int itemMaxAttempts, Duration firstPollAlerts) {
    }

    /**
     * What one poll did.
     *
     * @param source    the source's name
     * @param outcome   {@code new} (items processed), {@code partial} (some processed, the rest wait: the pipeline's
     *                  queue was full), {@code deferred} (not fetched: the queue is nearly full), {@code unchanged}
     *                  (304, or nothing new), {@code error},
     *                  {@code backoff} (skipped: waiting after failures or for its host), {@code busy} (skipped:
     *                  its previous poll still runs), {@code disabled}, {@code stopping} (the daemon stops)
     * @param listed    items the feed or page listed
     * @param processed items handed to the pipeline (judged after the poll returns)
     * @param error     the error, naming the source and the problem, or {@code null}
     */
    public record Report(String source, String outcome, int listed, int processed, String error) {
    }

    /** Waits; a test replaces it to see the waits without spending them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final FeedFetcher fetcher;
    private final ItemDrafts drafts;
    private final SourceStates states;
    private final Intake intake;
    private final Metrics metrics;
    private final Policy policy;
    private final Clock clock;
    private final Map<String, java.util.concurrent.locks.ReentrantLock> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> gauged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Per source, the items its running poll handed over, all judged: when the poll counts as complete in the metrics. */
    private final Map<String, CompletableFuture<Void>> judgedOf = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * By source, the items its latest handing-over poll handed to the pipeline, until they are judged: a
     * poll answered 304 meanwhile is complete, in the metrics, only once they are in the corpus too.
     */
    private final Map<String, CompletableFuture<Void>> stillJudging = new java.util.concurrent.ConcurrentHashMap<>();
    /** Intake keys of items handed to the pipeline and not judged yet: a poll meanwhile passes them by. */
    private final Map<String, CompletableFuture<IngestResult>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    /** By source: the feed items its last poll could not hand over, kept for its next poll (see {@link Waiting}). */
    private final Map<String, Waiting> waitingItems = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean stopping;
    // a trigger's jitter ends early when the daemon stops, so SIGTERM is not held up by it
    private volatile Sleeper sleeper = d -> {
        synchronized (wake) {
            if (!stopping) {
                wake.wait(Math.max(1, d.toMillis()));
            }
        }
    };
    private volatile Watcher watcher = (s, silentAfter, now) -> { };

    /** A poller that fetches with {@code fetcher}, keeps state in {@code states} and hands items to {@code intake}. */
    public SourcePoller(FeedFetcher fetcher, SourceStates states, Intake intake, Metrics metrics, Policy policy, Clock clock) {
        this.fetcher = fetcher;
        this.drafts = new ItemDrafts(fetcher);
        this.states = states;
        this.intake = intake;
        this.metrics = metrics;
        this.policy = policy;
        this.clock = clock;
    }

    /** Replaces how the trigger's jitter is waited (tests). */
    public void sleeper(Sleeper s) {
        this.sleeper = s;
    }

    /** Sets who is told of each poll's outcome (the source-health alerts). */
    public void watcher(Watcher w) {
        this.watcher = w;
    }

    /** Ends the waits of triggers and refuses new polls: the daemon is stopping. */
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        synchronized (resume) {
            resume.notifyAll();
        }
    }

    /** The state store. */
    public SourceStates states() {
        return states;
    }

    /**
     * The route's entry: the template sets one header per parameter and {@code sourceKind}; the
     * source's fixed jitter is waited first, then the source is polled.
     */
    public Report trigger(Map<String, Object> headers) throws InterruptedException {
        SourceSpec spec = SourceSpec.of(String.valueOf(headers.get("sourceKind")), headers);
        Duration jitter = jitter(spec.name());
        if (!jitter.isZero() && policy.enabled()) {
            sleeper.sleep(jitter);
        }
        return poll(spec);
    }

    /** The fixed delay of a source's polls after its trigger: its name's hash within {@code jitterMax}. */
    public Duration jitter(String name) {
        long max = policy.jitterMax().toMillis();
        if (max <= 0) {
            return Duration.ZERO;
        }
        // a hash that spreads short and similar names (String.hashCode of "a" is 97)
        long h = Long.parseUnsignedLong(sha256(name).substring(0, 15), 16);
        return Duration.ofMillis(Math.floorMod(h, max));
    }

    /**
     * Polls a source now (unless its backoff holds it, or a poll of it is still running: a slow
     * poll is not overtaken by its next trigger); never throws.
     */
    public Report poll(SourceSpec spec) {
        if (!policy.enabled() || !spec.enabled()) {
            return new Report(spec.name(), "disabled", 0, 0, null);
        }
        if (stopping) {
            return new Report(spec.name(), "stopping", 0, 0, null);
        }
        java.util.concurrent.locks.ReentrantLock lock = running.computeIfAbsent(spec.name(),
                k -> new java.util.concurrent.locks.ReentrantLock());
        if (!lock.tryLock()) {
            metrics.sourcePoll(spec.name(), "busy", Duration.ZERO);
            return new Report(spec.name(), "busy", 0, 0, null);
        }
        Report report;
        try {
            report = pollExclusively(spec);
        } finally {
            lock.unlock();
        }
        if (report.outcome().equals("partial") || report.outcome().equals("deferred")) {
            resumeSoon(spec);
        } else {
            synchronized (resume) {
                resume.remove(spec.name());
            }
        }
        return report;
    }

    /**
     * Sources whose poll the pipeline's full queue cut short ({@code partial}) or put off
     * ({@code deferred}), oldest first: polled again as soon as the queue has room, instead of at their
     * next trigger, which on a real schedule is minutes away (a first poll of 200 feeds left 118 of
     * them partial). Guarded by itself.
     */
    private final java.util.LinkedHashMap<String, SourceSpec> resume = new java.util.LinkedHashMap<>();
    /** How often the resuming thread looks for room while sources wait. */
    static final Duration RESUME_CHECK = Duration.ofMillis(200);
    private Thread resumer;

    private void resumeSoon(SourceSpec spec) {
        synchronized (resume) {
            resume.putIfAbsent(spec.name(), spec);
            if (resumer == null) {
                resumer = new Thread(this::resumeWaiting, "dipwatch-source-resume");
                resumer.setDaemon(true);
                resumer.start();
            }
            resume.notifyAll();
        }
    }

    /** The resuming thread: polls the oldest waiting source whenever the pipeline has room, until the daemon stops. */
    private void resumeWaiting() {
        try {
            while (!stopping) {
                SourceSpec next = null;
                synchronized (resume) {
                    if (resume.isEmpty()) {
                        resume.wait(1000);
                        continue;
                    }
                    if (intake.hasRoom()) {
                        var oldest = resume.entrySet().iterator();
                        next = oldest.next().getValue();
                        oldest.remove();
                    } else {
                        resume.wait(RESUME_CHECK.toMillis());
                    }
                }
                if (next != null) {
                    LOG.debug("source={} polled again: its last poll found the pipeline's queue full", next.name());
                    poll(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The names of the sources waiting to be polled again for room in the pipeline, oldest first (tests, status). */
    java.util.List<String> resuming() {
        synchronized (resume) {
            return java.util.List.copyOf(resume.keySet());
        }
    }

    private Report pollExclusively(SourceSpec spec) {
        Instant now = clock.instant();
        SourceState state = states.register(spec.name(), spec.kind(), spec.url());
        String name = spec.name();
        if (gauged.add(name)) {
            metrics.sourceFailures(name, () -> states.consecutiveFailures(name));
        }
        if (state.nextAttemptAt() != null && now.isBefore(state.nextAttemptAt())) {
            metrics.sourcePoll(spec.name(), "backoff", Duration.ZERO);
            return new Report(spec.name(), "backoff", 0, 0, null);
        }
        URI uri;
        try {
            uri = URI.create(spec.url());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            // check-config names this before a start; a file edited while running gets here
            String error = "source " + spec.name() + ": url '" + spec.url() + "' is not an absolute address (" + e.getMessage() + ")";
            states.failure(spec.name(), error, now.plus(policy.backoffMax()), now);
            metrics.sourcePoll(spec.name(), "error", Duration.ZERO);
            return new Report(spec.name(), "error", 0, 0, error);
        }
        Instant hostFree = fetcher.notBefore(uri.getHost());
        if (Duration.between(now, hostFree).compareTo(policy.maxWait()) > 0) {
            // the host asked us to stay away (Retry-After) for longer than a trigger should block
            LOG.info("source={} outcome=deferred host={} until={}", spec.name(), uri.getHost(), hostFree);
            metrics.sourcePoll(spec.name(), "backoff", Duration.ZERO);
            return new Report(spec.name(), "backoff", 0, 0, null);
        }
        if (!intake.hasRoom()) {
            // the pipeline is still judging what earlier polls handed over: fetching and parsing the feed
            // again now would only hand over nothing; the next trigger tries again
            metrics.sourcePoll(spec.name(), "deferred", Duration.ZERO);
            return new Report(spec.name(), "deferred", 0, 0, null);
        }
        long start = System.nanoTime();
        Report report;
        try {
            report = read(spec, state, uri);
        } catch (SourceFailure e) {
            report = failed(spec, state, uri, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = new Report(spec.name(), "error", 0, 0, "source " + spec.name() + ": interrupted");
        } catch (RuntimeException e) {
            report = failed(spec, state, uri, "source " + spec.name() + ": " + e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        CompletableFuture<Void> judged = judgedOf.remove(spec.name());
        String outcome = report.outcome();
        if (judged == null) {
            metrics.sourcePoll(spec.name(), outcome, took);
        } else {
            // a poll that handed items over is complete, in the metrics, once they are in the corpus
            judged.whenComplete((v, e) -> metrics.sourcePoll(spec.name(), outcome, took));
        }
        try {
            states.get(spec.name()).ifPresent(s -> watcher.polled(s, spec.silentAfter(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("source={} health alert could not be written: {}", spec.name(), e.toString());
        }
        return report;
    }

    private Report failed(SourceSpec spec, SourceState state, URI uri, String error) {
        Instant now = clock.instant();
        Duration wait = backoff(state.consecutiveFailures() + 1);
        Instant next = now.plus(wait);
        Instant hostFree = fetcher.notBefore(uri.getHost());
        if (hostFree.isAfter(next)) {
            next = hostFree;
        }
        states.failure(spec.name(), error, next, now);
        LOG.warn("source={} outcome=error failures={} retry_at={} error=\"{}\"", spec.name(), state.consecutiveFailures() + 1,
                next, error);
        return new Report(spec.name(), "error", 0, 0, error);
    }

    /** The wait after the n-th consecutive failure: the backoff doubled per failure, ±20%, at most the maximum. */
    Duration backoff(int failures) {
        return Backoff.of(policy.backoff(), policy.backoffMax()).after(failures);
    }

    /** Fetches the feed or list page with the validators of the last answer, and reads what changed. */
    private Report read(SourceSpec spec, SourceState state, URI uri) throws SourceFailure, InterruptedException {
        // a feed whose last poll left items waiting keeps no validators in its state (a restart fetches it in
        // full); this process asks with the ones of that answer and, on 304, takes the items it kept
        Waiting waiting = waitingItems.remove(spec.name());
        FeedFetcher.Validators ask = waiting != null && waiting.items() != null ? waiting.validators()
                : new FeedFetcher.Validators(state.etag(), state.lastModified());
        FeedFetcher.Fetched fetched;
        try {
            fetched = fetcher.fetch(uri, ask);
        } catch (IOException e) {
            if (waiting != null) {
                waitingItems.put(spec.name(), waiting);
            }
            throw new SourceFailure("source " + spec.name() + ": " + FeedFetcher.describe(uri, e));
        }
        // a source never polled with success before: its items are its back catalogue, bar the latest; so are
        // the items a first poll left waiting
        boolean firstPoll = state.lastSuccessAt() == null && state.itemsSeen() == 0 || waiting != null && waiting.firstPoll();
        if (fetched.notModified()) {
            if (waiting != null && waiting.items() != null) {
                LOG.info("source={} status=304 waiting={}: the items the last poll left are handed over", spec.name(),
                        waiting.items().size());
                return handOver(spec, waiting.items(), waiting.validators(), firstPoll);
            }
            states.success(spec.name(), state.etag(), state.lastModified(), 0, clock.instant());
            LOG.info("source={} outcome=unchanged status=304", spec.name());
            CompletableFuture<Void> earlier = stillJudging.get(spec.name());
            if (earlier != null) {
                // the feed is unchanged since a poll whose items are still being judged: not caught up before they are
                judgedOf.put(spec.name(), earlier);
            }
            return new Report(spec.name(), "unchanged", 0, 0, null);
        }
        return "page".equals(spec.kind()) ? pollPage(spec, fetched, firstPoll) : pollFeed(spec, fetched, firstPoll);
    }

    private Report pollFeed(SourceSpec spec, FeedFetcher.Fetched fetched, boolean firstPoll) throws InterruptedException, SourceFailure {
        List<FeedItem> items;
        try {
            items = FeedParser.parse(spec.name(), fetched.body(), fetched.contentType());
        } catch (UnreadableDocumentException e) {
            throw new SourceFailure(e.getMessage());
        }
        return handOver(spec, items, fetched.validators(), firstPoll);
    }

    /** Hands a feed's new and changed items to the pipeline, oldest first, as far as the queue and the cap allow. */
    private Report handOver(SourceSpec spec, List<FeedItem> items, FeedFetcher.Validators validators, boolean firstPoll)
            throws InterruptedException {
        Handover handover = new Handover(spec, firstPoll);
        // feeds list the newest first: the oldest goes into the corpus first
        List<FeedItem> oldestFirst = new ArrayList<>(items);
        java.util.Collections.reverse(oldestFirst);
        Map<String, String> seenContents = states.seenContents(spec.name(), oldestFirst.stream().map(i -> sha256(i.id())).toList());
        for (FeedItem item : oldestFirst) {
            String key = sha256(item.id());
            String content = sha256Lines(item.title(), item.summary(), item.content(), item.link());
            String seen = seenContents.get(key);
            if (content.equals(seen)) {
                continue;
            }
            String intakeKey = sha256(spec.name() + "\n" + key + "\n" + content);
            if (handover.awaitsEarlier(intakeKey)) {
                continue;
            }
            if (!handover.hasRoom()) {
                continue;
            }
            Draft draft = feedDraft(spec, item).withLanguage(spec.declaredLanguage());
            String name = item.link() != null ? item.link() : item.id();
            handover.submit(draft, name, intakeKey, seen == null ? "new" : "changed", key, content, item.id());
            // a feed that lists an item twice hands it over once
            seenContents.put(key, content);
        }
        handover.countWhenJudged();
        if (handover.waiting > 0) {
            // kept only with validators to ask with: without them the next answer is a full one anyway
            boolean askable = validators.etag() != null || validators.lastModified() != null;
            waitingItems.put(spec.name(), new Waiting(validators, askable ? List.copyOf(items) : null, firstPoll));
        }
        return succeeded(spec, validators, items.size(), handover.processed, handover.waiting, handover.queueFull);
    }

    /**
     * The items a feed listed that its last poll could not hand over (the pipeline's queue stayed full, or
     * more than {@code max-items-per-poll} were new), in memory only. The next poll sends the
     * {@code validators} of that answer and, answered 304, hands these over without fetching and parsing the
     * feed again (a first poll of 200 feeds fetched and parsed each feed about four times while the queue
     * was full). {@code items} is {@code null} when the answer had no validators; {@code firstPoll} keeps the
     * first-poll alert rule for what a first poll left.
     */
    private record Waiting(FeedFetcher.Validators validators, List<FeedItem> items, boolean firstPoll) {
    }

    /**
     * Records and reports a poll that read its feed or list; with items left waiting (over the cap, or
     * to be retried) the validators are not kept, so the next poll is answered in full rather than 304.
     */
    private Report succeeded(SourceSpec spec, FeedFetcher.Validators validators, int listed, int processed, int waiting,
                             boolean queueFull) {
        FeedFetcher.Validators v = waiting > 0 ? FeedFetcher.Validators.NONE : validators;
        // new items are counted as they are judged (markSeen), not here
        states.success(spec.name(), v.etag(), v.lastModified(), 0, clock.instant());
        // partial: the pipeline's queue stayed full and some new items wait for the next poll
        String outcome = queueFull ? "partial" : processed > 0 ? "new" : "unchanged";
        LOG.info("source={} outcome={} listed={} processed={} waiting={}", spec.name(), outcome, listed, processed, waiting);
        return new Report(spec.name(), outcome, listed, processed, null);
    }

    /** The article of a feed item (see {@link ItemDrafts#ofFeedItem}); a page that failed is logged and counted. */
    private Draft feedDraft(SourceSpec spec, FeedItem item) throws InterruptedException {
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item, spec.fullText());
        if (d.pageError() != null) {
            LOG.warn("source={} item={} full text unavailable, using the feed's text: {}", spec.name(), item.link(), d.pageError());
            metrics.sourceItem(spec.name(), "page-error");
        }
        return d.draft();
    }

    private Report pollPage(SourceSpec spec, FeedFetcher.Fetched fetched, boolean firstPoll) throws SourceFailure, InterruptedException {
        List<WebPage.Link> links;
        try {
            links = WebPage.links(spec.name(), fetched.body(), fetched.contentType(), fetched.uri().toString(), spec.selectors());
        } catch (UnreadableDocumentException e) {
            throw new SourceFailure("page " + spec.name() + ": " + e.getMessage());
        }
        if (links.isEmpty()) {
            throw new SourceFailure("page " + spec.name() + ": no entry matches itemSelector '" + spec.itemSelector()
                    + "' with a link matching linkSelector '" + spec.linkSelector() + "' at " + spec.url()
                    + " (has the page's layout changed?)");
        }
        Handover handover = new Handover(spec, firstPoll);
        int fetchedItems = 0;
        // a list shows the newest first: the oldest is fetched first, and the newest wait when the cap is reached
        List<WebPage.Link> oldestFirst = new ArrayList<>(links);
        java.util.Collections.reverse(oldestFirst);
        List<String> keys = oldestFirst.stream().map(l -> sha256(l.url())).toList();
        Set<String> seen = states.seenContents(spec.name(), keys).keySet();
        Map<String, SourceStates.ItemFailure> failures = states.itemFailures(spec.name(), keys);
        for (WebPage.Link link : oldestFirst) {
            String key = sha256(link.url());
            if (seen.contains(key)) {
                continue;
            }
            SourceStates.ItemFailure failure = failures.get(key);
            if (failure != null && failure.gaveUp()) {
                continue;
            }
            String intakeKey = sha256(spec.name() + "\n" + key);
            if (handover.awaitsEarlier(intakeKey)) {
                continue;
            }
            if (failure != null && failure.pollsToSkip() > 0) {
                states.itemPassedBy(spec.name(), key);
                handover.waiting++;
                continue;
            }
            if (fetchedItems >= policy.maxItemsPerPoll() || handover.queueFull) {
                handover.waiting++;
                continue;
            }
            fetchedItems++;
            Draft draft;
            try {
                draft = drafts.ofLink(link).withLanguage(spec.declaredLanguage());
            } catch (IOException | UnreadableDocumentException | IllegalArgumentException e) {
                String error = "page " + spec.name() + ": article " + link.url() + " could not be read: "
                        + (e instanceof IOException io ? FeedFetcher.describe(URI.create(link.url()), io) : e.getMessage());
                SourceStates.ItemFailure f = states.itemFailed(spec.name(), key, link.url(), error, failure, policy.itemMaxAttempts(),
                        clock.instant());
                metrics.sourceItem(spec.name(), "page-error");
                if (f.gaveUp()) {
                    // counted once, as an item that ended in failure
                    metrics.sourceItem(spec.name(), "failed");
                    LOG.warn("source={} item={} outcome=given-up attempts={} error=\"{}\"", spec.name(), link.url(), f.attempts(), error);
                } else {
                    handover.waiting++;
                    LOG.warn("source={} item={} outcome=page-error attempts={} retry_after_polls={} error=\"{}\"", spec.name(),
                            link.url(), f.attempts(), f.pollsToSkip(), error);
                }
                continue;
            }
            if (failure != null) {
                states.itemRecovered(spec.name(), key);
            }
            String content = sha256Lines(draft.paragraphs().toArray(String[]::new));
            handover.submit(draft, link.url(), intakeKey, "new", key, content, link.url());
        }
        handover.countWhenJudged();
        return succeeded(spec, fetched.validators(), links.size(), handover.processed, handover.waiting, handover.queueFull);
    }

    /**
     * The items one poll hands to the pipeline: at most {@code max-items-per-poll}, and none once the
     * pipeline's queue stayed full; what is left waits for the next poll (which then fetches the feed
     * in full). An item is marked seen in the transaction that records its verdict; until then it is
     * in flight and later polls pass it by.
     */
    private final class Handover {
        private final SourceSpec spec;
        private final boolean firstPoll;
        private final java.time.LocalDate alertsFrom;
        int processed;
        int waiting;
        boolean queueFull;
        private final java.util.concurrent.atomic.AtomicInteger added = new java.util.concurrent.atomic.AtomicInteger();
        private final List<CompletableFuture<IngestResult>> results = new ArrayList<>();
        /** Items an earlier poll handed over, still being judged, that this poll found again. */
        private final List<CompletableFuture<IngestResult>> awaited = new ArrayList<>();

        Handover(SourceSpec spec, boolean firstPoll) {
            this.spec = spec;
            this.firstPoll = firstPoll;
            this.alertsFrom = java.time.LocalDate.ofInstant(clock.instant().minus(policy.firstPollAlerts()), java.time.ZoneOffset.UTC);
        }

        /**
         * Whether an earlier poll handed this item over and it is not judged yet: it is not handed over
         * twice, and this poll is complete (in the metrics) only once it is judged too, as though handed
         * over here: a poll that found only such items is not done before the corpus has them.
         */
        boolean awaitsEarlier(String intakeKey) {
            CompletableFuture<IngestResult> earlier = inFlight.get(intakeKey);
            if (earlier == null) {
                return false;
            }
            awaited.add(earlier);
            return true;
        }

        /** Whether one more item may be handed over in this poll; counts it as waiting when not. */
        boolean hasRoom() {
            if (processed >= policy.maxItemsPerPoll() || queueFull) {
                waiting++;
                return false;
            }
            return true;
        }

        /**
         * Hands an item over; on a first poll only an item published within {@code first-poll-alert-hours}
         * alerts (an undated one does not: it cannot be told from the back catalogue).
         */
        void submit(Draft draft, String name, String intakeKey, String outcome, String itemKey, String content, String itemId)
                throws InterruptedException {
            boolean alerts = !firstPoll || draft.published() != null && !draft.published().isBefore(alertsFrom);
            String source = spec.name();
            CompletableFuture<IngestResult> result = intake.submit(draft, name, source, intakeKey, alerts, (c, r) -> {
                if (states.markSeen(c, source, itemKey, content, itemId, clock.instant())) {
                    added.incrementAndGet();
                }
            });
            if (result == null) {
                queueFull = true;
                waiting++;
                LOG.info("source={} outcome=queue-full item={}: the pipeline's queue stayed full; the rest waits, and the source is polled again once the queue has room",
                        source, name);
                return;
            }
            inFlight.put(intakeKey, result);
            results.add(result);
            processed++;
            result.whenComplete((r, e) -> {
                inFlight.remove(intakeKey, result);
                if (e != null) {
                    LOG.warn("source={} item={} outcome=not-recorded error=\"{}\": taken again at the next poll", source, name,
                            e.getMessage());
                } else {
                    metrics.sourceItem(source, r.verdict() == Verdict.FAILED ? "failed" : outcome);
                }
            });
        }

        /** Once every item this poll handed over is judged, counts the new ones in the source's state (one statement). */
        void countWhenJudged() {
            if (results.isEmpty() && awaited.isEmpty()) {
                return;
            }
            String source = spec.name();
            List<CompletableFuture<IngestResult>> every = new ArrayList<>(results);
            // an earlier poll's item that failed is taken again later: this poll waits for it, not on it
            awaited.forEach(a -> every.add(a.exceptionally(e -> null)));
            CompletableFuture<Void> all = CompletableFuture.allOf(every.toArray(CompletableFuture[]::new));
            judgedOf.put(source, all);
            CompletableFuture<Void> settled = all.exceptionally(e -> null);
            stillJudging.put(source, settled);
            settled.whenComplete((v, e) -> stillJudging.remove(source, settled));
            all.whenComplete((v, e) -> {
                try {
                    states.itemsAdded(source, added.get(), clock.instant());
                } catch (RuntimeException ex) {
                    LOG.warn("source={} new items could not be counted: {}", source, ex.getMessage());
                }
            });
        }
    }

    /** A poll that failed as a whole, with a message naming the source and the problem. */
    private static final class SourceFailure extends Exception {
        SourceFailure(String message) {
            super(message);
        }
    }
}
