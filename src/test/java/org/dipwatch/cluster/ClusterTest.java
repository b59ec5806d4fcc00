package org.dipwatch.cluster;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dipwatch.TestHome;
import org.dipwatch.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons in processes of their own share one real PostgreSQL and one home (seeds/, inbox/,
 * routes/): a feed on a 2-second cron is fetched once per interval in total, 300 files dropped into
 * the shared inbox become 300 articles, each once, under numbers never given twice, and their alerts
 * reach two webhooks once each, in order per subscription; then one node is killed with SIGKILL
 * mid-run, and the other finishes 100 more files, their alerts, and the polls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final int INTERVAL_MS = 2000;

    @TempDir
    static Path home;
    private TestPostgres postgres;
    private String url;
    private HttpServer server;
    private final List<Long> fetches = Collections.synchronizedList(new ArrayList<>());
    /** Webhook deliveries as received: subscription (the path), webhook-id, article file. */
    private final List<String[]> hooks = Collections.synchronizedList(new ArrayList<>());
    private Process a;
    private Process b;
    private int portA;
    private int portB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        postgres = TestPostgres.start();
        url = postgres.newDatabase();
        TestHome.create(home);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.xml", exchange -> {
            fetches.add(System.currentTimeMillis());
            byte[] body = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>Local ministry</title><link>http://127.0.0.1/</link><description>d</description>
                    <item><title>Minister receives the ambassador of Qatar</title><link>http://127.0.0.1/news/1</link>
                    <guid>news-1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
                    <description>The minister received the ambassador of Qatar and discussed mediation efforts in Sudan.</description></item>
                    </channel></rss>
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ObjectMapper json = new ObjectMapper();
        server.createContext("/hook/", exchange -> {
            JsonNode event = json.readTree(exchange.getRequestBody().readAllBytes());
            hooks.add(new String[] {exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("webhook-id"),
                    event.path("data").path("article").path("file").asText()});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Files.createDirectories(home.resolve("routes"));
        // named as the packaged curated sources, which it replaces: the nodes poll this feed alone, never the internet
        Files.writeString(home.resolve("routes").resolve("sources.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-local
                    parameters:
                      - {name: name, value: local}
                      - {name: url, value: "%s/feed.xml"}
                      - {name: cron, value: "0/2 * * * * ?"}
                """.formatted(base));
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: first
                    webhook: { url: "%s/hook/first", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                  - id: second
                    webhook: { url: "%s/hook/second", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                """.formatted(base, base));
        portA = TestHome.freePort();
        portB = TestHome.freePort();
        a = node("a", portA);
        b = node("b", portB);
        awaitHealth(portA, "a");
        awaitHealth(portB, "b");
    }

    private Process node(String id, int port) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Ddipwatch.index.url=" + url, "-Ddipwatch.index.user=" + TestPostgres.USER,
                "-Ddipwatch.node.id=" + id, "-Ddipwatch.cluster.checkin-ms=1000", "-Ddipwatch.sources.enabled=true",
                "-Ddipwatch.sources.jitter-seconds=0", "-Ddipwatch.sources.host-delay-ms=0", "-Ddipwatch.webhook.allow-private=true",
                "-Ddipwatch.alert.poll-ms=100", "-Ddipwatch.inbox.poll-delay=100", "-Ddipwatch.inbox.settle-ms=100"));
        options.addAll(TestHome.everyTextANewStoryOptions());
        return TestHome.startDaemonProcess(home, port, options.toArray(String[]::new));
    }

    private void awaitHealth(int port, String node) throws IOException {
        awaitOrTell(Duration.ofSeconds(90), "node " + node + " answers /health",
                () -> get(port, "/health").matches("(?s).*\"node\"\\s*:\\s*\"" + node + "\".*"));
    }

    /** Waits for a condition; if it does not come, fails with what the nodes logged last. */
    private void awaitOrTell(Duration atMost, String what, java.util.concurrent.Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(atMost).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Files.copy(home.resolve("daemon.log"), Path.of("target", "ClusterTest-daemon.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<String> log = Files.readAllLines(home.resolve("daemon.log")).stream()
                    .filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("HTTP on") || l.contains("cluster")).toList();
            StringBuilder activity = new StringBuilder();
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, ""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pid, state, wait_event_type, wait_event, left(query, 120) FROM pg_stat_activity "
                         + "WHERE datname = current_database()")) {
                while (rs.next()) {
                    activity.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3)).append(' ')
                            .append(rs.getString(4)).append(' ').append(rs.getString(5)).append('\n');
                }
            } catch (java.sql.SQLException ignored) {
                activity.append("(the database does not answer)");
            }
            for (Process p : List.of(a, b)) {
                if (p.isAlive()) {
                    try {
                        Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                                Long.toString(p.pid())).redirectErrorStream(true)
                                .redirectOutput(Path.of("target", "ClusterTest-jstack-" + p.pid() + ".txt").toFile()).start();
                        dump.waitFor();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what + "; the database's sessions:\n" + activity
                    + "the nodes logged:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())), e);
        }
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @AfterAll
    void stop() throws Exception {
        TestHome.stop(a);
        TestHome.stop(b);
        server.stop(0);
        postgres.close();
    }

    private void drop(int from, int to) throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        for (int i = from; i <= to; i++) {
            Path temp = inbox.resolve(".c" + i + ".part");
            Files.writeString(temp, " date 2025-04-%02d Statement %d\n\nThe foreign ministry of country %d issued statement %d on trade route %d and the port of %d.\n"
                    .formatted(i % 28 + 1, i, i * 31, i, i * 7919, i * 104729));
            Files.move(temp, inbox.resolve("c" + i + ".txt"));
        }
    }

    private long done() {
        return TestHome.list(home.resolve("inbox").resolve(".done")).stream().filter(n -> n.startsWith("c")).count();
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The inbox articles each node stored, from its own /metrics. */
    private long stored(int port) throws Exception {
        return get(port, "/metrics").lines().filter(l -> l.startsWith("dipwatch_articles_total{") && l.contains("source=\"inbox\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The article files of the deliveries to one subscription, in the order they arrived, each id's first arrival only. */
    private List<String> firstArrivals(String subscription) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        synchronized (hooks) {
            for (String[] h : hooks) {
                if (h[0].endsWith("/" + subscription) && seen.add(h[1])) {
                    out.add(h[2]);
                }
            }
        }
        return out;
    }

    private Map<String, Long> repeats() {
        synchronized (hooks) {
            return hooks.stream().collect(Collectors.groupingBy(h -> h[1], Collectors.counting())).entrySet().stream()
                    .filter(e -> e.getValue() > 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    @Test
    @Order(1)
    void threeHundredDropsBecomeThreeHundredArticlesEachAlertedOnceInOrder() throws Exception {
        drop(1, 300);
        awaitOrTell(Duration.ofSeconds(120), "300 files done", () -> done() == 300);
        // the feed's one item (withheld from alerts: older than a new source's first-poll window) and the 300 drops
        assertThat(count("SELECT COUNT(*) FROM article WHERE source = 'inbox'")).isEqualTo(300);
        assertThat(count("SELECT COUNT(DISTINCT content_hash) FROM article WHERE source = 'inbox'")).isEqualTo(300);
        assertThat(count("SELECT COUNT(*) FROM arrival WHERE source = 'inbox'")).isEqualTo(300);
        List<String> seeds = TestHome.list(home.resolve("seeds"));
        assertThat(seeds).noneMatch(n -> n.startsWith(".")).hasSize(306);
        assertThat(seeds.stream().map(n -> n.substring(0, n.indexOf('_'))).distinct()).hasSize(306);
        // each file taken by one node, and both took some: a node holds dipwatch.cluster.inbox-share files at a
        // time, so the node that scans first does not claim the whole burst
        assertThat(stored(portA) + stored(portB)).as("files taken by a (%d) and b (%d)", stored(portA), stored(portB))
                .isEqualTo(300);
        assertThat(stored(portA)).as("files taken by a").isPositive();
        assertThat(stored(portB)).as("files taken by b").isPositive();

        await().atMost(Duration.ofSeconds(60)).until(() -> firstArrivals("first").size() == 300 && firstArrivals("second").size() == 300);
        for (String subscription : List.of("first", "second")) {
            List<String> files = firstArrivals(subscription);
            assertThat(files).doesNotHaveDuplicates().isSorted(); // seeds are numbered in the order they were stored
        }
        assertThat(repeats()).as("no alert sent twice").isEmpty();
        assertThat(get(portA, "/health")).contains("\"dipwatch:cluster\"").contains("2 of 2 nodes alive");
    }

    @Test
    @Order(2)
    void theFeedIsFetchedOncePerIntervalAcrossBothNodes() {
        int before = fetches.size();
        await().atMost(Duration.ofSeconds(40)).until(() -> fetches.size() >= before + 11);
        List<Long> window;
        synchronized (fetches) {
            window = List.copyOf(fetches.subList(before, before + 11));
        }
        long span = window.get(10) - window.get(0);
        // ten intervals between the first and the eleventh fetch: two nodes firing would make twice as many fetches in half the time
        assertThat(span).isBetween(10L * INTERVAL_MS - 1500, 10L * INTERVAL_MS + 1500);
        for (int i = 1; i < window.size(); i++) {
            assertThat(window.get(i) - window.get(i - 1)).as("fetch %d came %d ms after the one before", i,
                    window.get(i) - window.get(i - 1)).isGreaterThan(INTERVAL_MS / 4);
        }
    }

    @Test
    @Order(3)
    void afterOneNodeIsKilledTheOtherFinishesItsFilesAlertsAndPolls() throws Exception {
        drop(301, 400);
        await().atMost(Duration.ofSeconds(60)).until(() -> done() >= 320);
        a.destroyForcibly(); // SIGKILL
        a.waitFor();
        long killedAt = System.currentTimeMillis();
        awaitOrTell(Duration.ofSeconds(90), "400 files done (" + done() + " when b was alone)", () -> done() == 400);
        assertThat(count("SELECT COUNT(*) FROM article WHERE source = 'inbox'")).isEqualTo(400);
        assertThat(count("SELECT COUNT(DISTINCT content_hash) FROM article WHERE source = 'inbox'")).isEqualTo(400);
        List<String> seeds = TestHome.list(home.resolve("seeds"));
        assertThat(seeds.stream().filter(n -> !n.startsWith("."))).hasSize(406);
        assertThat(seeds.stream().filter(n -> !n.startsWith(".")).map(n -> n.substring(0, n.indexOf('_'))).distinct()).hasSize(406);

        await().atMost(Duration.ofSeconds(60)).until(() -> firstArrivals("first").size() == 400 && firstArrivals("second").size() == 400);
        for (String subscription : List.of("first", "second")) {
            assertThat(firstArrivals(subscription)).doesNotHaveDuplicates().isSorted();
        }
        // an alert node a sent in its last moment, before it could record it, is sent again by b with the same
        // webhook-id (receivers deduplicate on it): at most the alerts a records in one go
        Map<String, Long> repeats = repeats();
        System.out.println("cluster: " + repeats.size() + " alerts sent again after the kill (same webhook-id)");
        assertThat(repeats.values()).allMatch(n -> n == 2);
        assertThat(repeats.size()).isLessThanOrEqualTo(2 * 100);

        // b fires the feed's trigger on its own: polls go on after the kill
        int fetchesAtKill = (int) fetches.stream().filter(t -> t <= killedAt).count();
        await().atMost(Duration.ofSeconds(30)).until(() -> fetches.size() >= fetchesAtKill + 3);
        assertThat(get(portB, "/health")).containsPattern("\"node\"\\s*:\\s*\"b\"");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(portB, "/health").contains("1 of 2 nodes alive"));
    }
}
