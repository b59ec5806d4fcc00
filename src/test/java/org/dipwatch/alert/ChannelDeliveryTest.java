package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.daemon.CamelChannels;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each chat channel against a local fake of its service on 127.0.0.1, as a subscriber's service
 * sees it: Slack's incoming webhook (one JSON POST), the Telegram Bot API (camel-telegram,
 * its base URL pointed at the fake), an ntfy server (the JDK's client) and a Camel {@code file:}
 * endpoint. Each first fails and the alert is retried from the outbox until it arrives; what
 * arrives is the message shaped for the medium; a failure's error says where and why without the
 * secret.
 */
class ChannelDeliveryTest {

    private static final String TOKEN = "123456:ABC-fake-bot-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private CorpusIndex index;
    private Outbox outbox;
    private DefaultCamelContext camel;
    private CamelChannels channels;
    private Deliverer deliverer;
    private FakeService slack;
    private FakeService telegram;
    private FakeService ntfy;

    @BeforeEach
    void start() throws Exception {
        slack = FakeService.start(FakeService.SLACK_OK);
        telegram = FakeService.start(FakeService.TELEGRAM_OK);
        ntfy = FakeService.start(FakeService.NTFY_OK);
        index = CorpusIndex.open("jdbc:h2:mem:channels" + System.nanoTime(), "sa", "", 2);
        outbox = new Outbox(index.dataSource());
        camel = new DefaultCamelContext();
        camel.start();
        channels = new CamelChannels(() -> camel, "http://127.0.0.1:" + telegram.port(), Duration.ofSeconds(5));
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: slack-desk
                    slack: { url: "${env:SLACK_WEBHOOK_URL}" }
                  - id: telegram-desk
                    telegram: { token: "${env:TELEGRAM_BOT_TOKEN}", chat: "-1001234567890" }
                  - id: ntfy-desk
                    ntfy: { url: "http://127.0.0.1:%d/dipwatch-desk", token: "${env:NTFY_TOKEN}" }
                  - id: downstream
                    camel: { uri: "file:%s?fileExist=Fail" }
                """.formatted(ntfy.port(), dir.resolve("alerts").toString().replace('\\', '/')));
        Map<String, String> env = Map.of("SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + "/services/T0/B0/slack-secret",
                "TELEGRAM_BOT_TOKEN", TOKEN, "NTFY_TOKEN", "tk_desk");
        Subscriptions subscriptions = new Subscriptions(file, env::get, false);
        assertThat(subscriptions.problems()).isEmpty();
        deliverer = new Deliverer(outbox, subscriptions, (to, m) -> { }, channels, new Metrics(new SimpleMeterRegistry()),
                new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(50), Duration.ofMinutes(1), Duration.ofSeconds(5), false));
    }

    @AfterEach
    void stop() {
        deliverer.close();
        channels.close();
        camel.stop();
        slack.close();
        telegram.close();
        ntfy.close();
        index.close();
    }

    /** The Bogdanov–Abu Marzook alert, for this subscription and channel, made now. */
    private AlertContent enqueue(String subscription, String channel) throws Exception {
        AlertContent a = TestAlerts.russiaCallsHamas();
        AlertContent now = AlertContent.ofArticle("msg_" + subscription.replace("-", ""), Instant.now(), subscription, a.verdict(),
                a.articleFile(), a.articleId(), a.title(), a.published(), a.url(), a.source(), a.paragraphs(), a.tags(), a.story(),
                a.why(), List.of("tass.com: Bogdanov meets Hamas delegation (001_00000000000000aa.txt)"), 3, false);
        try (Connection c = index.dataSource().getConnection()) {
            outbox.enqueue(c, List.of(new Outbox.Pending(subscription, channel, now, Instant.now())));
            // the outbox reads an alert's tags from its article's row, as the corpus stores it
            try (var ps = c.prepareStatement("MERGE INTO article (seq, file_name, article_id, source, content_hash, paragraphs, "
                    + "characters, verdict, received_at, stored_at, classification) KEY (file_name) "
                    + "VALUES (5, ?, ?, 'mid-ru', 'x', 4, 400, 'new', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)")) {
                ps.setString(1, a.articleFile());
                ps.setString(2, a.articleId());
                ps.setString(3, JSON.writeValueAsString(a.tags()));
                ps.executeUpdate();
            }
        }
        return now;
    }

    private Outbox.Row only(String subscription) {
        return outbox.ofSubscription(subscription, 10).get(0);
    }

    /**
     * Enqueues the alert for this subscription and channel and tries it once: it must fail, stay
     * pending and say {@code error}. Returns the alert.
     */
    private AlertContent firstAttemptFails(String subscription, String channel, String error) throws Exception {
        AlertContent alert = enqueue(subscription, channel);
        deliverer.deliverDue();
        Outbox.Row failed = only(subscription);
        assertThat(failed.status()).isEqualTo("pending");
        assertThat(failed.lastError()).isEqualTo(error);
        return alert;
    }

    /** Delivers what is due until the subscription's alert is delivered (the retry waits its backoff). */
    private void deliverUntilDelivered(String subscription) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            deliverer.deliverDue();
            return only(subscription).status().equals("delivered");
        });
    }

    @Test
    void slackGetsTheMrkdwnMessageInOnePostAfterAFailedAttempt() throws Exception {
        slack.failures.set(1);
        slack.failBody = "no_service";
        firstAttemptFails("slack-desk", Outbox.SLACK, "slack: POST to 127.0.0.1:" + slack.port() + " answered 500: no_service");

        deliverUntilDelivered("slack-desk");
        assertThat(slack.paths).containsExactly("/services/T0/B0/slack-secret");
        JsonNode posted = JSON.readTree(slack.bodies.get(0));
        assertThat(posted.has("channel")).as("an app's webhook posts to its own channel").isFalse();
        assertThat(posted.path("text").asText()).isEqualTo("""
                *<https://mid.ru/en/foreign_policy/news/1999999/|Russia calls for de-escalation in the Gaza Strip in a call with Hamas's Abu Marzook>*
                RUS → HAMAS · Gaza Strip
                _2025-03-04 · mid-ru · 3 earlier reports of this story_
                > Russian Deputy Foreign Minister Mikhail Bogdanov held a telephone conversation with Mousa Abu Marzook, deputy head of the Hamas political bureau.""");
        assertThat(outbox.log("slack-desk", 10)).extracting(Outbox.Attempt::outcome).containsExactly("delivered", "retrying");
    }

    @Test
    void telegramGetsTheHtmlMessageAtItsBaseUrlAfterAFailedAttemptAndNoErrorShowsTheToken() throws Exception {
        telegram.failures.set(1);
        telegram.failStatus = 502;
        telegram.failBody = """
                {"ok":false,"error_code":502,"description":"Bad Gateway"}""";
        firstAttemptFails("telegram-desk", Outbox.TELEGRAM, "telegram: sendMessage to chat -1001234567890 at 127.0.0.1:" + telegram.port()
                + " answered 502: Bad Gateway");

        deliverUntilDelivered("telegram-desk");
        assertThat(telegram.paths).containsExactly("/bot" + TOKEN + "/sendMessage");
        JsonNode sent = JSON.readTree(telegram.bodies.get(0));
        assertThat(sent.path("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(sent.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(sent.path("text").asText()).isEqualTo("""
                <b><a href="https://mid.ru/en/foreign_policy/news/1999999/">Russia calls for de-escalation in the Gaza Strip in a call with Hamas&#39;s Abu Marzook</a></b>
                RUS → HAMAS · Gaza Strip
                <i>2025-03-04 · mid-ru · 3 earlier reports of this story</i>
                Russian Deputy Foreign Minister Mikhail Bogdanov held a telephone conversation with Mousa Abu Marzook, deputy head of the Hamas political bureau.""");
        assertThat(outbox.log("telegram-desk", 10)).extracting(Outbox.Attempt::outcome).containsExactly("delivered", "retrying");
        assertThat(outbox.log("telegram-desk", 10)).allSatisfy(a -> assertThat(String.valueOf(a.error())).doesNotContain(TOKEN));
    }

    @Test
    void aTelegramChatThatDoesNotExistIsADeadLetterAfterTheAttemptsSayingWhy() throws Exception {
        telegram.failures.set(100);
        telegram.failStatus = 400;
        telegram.failBody = """
                {"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""";
        enqueue("telegram-desk", Outbox.TELEGRAM);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            deliverer.deliverDue();
            return only("telegram-desk").status().equals("dead");
        });
        Outbox.Row dead = only("telegram-desk");
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).isEqualTo("telegram: sendMessage to chat -1001234567890 at 127.0.0.1:" + telegram.port()
                + " answered 400: Bad Request: chat not found");
        assertThat(outbox.dead(10)).extracting(Outbox.Row::id).containsExactly(dead.id());
        assertThat(telegram.bodies).isEmpty();
    }

    @Test
    void aTelegramOrSlackAskingToWaitIsTriedAgainAfterTheWaitItAskedFor() throws Exception {
        telegram.failures.set(1);
        telegram.failStatus = 429;
        telegram.failBody = """
                {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 30","parameters":{"retry_after":30}}""";
        slack.failures.set(1);
        slack.failStatus = 429;
        slack.failHeaders.put("Retry-After", "20");
        enqueue("telegram-desk", Outbox.TELEGRAM);
        enqueue("slack-desk", Outbox.SLACK);
        deliverer.deliverDue();
        Outbox.Row telegramRow = only("telegram-desk");
        assertThat(telegramRow.lastError()).endsWith(" answered 429: Too Many Requests: retry after 30");
        assertThat(Duration.between(Instant.now(), telegramRow.nextAttemptAt()).getSeconds()).isBetween(28L, 30L);
        Outbox.Row slackRow = only("slack-desk");
        assertThat(slackRow.lastError()).isEqualTo("slack: POST to 127.0.0.1:" + slack.port() + " answered 429");
        assertThat(Duration.between(Instant.now(), slackRow.nextAttemptAt()).getSeconds()).isBetween(18L, 20L);
        assertThat(deliverer.deliverDue()).as("not due again before the wait").isZero();
    }

    @Test
    void aBotApiThatCannotBeReachedIsSaidSoWithoutTheToken() throws Exception {
        int closed = org.dipwatch.TestHome.freePort();
        CamelChannels elsewhere = new CamelChannels(() -> camel, "http://127.0.0.1:" + closed, Duration.ofSeconds(5));
        try {
            elsewhere.telegram(new Subscription.Telegram(TOKEN, "@dipwatch_desk"), "<b>hello</b>");
            org.junit.jupiter.api.Assertions.fail("sent to a closed port");
        } catch (ChannelTransport.Refused e) {
            assertThat(e.getMessage()).isEqualTo("telegram: sendMessage to chat @dipwatch_desk at 127.0.0.1:" + closed
                    + " failed: connection refused or closed while connecting (ConnectException)");
            // the component throws without calling back: nothing may stay in flight (one more at every retry)
            assertThat(camel.getInflightRepository().size()).isZero();
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void ntfyGetsAJsonPublishWithTitleClickAndTokenAfterAFailedAttempt() throws Exception {
        ntfy.failures.set(1);
        ntfy.failStatus = 429;
        ntfy.failBody = """
                {"code":42901,"http":429,"error":"limit reached: too many requests"}""";
        firstAttemptFails("ntfy-desk", Outbox.NTFY, "ntfy: POST to 127.0.0.1:" + ntfy.port()
                + " answered 429: limit reached: too many requests");

        deliverUntilDelivered("ntfy-desk");
        assertThat(ntfy.paths).as("JSON publishing goes to the server's root").containsExactly("/");
        assertThat(ntfy.authorizations).containsExactly("Bearer tk_desk");
        JsonNode published = JSON.readTree(ntfy.bodies.get(0));
        assertThat(published.path("topic").asText()).isEqualTo("dipwatch-desk");
        assertThat(published.path("title").asText())
                .isEqualTo("Russia calls for de-escalation in the Gaza Strip in a call with Hamas's Abu Marzook");
        assertThat(published.path("click").asText()).isEqualTo("https://mid.ru/en/foreign_policy/news/1999999/");
        assertThat(published.path("tags").toString()).isEqualTo("[\"newspaper\"]");
        assertThat(published.path("message").asText()).isEqualTo("""
                RUS → HAMAS · Gaza Strip
                2025-03-04 · mid-ru · 3 earlier reports of this story
                Russian Deputy Foreign Minister Mikhail Bogdanov held a telephone conversation with Mousa Abu Marzook, deputy head of the Hamas political bureau.""");
        assertThat(outbox.log("ntfy-desk", 10)).extracting(Outbox.Attempt::outcome).containsExactly("delivered", "retrying");
    }

    @Test
    void aCamelEndpointGetsTheCloudEventOnceItCanTakeIt() throws Exception {
        // where the endpoint's folder should be, a file: camel-file cannot write there until it is gone
        Path alerts = dir.resolve("alerts");
        Files.writeString(alerts, "in the way");
        AlertContent sent = firstAttemptFails("downstream", Outbox.CAMEL, "camel: file:" + alerts + "?fileExist=Fail failed: "
                + alerts.resolve("msg_downstream.json") + ": Not a directory");

        Files.delete(alerts);
        deliverUntilDelivered("downstream");
        Path written = alerts.resolve(sent.messageId() + ".json");
        JsonNode event = JSON.readTree(Files.readString(written));
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo(AlertPayload.TYPE);
        assertThat(event.path("id").asText()).isEqualTo(sent.messageId());
        assertThat(event.path("data").path("subscription").asText()).isEqualTo("downstream");
        assertThat(event.path("data").path("article").path("file").asText()).isEqualTo("005_0123456789abcdef.txt");
        assertThat(outbox.log("downstream", 10)).extracting(Outbox.Attempt::outcome).containsExactly("delivered", "retrying");
    }

    @Test
    void aCamelUriWhoseComponentIsMissingFailsSayingSo() throws Exception {
        try {
            channels.camel(new Subscription.Camel("kafka:alerts?brokers=localhost:9092"), "{}", Map.of());
            org.junit.jupiter.api.Assertions.fail("sent to a component that is not there");
        } catch (ChannelTransport.Refused e) {
            assertThat(e.getMessage()).isEqualTo("camel: kafka:alerts?brokers=localhost:9092: no such endpoint: No endpoint could be "
                    + "found for: kafka://alerts?brokers=localhost:9092, please check your classpath contains the needed Camel component jar.");
        }
    }
}
