package org.dipwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;
import org.dipwatch.source.SourcePoller;
import org.dipwatch.source.SourceSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sources benchmark, run with {@code ./mvnw -Pbench test}: 200 RSS feeds of 50 items each
 * on a local HTTP server (one host, so one request at a time, no minimum delay), polled through
 * the real poller and pipeline by four threads (as Quartz triggers would). Measures wall time and
 * the process's CPU time of a first poll (10,000 new items into the corpus) and of a re-poll of
 * the unchanged feeds (200 conditional GETs answered 304). The server runs in the same JVM: its
 * CPU is included. Figures go to standard output and {@code target/bench/sources.txt}.
 */
@Tag("bench")
class SourcePollBench {

    private static final int FEEDS = 200;
    private static final int ITEMS = 50;

    @TempDir
    Path tmp;
    private final BenchReport report = new BenchReport("sources.txt");

    @Test
    void firstPollAndUnchangedRepoll() throws Exception {
        report.say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        List<String> paragraphs = BenchCorpus.paragraphs();
        Random random = new Random(7);
        List<byte[]> feeds = new ArrayList<>();
        for (int f = 0; f < FEEDS; f++) {
            StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed " + f + "</title>");
            for (int i = 0; i < ITEMS; i++) {
                StringBuilder text = new StringBuilder();
                for (int p = 0; p < 4; p++) {
                    text.append("&lt;p&gt;").append(escape(paragraphs.get(random.nextInt(paragraphs.size())))).append("&lt;/p&gt;");
                }
                s.append("<item><guid>urn:bench:").append(f).append(':').append(i).append("</guid><link>https://ministry")
                        .append(f).append(".example/news/").append(i).append("</link><title>Statement ").append(f).append('-').append(i)
                        .append("</title><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><description>").append(text)
                        .append(" (").append(f).append('-').append(i).append(")</description></item>");
            }
            feeds.add(s.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger notModified = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/feed/", ex -> {
            int f = Integer.parseInt(ex.getRequestURI().getPath().substring(6));
            String etag = "\"f" + f + "\"";
            ex.getResponseHeaders().add("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
                ex.sendResponseHeaders(200, feeds.get(f).length);
                ex.getResponseBody().write(feeds.get(f));
            }
            ex.close();
        });
        server.start();
        Path home = TestHome.create(tmp.resolve("home"));
        Settings settings = Settings.of(home, Map.of("dipwatch.sources.host-delay-ms", "0", "dipwatch.sources.jitter-seconds", "0"));
        try (Pipeline pipeline = Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()))) {
            SourcePoller poller = Daemon.sourcePoller(settings, pipeline, new Metrics(new SimpleMeterRegistry()));
            List<SourceSpec> specs = new ArrayList<>();
            for (int f = 0; f < FEEDS; f++) {
                specs.add(SourceSpec.of("feed", Map.of("name", "bench-" + f, "url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + f)));
            }
            int processed = pollAll(poller, specs, "first poll (" + FEEDS + " feeds x " + ITEMS + " new items)");
            assertThat(processed).isEqualTo(FEEDS * ITEMS);
            int again = pollAll(poller, specs, "unchanged re-poll (" + FEEDS + " conditional GETs)");
            assertThat(again).isZero();
            assertThat(notModified.get()).isEqualTo(FEEDS);
        } finally {
            server.stop(0);
        }
    }

    private int pollAll(SourcePoller poller, List<SourceSpec> specs, String what) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<SourcePoller.Report>> polls = new ArrayList<>();
        for (SourceSpec s : specs) {
            polls.add(pool.submit(() -> poller.poll(s)));
        }
        int processed = 0;
        for (Future<SourcePoller.Report> f : polls) {
            SourcePoller.Report r = f.get();
            assertThat(r.error()).isNull();
            processed += r.processed();
        }
        pool.shutdown();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        report.say(String.format("%s: %.2f s wall, %.2f s process CPU, %d items processed (%.0f items/s)", what, wall, cpu,
                processed, processed / wall));
        return processed;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;amp;").replace("<", "&amp;lt;").replace(">", "&amp;gt;");
    }
}
