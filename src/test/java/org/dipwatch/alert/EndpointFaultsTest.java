package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.PrometheusText;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two endpoints of alerts, a webhook receiver and an SMTP server (GreenMail), each behind a
 * {@link FaultyLink} on 127.0.0.1 that is down, silent, answers garbage, then answers too slowly,
 * while articles keep coming; then both come back. Every alert is kept and retried with backoff,
 * and delivered once they answer: each article's webhook under one {@code webhook-id} (a slow
 * answer that came too late may bring it twice, never under another id), each mail once. All
 * along the daemon stays UP and says what waits and why in {@code /health} and the metrics.
 * The fast case holds each fault seconds; the hardening case minutes ({@code -Dfaults.minutes}, default 1).
 */
class EndpointFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATEMENT = Pattern.compile("statement (\\d+)");
    /** Longer than the timeouts below (1 s), with a margin for a busy machine. */
    private static final long SLOW_MILLIS = 3000;

    @TempDir
    Path home;
    private GreenMail smtp;
    private HttpServer receiver;
    private FaultyLink hookLink;
    private FaultyLink mailLink;
    private Daemon daemon;
    private int httpPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The webhooks the receiver accepted: statement number and webhook-id. */
    private final List<Map.Entry<Integer, String>> hooks = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        TestHome.create(home);
        smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hooks.add(Map.entry(statement(body), exchange.getRequestHeaders().getFirst("webhook-id")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        hookLink = new FaultyLink(TestHome.freePort(), receiver.getAddress().getPort(), SLOW_MILLIS);
        mailLink = new FaultyLink(TestHome.freePort(), smtp.getSmtp().getPort(), SLOW_MILLIS);
        TestHome.hookAndDeskSubscriptions(home, hookLink.port());
        httpPort = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.ofEntries(Map.entry("dipwatch.sources.enabled", "false"),
                Map.entry("dipwatch.http.port", Integer.toString(httpPort)), Map.entry("dipwatch.mail.host", "127.0.0.1"),
                Map.entry("dipwatch.mail.port", Integer.toString(mailLink.port())), Map.entry("dipwatch.mail.from", "dipwatch@example.org"),
                Map.entry("dipwatch.mail.timeout-ms", "1000"), Map.entry("dipwatch.webhook.timeout-ms", "1000"),
                Map.entry("dipwatch.webhook.allow-private", "true"), Map.entry("dipwatch.mail.idle-ms", "0"),
                Map.entry("dipwatch.alert.backoff-ms", "100"), Map.entry("dipwatch.alert.backoff-max-ms", "1000"),
                Map.entry("dipwatch.alert.poll-ms", "50"), Map.entry("dipwatch.alert.max-attempts", "100000")))), CommandApi::new);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        daemon.stop();
        hookLink.close();
        mailLink.close();
        receiver.stop(0);
        smtp.stop();
    }

    @Test
    void endpointsDownSilentAnsweringGarbageOrSlowForSecondsLoseNoAlert() throws Exception {
        faults(Duration.ofSeconds(3), 2);
    }

    @Test
    @Tag("hardening")
    void endpointsDownSilentAnsweringGarbageOrSlowForMinutesLoseNoAlert() throws Exception {
        faults(Duration.ofMinutes(Long.getLong("faults.minutes", 1)), 5);
    }

    private void faults(Duration each, int articlesEach) throws Exception {
        Outbox outbox = daemon.pipeline().stages().outbox();
        int n = 0;
        long healthChecks = 0;
        Set<String> errors = new LinkedHashSet<>();
        for (FaultyLink.Mode fault : List.of(FaultyLink.Mode.DOWN, FaultyLink.Mode.SILENT, FaultyLink.Mode.GARBAGE, FaultyLink.Mode.SLOW)) {
            hookLink.mode(fault);
            mailLink.mode(fault);
            int hookBefore = outbox.log("hook", 100_000).size();
            int deskBefore = outbox.log("desk", 100_000).size();
            for (int i = 0; i < articlesEach; i++) {
                drop(++n);
            }
            int stored = n;
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.ofSubscription("hook", 1000).size() == stored
                    && outbox.ofSubscription("desk", 1000).size() == stored);
            // both lanes try again and fail under this fault
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.log("hook", 100_000).size() >= hookBefore + 2
                    && outbox.log("desk", 100_000).size() >= deskBefore + 2);
            long end = System.nanoTime() + each.toNanos();
            do {
                JsonNode health = JSON.readTree(get("/health").body());
                assertThat(health.path("status").asText()).as(fault + ": " + health).isEqualTo("UP");
                JsonNode alerts = health.path("checks").path("dipwatch:alerts");
                assertThat(alerts.path("state").asText()).isEqualTo("UP");
                assertThat(alerts.path("message").asText()).as(fault + ": " + alerts).matches(stored * 2 + " alerts waiting, 2 of 2 lanes failing .*");
                healthChecks++;
                Thread.sleep(250);
            } while (System.nanoTime() < end);
            assertThat(outbox.counts()).as(fault + ": nothing delivered, nothing dead").isEqualTo(Map.of("pending", 2L * stored));
            for (String lane : List.of("hook", "desk")) {
                outbox.log(lane, 100_000).stream().map(Outbox.Attempt::error).filter(e -> e != null).forEach(errors::add);
            }
        }
        String metrics = get("/metrics").body();
        assertThat(gauge(metrics, "dipwatch_alerts_pending")).isEqualTo(2.0 * n);
        assertThat(gauge(metrics, "dipwatch_alerts_oldest_pending_seconds")).isGreaterThan(each.toSeconds() * 3.0);
        double retried = PrometheusText.sum(metrics, "dipwatch_alerts_total", "outcome=\"retrying\"");
        assertThat(retried).isGreaterThanOrEqualTo(8);
        // every failure names the endpoint, whatever the fault was
        assertThat(errors).allSatisfy(e -> assertThat(e).containsAnyOf("127.0.0.1:" + hookLink.port(), "127.0.0.1:" + mailLink.port()));

        hookLink.mode(FaultyLink.Mode.PASS);
        mailLink.mode(FaultyLink.Mode.PASS);
        int total = n;
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.counts().equals(Map.of("delivered", 2L * total)));
        Thread.sleep(1000); // time for a second copy of any alert to show up

        Map<Integer, Set<String>> idsByStatement;
        synchronized (hooks) {
            idsByStatement = hooks.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        }
        assertThat(idsByStatement.keySet()).as("a webhook for every article").hasSize(total);
        assertThat(idsByStatement.values()).as("never two webhook-ids for one alert").allSatisfy(ids -> assertThat(ids).hasSize(1));
        List<Integer> mailed = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            mailed.add(statement(m.getSubject() + " " + com.icegreen.greenmail.util.GreenMailUtil.getBody(m)));
        }
        assertThat(mailed).as("every mail once").hasSize(total).doesNotHaveDuplicates();

        JsonNode health = JSON.readTree(get("/health").body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").path("dipwatch:alerts").path("message").asText()).isEqualTo("0 alerts waiting, 0 of 0 lanes failing");
        assertThat(gauge(get("/metrics").body(), "dipwatch_alerts_pending")).isZero();
        System.out.printf("endpoint faults: %d articles, each fault %s on both endpoints; %d health checks UP; %.0f attempts retried; "
                + "%d webhooks accepted for %d alerts; %d distinct errors:%n  %s%n", total, each, healthChecks, retried, hooks.size(), total,
                errors.size(), String.join("\n  ", errors));
    }

    private void drop(int n) throws IOException {
        Path temp = home.resolve("inbox").resolve(".statement-" + n + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, " date 2024-05-" + String.format("%02d", 1 + n % 28) + " In statement " + n
                + ", Russian Foreign Minister Sergey Lavrov said in Moscow that talks on Syria would resume in round " + (n * 7919) + ".\n");
        Files.move(temp, home.resolve("inbox").resolve("statement-" + n + ".txt"));
    }

    private static int statement(String text) {
        Matcher m = STATEMENT.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A gauge's value in Prometheus text. */
    private static double gauge(String metrics, String name) {
        return PrometheusText.sum(metrics, name, "");
    }

}
