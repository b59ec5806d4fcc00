package org.dipwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as it starts on its defaults, with the secrets a user sets in the environment: it
 * listens on 127.0.0.1 only and on HTTP's port alone (no database port), every {@code /api/} read
 * needs the API token while {@code /health} and {@code /metrics} stay open, and neither the API
 * nor the log shows a secret, not even when deliveries fail.
 */
class SafeDefaultsTest {

    private static final String TOKEN = "api-token-7f3c9e21b4";
    private static final String MAIL_PASSWORD = "mail-password-5d8a0c";
    private static final String HOOK_SECRET = "whsec_aG9vay1zZWNyZXQtb2YtMjQtYnl0ZXMh";

    @TempDir
    Path home;
    private Process daemon;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() throws Exception {
        TestHome.stop(daemon);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOn127001OnlyAsksTheTokenForEveryApiReadAndShowsNoSecret() throws Exception {
        TestHome.create(home);
        int closed = TestHome.freePort();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: hook
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "${env:HOOK_SECRET}" }
                  - id: desk
                    email: { to: [desk@example.org] }
                """.formatted(closed));
        port = TestHome.freePort();
        daemon = TestHome.startDaemonProcess(home, port,
                Map.of("DIPWATCH_API_TOKEN", TOKEN, "DIPWATCH_MAIL_PASSWORD", MAIL_PASSWORD, "HOOK_SECRET", HOOK_SECRET),
                // the daemon's own logging at INFO, as a user's log has it; SMTP with a user, on a port nobody answers
                "-Dlog4j2.configurationFile=log4j2.xml", "-Ddipwatch.mail.host=127.0.0.1", "-Ddipwatch.mail.port=" + closed,
                "-Ddipwatch.mail.user=dipwatch", "-Ddipwatch.alert.backoff-ms=100", "-Ddipwatch.webhook.allow-private=true");
        awaitOrShowLog(() -> get("/health", null).statusCode() == 200);

        // nothing listens beyond this machine: one socket, HTTP's, an IPv4 one on 127.0.0.1 (as ss -ltn shows it), no database port
        assertThat(ListeningSockets.of(daemon.pid())).containsExactly("127.0.0.1:" + port);
        assertThat(connects(InetAddress.getByName("127.0.0.1"), port)).isTrue();
        Optional<InetAddress> outside = nonLoopbackAddress(); // none on a machine with the loopback alone: nothing to reach then
        if (outside.isPresent()) {
            assertThat(connects(outside.get(), port)).as("HTTP on " + outside.get()).isFalse();
        }

        // /health and /metrics stay open; every /api/ read needs the token
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
        for (String path : List.of("/api/subscriptions", "/api/subscriptions/hook", "/api/subscriptions/hook/deliveries",
                "/api/alerts/dead", "/api/sources", "/api/sources/un-news")) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"dipwatch\"");
            assertThat(anonymous.body()).as(path).doesNotContain("127.0.0.1:" + closed).doesNotContain("desk@example.org");
            assertThat(get(path, "wrong-" + TOKEN).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, TOKEN).statusCode()).as(path).isIn(200, 404);
        }
        String subscriptions = get("/api/subscriptions", TOKEN).body();
        assertThat(subscriptions).contains("desk@example.org", "\"secret\":\"(set)\"").doesNotContain(HOOK_SECRET);

        // a delivery that fails on both channels logs its error: still no secret in it
        Path drop = home.resolve("inbox/.lavrov.part");
        Files.writeString(drop, " date 2024-04-02 Russian Foreign Minister Sergey Lavrov said in Moscow that a lasting truce "
                + "in the Gaza Strip was urgent, after a telephone conversation with Palestinian President Mahmoud Abbas.\n");
        Files.move(drop, home.resolve("inbox/lavrov.txt"));
        awaitOrShowLog(() -> get("/api/subscriptions/hook/deliveries", TOKEN).body().contains("\"outcome\":\"retrying\"")
                && get("/api/subscriptions/desk/deliveries", TOKEN).body().contains("\"outcome\":\"retrying\""));
        daemon.destroy();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String log = Files.readString(home.resolve("daemon.log"));
        assertThat(log).contains("alert: ").contains(" to hook (webhook): webhook: POST to 127.0.0.1:" + closed + " failed: ");
        assertThat(log).doesNotContain(TOKEN).doesNotContain(MAIL_PASSWORD).doesNotContain(HOOK_SECRET)
                .doesNotContain(HOOK_SECRET.substring("whsec_".length()));
    }

    private void awaitOrShowLog(java.util.concurrent.Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; daemon log:\n" + Files.readString(home.resolve("daemon.log")), e);
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
