package org.dipwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.alert.Outbox;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark of alert latency, run with {@code ./mvnw -Pbench test}: the time from a file renamed
 * into {@code inbox/} to its webhook arriving at an endpoint on 127.0.0.1, over 100 drops one at
 * a time after a random pause of up to a second, with the default settings (inbox poll, settle
 * time, {@code dipwatch.alert.poll-ms}), split into drop to alert stored and alert stored to webhook.
 * Figures go to standard output and to {@code target/bench/alerts.txt}; nothing here asserts a time.
 */
@Tag("bench")
class AlertLatencyBench {

    private static final int DROPS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private final BenchReport report = new BenchReport("alerts.txt");

    /** A webhook as the endpoint saw it: when it arrived and the article's date that tells the drop. */
    record Arrival(long nanos, Instant at, String articleDate) {
    }

    private void say(String line) throws IOException {
        report.say(line);
    }

    @Test
    void dropToWebhook() throws Exception {
        TestHome.create(home);
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            long nanos = System.nanoTime();
            Instant at = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            arrivals.add(new Arrival(nanos, at, JSON.readTree(body).path("data").path("article").path("date").asText()));
        });
        endpoint.start();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: bench
                    filter: { actors: [RUS], regions: [Middle East] }
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_YmVuY2gtc2VjcmV0LW9mLTI0LWJ5dGVzIQ==" }
                """.formatted(endpoint.getAddress().getPort()));
        // the defaults as shipped: only where the HTTP server listens is set
        Daemon daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port", Integer.toString(TestHome.freePort()),
                "dipwatch.http.host", "127.0.0.1")), CommandApi::new);
        daemon.start();
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        long[] total = new long[DROPS];
        long[] toOutbox = new long[DROPS];
        long[] outboxToHook = new long[DROPS];
        try {
            say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                    + "; " + settingsLine(home));
            Outbox outbox = daemon.pipeline().stages().outbox();
            // a drop right after the previous webhook would land at the same point of the poll
            // timers' cycles every time; a random pause first makes the drops arrive as users' do
            java.util.Random pause = new java.util.Random(20240402);
            for (int i = 0; i < DROPS; i++) {
                Thread.sleep(pause.nextInt(1000));
                LocalDate date = LocalDate.of(2020, 1, 1).plusDays(i);
                Path temp = inbox.resolve(".drop-" + i + ".txt.part");
                Files.writeString(temp, " date " + date + " Russian Foreign Minister Sergey Lavrov said in statement " + i
                        + " that strikes on the Gaza Strip must stop.\n");
                long t0 = System.nanoTime();
                Instant dropped = Instant.now();
                Files.move(temp, inbox.resolve("drop-" + i + ".txt"), StandardCopyOption.ATOMIC_MOVE);
                Arrival a = arrivals.poll(60, TimeUnit.SECONDS);
                assertThat(a).as("webhook of drop " + i).isNotNull();
                assertThat(a.articleDate()).as("the webhook is about drop " + i).isEqualTo(date.toString());
                total[i] = a.nanos() - t0;
                // the outbox row's creation time: when the article and its alert were committed
                Instant stored = outbox.ofSubscription("bench", 1).get(0).createdAt();
                toOutbox[i] = Duration.between(dropped, stored).toNanos();
                outboxToHook[i] = Duration.between(stored, a.at()).toNanos();
            }
        } finally {
            daemon.stop();
            endpoint.stop(0);
        }
        say(String.format("first drop (cold): %.0f ms drop to webhook", total[0] / 1e6));
        say(line("drop to webhook", total));
        say(line("  drop to alert stored (inbox poll, settle, ingest)", toOutbox));
        say(line("  alert stored to webhook (outbox poll, POST)", outboxToHook));
    }

    private static String settingsLine(Path home) {
        Settings s = Settings.of(home, Map.of());
        return "defaults: inbox poll-delay " + s.get("dipwatch.inbox.poll-delay") + " ms, settle " + s.get("dipwatch.inbox.settle-ms")
                + " ms, alert poll " + s.get("dipwatch.alert.poll-ms") + " ms";
    }

    private static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%s over %d drops: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms", what,
                sorted.length, at(sorted, 50), at(sorted, 90), at(sorted, 99), sorted[sorted.length - 1] / 1e6, sorted[0] / 1e6);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double at(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
