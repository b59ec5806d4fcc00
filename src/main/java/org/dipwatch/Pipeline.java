package org.dipwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import org.dipwatch.alert.Alerts;
import org.dipwatch.alert.Outbox;
import org.dipwatch.alert.Subscriptions;
import org.dipwatch.classify.Classifier;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.config.ConfigException;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.Arrival;
import org.dipwatch.corpus.Corpus;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.corpus.IndexedArticle;
import org.dipwatch.corpus.StoryTables;
import org.dipwatch.dedup.ExactDedup;
import org.dipwatch.dedup.StoryMatcher;
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
import org.dipwatch.normalize.SeedText;
import org.dipwatch.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline every article goes through, whatever brought it: read (ingest) → normalize →
 * classify → dedup → store (corpus) with the alerts it owes written to the outbox in the same
 * transaction. The daemon's routes and the {@code ingest} command call the same
 * instance methods, so a file gets the same verdict either way. Dedup and store run under one
 * lock: two copies arriving at once cannot both become new articles.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** Most reports of its story an alert names: the lead and the latest (the story's size is counted, not listed). */
    static final int ALSO_REPORTED = 5;

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

    private Pipeline(DocumentReader reader, Corpus corpus, Metrics metrics, Inbox inbox, Classifier classifier, Alerts alerts,
                     StoryMatcher stories, boolean storeNearDuplicates) {
        this.stories = stories;
        this.storeNearDuplicates = storeNearDuplicates;
        this.classifier = classifier;
        this.alerts = alerts;
        this.outbox = new Outbox(corpus.index().dataSource());
        this.reader = reader;
        this.corpus = corpus;
        this.dedup = new ExactDedup(corpus.index());
        this.metrics = metrics;
        this.inbox = inbox;
    }

    /** Opens the pipeline of a home: creates its folders, opens the index and the corpus. */
    public static Pipeline open(Settings settings, Metrics metrics) {
        return open(settings, metrics, classifier(settings));
    }

    /** {@link #open(Settings, Metrics)} with a classifier already loaded (tests that open many homes). */
    public static Pipeline open(Settings settings, Metrics metrics, Classifier classifier) {
        Path home = settings.home();
        try {
            Files.createDirectories(home.resolve("data"));
            Inbox inbox = new Inbox(home.resolve("inbox"));
            CorpusIndex index = CorpusIndex.open(settings.require("dipwatch.index.url"), settings.get("dipwatch.index.user"),
                    settings.get("dipwatch.index.password"), settings.intValue("dipwatch.index.pool-size"));
            Corpus corpus;
            try {
                corpus = Corpus.open(home.resolve("seeds"), index, Pipeline::readSeed, ExactDedup::fingerprint,
                        (a, declaredLanguage) -> classifier.classify(a, false, declaredLanguage));
            } catch (RuntimeException e) {
                index.close();
                throw e;
            }
            DocumentReader reader = new DocumentReader(SeedText::parse, settings.longValue("dipwatch.ingest.max-bytes"));
            StoryMatcher stories;
            try {
                stories = new StoryMatcher(new StoryTables(index.dataSource()), thresholds(settings));
            } catch (RuntimeException e) {
                index.close();
                throw e;
            }
            Pipeline pipeline = new Pipeline(reader, corpus, metrics, inbox, classifier, new Alerts(subscriptions(settings)),
                    stories, Boolean.parseBoolean(settings.get("dipwatch.dedup.store-near-duplicates")));
            pipeline.judgeUnjudged();
            metrics.corpusSize(index::articleCount);
            return pipeline;
        } catch (IOException e) {
            throw new UncheckedIOException("dipwatch: cannot create the folders of " + home + ": " + e.getMessage(), e);
        }
    }

    /** The near-duplicate and story thresholds of the settings ({@code dipwatch.dedup.*}). */
    public static StoryMatcher.Thresholds thresholds(Settings settings) {
        return new StoryMatcher.Thresholds(decimal(settings, "dipwatch.dedup.near-threshold"),
                decimal(settings, "dipwatch.dedup.near-containment"),
                settings.intValue("dipwatch.dedup.story-window-days"),
                decimal(settings, "dipwatch.dedup.story-threshold"),
                settings.intValue("dipwatch.dedup.boilerplate-min-articles"),
                settings.intValue("dipwatch.dedup.story-candidates"),
                decimal(settings, "dipwatch.dedup.story-lead-share"),
                settings.intValue("dipwatch.dedup.recent-articles"));
    }

    private static double decimal(Settings settings, String key) {
        String value = settings.require(key).trim();
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + "=" + value + " (from " + settings.origin(key) + ") must be a number");
        }
    }

    /** The story matcher: near-duplicate and story judgements against the corpus. */
    public StoryMatcher stories() {
        return stories;
    }

    /**
     * Rebuilds the index from {@code seeds/} ({@link Corpus#reindex()}), then the near-duplicate and
     * story index: every article judged again against the ones before it, in sequence order.
     */
    public Corpus.SyncReport reindex() {
        synchronized (corpus) {
            Corpus.SyncReport report = corpus.reindex();
            stories.store().clear();
            stories.reload();
            judgeUnjudged();
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
            var rows = corpus.index().articles();
            for (var e : stories.store().withoutFeatures()) {
                IndexedArticle row = rows.get(e.getValue());
                Article article;
                try {
                    article = readSeed(Files.readString(corpus.seeds().resolve(e.getValue())));
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("dedup: {} cannot be read for its story ({}); it is left without one", e.getValue(), ex.getMessage());
                    continue;
                }
                Who who = Who.ofTags(corpus.index().tags(e.getValue()));
                StoryMatcher.Judgement j = stories.judge(article, who, StoryMatcher.outlet(row.url(), row.source()), e.getKey());
                String story;
                try (java.sql.Connection c = corpus.index().transaction()) {
                    story = stories.save(c, row.seq(), row.fileName(), row.articleId(), article, j);
                    c.commit();
                } catch (java.sql.SQLException ex) {
                    throw new org.dipwatch.corpus.IndexException("index: cannot record the story of " + e.getValue() + ": "
                            + ex.getMessage(), ex);
                }
                stories.added(row.seq(), row.fileName(), story, article, j);
            }
        }
    }

    /**
     * The classifier of a home: the packaged dictionaries with the home's additions; a problem in
     * them stops the start with the file and entry named.
     */
    public static Classifier classifier(Settings settings) {
        Dictionaries dictionaries = Dictionaries.load(Path.of(settings.require("dipwatch.classify.dir")));
        if (!dictionaries.problems().isEmpty()) {
            throw new ConfigException("classify: the dictionaries have problems (run check-config):\n  "
                    + String.join("\n  ", dictionaries.problems()));
        }
        return new Classifier(dictionaries, List.of(settings.require("dipwatch.classify.languages").split(",")));
    }

    /** The subscriptions of a home ({@code dipwatch.alert.subscriptions}), secrets from the environment. */
    public static Subscriptions subscriptions(Settings settings) {
        return new Subscriptions(Path.of(settings.require("dipwatch.alert.subscriptions")), System::getenv,
                Boolean.parseBoolean(settings.get("dipwatch.webhook.allow-private")));
    }

    /** The alert outbox in the index. */
    public Outbox outbox() {
        return outbox;
    }

    /** The alerts stage: subscriptions and what they are owed. */
    public Alerts alerts() {
        return alerts;
    }

    /** Reads a seed file's text as the corpus holds it: any of the three shapes, normalized. */
    static Article readSeed(String text) {
        return Normalizer.normalize(SeedText.parse(text));
    }

    /** The corpus behind the pipeline. */
    public Corpus corpus() {
        return corpus;
    }

    /** The watched folder. */
    public Inbox inbox() {
        return inbox;
    }

    /**
     * Processes a file found in the inbox exactly once: a file whose very drop was processed
     * before (the daemon stopped before it could move it) keeps its recorded verdict; then the
     * file moves to {@code .done/}, or to {@code .failed/} with its reason.
     */
    public IngestResult ingestInboxFile(Path file) throws IOException {
        String name = inbox.relativeName(file);
        String key = inbox.intakeKey(file);
        Optional<Arrival> before = corpus.index().arrival(key);
        IngestResult result;
        if (before.isPresent()) {
            Arrival a = before.get();
            Verdict v = Verdict.of(a.verdict());
            result = new IngestResult(name, a.source(), v, a.articleFile(), null, null, a.reason(), null,
                    v == Verdict.DUPLICATE || v == Verdict.NEAR_DUPLICATE ? a.articleFile() : null, a.similarity(), a.story());
            LOG.info("source=inbox file={} verdict={} article={} replayed=true", name, a.verdict(), a.articleFile());
        } else {
            result = ingest(file, name, "inbox", key);
        }
        if (result.verdict() == Verdict.FAILED) {
            inbox.moveToFailed(file, result.reason());
        } else {
            inbox.moveToDone(file);
        }
        return result;
    }

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
            Optional<String> copyOf = dedup.duplicateOf(ExactDedup.urlHash(ExactDedup.canonicalUrl(article.url())),
                    ExactDedup.fingerprint(article));
            StoryMatcher.Judgement j = stories.judge(article, Who.of(tags), StoryMatcher.outlet(article.url(), source),
                    Long.MAX_VALUE);
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

    /** {@link #ingestInboxFile(Path)} for the inbox route, which hands over a {@code java.io.File}. */
    public IngestResult takeFromInbox(java.io.File file) throws IOException {
        return ingestInboxFile(file.toPath());
    }

    /** Processes a file once, wherever it is (the {@code ingest} command): the file itself is left where it is. */
    public IngestResult ingestFile(Path file, String source) {
        return ingest(file, file.toString(), source, null);
    }

    /**
     * Processes a document that a source fetched (a feed item, an article page) exactly once per
     * {@code intakeKey}: the key names the item and its version, so an item handed over again after
     * a restart keeps the verdict it was given and is not stored or alerted twice.
     *
     * @param draft     what the source extracted
     * @param name      where it came from, for the log and the index (the item's link or id)
     * @param source    the source's name, as in the metrics and the subscriptions' {@code sources}
     * @param intakeKey the item's identity and version (at most 64 characters)
     */
    public IngestResult ingestDraft(Draft draft, String name, String source, String intakeKey) {
        Optional<Arrival> before = corpus.index().arrival(intakeKey);
        if (before.isPresent()) {
            Arrival a = before.get();
            LOG.info("source={} file={} verdict={} article={} replayed=true", source, name, a.verdict(), a.articleFile());
            return new IngestResult(name, a.source(), Verdict.valueOf(a.verdict().toUpperCase(java.util.Locale.ROOT)),
                    a.articleFile(), null, null, a.reason(), null);
        }
        Instant received = Instant.now();
        Article article;
        try {
            article = Normalizer.normalize(draft);
        } catch (IllegalArgumentException e) {
            return fail(name, source, intakeKey, received, "normalize",
                    "source " + source + ": " + name + " has no article text once normalized (" + e.getMessage() + ")");
        }
        return decide(article, draft.language(), name, source, intakeKey, received);
    }

    private IngestResult ingest(Path file, String name, String source, String intakeKey) {
        Instant received = Instant.now();
        Draft draft;
        try {
            draft = reader.read(file);
        } catch (UnreadableDocumentException e) {
            return fail(name, source, intakeKey, received, "read", e.getMessage());
        }
        Article article;
        try {
            article = Normalizer.normalize(draft);
        } catch (IllegalArgumentException e) {
            return fail(name, source, intakeKey, received, "normalize",
                    name + " has no article text once normalized (" + e.getMessage() + "); check that it holds the article "
                            + "and drop it into inbox/ again.");
        }
        return decide(article, draft.language(), name, source, intakeKey, received);
    }

    private IngestResult decide(Article article, String language, String name, String source, String intakeKey,
                                Instant received) {
        String canonicalUrl = ExactDedup.canonicalUrl(article.url());
        String urlHash = ExactDedup.urlHash(canonicalUrl);
        String fingerprint = ExactDedup.fingerprint(article);
        Classification tags = classifier.classify(article, false, language);
        IngestResult result;
        synchronized (corpus) {
            Optional<String> copyOf = dedup.duplicateOf(urlHash, fingerprint);
            StoryMatcher.Judgement j = copyOf.isPresent() ? null
                    : stories.judge(article, Who.of(tags), StoryMatcher.outlet(article.url(), source), Long.MAX_VALUE);
            if (copyOf.isPresent()) {
                corpus.record(new Arrival(intakeKey, source, name, Verdict.DUPLICATE.label(), copyOf.get(), null,
                        fingerprint, article.url(), received, Instant.now()));
                result = new IngestResult(name, source, Verdict.DUPLICATE, copyOf.get(), article.title(), article.published(),
                        null, tags);
            } else if (j.verdict() == Verdict.NEAR_DUPLICATE && !storeNearDuplicates) {
                corpus.record(new Arrival(intakeKey, source, name, Verdict.NEAR_DUPLICATE.label(), j.of(), null,
                        fingerprint, article.url(), received, Instant.now(), j.similarity(), j.story()));
                result = new IngestResult(name, source, Verdict.NEAR_DUPLICATE, j.of(), article.title(), article.published(),
                        null, tags, j.of(), j.similarity(), j.story());
            } else {
                String idSource = canonicalUrl != null ? canonicalUrl : article.text();
                String story = j.story() != null ? j.story() : StoryMatcher.newStoryId(Corpus.articleId(idSource));
                String verdict = j.verdict().label();
                IndexedArticle stored = corpus.store(article, urlHash, idSource, new Arrival(intakeKey, source, name,
                        verdict, null, null, fingerprint, article.url(), received, Instant.now(), j.similarity(), story), tags,
                        (c, row) -> {
                            if (language != null) {
                                corpus.index().markLanguageDeclared(c, row.fileName());
                            }
                            stories.save(c, row.seq(), row.fileName(), row.articleId(), article, j);
                            outbox.enqueue(c, alerts.owed(article, row.fileName(), row.articleId(), verdict, source, tags,
                                    story, j.verdict() == Verdict.NEW ? List.of() : stories.reports(story, ALSO_REPORTED).shown()));
                        });
                stories.added(stored.seq(), stored.fileName(), story, article, j);
                result = new IngestResult(name, source, j.verdict(), stored.fileName(), article.title(), article.published(),
                        null, tags, j.verdict() == Verdict.NEAR_DUPLICATE ? j.of() : null, j.similarity(), story);
            }
        }
        metrics.article(source, result.verdict().label(), Duration.between(received, Instant.now()));
        LOG.info("source={} file={} verdict={} article={}", source, name, result.verdict().label(), result.article());
        return result;
    }

    private IngestResult fail(String name, String source, String intakeKey, Instant received, String stage, String reason) {
        corpus.record(new Arrival(intakeKey, source, name, Verdict.FAILED.label(), null, reason, null, null, received, Instant.now()));
        metrics.failure(source, stage);
        metrics.article(source, Verdict.FAILED.label(), Duration.between(received, Instant.now()));
        LOG.warn("source={} file={} verdict=failed stage={} reason=\"{}\"", source, name, stage, reason);
        return IngestResult.failed(name, source, reason);
    }

    @Override
    public void close() {
        corpus.index().close();
    }
}
