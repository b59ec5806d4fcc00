package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, Retry-After, dead letters and replay, against a real HTTP endpoint on 127.0.0.1. */
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
            AlertContent now = new AlertContent(a.messageId(), Instant.now(), "hook", a.verdict(), a.articleFile(), a.articleId(),
                    a.title(), a.published(), a.url(), a.source(), a.paragraphs(), a.tags(), a.story(), a.why());
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
