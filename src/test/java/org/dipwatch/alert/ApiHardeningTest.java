package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening cases of the HTTP API (issue #11, item 5; docs/RELIABILITY.md) against a running
 * daemon: bodies that are too large, of the wrong type, malformed or with unknown fields get a 4xx
 * with a reason, nothing is stored, and {@code /health} still answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHardeningTest {

    private static final String TOKEN = "hardening-token";
    @TempDir
    static Path home;
    private Daemon daemon;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        TestHome.create(home);
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port", Integer.toString(port),
                "dipwatch.http.host", "127.0.0.1", "dipwatch.api.token", TOKEN)), CommandApi::new);
        daemon.start();
    }

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
    }

    private HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscriptions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertNothingStoredAndHealthy() throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscriptions"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("hardening");
        assertThat(Files.exists(home.resolve("subscriptions.yaml")) ? Files.readString(home.resolve("subscriptions.yaml")) : "")
                .doesNotContain("hardening");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsA400ThatSaysSo() throws Exception {
        HttpResponse<String> r = post("application/json", HttpRequest.BodyPublishers.ofString("{\"id\": \"hardening\", \"filter\": {"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not valid JSON");
        assertNothingStoredAndHealthy();
    }

    @Test
    void unknownFieldsAreA400ThatNamesThem() throws Exception {
        HttpResponse<String> r = post("application/json", HttpRequest.BodyPublishers.ofString("""
                {"id": "hardening", "filter": {"regions": ["Middle East"]}, "webhook": {"url": "https://hooks.example.org/h"},
                 "colour": "red"}"""));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("colour");
        assertNothingStoredAndHealthy();
    }

    @Test
    void aBodyOfTheWrongContentTypeIsRefused() throws Exception {
        HttpResponse<String> r = post("text/plain", HttpRequest.BodyPublishers.ofString("id=hardening&filter=all"));
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).isNotBlank();
        assertNothingStoredAndHealthy();
    }

    @Test
    void anOversizedBodyIsRefusedAndTheDaemonGoesOn() throws Exception {
        String big = "{\"id\": \"hardening\", \"filter\": {\"keywords\": [\"" + "x".repeat(20 << 20) + "\"]}}";
        HttpResponse<String> r;
        try {
            r = post("application/json", HttpRequest.BodyPublishers.ofString(big));
        } catch (java.io.IOException e) {
            // the server may hang up before the body is sent: also a refusal
            r = null;
        }
        if (r != null) {
            assertThat(r.statusCode()).as("refused on its size (dipwatch.http.max-body-bytes)").isEqualTo(413);
        }
        assertNothingStoredAndHealthy();
    }
}
