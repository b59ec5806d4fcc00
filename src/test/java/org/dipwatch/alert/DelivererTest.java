package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dipwatch.corpus.CorpusIndex;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retries, Retry-After, dead letters and replay, the HTTP version of webhooks, what a failure
 * says, and a stop while an alert is under way, against a real HTTP endpoint on 127.0.0.1.
 */
class DelivererTest {

    @TempDir
    Path dir;
    private CorpusIndex index;
    private Outbox outbox;
    private HttpServer http;
    private final AtomicInteger status = new AtomicInteger(500);
    private final AtomicInteger requests = new AtomicInteger();
    private Deliverer deliverer;

    @BeforeEach
    void start() throws Exception {
        index = CorpusIndex.open("jdbc:h2:mem:deliverer" + System.nanoTime(), "sa", "", 2);
        outbox = new Outbox(index.dataSource());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (status.get() == 429) {
                exchange.getResponseHeaders().add("Retry-After", "30");
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        http.start();
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: hook
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0" }
                """.formatted(http.getAddress().getPort()));
        deliverer = new Deliverer(outbox, new Subscriptions(file, Map.<String, String>of()::get, false), (to, m) -> { },
                new Metrics(new SimpleMeterRegistry()),
                new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(5), false));
        try (Connection c = index.dataSource().getConnection()) {
            AlertContent a = TestAlerts.russiaCallsHamas();
            // made now: the age limit counts from here
            AlertContent now = AlertContent.ofArticle(a.messageId(), Instant.now(), "hook", a.verdict(), a.articleFile(), a.articleId(),
                    a.title(), a.published(), a.url(), a.source(), a.paragraphs(), a.tags(), a.story(), a.why(), List.of(), 0, false);
            outbox.enqueue(c, List.of(new Outbox.Pending("hook", Outbox.WEBHOOK, now, Instant.now())));
        }
    }

    @AfterEach
    void stop() {
        http.stop(0);
        index.close();
    }

    private Outbox.Row only() {
        return outbox.ofSubscription("hook", 10).get(0);
    }

    @Test
    void retryAfterOn429SetsTheNextAttempt() {
        status.set(429);
        deliverer.deliverDue();
        Outbox.Row row = only();
        assertThat(row.status()).isEqualTo("pending");
        assertThat(Duration.between(Instant.now(), row.nextAttemptAt()).getSeconds()).isBetween(28L, 30L);
        assertThat(row.lastError()).contains("answered 429");
        assertThat(deliverer.deliverDue()).isZero();
        assertThat(requests.get()).as("not due again before Retry-After").isEqualTo(1);
    }

    @Test
    void failuresBackOffThenDeadLetterAndReplayDelivers() throws Exception {
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
            Thread.sleep(100);
        }
        Outbox.Row row = only();
        assertThat(row.status()).isEqualTo("dead");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(outbox.dead(10)).extracting(Outbox.Row::id).containsExactly(row.id());
        assertThat(outbox.log("hook", 10)).extracting(Outbox.Attempt::outcome).containsExactly("dead", "retrying", "retrying");
        status.set(200);
        assertThat(outbox.replay(row.id())).isTrue();
        assertThat(deliverer.deliverDue()).isEqualTo(1);
        assertThat(only().status()).isEqualTo("delivered");
    }

    @Test
    void aStopLetsTheAlertBeingSentArriveAndBeRecordedAndStartsNoOther() throws Exception {
        status.set(200);
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        http.removeContext("/");
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            try {
                Thread.sleep(500); // a slow receiver: the stop comes while the POST is under way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        assertThat(deliverer.dispatch()).isEqualTo(1);
        assertThat(arrived.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        deliverer.stopTaking();
        assertThat(deliverer.awaitStopped(Duration.ofSeconds(5))).isTrue();
        assertThat(only().status()).isEqualTo("delivered");
        assertThat(outbox.log("hook", 10)).extracting(Outbox.Attempt::outcome).containsExactly("delivered");
        assertThat(deliverer.dispatch()).as("no run after the stop").isZero();
    }

    /** Requests as the receiver saw them: protocol and headers. */
    private final List<com.sun.net.httpserver.Headers> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final List<String> protocols = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /**
     * One alert for subscription {@code elsewhere}, whose webhook is {@code url}, delivered once by a
     * deliverer with this timeout and HTTP version, in an outbox of its own; returns the lines the
     * deliverer logged.
     */
    private List<String> deliverOnce(String url, Duration timeout, HttpClient.Version version) throws Exception {
        index.close();
        index = CorpusIndex.open("jdbc:h2:mem:elsewhere" + System.nanoTime(), "sa", "", 2);
        outbox = new Outbox(index.dataSource());
        Path file = dir.resolve("elsewhere.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: elsewhere
                    webhook: { url: "%s", secret: "whsec_c2VjcmV0" }
                """.formatted(url));
        Deliverer one = new Deliverer(outbox, new Subscriptions(file, Map.<String, String>of()::get, false), (to, m) -> { },
                new Metrics(new SimpleMeterRegistry()), new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(10),
                Duration.ofMinutes(5), timeout, false, 1, 5, version));
        try (Connection c = index.dataSource().getConnection()) {
            AlertContent a = TestAlerts.russiaCallsHamas();
            // made now: the age limit counts from here
            AlertContent now = AlertContent.ofArticle(a.messageId(), Instant.now(), "elsewhere", a.verdict(), a.articleFile(), a.articleId(),
                    a.title(), a.published(), a.url(), a.source(), a.paragraphs(), a.tags(), a.story(), a.why(), List.of(), 0, false);
            outbox.enqueue(c, List.of(new Outbox.Pending("elsewhere", Outbox.WEBHOOK, now, Instant.now())));
        }
        StringWriter log = new StringWriter();
        org.apache.logging.log4j.core.Logger logger = (org.apache.logging.log4j.core.Logger) LogManager.getLogger(Deliverer.class);
        WriterAppender appender = WriterAppender.newBuilder().setName("deliverer-test").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %msg%n").build()).build();
        appender.start();
        logger.addAppender(appender);
        try {
            one.deliverDue();
        } finally {
            logger.removeAppender(appender);
            appender.stop();
            // addAppender gave the logger a configuration of its own, with the level it had then: gone
            // with the appender, so that later tests' log levels reach it again
            org.apache.logging.log4j.core.LoggerContext context = logger.getContext();
            context.getConfiguration().removeLogger(logger.getName());
            context.updateLoggers();
            one.close();
        }
        return log.toString().lines().toList();
    }

    @ParameterizedTest
    @CsvSource({"HTTP_1_1, HTTP/1.1, false", "HTTP_2, HTTP/1.1, true"})
    void webhooksGoAsHttp11WithoutAnUpgradeUnlessHttp2IsConfigured(HttpClient.Version configured, String protocol,
                                                                   boolean upgrade) throws Exception {
        http.removeContext("/");
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestHeaders());
            protocols.add(exchange.getProtocol());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        deliverOnce("http://127.0.0.1:" + http.getAddress().getPort() + "/hook", Duration.ofSeconds(5), configured);
        assertThat(protocols).containsExactly(protocol);
        // HTTP/2 on http:// asks the receiver to switch: the request some receivers and proxies refuse
        assertThat(seen.get(0).containsKey("Upgrade")).isEqualTo(upgrade);
        assertThat(seen.get(0).containsKey("HTTP2-Settings")).isEqualTo(upgrade);
        if (upgrade) {
            assertThat(seen.get(0).getFirst("Upgrade")).isEqualTo("h2c");
        }
        assertThat(outbox.ofSubscription("elsewhere", 10)).extracting(Outbox.Row::status).containsExactly("delivered");
    }

    @Test
    void aWebhookThatCannotBeReachedIsNamedWithItsSubscriptionHostPortAndCause() throws Exception {
        int closed = org.dipwatch.TestHome.freePort();
        List<String> log = deliverOnce("http://127.0.0.1:" + closed + "/hooks/T0-secret-path", Duration.ofSeconds(5),
                HttpClient.Version.HTTP_1_1);
        String error = "webhook: POST to 127.0.0.1:" + closed + " failed: connection refused or closed while connecting (ConnectException)";
        Outbox.Row row = outbox.ofSubscription("elsewhere", 10).get(0);
        assertThat(row.lastError()).isEqualTo(error);
        assertThat(outbox.log("elsewhere", 10)).singleElement().satisfies(a -> {
            assertThat(a.subscriptionId()).isEqualTo("elsewhere");
            assertThat(a.outcome()).isEqualTo("retrying");
            assertThat(a.error()).isEqualTo(error);
        });
        assertThat(log).singleElement().asString().startsWith("WARN alert: " + row.messageId() + " to elsewhere (webhook): " + error + ", retry 1/2 in ");
        assertThat(String.join("\n", log)).as("the URL's path may be a secret").doesNotContain("T0-secret-path");
    }

    @Test
    void aWebhookHostThatDoesNotResolveOrAnswerInTimeIsSaidSo() throws Exception {
        deliverOnce("https://no-such-host.invalid/hook", Duration.ofSeconds(5), HttpClient.Version.HTTP_1_1);
        assertThat(outbox.ofSubscription("elsewhere", 10).get(0).lastError())
                .isEqualTo("webhook: POST to no-such-host.invalid:443 failed: the host name does not resolve");

        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            deliverOnce("http://127.0.0.1:" + silent.getLocalPort() + "/hook", Duration.ofMillis(300), HttpClient.Version.HTTP_1_1);
            assertThat(outbox.ofSubscription("elsewhere", 10).get(0).lastError())
                    .isEqualTo("webhook: POST to 127.0.0.1:" + silent.getLocalPort()
                            + " failed: no answer within 300 ms (dipwatch.webhook.timeout-ms)");
        }
    }

    @Test
    void backoffDoublesWithJitterUpToTheMaximum() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            long base = 10L << (attempt - 1);
            assertThat(deliverer.backoff(attempt).toMillis()).isBetween((long) (base * 0.8), (long) (base * 1.2));
        }
        assertThat(deliverer.backoff(40)).isEqualTo(Duration.ofMinutes(5));
        assertThat(deliverer.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(deliverer.retryAfter("999999")).isEqualTo(Duration.ofMinutes(5));
        assertThat(deliverer.retryAfter("soon")).isNull();
    }
}
