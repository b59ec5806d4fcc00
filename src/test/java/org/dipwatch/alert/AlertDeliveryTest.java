package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts as a subscriber sees them: a file dropped into the inbox reaches a real HTTP endpoint
 * on 127.0.0.1 as a signed CloudEvent and a real SMTP server (GreenMail) as a multipart mail;
 * an endpoint that fails gets every alert once it recovers, in order; a subscription that does
 * not match gets nothing.
 */
class AlertDeliveryTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a-test-secret-of-24-bytes".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path home;
    private HttpServer http;
    private GreenMail smtp;
    private Daemon daemon;
    private final List<Received> hooks = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** A webhook request as the endpoint saw it. */
    record Received(String path, Map<String, List<String>> headers, String body, boolean signatureValid) {
    }

    @BeforeEach
    void start() throws Exception {
        TestHome.create(home);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
            hooks.add(new Received(exchange.getRequestURI().getPath(), headers, body, valid(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"), exchange.getRequestHeaders().getFirst("webhook-signature"), body)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int hookPort = http.getAddress().getPort();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: russia-on-gaza
                    filter: { actors: [RUS], regions: [Middle East] }
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "%s" }
                  - id: desk
                    filter: { regions: [PSE] }
                    email: { to: [desk@example.org] }
                  - id: korea-only
                    filter: { regions: [PRK] }
                    webhook: { url: "http://127.0.0.1:%d/korea", secret: "%s" }
                """.formatted(hookPort, SECRET, hookPort, SECRET));
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port", Integer.toString(TestHome.freePort()),
                "dipwatch.http.host", "127.0.0.1", "dipwatch.mail.host", "127.0.0.1",
                "dipwatch.mail.port", Integer.toString(smtp.getSmtp().getPort()), "dipwatch.mail.from", "dipwatch@example.org",
                "dipwatch.alert.backoff-ms", "100", "dipwatch.alert.backoff-max-ms", "400", "dipwatch.alert.poll-ms", "50"))), CommandApi::new);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        daemon.stop();
        http.stop(0);
        smtp.stop();
    }

    private static boolean valid(String id, String timestamp, String signatures, String body) {
        return SignatureCheck.valid(SECRET, id, timestamp, signatures, body);
    }

    private void drop(String name, String text) throws IOException {
        Path temp = home.resolve("inbox").resolve("." + name + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, text);
        Files.move(temp, home.resolve("inbox").resolve(name));
    }

    private static final String LAVROV = " date 2024-04-02 Russian Foreign Minister Sergey Lavrov said in Moscow that a lasting truce "
            + "in the Gaza Strip was urgent, after a telephone conversation with Palestinian President Mahmoud Abbas.\n";

    @Test
    void aMatchingDropReachesTheWebhookSignedAndTheDeskByMail() throws Exception {
        drop("lavrov.txt", LAVROV);
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks.size() == 1 && smtp.getReceivedMessages().length == 1);
        Received hook = hooks.get(0);
        assertThat(hook.path()).isEqualTo("/hook");
        assertThat(hook.signatureValid()).isTrue();
        // HTTP/1.1 by default: no request to switch to HTTP/2, which some receivers and proxies refuse
        assertThat(hook.headers()).doesNotContainKeys("Upgrade", "Http2-settings");
        JsonNode event = new ObjectMapper().readTree(hook.body());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo(AlertPayload.TYPE);
        assertThat(event.path("id").asText()).isEqualTo(hook.headers().get("Webhook-id").get(0));
        assertThat(event.path("data").path("subscription").asText()).isEqualTo("russia-on-gaza");
        assertThat(event.path("data").path("article").path("file").asText()).matches("005_[0-9a-f]{16}\\.txt");
        assertThat(event.path("data").path("tags").path("speaker").path("actor").path("id").asText()).isEqualTo("sergey-lavrov");

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("desk@example.org");
        assertThat(mail.getSubject()).startsWith("[dipwatch] RUS → PSE · Gaza Strip:");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            types.add(parts.getBodyPart(i).getContentType().toLowerCase());
        }
        assertThat(types).anySatisfy(t -> assertThat(t).startsWith("text/plain")).anySatisfy(t -> assertThat(t).startsWith("text/html"));
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("matched desk");
        // the Korea subscription matched nothing and got nothing
        Thread.sleep(500);
        assertThat(hooks).extracting(Received::path).containsExactly("/hook");
        assertThat(daemon.pipeline().stages().outbox().counts()).containsEntry("delivered", 2L).doesNotContainKey("pending");
        String metrics = daemon.main().getCamelContext().getRegistry()
                .lookupByNameAndType("metricsRegistry", io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class).scrape();
        assertThat(metrics)
                .containsPattern("(?m)^dipwatch_alerts_total\\{.*channel=\"webhook\".*outcome=\"delivered\".*subscription=\"russia-on-gaza\".*} 1\\.0$")
                .containsPattern("(?m)^dipwatch_alerts_total\\{.*channel=\"email\".*outcome=\"delivered\".*subscription=\"desk\".*} 1\\.0$")
                .contains("dipwatch_alert_delivery_seconds_bucket");
    }

    @Test
    void aDigestCollectsFiveArticlesIntoOneMailAndTheFileIsReloadedWhenItChanges() throws Exception {
        Path file = home.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: evening-digest
                    filter: { regions: [Middle East] }
                    email: { to: [editor@example.org] }
                    mode: digest
                    digest: { cron: "0/4 * * * * ?", zone: "Europe/Berlin" }
                """);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        for (int i = 1; i <= 5; i++) {
            drop("digest-" + i + ".txt", " date 2024-05-0" + i + " Russian Foreign Minister Sergey Lavrov said on day " + i
                    + " that aid must reach the Gaza Strip without delay.\n");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.pipeline().stages().outbox().counts().getOrDefault("delivered", 0L) == 5L);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MimeMessage digest = smtp.getReceivedMessages()[0];
        assertThat(digest.getSubject()).isEqualTo("[dipwatch] 5 statements for evening-digest");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(digest);
        for (int i = 1; i <= 5; i++) {
            assertThat(body).contains("2024-05-0" + i);
        }
        assertThat(hooks).isEmpty();
    }

    @Test
    void anEndpointThatFailsGetsEveryAlertOnceInOrderWhenItRecovers() throws Exception {
        failuresLeft.set(6);
        for (int i = 1; i <= 3; i++) {
            drop("statement-" + i + ".txt", " date 2024-04-0" + i + " Russian Foreign Minister Sergey Lavrov said on day " + i
                    + " that strikes on the Gaza Strip must stop.\n");
            Thread.sleep(300);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> hooks.size() >= 3);
        Thread.sleep(500);
        assertThat(hooks).hasSize(3).allMatch(Received::signatureValid);
        List<String> days = hooks.stream().map(h -> {
            try {
                return new ObjectMapper().readTree(h.body()).path("data").path("article").path("date").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(days).containsExactly("2024-04-01", "2024-04-02", "2024-04-03");
        assertThat(hooks.stream().map(h -> h.headers().get("Webhook-id").get(0)).distinct()).hasSize(3);
        assertThat(daemon.pipeline().stages().outbox().log("russia-on-gaza", 100)).anySatisfy(a -> {
            assertThat(a.outcome()).isEqualTo("retrying");
            assertThat(a.statusCode()).isEqualTo(500);
        });
    }
}
