package org.dipwatch.daemon;

import org.dipwatch.pipeline.Pipeline;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.dipwatch.alert.AlertApi;
import org.dipwatch.alert.ApiToken;
import org.dipwatch.alert.Deliverer;
import org.dipwatch.alert.SmtpMail;
import org.dipwatch.config.ConfigException;
import org.dipwatch.config.ConfigProblem;
import org.dipwatch.config.Settings;
import org.dipwatch.config.SettingsCheck;
import org.dipwatch.ingest.FeedFetcher;
import org.dipwatch.source.SourceApi;
import org.dipwatch.source.SourceHealth;
import org.dipwatch.source.SourcePoller;
import org.dipwatch.source.SourceSpec;
import org.dipwatch.source.SourceStates;
import org.dipwatch.observe.Health;
import org.dipwatch.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: Camel Main with the routes packaged in the jar and those of the home's
 * {@code routes/} folder (a home file replaces the packaged file of its name), the pipeline and the metrics registry bound as
 * beans, and the HTTP server for {@code /health} and {@code /metrics}, the API, and the commands
 * the CLI asks of it while it runs ({@code data/daemon.run}, see {@link RunningDaemon}). Runs until
 * SIGTERM or Ctrl-C, then lets in-flight files finish within {@code dipwatch.shutdown.timeout}.
 */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** Where the default routes live in the jar (the repo's {@code routes/}). */
    static final String PACKAGED_ROUTES = "classpath:routes/*.camel.yaml";
    /** The source templates ({@code feed}, {@code page}), Kamelets: always loaded, before any route that names them. */
    static final String SOURCE_TEMPLATES = "classpath:dipwatch/feed.kamelet.yaml,classpath:dipwatch/page.kamelet.yaml";

    private final Settings settings;
    /** What answers {@code POST /api/cli/{command}}: the CLI's commands on this daemon's pipeline. */
    private final CliCommands.Factory commands;
    private final Main main = new Main();
    private volatile RuntimeException warmUpFailure;
    private PrometheusMeterRegistry registry;
    /** Under the HTTP server: its listening socket of the bound address's family ({@link org.dipwatch.observe.HttpListener}). */
    private io.vertx.core.Vertx vertx;
    private Pipeline pipeline;
    /** How the CLI finds this daemon ({@code data/daemon.run}) while it runs; {@code null} before and after. */
    private RunningDaemon announced;
    /** This node's heartbeat in a shared PostgreSQL database; {@code null} on H2 (one node). */
    private org.dipwatch.cluster.ClusterNodes cluster;
    /** The throwaway home whose empty index {@code check-config} loads the routes against while a daemon holds the real one. */
    private Path scratchHome;
    private SourceRoutes sourceRoutes;
    /** What {@link #stopWork()} does, once the beans exist. */
    private Runnable stopping;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A daemon for the home the settings describe, answering the CLI's requests with these commands;
     * nothing runs until {@link #start()} or {@link #run()}.
     */
    public Daemon(Settings settings, CliCommands.Factory commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /**
     * Starts the daemon and blocks until it is told to stop (SIGTERM, Ctrl-C). The stop goes in
     * this order: no new work is taken, the batch being judged and the alerts being sent finish
     * (within {@code dipwatch.shutdown.timeout}), Camel stops its routes, the index is closed, and
     * logging stops last. No library's shutdown hook closes what the daemon still uses: the index
     * is opened with H2's {@code DB_CLOSE_ON_EXIT=FALSE} and Log4j's hook is off ({@code log4j2.xml}).
     */
    public void run() throws Exception {
        configure();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        // On SIGTERM the JVM halts once its shutdown hooks end, whatever the main thread is doing; this hook holds
        // it until the index is closed and logging stopped: our stop, then Camel's routes, each within the timeout.
        long hold = 2 * settings.longValue("dipwatch.shutdown.timeout") + 10;
        Thread waitForClose = new Thread(() -> {
            try {
                closed.await(hold, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dipwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(waitForClose);
        try {
            main.run();
            RuntimeException failed = warmUpFailure;
            if (failed != null) {
                throw new IllegalStateException("dipwatch: stopped since its warm-up failed: " + failed.getMessage(), failed);
            }
        } finally {
            try {
                stopWork();
                close();
                LOG.info("dipwatch: stopped; the index is closed");
            } finally {
                if (jvmStopping()) {
                    // logging stops last, since its own hook is off; a daemon run inside a JVM that goes
                    // on (a test, an embedding program) leaves that JVM's logging alone
                    org.apache.logging.log4j.LogManager.shutdown();
                }
                closed.countDown();
            }
        }
    }

    /** Whether the JVM is running its shutdown hooks (SIGTERM, System.exit): no hook can be added then. */
    private static boolean jvmStopping() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Starts the daemon in the background (tests); {@link #stop()} ends it. */
    public void start() throws Exception {
        configure();
        main.start();
        pipeline.warmUpProceed(); // Main's start() calls no afterStart listener: the routes answer now
    }

    /** Stops a daemon started with {@link #start()}, letting in-flight work finish, then closes the index. */
    public void stop() throws Exception {
        try {
            stopWork();
            main.stop();
        } finally {
            close();
        }
    }

    /**
     * Stops taking new work and lets what is in flight finish, all within one
     * {@code dipwatch.shutdown.timeout}: sources stop polling, the inbox and the sources find the
     * pipeline closed (a file stays in {@code inbox/}, an item unseen, both taken at the next start),
     * the batch being judged is committed, and each alert being sent is sent and recorded. Called
     * before Camel stops the routes, so that nothing waits on a route that no longer runs; once only.
     */
    private void stopWork() {
        if (stopping == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        stopping.run();
    }

    /** The pipeline the daemon's routes feed. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The Camel Main behind the daemon (tests inspect its context). */
    public Main main() {
        return main;
    }

    /**
     * Loads every route with the real beans but starts none of them and opens no port: the
     * check behind {@code check-config}. Returns the number of routes; throws with the file and
     * line of the first route that does not load.
     */
    public static int checkRoutes(Settings settings, CliCommands.Factory commands) throws Exception {
        Daemon daemon = new Daemon(settings, commands);
        daemon.bindBeans(true);
        daemon.main.setInitialProperties(camelProperties(settings, true));
        try {
            daemon.main.start();
            return daemon.main.getCamelContext().getRoutes().size();
        } finally {
            daemon.stop();
        }
    }

    private void configure() {
        try {
            // there from the start, so that a route file dropped into it later is picked up without a restart
            Files.createDirectories(settings.home().resolve("routes"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("dipwatch: cannot create " + settings.home().resolve("routes") + ": "
                    + e.getMessage(), e);
        }
        logLevel(settings);
        bindBeans();
        main.setInitialProperties(camelProperties(settings, false));
        String host = settings.get("dipwatch.http.host");
        LOG.info("dipwatch: home {}, routes from {}, HTTP on {}:{}", settings.home(), routesLocation(settings), host,
                settings.get("dipwatch.http.port"));
        if (!new ApiToken(settings.get("dipwatch.api.token")).isSet() && !loopback(host)) {
            LOG.warn("dipwatch: HTTP listens on {} and no DIPWATCH_API_TOKEN is set: anyone who reaches port {} reads /api/ "
                    + "(the subscriptions' recipients and webhook URLs); set DIPWATCH_API_TOKEN, or dipwatch.http.host=127.0.0.1",
                    host, settings.get("dipwatch.http.port"));
        }
    }

    /**
     * Sets the level of dipwatch's own log lines from {@code dipwatch.log.level}, wherever it was
     * set (log4j2.xml reads only the environment's DIPWATCH_LOG_LEVEL); a value that is no level
     * leaves the level as it is (the settings' check reports it).
     */
    static void logLevel(Settings settings) {
        String level = settings.get("dipwatch.log.level");
        if (level != null && SettingsCheck.CHOICES.get("dipwatch.log.level").contains(level.strip().toUpperCase(java.util.Locale.ROOT))) {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.dipwatch",
                    org.apache.logging.log4j.Level.valueOf(level.strip().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    /**
     * The configuration's problems while the daemon runs: those of the settings (fixed at start),
     * of the subscriptions file and of the sources in the route files (each read again when its
     * file changes). Behind {@code /health}'s DEGRADED and {@code dipwatch_config_problems}.
     */
    private java.util.function.Supplier<List<ConfigProblem>> configProblems(org.dipwatch.alert.Subscriptions subscriptions,
                                                                            boolean checkOnly) {
        List<ConfigProblem> ofSettings = checkOnly ? List.of() : SettingsCheck.problems(settings);
        ofSettings.forEach(p -> LOG.error("config: {}", p.text()));
        java.util.function.Supplier<List<ConfigProblem>> ofSources = SourceRoutes.problemsWatched(settings.home().resolve("routes"),
                packagedRoutesKept(settings));
        if (!checkOnly) {
            // the sources' own watcher logs each bad source as it skips it; at start they are named here once
            ofSources.get().forEach(p -> LOG.error("config: {}", p.text()));
            // read now, so that a subscription's problem is logged at start, not at the first alert
            subscriptions.current();
        }
        return () -> {
            List<ConfigProblem> all = new java.util.ArrayList<>(ofSettings);
            all.addAll(subscriptions.problems());
            all.addAll(ofSources.get());
            return all;
        };
    }

    /** The warm-up failed: nothing can be judged, so the daemon stops (and says why: {@link #run} throws). */
    private void warmUpFailed(RuntimeException cause) {
        warmUpFailure = cause;
        main.completed();
    }

    private void bindBeans() {
        bindBeans(false);
    }

    private void bindBeans(boolean checkOnly) {
        registry = Metrics.prometheus();
        Metrics metrics = new Metrics(registry);
        // on PostgreSQL several nodes share the home and the database: none announces itself in data/, the CLI opens the database
        boolean clustered = !checkOnly && org.dipwatch.corpus.CorpusIndex.isPostgres(settings.get("dipwatch.index.url"));
        String nodeId = org.dipwatch.cluster.ClusterNodes.nodeId(settings.get("dipwatch.node.id"));
        metrics.node(nodeId);
        if (!checkOnly && !clustered) {
            RunningDaemon.find(settings.home(), java.time.Duration.ZERO).ifPresent(other -> {
                throw new ConfigException("a dipwatch daemon already runs on " + settings.home() + " (pid " + other.pid()
                        + ", HTTP on " + other.host() + ":" + other.port() + "); stop it before starting another");
            });
        }
        // the daemon answers at once; the corpus check and the story memory load behind (Pipeline.openWarming)
        pipeline = checkOnly ? Pipeline.open(checkSettings(), metrics) : Pipeline.openWarming(settings, metrics, this::warmUpFailed);
        org.dipwatch.pipeline.Stages stages = pipeline.stages();
        if (clustered) {
            javax.sql.DataSource shared = stages.corpus().index().dataSource();
            cluster = new org.dipwatch.cluster.ClusterNodes(shared, nodeId,
                    java.time.Duration.ofMillis(settings.longValue("dipwatch.cluster.checkin-ms")));
            try {
                cluster.start();
            } catch (RuntimeException e) {
                pipeline.close();
                pipeline = null;
                throw e;
            }
            pipeline.claimInboxFiles(new org.dipwatch.ingest.InboxClaims(cluster),
                    settings.intValue("dipwatch.cluster.inbox-share"));
            cluster.alsoEachCheckIn("freeing the inbox files of gone nodes", pipeline::freeFilesOfGoneNodes);
            cluster.alsoEachCheckIn("adding to the search index what other nodes stored", pipeline::catchUpSearch);
            LOG.info("cluster: node {} on {}; Quartz's job store, the inbox, the judge's lock and the alert lanes are shared there",
                    nodeId, settings.get("dipwatch.index.url"));
        } else if (!checkOnly) {
            try {
                // the CLI finds the daemon here and asks it for the commands that use the index (cli-api.camel.yaml)
                announced = RunningDaemon.starting(settings.home(), settings.get("dipwatch.http.host"));
            } catch (java.io.IOException | RuntimeException e) {
                pipeline.close();
                pipeline = null;
                throw new java.io.UncheckedIOException("dipwatch: cannot write " + RunningDaemon.file(settings.home()) + ": "
                        + e.getMessage(), e instanceof java.io.IOException io ? io : new java.io.IOException(e));
            }
        }
        main.bind("commandApi", commands.open(pipeline, settings.home(), announced == null ? RunningDaemon.newKey() : announced.key()));
        main.bind("metricsRegistry", registry);
        main.bind("pipeline", pipeline);
        main.bind("inboxShare", new InboxShare(pipeline::takesMoreInboxFiles));
        if (!checkOnly) {
            vertx = org.dipwatch.observe.HttpListener.vertx(settings.get("dipwatch.http.host"));
            main.bind("vertx", vertx);
        }
        Health health = new Health(stages.corpus().index());
        health.node(nodeId, cluster == null ? null : cluster::members);
        java.util.function.Supplier<List<ConfigProblem>> problems = configProblems(stages.alerts().subscriptions(), checkOnly);
        health.configProblems(problems);
        metrics.configProblems(() -> problems.get().size());
        health.storeTrouble(pipeline::storeTrouble);
        health.warmUp(pipeline::warmUpCheck);
        org.dipwatch.alert.Outbox outbox = stages.outbox();
        health.alerts(() -> outbox.backlog().stream().map(org.dipwatch.alert.Outbox.Backlog::summary).toList());
        metrics.alertBacklog(() -> outbox.backlog().stream().mapToLong(org.dipwatch.alert.Outbox.Backlog::pending).sum(),
                () -> outbox.backlog().stream().map(org.dipwatch.alert.Outbox.Backlog::oldest).min(java.util.Comparator.naturalOrder())
                        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0).orElse(0.0));
        main.bind("health", health);
        SmtpMail mail = new SmtpMail(settings);
        Deliverer.Policy policy = policy(settings);
        // Slack, Telegram and camel: alerts go through this context's components once it is up
        CamelChannels channels = new CamelChannels(main::getCamelContext, settings.require("dipwatch.telegram.base-url"),
                policy.timeout());
        Deliverer deliverer = new Deliverer(stages.outbox(), stages.alerts().subscriptions(), mail, channels,
                new Metrics(registry), policy);
        main.bind("deliverer", deliverer);
        SourcePoller sources = sourcePoller(settings, pipeline, new Metrics(registry));
        main.bind("sources", sources);
        ApiToken token = new ApiToken(settings.get("dipwatch.api.token"));
        main.bind("sourceStates", sources.states());
        main.bind("sourceApi", new SourceApi(sources.states(), token));
        health.sources(SourceSpec.ROUTE_ID_PREFIX, sources.states()::activeSummaries);
        main.bind("alertApi", new AlertApi(stages.alerts().subscriptions(), stages.outbox(),
                Path.of(settings.require("dipwatch.alert.subscriptions")), token));
        org.dipwatch.api.CorpusQuery corpusQuery = new org.dipwatch.api.CorpusQuery(stages.corpus().index(), stages.search(),
                stages.outbox(), stages.corpus().seeds());
        org.dipwatch.api.CorpusApi corpusApi = new org.dipwatch.api.CorpusApi(corpusQuery, pipeline, token);
        main.bind("corpusApi", corpusApi);
        // the page's answers keep their Cache-Control, which Camel's HTTP header filter drops; Camel's own headers still stay in
        org.apache.camel.support.DefaultHeaderFilterStrategy pageHeaders = new org.apache.camel.support.DefaultHeaderFilterStrategy();
        pageHeaders.setLowerCase(true);
        pageHeaders.setInFilterStartsWith(org.apache.camel.support.DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        pageHeaders.setOutFilterStartsWith(org.apache.camel.support.DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        main.bind("pageHeaders", pageHeaders);
        main.bind("statusPage", new org.dipwatch.page.StatusPage(corpusQuery, corpusApi, stages.corpus().index(), sources.states(),
                stages.outbox(), settings.get("dipwatch.api.token"), java.time.Clock.systemUTC()));
        java.time.Duration timeout = java.time.Duration.ofSeconds(settings.longValue("dipwatch.shutdown.timeout"));
        // check-config starts nothing: closing the pipeline (close()) is all its stop needs
        stopping = checkOnly ? null : () -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            LOG.info("dipwatch: stopping: no new work is taken; the batch being judged and the alerts being sent get up to {} s",
                    timeout.toSeconds());
            withdraw(); // a CLI command from now on finds no daemon to ask
            sources.stop();
            deliverer.stopTaking();
            // before the routes stop: the inbox's in-flight files must not wait on a queue that no longer runs
            pipeline.stopIntake(left(deadline));
            deliverer.awaitStopped(left(deadline));
            // the polls' last validators and times, and the items counted by the batches just judged
            sources.states().flush();
            mail.close();
            channels.close();
        };
        // beans bound to Main are not handed the context: give it to those that need it once it exists
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport camel) {
                stopWork();
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                pipeline.warmUpProceed(); // the routes answer: now the corpus check and the story memory
                if (announced != null) {
                    try {
                        announced = announced.listening(settings.home(), settings.intValue("dipwatch.http.port"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("dipwatch: cannot write " + RunningDaemon.file(settings.home()) + ": "
                                + e.getMessage(), e);
                    }
                }
            }

            @Override
            public void afterConfigure(BaseMainSupport configured) {
                health.setCamelContext(configured.getCamelContext());
                Path routes = settings.home().resolve("routes");
                if (!checkOnly && Files.isDirectory(routes) && Boolean.parseBoolean(settings.get("dipwatch.sources.enabled"))) {
                    List<SourceRoutes.Entry> packaged;
                    try {
                        packaged = SourceRoutes.packaged(packagedRoutesKept(settings));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("sources: cannot read the packaged route files: " + e.getMessage(), e);
                    }
                    sourceRoutes = SourceRoutes.watch(configured.getCamelContext(), routes, sources.states(), packaged);
                }
            }
        });
    }

    /**
     * The settings {@code check-config} loads the routes with: the home's own, but while a daemon
     * runs on the home (and holds its index) an empty in-memory index in a throwaway folder, since the
     * check needs the beans, not the corpus. Every other setting keeps its value.
     */
    private Settings checkSettings() {
        if (RunningDaemon.find(settings.home(), java.time.Duration.ZERO).isEmpty()) {
            return settings;
        }
        try {
            scratchHome = Files.createTempDirectory("dipwatch-check-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("check-config: cannot create a scratch folder: " + e.getMessage(), e);
        }
        java.util.Map<String, String> values = new java.util.HashMap<>(settings.asMap());
        values.remove("dipwatch.home");
        values.put("dipwatch.index.url", "jdbc:h2:mem:check-" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1");
        values.put("dipwatch.search.dir", scratchHome.resolve("data").resolve("search").toString());
        return Settings.of(scratchHome, values);
    }

    /** The source poller of a daemon: one fetcher for every source, so per-host politeness holds across them. */
    public static SourcePoller sourcePoller(Settings settings, Pipeline pipeline, Metrics metrics) {
        FeedFetcher fetcher = new FeedFetcher(settings.require("dipwatch.sources.user-agent"),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.sources.timeout-ms")),
                settings.intValue("dipwatch.sources.max-redirects"),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.sources.host-delay-ms")),
                settings.longValue("dipwatch.sources.max-bytes"));
        SourceStates states = new SourceStates(pipeline.stages().corpus().index().dataSource());
        SourcePoller.Intake intake = new SourcePoller.Intake() {
            @Override
            public java.util.concurrent.CompletableFuture<org.dipwatch.model.IngestResult> submit(org.dipwatch.model.Draft draft,
                    String name, String source, String intakeKey, boolean alerts, SourcePoller.Seen seen) throws InterruptedException {
                return pipeline.submit(new Pipeline.Intake(name, source, () -> new Pipeline.Read(draft, intakeKey), alerts, seen::write),
                        pipeline.offerWait());
            }

            @Override
            public boolean hasRoom() {
                return pipeline.hasRoom();
            }
        };
        SourcePoller poller = new SourcePoller(fetcher, states, intake, metrics, new SourcePoller.Policy(
                Boolean.parseBoolean(settings.get("dipwatch.sources.enabled")),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.sources.backoff-ms")),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.sources.backoff-max-ms")),
                java.time.Duration.ofSeconds(settings.longValue("dipwatch.sources.jitter-seconds")),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.sources.max-wait-ms")),
                Math.max(1, settings.intValue("dipwatch.sources.max-items-per-poll")),
                Math.max(1, settings.intValue("dipwatch.sources.item-max-attempts")),
                java.time.Duration.ofHours(settings.longValue("dipwatch.sources.first-poll-alert-hours"))),
                java.time.Clock.systemUTC());
        poller.watcher(new SourceHealth(states, pipeline.stages().alerts(), pipeline.stages().outbox(), pipeline.stages().corpus().index().dataSource(),
                settings.intValue("dipwatch.sources.alert-after-failures"),
                java.time.Duration.ofHours(settings.longValue("dipwatch.sources.silent-after-hours")))::polled);
        return poller;
    }

    /**
     * What is wrong with the sources the routes declare (parameters, names, route ids), each
     * problem naming the file and the source: part of {@code check-config}.
     */
    public static List<ConfigProblem> sourceProblems(Settings settings) {
        return SourceRoutes.problems(settings.home().resolve("routes"), packagedRoutesKept(settings));
    }

    /** The delivery policy the settings describe. */
    static Deliverer.Policy policy(Settings settings) {
        return new Deliverer.Policy(settings.intValue("dipwatch.alert.max-attempts"),
                java.time.Duration.ofHours(settings.longValue("dipwatch.alert.max-age-hours")),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.alert.backoff-ms")),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.alert.backoff-max-ms")),
                java.time.Duration.ofMillis(settings.longValue("dipwatch.webhook.timeout-ms")),
                Boolean.parseBoolean(settings.get("dipwatch.webhook.allow-private")),
                Math.max(1, settings.intValue("dipwatch.alert.delivery-threads")),
                settings.intValue("dipwatch.alert.also-reported-max"),
                Deliverer.Policy.webhookVersion(settings.get("dipwatch.webhook.http-version")));
    }

    /** Whether an address is this machine's alone (127.0.0.1, ::1, localhost); an unknown name counts as not. */
    static boolean loopback(String host) {
        try {
            return host != null && java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The time left until a {@link System#nanoTime()} deadline, never negative. */
    private static java.time.Duration left(long deadline) {
        return java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Removes {@code data/daemon.run}, if this daemon wrote it. */
    private void withdraw() {
        if (announced != null) {
            try {
                announced.withdraw(settings.home());
            } catch (java.io.IOException e) {
                LOG.warn("dipwatch: cannot remove {} ({}); the next start replaces it", RunningDaemon.file(settings.home()), e.getMessage());
            }
        }
    }

    private void close() {
        withdraw();
        announced = null;
        if (sourceRoutes != null) {
            sourceRoutes.close();
            sourceRoutes = null;
        }
        if (cluster != null) {
            cluster.close(); // before the index closes: the node's row goes, and the others know at once
            cluster = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        if (registry != null) {
            registry.close();
        }
        if (scratchHome != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(scratchHome)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                LOG.warn("check-config: cannot remove {} ({})", scratchHome, e.getMessage());
            }
            scratchHome = null;
        }
        if (vertx != null) {
            // Camel leaves a Vert.x it found in the registry open; its threads are the daemon's to end
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
            vertx = null;
        }
    }

    /**
     * Where routes are loaded from: the packaged defaults (this repo's {@code routes/}), but those
     * the home's {@code routes/} replaces with a file of the same name, then every file of the
     * home's {@code routes/}. A user adds a source with a file of a few lines and keeps the inbox,
     * the API and {@code /health}; copying a packaged file into the home and editing it changes it.
     */
    public static String routesLocation(Settings settings) {
        List<String> parts = new java.util.ArrayList<>();
        if (PackagedRoutes.FILES.isEmpty()) {
            parts.add(PACKAGED_ROUTES);
        } else {
            packagedRoutesKept(settings).forEach(r -> parts.add("classpath:" + r));
        }
        Path dir = settings.home().resolve("routes");
        if (Files.isDirectory(dir)) {
            parts.add("file:" + dir + "/*.camel.yaml");
        }
        return String.join(",", parts);
    }

    /**
     * The packaged route files ({@code routes/a.camel.yaml}, …) that the home does not replace
     * with a file of the same name; empty when the jar's files cannot be listed (then the packaged
     * routes are scanned for, all of them).
     */
    static List<String> packagedRoutesKept(Settings settings) {
        Path dir = settings.home().resolve("routes");
        return PackagedRoutes.FILES.stream().filter(r -> !Files.exists(dir.resolve(r.substring("routes/".length())))).toList();
    }

    /**
     * The packaged route files ({@code routes/a.camel.yaml}, …), listed once per JVM: the jar does
     * not change while it runs. Camel would find them with the wildcard too, but scanning the
     * 30,000 entries of the fat jar for it takes seconds at every start; listing the jar's
     * {@code routes/} entries takes milliseconds. Empty when they cannot be listed.
     */
    private static final class PackagedRoutes {
        static final List<String> FILES = list();

        private static List<String> list() {
            try {
                return org.dipwatch.config.PackagedFiles.in("routes", ".camel.yaml");
            } catch (java.io.IOException e) {
                LOG.warn("dipwatch: cannot list the packaged routes ({}); scanning for them instead", e.toString());
                return List.of();
            }
        }
    }

    /**
     * The properties Camel Main starts with: every dipwatch setting (routes refer to them as
     * {@code {{dipwatch.…}}}), the Camel settings dipwatch needs, then any {@code camel.*} key the
     * user set, which wins.
     */
    /**
     * Quartz's clustered JDBC job store on the index's PostgreSQL database (its tables made by the
     * migration V12): each source's trigger fires on one node, and when a node stops checking in
     * (every {@code dipwatch.cluster.checkin-ms}) another takes its triggers over. The scheduler's name
     * is the same on every node (Camel's, from {@code camel.main.name}), its instance id the node's.
     * Camel leaves a clustered trigger in place when a node stops, so the others keep firing it.
     */
    private static void quartzCluster(Properties p, Settings settings, String url) {
        String q = "camel.component.quartz.properties[";
        p.setProperty(q + "org.quartz.scheduler.instanceId]", org.dipwatch.cluster.ClusterNodes.nodeId(settings.get("dipwatch.node.id")));
        p.setProperty(q + "org.quartz.jobStore.class]", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty(q + "org.quartz.jobStore.driverDelegateClass]", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty(q + "org.quartz.jobStore.isClustered]", "true");
        p.setProperty(q + "org.quartz.jobStore.clusterCheckinInterval]", settings.get("dipwatch.cluster.checkin-ms"));
        p.setProperty(q + "org.quartz.jobStore.dataSource]", "dipwatch");
        p.setProperty(q + "org.quartz.dataSource.dipwatch.provider]", "hikaricp");
        p.setProperty(q + "org.quartz.dataSource.dipwatch.driver]", "org.postgresql.Driver");
        p.setProperty(q + "org.quartz.dataSource.dipwatch.URL]", url);
        p.setProperty(q + "org.quartz.dataSource.dipwatch.user]", settings.get("dipwatch.index.user"));
        String password = settings.get("dipwatch.index.password");
        if (password != null && !password.isEmpty()) {
            p.setProperty(q + "org.quartz.dataSource.dipwatch.password]", password); // Camel refuses an empty value
        }
        // the threads that fire triggers, and one for the cluster's check-in and recovery
        p.setProperty(q + "org.quartz.dataSource.dipwatch.maxConnections]", Integer.toString(settings.intValue("dipwatch.sources.threads") + 2));
    }

    static Properties camelProperties(Settings settings, boolean checkOnly) {
        Properties p = new Properties();
        p.setProperty("camel.main.name", "dipwatch");
        String location = routesLocation(settings);
        p.setProperty("camel.main.routes-include-pattern", SOURCE_TEMPLATES + "," + location);
        // Quartz's own default is 10 threads; a source's trigger holds one while it waits its jitter and its host's turn
        p.setProperty("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", settings.get("dipwatch.sources.threads"));
        String indexUrl = settings.get("dipwatch.index.url");
        if (org.dipwatch.corpus.CorpusIndex.isPostgres(indexUrl) && !checkOnly) {
            quartzCluster(p, settings, indexUrl);
        }
        if (!Boolean.parseBoolean(settings.get("dipwatch.sources.enabled"))) {
            // sources switched off (offline, tests): their routes load and are checked, but never start
            p.setProperty("camel.main.auto-startup-exclude-pattern", SourceSpec.ROUTE_ID_PREFIX + "*");
        }
        p.setProperty("camel.main.shutdown-timeout", settings.get("dipwatch.shutdown.timeout"));
        p.setProperty("camel.main.shutdown-suppress-logging-on-timeout", "false");
        p.setProperty("camel.main.use-breadcrumb", "false");
        Path routes = settings.home().resolve("routes");
        if (Files.isDirectory(routes) && !checkOnly) {
            // a user edits or adds a route file and the daemon picks it up without a restart
            p.setProperty("camel.main.routes-reload-enabled", "true");
            p.setProperty("camel.main.routes-reload-directory", routes.toString());
            p.setProperty("camel.main.routes-reload-pattern", "*.camel.yaml");
            p.setProperty("camel.main.routes-reload-remove-all-routes", "false");
        }
        p.setProperty("camel.server.enabled", Boolean.toString(!checkOnly));
        p.setProperty("camel.server.port", settings.get("dipwatch.http.port"));
        p.setProperty("camel.server.host", settings.get("dipwatch.http.host"));
        // a request body past the limit is refused (413) before it is read, not read whole and then turned away
        p.setProperty("camel.server.maxBodySize", settings.get("dipwatch.http.max-body-bytes"));
        p.setProperty("camel.metrics.enabled", "true");
        p.setProperty("camel.metrics.enableRoutePolicy", "true");
        p.setProperty("camel.metrics.enableExchangeEventNotifier", "false");
        p.setProperty("camel.health.enabled", "true");
        // a poller that has not polled yet is not down: without this /health answers 503 at start
        p.setProperty("camel.health.initial-state", "up");
        if (checkOnly) {
            p.setProperty("camel.main.auto-startup", "false");
        }
        settings.asMap().forEach(p::setProperty);
        return p;
    }
}
