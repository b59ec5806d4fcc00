package org.dipwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources as a user runs them: templatedRoutes in the home's {@code routes/}, a daemon polling a
 * good feed and ten malformed ones served on 127.0.0.1 every two seconds; what lands in
 * {@code seeds/}, {@code /api/sources}, {@code /health}, {@code /metrics}, the health notice a
 * subscriber receives, and a feed added to {@code routes/} while the daemon runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourcesDaemonTest {

    /** A body no reader takes as it is, and the items the lenient reader recovers from it (0: rejected with a named error). */
    record Malformed(String fixture, int items) {
    }

    /** Twelve such bodies: ten of feeds/MALFORMED.md, with the outcome it gives each, and two non-feeds. */
    static final List<Malformed> MALFORMED = List.of(new Malformed("feeds/malformed_bare-ampersand.xml", 1),
            new Malformed("feeds/malformed_billion-laughs.xml", 0), new Malformed("feeds/malformed_html-instead-of-feed.html", 0),
            new Malformed("feeds/malformed_junk-before-prolog.xml", 1), new Malformed("feeds/malformed_truncated.xml", 2),
            new Malformed("feeds/malformed_wrong-encoding-declared.xml", 1),
            new Malformed("feeds/malformed_xxe-external-entity.xml", 0),
            new Malformed("feeds/malformed_missing-encoding-windows-1251.xml", 1),
            new Malformed("feeds/malformed_empty-body.xml", 0), new Malformed("feeds/malformed_no-link-no-guid.xml", 2),
            new Malformed("sources/not_a_feed.json", 0), new Malformed("sources/plain_text_error.txt", 0));

    @TempDir
    static Path home;
    private final FixtureServer server = new FixtureServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Daemon daemon;
    private int port;
    private String sourcesYaml;

    @BeforeAll
    void start() throws Exception {
        TestHome.create(home);
        Path routes = Files.createDirectories(home.resolve("routes"));
        server.serve("/good", FixtureServer.Answer.of("application/rss+xml; charset=utf-8", SourcePollerTest.rss(
                SourcePollerTest.item(1, "Foreign minister speaks on the Sudan talks",
                        "The foreign minister said the talks on Sudan in Jeddah would resume next week."))).withEtag("\"g1\""));
        StringBuilder yaml = new StringBuilder("# test sources\n");
        yaml.append(feed("good", "/good"));
        for (int i = 0; i < MALFORMED.size(); i++) {
            String fixture = MALFORMED.get(i).fixture();
            try (var in = getClass().getClassLoader().getResourceAsStream(fixture)) {
                String type = fixture.endsWith(".json") ? "application/json" : fixture.endsWith(".html") ? "text/html"
                        : fixture.endsWith(".txt") ? "text/plain" : "application/xml";
                server.serve("/bad" + i, new FixtureServer.Answer(200, type, in.readAllBytes(), null, Map.of()));
            }
            yaml.append(feed("bad-" + i, "/bad" + i));
        }
        server.serve("/list", FixtureServer.Answer.of("text/html; charset=utf-8", SourcePollerTest.listPage("/news/1")));
        server.serve("/news/1", SourcePollerTest.article("Minister receives the ambassador of Qatar",
                "The minister received the ambassador of Qatar and discussed mediation efforts in Sudan."));
        yaml.append("""
                - templatedRoute:
                    routeTemplateRef: page
                    routeId: source-list
                    parameters:
                      - {name: name, value: list}
                      - {name: url, value: "%s"}
                      - {name: cron, value: "0/2 * * * * ?"}
                      - {name: itemSelector, value: "ul.news > li"}
                      - {name: linkSelector, value: "a[href]"}
                      - {name: dateSelector, value: "time"}
                """.formatted(server.url("/list")));
        // named as the packaged curated sources, which it replaces: this daemon polls, and tests never contact the internet
        sourcesYaml = yaml.toString();
        Files.writeString(routes.resolve("sources.camel.yaml"), sourcesYaml);
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: ops
                    filter: { keywords: ["no article says this"] }
                    webhook: { url: "%s", secret: "test-secret" }
                    sourceHealth: true
                """.formatted(server.url("/hook")));
        server.serve("/hook", FixtureServer.Answer.of("text/plain", "ok"));
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "true", "dipwatch.http.port",
                Integer.toString(port), "dipwatch.http.host", "127.0.0.1", "dipwatch.sources.host-delay-ms", "0",
                "dipwatch.sources.jitter-seconds", "0", "dipwatch.sources.alert-after-failures", "1",
                "dipwatch.alert.poll-ms", "100")), CommandApi::new);
        daemon.start();
    }

    static String feed(String name, String path, FixtureServer server) {
        return """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-%s
                    parameters:
                      - {name: name, value: %s}
                      - {name: url, value: "%s"}
                      - {name: cron, value: "0/2 * * * * ?"}
                """.formatted(name, name, server.url(path));
    }

    private String feed(String name, String path) {
        return feed(name, path, server);
    }

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
        server.close();
    }

    private JsonNode get(String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " answered " + r.body()).isEqualTo(status);
        return path.equals("/metrics") ? json.getNodeFactory().textNode(r.body()) : json.readTree(r.body());
    }

    /**
     * Waits until the route has completed this many more exchanges (each a trigger of the source:
     * a poll, or a skip while it backs off), as Camel counts them; fails after 30 s.
     */
    private void polls(String routeId, int exchanges) {
        NotifyBuilder more = new NotifyBuilder(daemon.main().getCamelContext()).fromRoute(routeId).whenDone(exchanges).create();
        assertThat(more.matches(30, java.util.concurrent.TimeUnit.SECONDS)).as("%s ran %d more times", routeId, exchanges).isTrue();
    }

    private String seeds() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String n : TestHome.list(home.resolve("seeds"))) {
            if (!n.startsWith(".") && !TestHome.ORIGINALS.contains(n)) {
                all.append(Files.readString(home.resolve("seeds").resolve(n)));
            }
        }
        return all.toString();
    }

    @Test
    @Order(1)
    void malformedFeedsEndInRecoveredItemsOrANamedCountedErrorWhileTheGoodOneIngests() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> seeds().contains("Sudan in Jeddah"));
        // the page source, its selectors handed through the template: the listed article's text, fetched once
        await().atMost(Duration.ofSeconds(30)).until(() -> seeds().contains("mediation efforts in Sudan"));
        // two more polls of the page source: the listed article is not fetched again
        polls("source-list", 2);
        assertThat(server.count("/news/1")).isEqualTo(1);
        assertThat(server.count("/list")).isGreaterThan(1);
        // every source has been polled at least once (the sources API in the message when one has not)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode all = get("/api/sources", 200).path("sources");
            assertThat(all.size() == MALFORMED.size() + 2 && stream(all).allMatch(s -> !s.path("lastPoll").isNull()))
                    .as("every source polled: %s", all).isTrue();
        });
        JsonNode all = get("/api/sources", 200).path("sources");
        assertThat(stream(all).map(n -> n.path("url").asText())).allMatch(u -> u.startsWith("http://127.0.0.1:"));
        String metrics = get("/metrics", 200).asText();
        for (int i = 0; i < MALFORMED.size(); i++) {
            String name = "bad-" + i;
            Malformed m = MALFORMED.get(i);
            JsonNode s = stream(all).filter(n -> n.path("name").asText().equals(name)).findFirst().orElseThrow();
            assertThat(s.path("itemsSeen").asLong()).as(m.fixture()).isEqualTo(m.items());
            if (m.items() > 0) {
                assertThat(s.path("status").asText()).as(m.fixture()).isEqualTo("up");
            } else {
                assertThat(s.path("status").asText()).as(m.fixture()).isEqualTo("down");
                assertThat(s.path("lastError").asText()).as(m.fixture()).startsWith("feed " + name + ": ");
                assertThat(metrics).as(m.fixture()).containsPattern("dipwatch_source_polls_total\\{[^}]*outcome=\"error\",source=\""
                        + name + "\"[^}]*} [1-9]");
            }
        }
        assertThat(seeds()).doesNotContain("/etc/passwd").doesNotContain("lol9");
        // the good source keeps being polled: conditional re-polls answered 304
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests().stream()
                .anyMatch(r -> r.path().equals("/good") && r.status() == 304));
        JsonNode health = get("/health", 200);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").path("dipwatch:sources").path("sources").path("good").path("status").asText()).isEqualTo("up");
    }

    @Test
    @Order(2)
    void aSubscriberWhoAsksIsToldOnceThatASourceFails() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.posted().stream().anyMatch(b -> b.contains("\"subject\":\"bad-")));
        List<String> notices = server.posted();
        assertThat(notices).allSatisfy(b -> assertThat(b).contains("\"type\":\"org.dipwatch.source.v1\""));
        JsonNode first = json.readTree(notices.get(0));
        String source = first.path("subject").asText();
        assertThat(first.path("data").path("event").asText()).isEqualTo("failing");
        assertThat(first.path("data").path("message").asText()).contains("source " + source + " failed");
        // failing sources back off and are not announced again at every poll (two more triggers of it)
        polls("source-" + source, 2);
        assertThat(server.posted().stream().filter(b -> b.contains("\"subject\":\"" + source + "\""))).hasSize(1);
    }

    @Test
    @Order(3)
    void aFeedAddedToRoutesWhileTheDaemonRunsIsPolledWithoutARestart() throws Exception {
        server.serve("/hot", FixtureServer.Answer.of("application/atom+xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Agency</title><id>urn:agency</id><updated>2026-11-21T09:00:00Z</updated>
                <entry><id>urn:agency:77</id><title>Envoy arrives in Kinshasa</title><updated>2026-11-21T09:00:00Z</updated>
                <link href="https://agency.example/77"/><content type="html">&lt;p&gt;The special envoy arrived in Kinshasa for talks with the government of the Democratic Republic of the Congo.&lt;/p&gt;</content></entry>
                </feed>
                """));
        Path added = home.resolve("routes").resolve(".hot.camel.yaml.part");
        Files.writeString(added, feed("hot", "/hot"));
        Files.move(added, home.resolve("routes").resolve("hot.camel.yaml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> seeds().contains("special envoy arrived in Kinshasa"));
        assertThat(daemon.main().getCamelContext().getRoute("source-hot")).isNotNull();
        assertThat(get("/api/sources/hot", 200).path("itemsSeen").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aSourceEditedWhileTheDaemonRunsPollsItsNewAddress() throws Exception {
        server.serve("/hot2", FixtureServer.Answer.of("application/rss+xml", SourcePollerTest.rss(SourcePollerTest.item(42,
                "Ministry welcomes the prisoner exchange", "The ministry welcomed the exchange of prisoners agreed in Abu Dhabi."))));
        Path edited = home.resolve("routes").resolve(".hot.camel.yaml.part");
        Files.writeString(edited, feed("hot", "/hot2"));
        Files.move(edited, home.resolve("routes").resolve("hot.camel.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(30)).until(() -> seeds().contains("exchange of prisoners agreed in Abu Dhabi"));
        long before = server.count("/hot");
        polls("source-hot", 2);
        assertThat(server.count("/hot")).as("the old address is no longer polled").isEqualTo(before);
        assertThat(get("/api/sources/hot", 200).path("url").asText()).endsWith("/hot2");
    }

    @Test
    @Order(5)
    void aSourceWhoseFileIsDeletedWhileTheDaemonRunsStopsAndKeepsItsStateForItsReturn() throws Exception {
        long seenBefore = get("/api/sources/hot", 200).path("itemsSeen").asLong();
        Files.delete(home.resolve("routes").resolve("hot.camel.yaml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.main().getCamelContext().getRoute("source-hot") == null);
        // the route goes first, then its state is marked
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/sources/hot", 200).path("status").asText().equals("removed"));
        JsonNode hot = get("/api/sources/hot", 200);
        assertThat(hot.path("status").asText()).isEqualTo("removed");
        assertThat(hot.path("removed").asBoolean()).isTrue();
        assertThat(stream(get("/api/sources", 200).path("sources")).filter(n -> n.path("name").asText().equals("hot"))
                .map(n -> n.path("status").asText())).containsExactly("removed");
        assertThat(get("/health", 200).path("checks").path("dipwatch:sources").path("sources").has("hot")).isFalse();
        long polls = server.count("/hot2");
        // two triggers of a route that still runs: the good feed's
        polls("source-good", 2);
        assertThat(server.count("/hot2")).as("a removed source is no longer polled").isEqualTo(polls);

        // back again: its seen item is not taken a second time, and it is active
        String before = seeds();
        Path back = home.resolve("routes").resolve(".hot.camel.yaml.part");
        Files.writeString(back, feed("hot", "/hot2"));
        Files.move(back, home.resolve("routes").resolve("hot.camel.yaml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> server.count("/hot2") > polls);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/sources/hot", 200).path("status").asText().equals("up"));
        assertThat(get("/api/sources/hot", 200).path("removed").asBoolean()).isFalse();
        assertThat(get("/api/sources/hot", 200).path("itemsSeen").asLong()).isEqualTo(seenBefore);
        assertThat(seeds()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void aTemplatedRouteDeletedFromAFileOfSeveralRemovesOnlyItsSource() throws Exception {
        String without = sourcesYaml.replace(feed("bad-0", "/bad0"), "");
        assertThat(without).isNotEqualTo(sourcesYaml);
        Path edited = home.resolve("routes").resolve(".sources.camel.yaml.part");
        Files.writeString(edited, without);
        Files.move(edited, home.resolve("routes").resolve("sources.camel.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.main().getCamelContext().getRoute("source-bad-0") == null);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/sources/bad-0", 200).path("status").asText().equals("removed"));
        assertThat(daemon.main().getCamelContext().getRoute("source-good")).isNotNull();
        assertThat(daemon.main().getCamelContext().getRoute("source-bad-1")).isNotNull();
        assertThat(get("/api/sources/good", 200).path("status").asText()).isEqualTo("up");
        long polls = server.count("/good");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.count("/good") > polls);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
