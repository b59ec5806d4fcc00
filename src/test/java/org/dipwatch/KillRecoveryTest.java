package org.dipwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL or SIGTERM while 200 files are being ingested, then a restart: every file ends in
 * .done/ or .failed/, no article is in seeds/ twice and no partial file is left there; SIGTERM
 * stops without an error in the log or in the index's trace.
 */
class KillRecoveryTest {

    private static final int FILES = 200;

    @TempDir
    Path home;
    private Process daemon;

    @AfterEach
    void kill() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
    }

    private Process startDaemon(String... more) throws IOException {
        List<String> options = new ArrayList<>(TestHome.everyTextANewStoryOptions());
        options.add("-Ddipwatch.inbox.max-per-poll=20");
        options.addAll(List.of(more));
        return TestHome.startDaemonProcess(home, TestHome.freePort(), options.toArray(String[]::new));
    }

    private List<Path> pending() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("inbox"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private long processed() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("inbox/.done"))) {
            return s.count();
        }
    }

    private void awaitOrShowLog(Duration limit, java.util.concurrent.Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; daemon log:\n" + Files.readString(home.resolve("daemon.log")), e);
        }
    }

    @Test
    void sigtermInABurstFinishesWhatIsInFlightClosesTheIndexLogsNoErrorAndTheRestartTakesTheRest() throws Exception {
        Path inbox = homeWithStatements();
        // the daemon's own logging (log4j2.xml: INFO, no shutdown hook), not the tests' log4j2-test.xml
        daemon = startDaemon("-Dlog4j2.configurationFile=log4j2.xml");
        awaitOrShowLog(Duration.ofSeconds(60), () -> processed() >= 10);
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as("stopped within the shutdown timeout").isTrue();
        String log = Files.readString(home.resolve("daemon.log"));
        assertThat(pending()).as("the stop must land while files are still waiting").isNotEmpty();
        assertThat(processed() + pending().size()).as("each file in .done/ or still in inbox/").isEqualTo(FILES);
        assertThat(TestHome.list(inbox.resolve(".failed"))).isEmpty();
        // logged to its very end (Log4j stops last), without an error on the way down
        assertThat(log).contains("dipwatch: stopping: no new work is taken").endsWith("dipwatch: stopped; the index is closed\n");
        assertThat(log).doesNotContain(" ERROR ").doesNotContain("Exception").doesNotContain("already closed");
        // H2 writes data/index.trace.db only when it meets an error
        assertThat(TestHome.list(home.resolve("data"))).noneMatch(n -> n.endsWith(".trace.db"));
        assertThat(TestHome.list(home.resolve("data"))).as("the CLI finds no daemon to ask").doesNotContain("daemon.run");

        daemon = startDaemon();
        awaitOrShowLog(Duration.ofSeconds(120), () -> pending().isEmpty());
        assertThat(TestHome.list(inbox.resolve(".done"))).hasSize(FILES);
        assertThat(TestHome.list(inbox.resolve(".failed"))).isEmpty();
        assertThat(TestHome.list(home.resolve("seeds"))).hasSize(5 + FILES);
    }

    /** A home with the originals and {@link #FILES} distinct statements waiting in its inbox; returns the inbox. */
    private Path homeWithStatements() throws IOException {
        TestHome.create(home);
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.createDirectories(inbox.resolve(".done"));
        for (int i = 0; i < FILES; i++) {
            Path temp = inbox.resolve(".statement-" + i + ".part");
            Files.writeString(temp, "Statement number " + i + " on the situation in the region\n\n"
                    + "The ministry said on day " + i + " that it stood ready to support mediation, statement " + i + ".\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, inbox.resolve("statement-" + i + ".txt"));
        }
        return inbox;
    }

    @Test
    void everyFileEndsDoneOrFailedOnceAfterASigkill() throws Exception {
        Path inbox = homeWithStatements();
        daemon = startDaemon();
        awaitOrShowLog(Duration.ofSeconds(60), () -> processed() >= 30);
        daemon.destroyForcibly().waitFor();
        assertThat(pending()).as("the kill must land while files are still waiting").isNotEmpty();

        daemon = startDaemon();
        awaitOrShowLog(Duration.ofSeconds(120), () -> pending().isEmpty());
        daemon.destroy();
        daemon.waitFor();

        List<String> done = TestHome.list(inbox.resolve(".done"));
        List<String> failed = TestHome.list(inbox.resolve(".failed"));
        assertThat(done).hasSize(FILES).allMatch(n -> n.matches("statement-\\d+\\.txt"));
        assertThat(failed).isEmpty();
        List<String> seeds = TestHome.list(home.resolve("seeds"));
        assertThat(seeds).noneMatch(n -> n.startsWith(".")).allMatch(n -> n.matches("\\d{3,}_[0-9a-f]{16}\\.txt"));
        assertThat(seeds).hasSize(5 + FILES);
        Set<String> texts = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String n : seeds) {
            String text = Files.readString(home.resolve("seeds").resolve(n));
            if (!TestHome.ORIGINALS.contains(n)) {
                assertThat(text).as(n).startsWith("Statement number ").endsWith(".\n");
            }
            if (!texts.add(text)) {
                repeated.add(n);
            }
        }
        assertThat(repeated).as("articles in seeds/ twice").isEmpty();
        assertThat(new File(home.toFile(), "daemon.log")).content().doesNotContain("Exception in thread");
    }
}
