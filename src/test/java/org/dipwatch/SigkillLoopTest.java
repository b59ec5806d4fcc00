package org.dipwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11's fault case: 1,000 files dropped at once and a webhook subscription for every article,
 * the daemon killed (SIGKILL) 20 times at random moments, then left to finish: every file ends in
 * {@code .done/} or {@code .failed/}, every article is in {@code seeds/} once, every article's alert
 * arrives at least once, and an alert sent again after a kill carries the same {@code webhook-id}.
 * Slow (a few minutes): hardening profile.
 */
@Tag("hardening")
class SigkillLoopTest {

    private static final int FILES = 1000;
    private static final int KILLS = 20;

    @TempDir
    Path home;
    private Process daemon;
    private HttpServer hook;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        if (hook != null) {
            hook.stop(0);
        }
    }

    @Test
    void twentySigkillsInABurstLoseNothingStoreNothingTwiceAndSendEachAlertUnderOneId() throws Exception {
        TestHome.create(home);
        Map<String, Set<String>> idsByArticle = new ConcurrentHashMap<>();
        ObjectMapper json = new ObjectMapper();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            String article = body.path("data").path("article").path("file").asText(body.path("data").path("articleFile").asText());
            idsByArticle.computeIfAbsent(article, k -> ConcurrentHashMap.newKeySet())
                    .add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: everything
                    filter: { verdicts: [new, same_story, near_duplicate] }
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                """.formatted(hook.getAddress().getPort()));
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        for (int i = 0; i < FILES; i++) {
            Path temp = inbox.resolve(".s" + i + ".part");
            Files.writeString(temp, "Statement number " + i + " on the situation in the region\n\nThe ministry said on day " + i
                    + " that it stood ready to support mediation, statement " + i + ".\n", StandardCharsets.UTF_8);
            Files.move(temp, inbox.resolve("s" + i + ".txt"));
        }
        List<String> options = new ArrayList<>(TestHome.everyTextANewStoryOptions());
        options.addAll(List.of("-Ddipwatch.webhook.allow-private=true", "-Ddipwatch.alert.poll-ms=50"));
        Random random = new Random(11);
        int killed = 0;
        while (killed < KILLS && !pending().isEmpty()) {
            daemon = TestHome.startDaemonProcess(home, TestHome.freePort(), options.toArray(String[]::new));
            Thread.sleep(2500 + random.nextInt(2500)); // start-up is about 2-3 s: some kills land in it, most in the work
            daemon.destroyForcibly().waitFor();
            killed++;
        }
        assertThat(killed).as("the burst outlasted the kills").isEqualTo(KILLS);
        daemon = TestHome.startDaemonProcess(home, TestHome.freePort(), options.toArray(String[]::new));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> pending().isEmpty() && idsByArticle.size() >= stored().size());
        Thread.sleep(1000); // room for a second alert to arrive

        List<String> done = TestHome.list(inbox.resolve(".done"));
        List<String> failed = TestHome.list(inbox.resolve(".failed"));
        assertThat(done.size() + failed.size()).isEqualTo(FILES);
        assertThat(failed).isEmpty();
        List<String> seeds = stored();
        assertThat(seeds).hasSize(FILES);
        Set<String> texts = new HashSet<>();
        for (String n : seeds) {
            assertThat(texts.add(Files.readString(home.resolve("seeds").resolve(n)))).as("%s in seeds/ twice", n).isTrue();
        }
        assertThat(idsByArticle.keySet()).as("every article alerted").containsAll(seeds);
        assertThat(idsByArticle).allSatisfy((article, ids) -> assertThat(ids).as("webhook-ids of %s", article).hasSize(1));
    }

    private List<String> pending() throws java.io.IOException {
        try (Stream<Path> s = Files.list(home.resolve("inbox"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).map(p -> p.getFileName().toString()).toList();
        }
    }

    /** The articles stored from the inbox (the five originals left out). */
    private List<String> stored() {
        return TestHome.list(home.resolve("seeds")).stream().filter(n -> !n.startsWith(".") && !TestHome.ORIGINALS.contains(n))
                .toList();
    }
}
