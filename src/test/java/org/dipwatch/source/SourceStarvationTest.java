package org.dipwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.ingest.FeedFetcher;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10, acceptance 4: 50 sources due at once while judging is slow. Every poll completes
 * (none is starved waiting for another's items to be judged), the pipeline's queue never holds more
 * than its bound, and nothing is lost: every item of every feed is judged exactly once over the
 * following polls.
 */
class SourceStarvationTest {

    private static final int SOURCES = 50;
    private static final int ITEMS = 10;
    private static final int QUEUE = 16;

    @TempDir
    Path home;

    @Test
    void fiftySourcesDueAtOnceAllCompleteTheirPollWhileTheBoundedQueueHoldsAndNothingIsLost() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FixtureServer server = new FixtureServer(); Pipeline pipeline = Pipeline.open(settings(), new Metrics(registry))) {
            List<SourceSpec> specs = feeds(server);
            SourcePoller poller = slowPoller(pipeline, registry, false);

            AtomicInteger maxQueued = new AtomicInteger();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    maxQueued.accumulateAndGet((int) registry.get(Metrics.PIPELINE_QUEUE).gauge().value(), Math::max);
                    sleep(2);
                }
            });
            sampler.start();
            int handedOver = 0;
            int partial = 0;
            for (SourcePoller.Report r : pollAtOnce(poller, specs)) {
                partial += "partial".equals(r.outcome()) ? 1 : 0;
                assertThat(r.outcome()).as(r.toString()).isIn("new", "partial", "unchanged");
                handedOver += r.processed();
            }
            // every source was polled while most items still waited: a poll leaves what finds no room to its next run
            assertThat(handedOver).as("items handed over in the first round").isLessThan(SOURCES * ITEMS);
            assertThat(partial).as("polls that found the queue full and left items for their next run").isPositive();

            // the following polls take what was left: each item once, none lost
            for (int round = 0; round < 40 && seenItems(pipeline) < SOURCES * ITEMS; round++) {
                pollAtOnce(poller, specs);
                pipeline.awaitIdle(Duration.ofSeconds(60));
            }
            poller.stop();
            sampling.set(false);
            sampler.join();

            assertThat(maxQueued.get()).as("the most items waiting in the queue").isLessThanOrEqualTo(QUEUE).isPositive();
            assertThat(seenItems(pipeline)).isEqualTo(SOURCES * ITEMS);
            try (Connection c = pipeline.stages().corpus().index().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT COUNT(*), COUNT(DISTINCT intake_key) FROM arrival WHERE source LIKE 'src-%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("arrivals").isEqualTo(SOURCES * ITEMS);
                assertThat(rs.getInt(2)).as("each item judged once").isEqualTo(SOURCES * ITEMS);
            }
        }
    }

    private Settings settings() throws java.io.IOException {
        TestHome.create(home);
        Map<String, String> overrides = new HashMap<>(TestHome.EVERY_TEXT_A_NEW_STORY);
        overrides.putAll(Map.of("dipwatch.pipeline.queue-size", Integer.toString(QUEUE), "dipwatch.pipeline.batch-size", "4",
                "dipwatch.pipeline.offer-wait-ms", "50", "dipwatch.sources.host-delay-ms", "0",
                "dipwatch.sources.first-poll-alert-hours", "1000000"));
        return Settings.of(home, overrides);
    }

    /** {@value #SOURCES} feeds of {@value #ITEMS} distinct statements each. */
    private static List<SourceSpec> feeds(FixtureServer server) {
        List<SourceSpec> specs = new ArrayList<>();
        for (int s = 0; s < SOURCES; s++) {
            String[] items = new String[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                items[i] = "<item><guid>urn:s" + s + ":" + i + "</guid><link>https://mfa" + s + ".example/news/" + i + "</link>"
                        + "<title>Statement " + s + "-" + i + "</title><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>"
                        + "<description>Ministry " + s + " issued statement " + i + " on consultations number " + (s * 100 + i)
                        + " held in city " + s + " on topic " + i + ".</description></item>";
            }
            server.serve("/feed" + s, FixtureServer.Answer.of("application/rss+xml", SourcePollerTest.rss(items)));
            specs.add(SourceSpec.of("feed", Map.of("name", "src-" + s, "url", server.url("/feed" + s))));
        }
        return specs;
    }

    /**
     * A poller whose judging is slowed to 10 ms an item: 500 items take 5 s, far longer than a poll may
     * hold its thread. With {@code defers}, a poll that finds the queue nearly full is put off before it
     * fetches (as the daemon's are); without, every poll fetches and offers its items.
     */
    private static SourcePoller slowPoller(Pipeline pipeline, SimpleMeterRegistry registry, boolean defers) {
        SourcePoller.Intake slow = new SourcePoller.Intake() {
            @Override
            public java.util.concurrent.CompletableFuture<org.dipwatch.model.IngestResult> submit(org.dipwatch.model.Draft draft,
                    String name, String source, String intakeKey, boolean alerts, SourcePoller.Seen seen) throws InterruptedException {
                return pipeline.submit(new Pipeline.Intake(name, source, () -> new Pipeline.Read(draft, intakeKey), alerts, (c, r) -> {
                    sleep(10);
                    seen.write(c, r);
                }), pipeline.offerWait());
            }

            @Override
            public boolean hasRoom() {
                return !defers || pipeline.hasRoom();
            }
        };
        return new SourcePoller(new FeedFetcher("test", Duration.ofSeconds(10), 3, Duration.ZERO),
                new SourceStates(pipeline.stages().corpus().index().dataSource()), slow, new Metrics(registry),
                new SourcePoller.Policy(true, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO, Duration.ofSeconds(5),
                        100, 3, Duration.ofDays(100000)), Clock.systemUTC());
    }

    @Test
    void sourcesTheFullQueueCutShortArePolledAgainOnceItHasRoomNotAtTheirNextTrigger() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FixtureServer server = new FixtureServer(); Pipeline pipeline = Pipeline.open(settings(), new Metrics(registry))) {
            List<SourceSpec> specs = feeds(server);
            SourcePoller poller = slowPoller(pipeline, registry, true);
            int cutShort = 0;
            for (SourcePoller.Report r : pollAtOnce(poller, specs)) {
                cutShort += r.outcome().equals("partial") || r.outcome().equals("deferred") ? 1 : 0;
            }
            assertThat(cutShort).as("polls the full queue cut short or put off").isPositive();

            // no trigger fires again: the sources left waiting are polled as the queue drains
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seenItems(pipeline) < SOURCES * ITEMS && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(seenItems(pipeline)).as("items judged after one trigger per source").isEqualTo(SOURCES * ITEMS);
            assertThat(poller.resuming()).isEmpty();
            poller.stop();
        }
    }

    /** Polls every source at once, as their triggers fire together on as many threads as Quartz has (25); their reports. */
    private static List<SourcePoller.Report> pollAtOnce(SourcePoller poller, List<SourceSpec> specs) throws Exception {
        ExecutorService quartz = Executors.newFixedThreadPool(25);
        try {
            List<Future<SourcePoller.Report>> polls = new ArrayList<>();
            for (SourceSpec spec : specs) {
                polls.add(quartz.submit(() -> poller.poll(spec)));
            }
            List<SourcePoller.Report> reports = new ArrayList<>();
            for (Future<SourcePoller.Report> f : polls) {
                reports.add(f.get(60, TimeUnit.SECONDS));
            }
            return reports;
        } finally {
            quartz.shutdown();
        }
    }

    private static int seenItems(Pipeline pipeline) throws Exception {
        try (Connection c = pipeline.stages().corpus().index().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM source_item WHERE source LIKE 'src-%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
