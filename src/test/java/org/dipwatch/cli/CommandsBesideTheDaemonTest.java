package org.dipwatch.cli;

import org.dipwatch.daemon.RunningDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dipwatch.ListeningSockets;
import org.dipwatch.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that use the index while a daemon runs on the home (in a JVM of its own, which holds
 * the index): the CLI finds it in {@code data/daemon.run} and the daemon carries them out, with the
 * same output the command prints alone; the daemon opens no port for it beside HTTP. Then the same
 * home after the daemon stopped, or was killed: the command works alone on the index.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandsBesideTheDaemonTest {

    private static final String TOKEN = "api-token-of-the-cli-test";
    private static final Path REWRITTEN = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-004.txt").toAbsolutePath();

    @TempDir
    static Path home;
    private Process daemon;
    private int port;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** What {@code similar} printed on this home before the daemon started: the command alone. */
    private String similarAlone;

    @BeforeAll
    void startDaemon() throws Exception {
        TestHome.create(home);
        System.setProperty("dipwatch.home", home.toString());
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: desk
                    email: { to: [desk@example.org] }
                """);
        assertThat(run("similar", "--top", "3", REWRITTEN.toString())).isZero();
        similarAlone = out.toString();
        port = TestHome.freePort();
        daemon = TestHome.startDaemonProcess(home, port, Map.of("DIPWATCH_API_TOKEN", TOKEN),
                "-Ddipwatch.mail.host=127.0.0.1", "-Ddipwatch.mail.port=" + TestHome.freePort());
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                    && RunningDaemon.find(home, Duration.ZERO).isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the daemon did not start; its log:\n" + Files.readString(home.resolve("daemon.log")), e);
        }
    }

    @AfterAll
    void stopDaemon() throws Exception {
        System.clearProperty("dipwatch.home");
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
    }

    @BeforeEach
    @AfterEach
    void clearOutput() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private int run(String... args) {
        return App.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private List<JsonNode> jsonLines() throws IOException {
        return CommandsTest.jsonLines(out.toString());
    }

    @Test
    @Order(1)
    void theDaemonAnnouncesItselfToItsUserAloneAndOpensNoPortButHttp() throws Exception {
        Path file = RunningDaemon.file(home);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        RunningDaemon running = RunningDaemon.find(home, Duration.ZERO).orElseThrow();
        assertThat(running.pid()).isEqualTo(daemon.pid());
        assertThat(running.port()).isEqualTo(port);
        assertThat(running.key()).matches("[0-9a-f]{48}");
        assertThat(ListeningSockets.of(daemon.pid())).containsExactly("127.0.0.1:" + port);
        assertThat(TestHome.list(home.resolve("data"))).doesNotContain("index.server");
    }

    @Test
    @Order(2)
    void theCliApiNeedsTheDaemonsKeyNotTheApiToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String authorization : List.of("", "Bearer " + TOKEN, "Bearer wrong")) {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cli/alerts"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"\"}"));
            if (!authorization.isEmpty()) {
                post.header("Authorization", authorization);
            }
            HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(authorization).isEqualTo(401);
            assertThat(answer.body()).as(authorization).contains("data/daemon.run").doesNotContain("pending");
        }
    }

    @Test
    @Order(3)
    void similarPrintsWhatItPrintsAlone() throws Exception {
        assertThat(run("similar", "--top", "3", REWRITTEN.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(similarAlone);
        assertThat(jsonLines().get(0).path("verdict").asText()).isEqualTo("near_duplicate");
    }

    @Test
    @Order(4)
    void ingestIsCarriedOutByTheDaemonWhichThenKnowsTheArticle() throws Exception {
        Path libya = Files.writeString(home.resolve("libya.txt"), """
                Moscow hosts talks on Libya

                Deputy Foreign Minister Mikhail Bogdanov held consultations in Moscow with a delegation of the Libyan Presidential Council.
                """);
        Path relative = Path.of("").toAbsolutePath().relativize(libya);
        assertThat(run("ingest", relative.toString(), libya.toString(), home.resolve("missing.txt").toString()))
                .as(err.toString()).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("file").asText()).as("the path as the user typed it").isEqualTo(relative.toString());
        assertThat(lines.get(0).path("source").asText()).isEqualTo("cli");
        assertThat(lines.get(0).path("verdict").asText()).isEqualTo("new");
        assertThat(lines.get(0).path("language").asText()).as("the classification too").isEqualTo("en");
        String article = lines.get(0).path("article").asText();
        assertThat(home.resolve("seeds").resolve(article)).exists();
        // the daemon's own index in memory knows it at once: the same text again is a duplicate
        assertThat(lines.get(1).path("verdict").asText()).isEqualTo("duplicate");
        assertThat(lines.get(1).path("duplicateOf").asText()).isEqualTo(article);
        assertThat(lines.get(2).path("verdict").asText()).isEqualTo("failed");
        assertThat(lines.get(2).path("reason").asText()).contains("missing.txt does not exist");
        // and its subscription owes the desk an alert, in the daemon's outbox
        clearOutput();
        assertThat(run("alerts")).isZero();
        assertThat(jsonLines()).singleElement().satisfies(counts -> assertThat(counts.path("pending").asInt()
                + counts.path("delivered").asInt() + counts.path("dead").asInt()).isEqualTo(1));
        clearOutput();
        assertThat(run("alerts", "log", "desk")).isZero();
        clearOutput();
        assertThat(run("alerts", "replay", "12345")).isZero();
        assertThat(jsonLines()).singleElement().satisfies(l -> assertThat(l.path("replayed").asBoolean()).isFalse());
    }

    @Test
    @Order(5)
    void reindexAndCheckConfigRunBesideTheDaemon() throws Exception {
        assertThat(run("reindex")).as(err.toString()).isZero();
        assertThat(jsonLines().get(0).path("files").asInt()).isEqualTo(6);
        List<String> keys = new java.util.ArrayList<>();
        jsonLines().get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("the daemon's summary, as the command alone prints it")
                .containsExactly("files", "added", "updated", "missing", "reclassified", "unreadable", "seconds");
        clearOutput();
        assertThat(run("check-config", "--json")).as(out + " " + err).isZero();
        assertThat(jsonLines().get(0).path("routes").asInt()).isGreaterThan(10);
        assertThat(daemon.isAlive()).isTrue();
    }

    @Test
    @Order(6)
    void aFileLeftByAKilledDaemonIsToldFromALiveOneAndTheCommandWorksAlone() throws Exception {
        daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(RunningDaemon.file(home)).as("a SIGKILL leaves it").exists();
        assertThat(RunningDaemon.find(home, Duration.ofSeconds(5))).isEmpty();
        // a live process that is no daemon, under the id the file names (this JVM) and with a port nobody answers on
        Files.writeString(RunningDaemon.file(home), "pid=" + ProcessHandle.current().pid() + "\nhost=127.0.0.1\nport="
                + TestHome.freePort() + "\nkey=" + RunningDaemon.newKey() + "\n");
        assertThat(run("similar", "--top", "3", REWRITTEN.toString())).as(err.toString()).isZero();
        assertThat(jsonLines().get(0).path("verdict").asText()).isEqualTo("near_duplicate");
        clearOutput();
        assertThat(run("alerts")).as(err.toString()).isZero();
        assertThat(jsonLines()).singleElement().satisfies(counts -> assertThat(counts.size()).isEqualTo(1));
    }
}
