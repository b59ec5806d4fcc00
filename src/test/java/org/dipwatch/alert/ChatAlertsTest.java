package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dipwatch.TestHome;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.config.Settings;
import org.dipwatch.daemon.Daemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat channels as a subscriber sees them from a running daemon: a file dropped into the inbox
 * reaches a fake Slack, a fake Telegram Bot API (the daemon's {@code dipwatch.telegram.base-url}
 * pointed at it) and a fake ntfy on 127.0.0.1, each after its first attempt failed, and a route of
 * the home's own through a {@code seda:} endpoint. The secrets come from the environment (set for
 * the tests in the pom: {@code TEST_SLACK_HOOK_PATH}, {@code TEST_TELEGRAM_BOT_TOKEN},
 * {@code TEST_NTFY_TOKEN}).
 */
class ChatAlertsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAVROV = " date 2024-04-02 Russian Foreign Minister Sergey Lavrov said in Moscow that a lasting truce "
            + "in the Gaza Strip was urgent, after a telephone conversation with Palestinian President Mahmoud Abbas.\n";

    @TempDir
    Path home;
    private FakeService slack;
    private FakeService telegram;
    private FakeService ntfy;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        TestHome.create(home);
        slack = FakeService.start(FakeService.SLACK_OK);
        telegram = FakeService.start(FakeService.TELEGRAM_OK);
        ntfy = FakeService.start(FakeService.NTFY_OK);
        for (FakeService fake : List.of(slack, telegram, ntfy)) {
            fake.failures.set(1);
            fake.failStatus = 503;
        }
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: desk-chat
                    filter: { regions: [PSE] }
                    slack: { url: "http://127.0.0.1:%d/services/${env:TEST_SLACK_HOOK_PATH}" }
                    telegram: { token: "${env:TEST_TELEGRAM_BOT_TOKEN}", chat: "-1001234567890" }
                    ntfy: { url: "http://127.0.0.1:%d/dipwatch-desk", token: "${env:TEST_NTFY_TOKEN}" }
                    camel: { uri: "seda:dipwatch-alerts" }
                """.formatted(slack.port(), ntfy.port()));
        // a route of the home's own takes what the camel channel hands it
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes").resolve("alerts-downstream.camel.yaml"), """
                - route:
                    id: alert-downstream
                    from:
                      uri: "seda:dipwatch-alerts"
                      steps:
                        - to: "file:%s"
                """.formatted(home.resolve("downstream").toString().replace('\\', '/')));
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.of("dipwatch.sources.enabled", "false",
                "dipwatch.http.port", Integer.toString(TestHome.freePort()), "dipwatch.http.host", "127.0.0.1",
                "dipwatch.telegram.base-url", "http://127.0.0.1:" + telegram.port(),
                "dipwatch.alert.backoff-ms", "100", "dipwatch.alert.backoff-max-ms", "400", "dipwatch.alert.poll-ms", "50"))),
                CommandApi::new);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        daemon.stop();
        slack.close();
        telegram.close();
        ntfy.close();
    }

    @Test
    void aMatchingDropReachesSlackTelegramNtfyAndACamelRouteEachAfterAFailedAttempt() throws Exception {
        TestHome.drop(home, "lavrov.txt", LAVROV);
        Outbox outbox = daemon.pipeline().stages().outbox();
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.counts().getOrDefault("delivered", 0L) == 4L);

        assertThat(slack.paths).containsExactly("/services/T0TEST/B0TEST/test-hook-secret");
        String text = JSON.readTree(slack.bodies.get(0)).path("text").asText();
        assertThat(text.lines().toList().get(1)).isEqualTo("RUS → PSE · Gaza Strip");
        assertThat(text).startsWith("*").contains("_2024-04-02 · inbox_");

        assertThat(telegram.paths).containsExactly("/bot123456:test-bot-token/sendMessage");
        JsonNode sent = JSON.readTree(telegram.bodies.get(0));
        assertThat(sent.path("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(sent.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(sent.path("text").asText().lines().toList().get(1)).isEqualTo("RUS → PSE · Gaza Strip");

        assertThat(ntfy.authorizations).containsExactly("Bearer tk_test");
        JsonNode published = JSON.readTree(ntfy.bodies.get(0));
        assertThat(published.path("topic").asText()).isEqualTo("dipwatch-desk");
        // a one-paragraph text without a title: the paragraph is the title, and is not quoted again
        assertThat(published.path("message").asText()).isEqualTo("RUS → PSE · Gaza Strip\n2024-04-02 · inbox");
        assertThat(published.path("title").asText()).startsWith("Russian Foreign Minister Sergey Lavrov said in Moscow");

        List<Path> handed;
        try (Stream<Path> files = Files.list(home.resolve("downstream"))) {
            handed = files.toList();
        }
        assertThat(handed).singleElement().satisfies(f -> {
            JsonNode event = JSON.readTree(Files.readString(f));
            assertThat(event.path("type").asText()).isEqualTo(AlertPayload.TYPE);
            assertThat(event.path("data").path("subscription").asText()).isEqualTo("desk-chat");
            assertThat(f.getFileName().toString()).isEqualTo(event.path("id").asText() + ".json");
        });

        for (String channel : List.of(Outbox.SLACK, Outbox.TELEGRAM, Outbox.NTFY)) {
            assertThat(outbox.log("desk-chat", 20).stream().filter(a -> a.channel().equals(channel)).map(Outbox.Attempt::outcome))
                    .as(channel).containsExactly("delivered", "retrying");
        }
        String metrics = daemon.main().getCamelContext().getRegistry()
                .lookupByNameAndType("metricsRegistry", io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class).scrape();
        assertThat(metrics)
                .containsPattern("(?m)^dipwatch_alerts_total\\{.*channel=\"telegram\".*outcome=\"delivered\".*subscription=\"desk-chat\".*} 1\\.0$")
                .containsPattern("(?m)^dipwatch_alerts_total\\{.*channel=\"slack\".*outcome=\"retrying\".*subscription=\"desk-chat\".*} 1\\.0$");
    }
}
