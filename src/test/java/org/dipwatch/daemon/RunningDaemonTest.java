package org.dipwatch.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.dipwatch.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a daemon announces itself in {@code data/daemon.run}, and how the CLI tells a running one from a file left behind. */
class RunningDaemonTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource({"127.0.0.1, 127.0.0.1", "0.0.0.0, 127.0.0.1", "::, ::1", "::1, 0:0:0:0:0:0:0:1", "10.1.2.3, 10.1.2.3"})
    void theCliConnectsToTheBoundAddressOrToTheLoopbackOfAWildcard(String bound, String reached) {
        assertThat(RunningDaemon.reachableHost(bound)).isEqualTo(reached);
    }

    @Test
    void aStartingDaemonWritesItsFileForItsUserAloneThenItsPortAndRemovesOnlyItsOwn() throws Exception {
        RunningDaemon starting = RunningDaemon.starting(home, "127.0.0.1");
        Path file = RunningDaemon.file(home);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(RunningDaemon.read(file)).contains(starting);
        assertThat(starting.port()).isZero();
        assertThat(starting.pid()).isEqualTo(ProcessHandle.current().pid());
        RunningDaemon listening = starting.listening(home, 8080);
        assertThat(RunningDaemon.read(file)).contains(listening);
        assertThat(listening.key()).isEqualTo(starting.key()).matches("[0-9a-f]{48}");
        assertThat(listening.toString()).doesNotContain(listening.key());
        // a daemon started since on the same home wrote its own: the first does not remove it
        RunningDaemon other = RunningDaemon.starting(home, "127.0.0.1");
        listening.withdraw(home);
        assertThat(RunningDaemon.read(file)).contains(other);
        other.withdraw(home);
        assertThat(file).doesNotExist();
        assertThat(TestHome.list(home.resolve("data"))).isEmpty();
    }

    @Test
    void aFileLeftBehindOrHalfReadIsNoDaemon() throws Exception {
        Path file = RunningDaemon.file(home);
        assertThat(RunningDaemon.find(home, Duration.ZERO)).as("no file").isEmpty();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "pid=");
        assertThat(RunningDaemon.read(file)).as("half a file").isEmpty();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(file, "pid=" + gone.pid() + "\nhost=127.0.0.1\nport=" + TestHome.freePort() + "\nkey=" + RunningDaemon.newKey() + "\n");
        assertThat(RunningDaemon.find(home, Duration.ofSeconds(5))).as("its process is gone").isEmpty();
        Files.writeString(file, "pid=" + ProcessHandle.current().pid() + "\nhost=127.0.0.1\nport=" + TestHome.freePort() + "\nkey="
                + RunningDaemon.newKey() + "\n");
        assertThat(RunningDaemon.find(home, Duration.ofSeconds(5))).as("a live process, but nothing answers at its port").isEmpty();
        Files.writeString(file, "pid=" + ProcessHandle.current().pid() + "\nhost=127.0.0.1\nport=0\nkey=" + RunningDaemon.newKey() + "\n");
        assertThat(RunningDaemon.find(home, Duration.ZERO)).as("still starting, not waited for").isEmpty();
    }
}
