package org.dipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dipwatch.TestHome;
import org.dipwatch.daemon.RunningDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} of an H2 home while its daemon runs (the daemon holds the file and writes the
 * backup), {@code restore} into a new home, and the same {@code ingest} verdicts there (issue #13, acceptance 4).
 */
class BackupRestoreTest {

    private static final Path WIRE = Path.of("src/test/resources/dedup/restart/marzook-call-wire.txt").toAbsolutePath();
    private static final Path REWRITTEN = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-004.txt").toAbsolutePath();

    @TempDir
    Path home;
    @TempDir
    Path elsewhere;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @AfterEach
    void clearHome() {
        System.clearProperty("dipwatch.home");
    }

    private int run(Path at, String... args) {
        System.setProperty("dipwatch.home", at.toString());
        out = new StringWriter();
        err = new StringWriter();
        return App.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aBackupTakenWhileTheDaemonRunsRestoresIntoANewHomeThatJudgesAlike() throws Exception {
        TestHome.create(home);
        assertThat(run(home, "ingest", WIRE.toString())).as(err.toString()).isZero();
        Process daemon = TestHome.startDaemonProcess(home, TestHome.freePort());
        Path dir = elsewhere.resolve("backup");
        JsonNode summary;
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> RunningDaemon.find(home, Duration.ZERO).isPresent());
            assertThat(run(home, "backup", dir.toString())).as(err.toString()).isZero();
            summary = CommandsTest.jsonLines(out.toString()).get(0);
            // a second backup into the same folder would mix two
            assertThat(run(home, "backup", dir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("holds a backup already");
        } finally {
            TestHome.stop(daemon);
        }
        assertThat(summary.path("files").asInt()).isEqualTo(6);
        assertThat(summary.path("rows").path("article").asInt()).isEqualTo(6);
        assertThat(summary.path("rows").path("arrival").asInt()).isEqualTo(1);
        assertThat(summary.path("missingFiles")).isEmpty();

        Path fresh = elsewhere.resolve("fresh");
        assertThat(run(fresh, "restore", dir.toString())).as(err.toString()).isZero();
        assertThat(TestHome.list(fresh.resolve("seeds"))).isEqualTo(TestHome.list(home.resolve("seeds")));
        // restoring twice is refused: the index holds the rows now
        assertThat(run(fresh, "restore", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("already holds rows in");

        assertThat(run(home, "ingest", WIRE.toString(), REWRITTEN.toString())).isZero();
        String original = out.toString();
        assertThat(run(fresh, "ingest", WIRE.toString(), REWRITTEN.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(original);
        assertThat(CommandsTest.jsonLines(original).stream().map(l -> l.path("verdict").asText()).toList())
                .containsExactly("duplicate", "near_duplicate");
    }

    @Test
    void aRestoreIntoAHomeWithOtherArticlesIsRefused() throws Exception {
        TestHome.create(home);
        Path dir = elsewhere.resolve("backup");
        assertThat(run(home, "backup", dir.toString())).as(err.toString()).isZero();
        Path other = elsewhere.resolve("other");
        Files.createDirectories(other.resolve("seeds"));
        Files.writeString(other.resolve("seeds").resolve("007_0123456789abcdef.txt"), "an article of another corpus\n");
        assertThat(run(other, "restore", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("holds 1 article files the backup does not (007_0123456789abcdef.txt)");
        assertThat(TestHome.list(other.resolve("seeds"))).containsExactly("007_0123456789abcdef.txt");
    }
}
