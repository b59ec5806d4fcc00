package org.dipwatch;

import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.StoreTrouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk of {@code seeds/} full: {@code seeds/} is a tmpfs of 256 KiB (mounted for the test,
 * which needs the right to mount: root, as on the project's machines; skipped elsewhere), filled
 * to its last byte while the daemon runs. Files dropped then are not stored: they stay in
 * {@code inbox/}, nothing half-written is left in {@code seeds/}, the index holds nothing of them,
 * {@code /health} says DEGRADED and why, and intake pauses instead of reading them again at every
 * scan. Once there is room again all of them are stored and the daemon is UP. The fast case keeps
 * the disk full seconds; the hardening case minutes ({@code -Dfaults.minutes}, default 1).
 */
class SeedsDiskFullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private Path seeds;
    private boolean mounted;
    private Daemon daemon;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void mountASmallSeedsFolder() throws Exception {
        TestHome.create(home);
        seeds = home.resolve("seeds");
        Path originals = Files.move(seeds, home.resolve("originals"));
        Files.createDirectories(seeds);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=256k", "dipwatch-test-seeds", seeds.toString()) == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs the right to mount (root)");
        for (String name : TestHome.ORIGINALS) {
            Files.copy(originals.resolve(name), seeds.resolve(name));
        }
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.of("dipwatch.sources.enabled", "false",
                "dipwatch.http.port", Integer.toString(port)))), CommandApi::new);
        daemon.start();
    }

    @AfterEach
    void unmount() throws Exception {
        if (daemon != null) {
            daemon.stop();
        }
        if (mounted) {
            run("umount", seeds.toString());
        }
    }

    @Test
    void aFullDiskForSecondsStoresNothingHalfAndEverythingOnceThereIsRoom() throws Exception {
        fullDisk(Duration.ofSeconds(5));
    }

    @Test
    @Tag("hardening")
    void aFullDiskForMinutesStoresNothingHalfAndEverythingOnceThereIsRoom() throws Exception {
        fullDisk(Duration.ofMinutes(Long.getLong("faults.minutes", 1)));
    }

    private void fullDisk(Duration full) throws Exception {
        drop("before.txt", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(home.resolve("inbox/.done/before.txt")));
        long articles = daemon.pipeline().stages().corpus().index().articleCount();

        Path ballast = seeds.resolve("ballast.bin");
        long filled = fill(ballast);
        List<String> before = TestHome.list(seeds);
        int files = 6;
        long end = System.nanoTime() + full.toNanos();
        for (int i = 1; i <= files; i++) {
            drop("during-" + i + ".txt", i);
        }
        // refused: /health names the full disk, and the daemon runs on
        await().atMost(Duration.ofSeconds(30)).until(() -> health().path("status").asText().equals("DEGRADED"));
        JsonNode store = health().path("checks").path("dipwatch:store");
        assertThat(store.path("state").asText()).isEqualTo("DEGRADED");
        assertThat(store.path("message").asText()).contains("No space left on device").contains(seeds.toString());
        long scans = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            assertThat(health().path("status").asText()).isEqualTo("DEGRADED");
            scans++;
        }
        // nothing stored, nothing half-written, every file still in inbox/ to be taken again
        assertThat(TestHome.list(seeds)).as("no temporary or partial file in seeds/").isEqualTo(before);
        assertThat(daemon.pipeline().stages().corpus().index().articleCount()).isEqualTo(articles);
        assertThat(waiting()).hasSize(files);
        assertThat(TestHome.list(home.resolve("inbox/.done"))).containsExactly("before.txt");
        assertThat(home.resolve("inbox/.failed")).satisfiesAnyOf(f -> assertThat(f).doesNotExist(),
                f -> assertThat(TestHome.list(f)).isEmpty());
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double refused = PrometheusText.sum(metrics, "dipwatch_ingest_failures_total", "stage=\"store\"");
        // intake paused between rounds: the files were not read and refused again at every scan (250 ms)
        long scansOfTheInbox = full.toMillis() / 250;
        assertThat(refused).as("attempts to store while full").isGreaterThanOrEqualTo(files).isLessThan(files * scansOfTheInbox / 2.0);

        String told = health().path("checks").path("dipwatch:store").path("message").asText();
        long room = System.nanoTime();
        Files.delete(ballast);
        await().atMost(StoreTrouble.MAX_PAUSE.plusSeconds(30)).until(() -> TestHome.list(home.resolve("inbox/.done")).size() == files + 1);
        assertThat(waiting()).isEmpty();
        assertThat(daemon.pipeline().stages().corpus().index().articleCount()).isEqualTo(articles + files);
        assertThat(TestHome.list(seeds)).hasSize(before.size() - 1 + files).noneMatch(n -> n.startsWith("."));
        double resumed = (System.nanoTime() - room) / 1e9;
        await().atMost(Duration.ofSeconds(10)).until(() -> health().path("status").asText().equals("UP"));
        System.out.printf("seeds/ full (%d KiB of ballast) for %s: %d files kept in inbox/, %.0f attempts to store refused (a scan "
                + "every 250 ms would have made %d), %d health checks DEGRADED (last: %s); all %d stored %.1f s after there was room%n",
                filled / 1024, full, files, refused, files * scansOfTheInbox, scans, told, files, resumed);
    }

    /** The files waiting in inbox/ (not .done/, .failed/, a .part being written or the lock Camel keeps while it takes one). */
    private List<String> waiting() {
        return TestHome.list(home.resolve("inbox")).stream().filter(n -> !n.startsWith(".") && !n.endsWith(".camelLock")).toList();
    }

    /** Writes {@code file} until the disk is full; returns how many bytes it holds. */
    private static long fill(Path file) throws IOException {
        long written = 0;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return written;
    }

    private void drop(String name, int n) throws IOException {
        Path temp = home.resolve("inbox").resolve("." + name + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, " date 2024-06-" + String.format("%02d", 1 + n) + " In note " + n + ", the ministry said that talks on "
                + "the water of the Nile between Egypt and Ethiopia would resume in round " + (n * 7919) + ".\n");
        Files.move(temp, home.resolve("inbox").resolve(name));
    }

    private JsonNode health() throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
