package org.dipwatch;

import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon whose configuration has problems, as its operator sees it: a subscription whose secret
 * is not set is skipped while the good one beside it alerts, at start and after an edit that
 * brings a typo of its own; {@code /health} answers 200 with status DEGRADED and names each
 * problem; {@code dipwatch_config_problems} counts them; fixing the file clears them.
 */
class ConfigProblemsTest {

    private static final String SECRET = "whsec_c2VjcmV0c2VjcmV0c2VjcmV0";

    @TempDir
    Path home;
    private HttpServer hooks;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private Daemon daemon;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        TestHome.create(home);
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        writeSubscriptions("""
                subscriptions:
                  - id: broken
                    filter: { actors: [RUS] }
                    webhook: { url: "%1$s/broken", secret: "${env:DIPWATCH_TEST_NO_SUCH_VARIABLE}" }
                  - id: good
                    filter: { actors: [RUS] }
                    webhook: { url: "%1$s/good", secret: "%2$s" }
                """, 0);
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.of("dipwatch.sources.enabled", "false",
                "dipwatch.http.port", Integer.toString(port), "dipwatch.http.host", "127.0.0.1", "dipwatch.alert.poll-ms", "50",
                "dipwatch.inbox.poll-dealy", "100"))), CommandApi::new);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        daemon.stop();
        hooks.stop(0);
    }

    /** Writes subscriptions.yaml with the hooks' base URL and the secret filled in, its time moved on so the change shows. */
    private void writeSubscriptions(String yaml, int secondsLater) throws IOException {
        Path file = home.resolve("subscriptions.yaml");
        Files.writeString(file, yaml.formatted("http://127.0.0.1:" + hooks.getAddress().getPort(), SECRET));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + secondsLater * 1000L));
    }

    private void drop(String name, String text) throws IOException {
        Path temp = home.resolve("inbox").resolve("." + name + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, text);
        Files.move(temp, home.resolve("inbox").resolve(name));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).as("a degraded daemon still answers 200").isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    private String problemsGauge() throws Exception {
        return get("/metrics").body().lines().filter(l -> l.startsWith("dipwatch_config_problems{")).findFirst().orElse("(none)");
    }

    @Test
    void aBrokenSubscriptionIsNamedInHealthAndTheGoodOneStillAlertsAtStartAndAfterAnEdit() throws Exception {
        drop("lavrov.txt", " date 2025-03-01 Lavrov on Gaza\n\nRussian Foreign Minister Sergey Lavrov said Moscow demands a "
                + "humanitarian pause in the Gaza Strip.\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("/good"));
        assertThat(received).containsExactly("/good");

        JsonNode health = health();
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        JsonNode config = health.path("checks").path("dipwatch:config");
        assertThat(config.path("state").asText()).isEqualTo("DEGRADED");
        assertThat(config.path("problems")).extracting(p -> p.path("key").asText())
                .containsExactly("dipwatch.inbox.poll-dealy", "subscriptions[0].webhook.secret");
        assertThat(config.path("problems").get(0).path("message").asText())
                .isEqualTo("is not a dipwatch setting; did you mean 'dipwatch.inbox.poll-delay'? (from system property)");
        JsonNode secret = config.path("problems").get(1);
        assertThat(secret.path("file").asText()).isEqualTo(home.resolve("subscriptions.yaml").toString());
        assertThat(secret.path("line").asInt()).isEqualTo(4);
        assertThat(secret.path("message").asText())
                .isEqualTo("subscription 'broken': webhook.secret: the environment variable DIPWATCH_TEST_NO_SUCH_VARIABLE is not set");
        assertThat(problemsGauge()).isEqualTo("dipwatch_config_problems{application=\"dipwatch\"} 2.0");

        // an edit drops the broken one and brings a typo in a new one: the good one goes on alerting
        writeSubscriptions("""
                subscriptions:
                  - id: good
                    filter: { actors: [RUS] }
                    webhook: { url: "%1$s/good", secret: "%2$s" }
                  - id: typo
                    filter: { actor: [RUS] }
                    webhook: { url: "%1$s/typo", secret: "%2$s" }
                """, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> health().path("checks").path("dipwatch:config").path("problems").toString()
                .contains("subscriptions[1].filter.actor"));
        assertThat(health().path("checks").path("dipwatch:config").path("problems").get(1).path("message").asText())
                .isEqualTo("subscription 'typo': 'actor' is not a key of filter; did you mean 'actors'?");
        drop("lavrov-again.txt", " date 2025-03-02 Lavrov on Syria\n\nRussian Foreign Minister Sergey Lavrov said in Moscow that the "
                + "talks on Syria would resume in Astana next month.\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
        assertThat(received).containsExactly("/good", "/good");

        // the file fixed: only the unknown setting stands
        writeSubscriptions("""
                subscriptions:
                  - id: good
                    filter: { actors: [RUS] }
                    webhook: { url: "%1$s/good", secret: "%2$s" }
                """, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> problemsGauge().endsWith(" 1.0"));
        assertThat(health().path("checks").path("dipwatch:config").path("problems")).extracting(p -> p.path("key").asText())
                .containsExactly("dipwatch.inbox.poll-dealy");
    }
}
