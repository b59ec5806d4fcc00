package org.dipwatch.daemon;

import org.dipwatch.TestHome;
import org.dipwatch.cli.CommandApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a user runs it: files dropped into inbox/, results in seeds/, .done/ and .failed/, /health and /metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonTest {

    @TempDir
    static Path home;
    private Path inbox;
    private Daemon daemon;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        TestHome.create(home);
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port", Integer.toString(port),
                "dipwatch.http.host", "127.0.0.1")), CommandApi::new);
        daemon.start();
        inbox = home.resolve("inbox");
    }

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Drops a file the way a careful user does: written under a hidden name, then renamed into the inbox. */
    private void drop(String name, byte[] bytes) throws IOException {
        Path target = inbox.resolve(name);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(temp, bytes);
        Files.move(temp, target);
    }

    private void awaitGone(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(inbox.resolve(name)));
    }

    @Test
    @Order(1)
    void healthAnswers200WithJsonWhenUp() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.path("status").asText()).isEqualTo("UP");
        assertThat(json.path("checks").path("dipwatch:index").path("state").asText()).isEqualTo("UP");
        assertThat(json.path("checks").path("dipwatch:config").path("message").asText()).isEqualTo("no configuration problems");
        assertThat(get("/metrics").body()).contains("dipwatch_config_problems{application=\"dipwatch\"} 0.0");
    }

    @Test
    @Order(2)
    void copiesOfTheOriginalsRenamedWithCrlfOrInUtf16AreDuplicatesAndSeedsIsUnchanged() throws Exception {
        byte[] s000 = Files.readAllBytes(TestHome.original(TestHome.ORIGINALS.get(0)));
        String s001 = Files.readString(TestHome.original(TestHome.ORIGINALS.get(1)));
        String s002 = Files.readString(TestHome.original(TestHome.ORIGINALS.get(2)));
        String s003 = Files.readString(TestHome.original(TestHome.ORIGINALS.get(3)));
        byte[] s004 = Files.readAllBytes(TestHome.original(TestHome.ORIGINALS.get(4)));
        drop("copy-a.txt", s000);
        drop("copy-b.txt", s001.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        drop("copy-c.txt", s002.getBytes(StandardCharsets.UTF_16));
        drop("nested/deeper/copy-d.md", withBom(s003));
        drop("004_c77918350a6e0771.txt", s004);
        for (String n : new String[] {"copy-a.txt", "copy-b.txt", "copy-c.txt", "nested/deeper/copy-d.md", "004_c77918350a6e0771.txt"}) {
            awaitGone(n);
        }
        assertThat(TestHome.list(home.resolve("seeds"))).containsExactlyElementsOf(TestHome.ORIGINALS);
        for (String name : TestHome.ORIGINALS) {
            assertThat(home.resolve("seeds").resolve(name)).hasSameBinaryContentAs(TestHome.original(name));
        }
        assertThat(inbox.resolve(".done/copy-a.txt")).exists();
        assertThat(inbox.resolve(".done/nested/deeper/copy-d.md")).exists();
        assertThat(daemon.pipeline().stages().corpus().index().arrivals()).filteredOn(a -> a.verdict() == Verdict.DUPLICATE).hasSize(5);
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16BE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFE;
        out[1] = (byte) 0xFF;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    @Test
    @Order(3)
    void aNewShapeTwoTextBecomesTheNextSeedInNormalizedShape() throws Exception {
        drop("new-statement.txt", """
                Russia advocates a ceasefire in Jenin

                04 July 2023

                \u00a0

                The Russian Foreign Ministry called for restraint around the West Bank city of Jenin.

                \u00a0

                "We call on all sides to stop the violence," the ministry said in a statement.
                """.getBytes(StandardCharsets.UTF_8));
        awaitGone("new-statement.txt");
        Path seed = Files.list(home.resolve("seeds")).filter(p -> p.getFileName().toString().startsWith("005_")).findFirst().orElseThrow();
        assertThat(seed.getFileName().toString()).matches("005_[0-9a-f]{16}\\.txt");
        assertThat(Files.readString(seed)).isEqualTo("""
                 date 2023-07-04 Russia advocates a ceasefire in Jenin

                The Russian Foreign Ministry called for restraint around the West Bank city of Jenin.

                "We call on all sides to stop the violence," the ministry said in a statement.
                """);
        assertThat(inbox.resolve(".done/new-statement.txt")).exists();
    }

    @Test
    @Order(4)
    void aSavedNewsPageBecomesItsArticleTextAndAnEmailItsTitleDateAndBody() throws Exception {
        drop("page.html", fixture("ingest/html/news_page_world_desk.html"));
        drop("release.eml", fixture("ingest/eml/press_release_plain.eml"));
        awaitGone("page.html");
        awaitGone("release.eml");
        String page = seedContaining("Lavrov meets Arab League envoy");
        assertThat(page).startsWith(" date 2024-04-02 Lavrov meets Arab League envoy on Gaza truce\n\nRussian Foreign Minister Sergey Lavrov met")
                .contains("two-state solution")
                .doesNotContain("Subscribe to our newsletter", "Celebrity chef", "PIXEL-TRACKER", "Cookie settings", "Related stories");
        String mail = seedContaining("Statement by the Ministry on the situation in Jenin"); // the dropped text of test 3 names Jenin too
        assertThat(mail).startsWith(" date 2023-07-04 Statement by the Ministry on the situation in Jenin\n\nThe Ministry expresses deep concern")
                .contains("principled position");
    }

    private static byte[] fixture(String name) throws IOException {
        try (var in = DaemonTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    private String seedContaining(String text) throws IOException {
        try (var files = Files.list(home.resolve("seeds"))) {
            for (Path p : files.toList()) {
                String content = Files.readString(p);
                if (content.contains(text) && !TestHome.ORIGINALS.contains(p.getFileName().toString())) {
                    return content;
                }
            }
        }
        throw new AssertionError("no new article in seeds/ contains " + text);
    }

    @Test
    @Order(5)
    void binaryEmptyAndOversizedFilesFailWithAReasonAndTheDaemonKeepsRunning() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        drop("garbage.bin", noise);
        drop("empty.txt", new byte[0]);
        Path big = inbox.resolve(".big.txt.part");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            byte[] line = "A line of a very long text that someone dropped into the inbox by mistake.\n".getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < 50 << 20; written += line.length) {
                f.write(line);
            }
        }
        Files.move(big, inbox.resolve("big.txt"));
        drop("slides.pdf", "%PDF-1.7 not really".getBytes(StandardCharsets.UTF_8));
        for (String n : new String[] {"garbage.bin", "empty.txt", "big.txt", "slides.pdf"}) {
            awaitGone(n);
            assertThat(inbox.resolve(".failed").resolve(n)).exists();
            assertThat(Files.readString(inbox.resolve(".failed").resolve(n + ".error"))).isNotBlank();
        }
        assertThat(Files.readString(inbox.resolve(".failed/big.txt.error"))).contains("dipwatch.ingest.max-bytes");
        assertThat(Files.readString(inbox.resolve(".failed/slides.pdf.error"))).contains(".txt").contains(".html").contains(".eml");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aFileDroppedAgainWithATakenNameIsKeptBesideTheFirst() throws Exception {
        drop("copy-a.txt", Files.readAllBytes(TestHome.original(TestHome.ORIGINALS.get(0))));
        awaitGone("copy-a.txt");
        assertThat(inbox.resolve(".done/copy-a.txt")).exists();
        assertThat(inbox.resolve(".done/copy-a-1.txt")).exists();
    }

    @Test
    @Order(7)
    void metricsCountArticlesBySourceAndVerdictBesideCamelAndJvmMetrics() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .containsPattern("(?m)^dipwatch_articles_total\\{.*source=\"inbox\".*verdict=\"duplicate\".*} 6\\.0$")
                // the dropped text and the e-mailed statement on Jenin report the Russian MFA's statement of 4 July 2023,
                // which seed 001 reports: both join its story; the saved news page (Lavrov, Arab League, 2024) is new
                .containsPattern("(?m)^dipwatch_articles_total\\{.*verdict=\"new\".*} 1\\.0$")
                .containsPattern("(?m)^dipwatch_articles_total\\{.*verdict=\"same_story\".*} 2\\.0$")
                .containsPattern("(?m)^dipwatch_articles_total\\{.*verdict=\"failed\".*} 4\\.0$")
                .containsPattern("(?m)^dipwatch_ingest_failures_total\\{.*stage=\"read\".*} 4\\.0$")
                .containsPattern("(?m)^dipwatch_corpus_articles\\{.*} 8\\.0$")
                .contains("jvm_memory_used_bytes")
                .containsPattern("(?m)^camel_exchanges_total\\{.*routeId=\"ingest-inbox\"");
    }

    @Test
    @Order(8)
    void healthAnswers503WhenARouteIsDown() throws Exception {
        daemon.main().getCamelContext().getRouteController().stopRoute("ingest-inbox");
        try {
            HttpResponse<String> r = get("/health");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(r.body()).path("status").asText()).isEqualTo("DOWN");
        } finally {
            daemon.main().getCamelContext().getRouteController().startRoute("ingest-inbox");
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void theLogLevelSettingAppliesWhereverItWasSetAndANonLevelChangesNothing() {
        org.apache.logging.log4j.Logger ours = org.apache.logging.log4j.LogManager.getLogger("org.dipwatch.alert.Deliverer");
        try {
            Daemon.logLevel(Settings.of(home, Map.of("dipwatch.log.level", "warn")));
            assertThat(ours.isInfoEnabled()).isFalse();
            assertThat(ours.isWarnEnabled()).isTrue();
            Daemon.logLevel(Settings.of(home, Map.of("dipwatch.log.level", "chatty")));
            assertThat(ours.isInfoEnabled()).isFalse();
        } finally {
            Daemon.logLevel(Settings.of(home, Map.of()));
        }
        assertThat(ours.isInfoEnabled()).isTrue();
    }
}
