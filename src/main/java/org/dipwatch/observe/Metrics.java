package org.dipwatch.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every dipwatch metric, by name, in one place: one namespace ({@code dipwatch_…} in Prometheus),
 * a {@code source} tag for where an article came from and a fixed {@code verdict} or
 * {@code outcome} tag. Camel's own route metrics and the JVM's share the same registry.
 */
public final class Metrics {

    /** Articles by source and verdict ({@code new}, {@code duplicate}, {@code failed}): {@code dipwatch_articles_total}. */
    public static final String ARTICLES = "dipwatch.articles";
    /** Documents that could not be processed, by source and stage: {@code dipwatch_ingest_failures_total}. */
    public static final String FAILURES = "dipwatch.ingest.failures";
    /** Time from a document's arrival to its verdict, by outcome: {@code dipwatch_ingest_seconds}. */
    public static final String INGEST_TIME = "dipwatch.ingest";
    /** Articles in the corpus: {@code dipwatch_corpus_articles}. */
    public static final String CORPUS_ARTICLES = "dipwatch.corpus.articles";

    private final MeterRegistry registry;

    /** Metrics recorded in the given registry. */
    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A Prometheus registry with the JVM, process and file-descriptor binders. */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "dipwatch");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    /** The registry behind these metrics. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one article with its verdict. */
    public void article(String source, String verdict, Duration took) {
        Counter.builder(ARTICLES).description("Articles that arrived, by source and verdict")
                .tag("source", source).tag("verdict", verdict).register(registry).increment();
        Timer.builder(INGEST_TIME).description("Time from arrival to verdict")
                .tag("outcome", "failed".equals(verdict) ? "error" : "success").register(registry).record(took);
    }

    /** Counts one failure at a stage ({@code read}, {@code normalize}, {@code store}). */
    public void failure(String source, String stage) {
        Counter.builder(FAILURES).description("Documents that could not be processed, by source and stage")
                .tag("source", source).tag("stage", stage).register(registry).increment();
    }

    /** Alert deliveries by subscription, channel and outcome (delivered, retrying, dead): {@code dipwatch_alerts_total}. */
    public static final String ALERTS = "dipwatch.alerts";
    /** Time of one delivery attempt: {@code dipwatch_alert_delivery_seconds}. */
    public static final String ALERT_LATENCY = "dipwatch.alert.delivery";

    /** Counts one delivery attempt of an alert and records how long it took. */
    public void alert(String subscription, String channel, String outcome, long millis) {
        Counter.builder(ALERTS).description("Alert delivery attempts by subscription, channel and outcome")
                .tag("subscription", subscription).tag("channel", channel).tag("outcome", outcome).register(registry).increment();
        Timer.builder(ALERT_LATENCY).description("Time of one alert delivery attempt").tag("channel", channel)
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(millis));
    }

    /** Publishes the corpus size, read when scraped. */
    public void corpusSize(Supplier<Number> size) {
        io.micrometer.core.instrument.Gauge.builder(CORPUS_ARTICLES, size).description("Articles in the corpus")
                .register(registry);
    }

    /** Polls of a source by outcome ({@code new}, {@code unchanged}, {@code error}, {@code backoff}): {@code dipwatch_source_polls_total}. */
    public static final String SOURCE_POLLS = "dipwatch.source.polls";
    /** Items of a source by outcome ({@code new}, {@code changed}, {@code failed}, {@code page-error}): {@code dipwatch_source_items_total}. */
    public static final String SOURCE_ITEMS = "dipwatch.source.items";
    /** Time of one poll of a source, fetches included: {@code dipwatch_source_poll_seconds}. */
    public static final String SOURCE_POLL_TIME = "dipwatch.source.poll";
    /** Consecutive failed polls of a source (0 when up): {@code dipwatch_source_consecutive_failures}. */
    public static final String SOURCE_FAILURES = "dipwatch.source.consecutive.failures";

    /** Counts one poll of a source with its outcome and records how long it took. */
    public void sourcePoll(String source, String outcome, Duration took) {
        Counter.builder(SOURCE_POLLS).description("Polls of a source by outcome")
                .tag("source", source).tag("outcome", outcome).register(registry).increment();
        Timer.builder(SOURCE_POLL_TIME).description("Time of one poll of a source, fetches included")
                .tag("source", source).register(registry).record(took);
    }

    /** Counts one item of a source with its outcome. */
    public void sourceItem(String source, String outcome) {
        Counter.builder(SOURCE_ITEMS).description("Items of a source by outcome")
                .tag("source", source).tag("outcome", outcome).register(registry).increment();
    }

    /** Publishes a source's consecutive failures, read when scraped (registering twice is harmless). */
    public void sourceFailures(String source, Supplier<Number> failures) {
        io.micrometer.core.instrument.Gauge.builder(SOURCE_FAILURES, failures)
                .description("Consecutive failed polls of a source (0: up)").tag("source", source).register(registry);
    }

    /** Documents accepted by the pipeline and waiting to be judged: {@code dipwatch_pipeline_queue_items}. */
    public static final String PIPELINE_QUEUE = "dipwatch.pipeline.queue.items";
    /** Alerts waiting in the outbox, delivered or not yet: {@code dipwatch_alerts_pending}. */
    public static final String ALERTS_PENDING = "dipwatch.alerts.pending";
    /** Age of the oldest alert waiting in the outbox, 0 when none waits: {@code dipwatch_alerts_oldest_pending_seconds}. */
    public static final String ALERTS_OLDEST = "dipwatch.alerts.oldest.pending";

    /** Gauges of the outbox's backlog, read at each scrape: alerts waiting, and the age of the oldest in seconds. */
    public void alertBacklog(Supplier<Number> pending, Supplier<Number> oldestSeconds) {
        io.micrometer.core.instrument.Gauge.builder(ALERTS_PENDING, pending)
                .description("Alerts waiting in the outbox for delivery").register(registry);
        io.micrometer.core.instrument.Gauge.builder(ALERTS_OLDEST, oldestSeconds).baseUnit("seconds")
                .description("Age of the oldest alert waiting in the outbox").register(registry);
    }

    /** Stored articles that alerted nobody because they are a new source's back catalogue: {@code dipwatch_alerts_withheld_total}. */
    public static final String ALERTS_WITHHELD = "dipwatch.alerts.withheld";

    /** Configuration problems standing now (settings, subscriptions, sources): {@code dipwatch_config_problems}. */
    public static final String CONFIG_PROBLEMS = "dipwatch.config.problems";

    /** Publishes how many configuration problems stand, read when scraped (0: none; the daemon is DEGRADED while above). */
    public void configProblems(Supplier<Number> problems) {
        io.micrometer.core.instrument.Gauge.builder(CONFIG_PROBLEMS, problems)
                .description("Configuration problems standing now (settings, subscriptions, sources); see /health and check-config")
                .register(registry);
    }

    /** Publishes how many documents wait in the pipeline's queue, read when scraped. */
    public void pipelineQueue(Supplier<Number> waiting) {
        io.micrometer.core.instrument.Gauge.builder(PIPELINE_QUEUE, waiting)
                .description("Documents accepted by the pipeline and waiting to be judged").register(registry);
    }

    /** Counts a stored article whose alerts were withheld: published before a new source's first poll window. */
    public void alertsWithheld(String source) {
        Counter.builder(ALERTS_WITHHELD).description("Stored articles that alerted nobody: a new source's back catalogue")
                .tag("source", source).tag("reason", "first-poll").register(registry).increment();
    }

    /** This node of a cluster ({@code dipwatch.node.id}): {@code dipwatch_node_info{node="…"} 1}. */
    public static final String NODE_INFO = "dipwatch.node.info";

    /** Publishes the node's id, so that a scrape of several nodes tells them apart. */
    public void node(String nodeId) {
        io.micrometer.core.instrument.Gauge.builder(NODE_INFO, () -> 1).description("This dipwatch node (dipwatch.node.id)")
                .tag("node", nodeId).register(registry);
    }
}
