package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.dipwatch.TestHome;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lanes: one subscription's webhook hangs, and another subscription's mails still all arrive;
 * once the webhook answers, its alerts arrive too. Each subscription gets its alerts in the order
 * they were stored. The deliverer is driven as the daemon's timer drives it ({@code dispatch}
 * every 50 ms).
 */
class ParallelDeliveryTest {

    private static final int ARTICLES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private CorpusIndex index;
    private Outbox outbox;
    private GreenMail smtp;
    private HttpServer http;
    private SmtpMail mail;
    private Deliverer deliverer;
    private Alerts alerts;
    private ScheduledExecutorService timer;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hooksStarted = new AtomicInteger();
    private final List<String> hooks = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        index = CorpusIndex.open("jdbc:h2:mem:parallel" + System.nanoTime(), "sa", "", 4);
        outbox = new Outbox(index.dataSource());
        smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            hooksStarted.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                // the slow endpoint: it answers only when the test lets it
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hooks.add(JSON.readTree(body).path("data").path("article").path("file").asText());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: slow-hook
                    filter: { verdicts: [new, same_story] }
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0" }
                  - id: desk
                    filter: { verdicts: [new, same_story] }
                    email: { to: [desk@example.org] }
                """.formatted(http.getAddress().getPort()));
        Subscriptions subscriptions = new Subscriptions(file, Map.<String, String>of()::get, false);
        alerts = new Alerts(subscriptions);
        mail = new SmtpMail("127.0.0.1", smtp.getSmtp().getPort(), "none", "dipwatch@example.org", "", "", Duration.ofSeconds(10));
        deliverer = new Deliverer(outbox, subscriptions, mail, new Metrics(new SimpleMeterRegistry()),
                new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(90),
                        false, 4, 5));
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        release.countDown();
        timer.shutdownNow();
        deliverer.close();
        mail.close();
        http.stop(0);
        smtp.stop();
        index.close();
    }

    private static String article(MimeMessage m) {
        try {
            return m.getHeader(AlertMail.ARTICLE_HEADER, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHangingWebhookHoldsOnlyItsOwnSubscriptionAndEachKeepsItsOrder() throws Exception {
        List<String> stored = IntStream.rangeClosed(1, ARTICLES).mapToObj(AlertsAtVolumeTest::file).toList();
        try (Connection c = index.dataSource().getConnection()) {
            for (int n = 1; n <= ARTICLES; n++) {
                // one article at a time, as the pipeline stores them: its alerts for both subscriptions
                outbox.enqueue(c, alerts.owed(AlertsAtVolumeTest.article(n), AlertsAtVolumeTest.file(n), String.format("%016x", n),
                        "new", "feed", TestAlerts.noTags(), "st-" + String.format("%016x", n), StoryReports.NONE));
            }
        }
        timer.scheduleWithFixedDelay(deliverer::dispatch, 0, 50, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == ARTICLES);
        assertThat(hooks).as("webhooks answered while the endpoint hangs").isEmpty();
        assertThat(hooksStarted.get()).as("webhook requests while the first hangs: its lane waits for it").isEqualTo(1);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(ParallelDeliveryTest::article).toList())
                .as("the desk's mails, in the order they arrived").containsExactlyElementsOf(stored);

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> hooks.size() == ARTICLES);
        assertThat(hooks).as("the webhook's alerts, in the order they arrived").containsExactlyElementsOf(stored);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.counts().equals(Map.of("delivered", 2L * ARTICLES)));
    }
}
