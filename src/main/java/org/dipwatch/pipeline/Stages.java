package org.dipwatch.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dipwatch.alert.Alerts;
import org.dipwatch.alert.FilterVocabulary;
import org.dipwatch.alert.Outbox;
import org.dipwatch.alert.Subscriptions;
import org.dipwatch.classify.Classifier;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.Corpus;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.corpus.StoryTables;
import org.dipwatch.dedup.ExactDedup;
import org.dipwatch.dedup.StoryMatcher;
import org.dipwatch.ingest.DocumentReader;
import org.dipwatch.ingest.Inbox;
import org.dipwatch.model.Article;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.dipwatch.search.SearchIndex;

/**
 * The stages of a home's pipeline, built from its settings in one place: the reader, the corpus
 * with its index, the classifier, the story matcher, the alerts with their outbox, and how the
 * intake queue is sized ({@code dipwatch.pipeline.*}).
 *
 * @param reader              reads dropped files and documents
 * @param inbox               the watched folder
 * @param corpus              {@code seeds/} and the index
 * @param classifier          actors, regions, language
 * @param stories             near-duplicate and story judgements
 * @param alerts              the subscriptions and what an article owes them
 * @param outbox              the alerts waiting for delivery
 * @param storeNearDuplicates whether near-duplicates are written to {@code seeds/} too
 * @param queue               how the intake queue is sized
 * @param search              the full-text index of the corpus
 */
public record Stages(DocumentReader reader, Inbox inbox, Corpus corpus, Classifier classifier, StoryMatcher stories, Alerts alerts,
              Outbox outbox, boolean storeNearDuplicates, Queue queue, SearchIndex search) {

    /**
     * The intake queue's sizes ({@code dipwatch.pipeline.*}).
     *
     * @param workers   threads that read, normalize and classify in parallel
     * @param capacity  items accepted and waiting to be judged, at most
     * @param batchSize articles judged and committed in one index transaction, at most
     * @param offerWait how long a source or the inbox waits for room in a full queue before leaving the rest for later
     * @param stopWait  how long a stop waits for the batch being judged ({@code dipwatch.shutdown.timeout})
     * @param backlogHeapFree the heap's free ratios while a backlog is judged ({@code dipwatch.pipeline.backlog-heap-free},
     *                  see {@link HeapRoom})
     */
    public record Queue(int workers, int capacity, int batchSize, Duration offerWait, Duration stopWait, String backlogHeapFree) {
    }

    /**
     * Opens the stages of a home: creates its folders, opens the index and the corpus. The corpus'
     * check and the story memory are left to {@link Pipeline}'s warm-up.
     */
    static Stages open(Settings settings, Classifier classifier) {
        Path home = settings.home();
        Inbox inbox;
        try {
            Files.createDirectories(home.resolve("data"));
            inbox = new Inbox(home.resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException("dipwatch: cannot create the folders of " + home + ": " + e.getMessage(), e);
        }
        CorpusIndex index = index(settings);
        try {
            Corpus corpus = Corpus.openUnchecked(home.resolve("seeds"), index, Stages::readSeed, ExactDedup::fingerprint,
                    (a, declaredLanguage) -> classifier.classify(a, false, declaredLanguage));
            DocumentReader reader = new DocumentReader(SeedText::parse, settings.longValue("dipwatch.ingest.max-bytes"));
            StoryMatcher stories = StoryMatcher.unloaded(new StoryTables(index), thresholds(settings));
            int cores = Runtime.getRuntime().availableProcessors();
            int workers = settings.intValue("dipwatch.pipeline.workers");
            Queue queue = new Queue(workers > 0 ? workers : cores, Math.max(1, settings.intValue("dipwatch.pipeline.queue-size")),
                    Math.max(1, settings.intValue("dipwatch.pipeline.batch-size")),
                    Duration.ofMillis(settings.longValue("dipwatch.pipeline.offer-wait-ms")),
                    Duration.ofSeconds(settings.longValue("dipwatch.shutdown.timeout")), settings.get("dipwatch.pipeline.backlog-heap-free"));
            return new Stages(reader, inbox, corpus, classifier, stories,
                    new Alerts(subscriptions(settings, classifier.dictionaries()), settings.intValue("dipwatch.alert.also-reported-max")),
                    new Outbox(index.dataSource(), index.clustered(), corpus::paragraphs), Boolean.parseBoolean(settings.get("dipwatch.dedup.store-near-duplicates")),
                    queue, SearchIndex.open(searchDir(settings, index)));
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * The folder of the search index: {@code dipwatch.search.dir}, and on a database server that
     * several nodes share that folder with {@code -}<em>node id</em> appended. Each node keeps an index
     * of its own (Lucene's lock lets one process write a folder), filled from the database with what
     * every node stores, so each one searches the whole corpus and none waits on another.
     */
    static Path searchDir(Settings settings, CorpusIndex index) {
        Path dir = Path.of(settings.require("dipwatch.search.dir"));
        if (!index.clustered()) {
            return dir;
        }
        String node = org.dipwatch.cluster.ClusterNodes.nodeId(settings.get("dipwatch.node.id")).replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolveSibling(dir.getFileName() + "-" + node);
    }

    /** Opens the index of a home ({@code dipwatch.index.*}), applying the migrations it lacks. */
    static CorpusIndex index(Settings settings) {
        String url = settings.require("dipwatch.index.url");
        int pool = settings.intValue("dipwatch.index.pool-size");
        if (CorpusIndex.isPostgres(url)) {
            // each delivery run holds a connection for its lane's lock, beside the ones its queries take
            pool += settings.intValue("dipwatch.alert.delivery-threads");
        }
        return CorpusIndex.open(url, settings.get("dipwatch.index.user"), settings.get("dipwatch.index.password"), pool);
    }

    /** The near-duplicate and story thresholds of the settings ({@code dipwatch.dedup.*}). */
    static StoryMatcher.Thresholds thresholds(Settings settings) {
        return new StoryMatcher.Thresholds(settings.decimalValue("dipwatch.dedup.near-threshold"),
                settings.decimalValue("dipwatch.dedup.near-containment"),
                settings.intValue("dipwatch.dedup.story-window-days"),
                settings.decimalValue("dipwatch.dedup.story-threshold"),
                settings.decimalValue("dipwatch.dedup.story-threshold-undated"),
                settings.decimalValue("dipwatch.dedup.story-threshold-languages"),
                settings.intValue("dipwatch.dedup.boilerplate-min-articles"),
                settings.intValue("dipwatch.dedup.story-candidates"),
                settings.decimalValue("dipwatch.dedup.story-lead-share"),
                settings.intValue("dipwatch.dedup.recent-articles"));
    }

    /**
     * The classifier of a home: the packaged dictionaries with the home's additions; a problem in
     * them stops the start with the file and entry named.
     */
    static Classifier classifier(Settings settings) {
        return Classifier.of(settings);
    }

    /**
     * The subscriptions of a home ({@code dipwatch.alert.subscriptions}), secrets from the
     * environment, filters checked against the dictionaries' actors and regions.
     */
    static Subscriptions subscriptions(Settings settings, Dictionaries dictionaries) {
        return new Subscriptions(Path.of(settings.require("dipwatch.alert.subscriptions")), System::getenv,
                Boolean.parseBoolean(settings.get("dipwatch.webhook.allow-private")),
                new FilterVocabulary(dictionaries.actorIds(), dictionaries.actorNames(), dictionaries.regionTerms()));
    }

    /** Reads a seed file's text as the corpus holds it: any of the three shapes, normalized. */
    static Article readSeed(String text) {
        return Normalizer.normalize(SeedText.parse(text));
    }
}
