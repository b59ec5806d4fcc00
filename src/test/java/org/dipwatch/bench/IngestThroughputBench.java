package org.dipwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks of the spine, run with {@code ./mvnw -Pbench test}: files per second through the
 * {@code ingest} pipeline on a few thousand files, and the daemon's start-up time and idle memory.
 * Figures go to standard output and to {@code target/bench/spine.txt}; nothing here asserts a time.
 */
@Tag("bench")
class IngestThroughputBench {

    private static final int FILES = 3000;

    @TempDir
    Path tmp;
    private final BenchReport report = new BenchReport("spine.txt");

    private void say(String line) throws IOException {
        report.say(line);
    }

    @Test
    void spine() throws Exception {
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        ingestThroughput();
        startupAndIdleMemory();
    }

    private void ingestThroughput() throws Exception {
        for (int run = 1; run <= 3; run++) {
            Path home = TestHome.create(tmp.resolve("home" + run));
            List<Path> files = BenchCorpus.write(tmp.resolve("in" + run), FILES, run);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            long[] micros = new long[FILES];
            java.util.Map<Verdict, Integer> verdicts = new java.util.EnumMap<>(Verdict.class);
            long start = System.nanoTime();
            try (Pipeline pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()))) {
                for (int i = 0; i < FILES; i++) {
                    long t0 = System.nanoTime();
                    // recombined from the originals' paragraphs, many files are near-duplicates or later
                    // reports of one another: each still goes the whole way through dedup
                    Verdict v = pipeline.ingestFile(files.get(i), "bench").verdict();
                    assertThat(v).isNotEqualTo(Verdict.FAILED);
                    verdicts.merge(v, 1, Integer::sum);
                    micros[i] = (System.nanoTime() - t0) / 1000;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            java.util.Arrays.sort(micros);
            say(String.format("ingest run %d: %d files (%.1f MB) in %.2f s = %.0f files/s; per file p50 %.2f ms, p99 %.2f ms; %s",
                    run, FILES, bytes / 1e6, seconds, FILES / seconds, micros[FILES / 2] / 1000.0, micros[FILES * 99 / 100] / 1000.0,
                    verdicts));
        }
    }

    private void startupAndIdleMemory() throws Exception {
        for (int run = 1; run <= 3; run++) {
            Path home = TestHome.create(tmp.resolve("daemon" + run));
            int port = TestHome.freePort();
            long t0 = System.nanoTime();
            Process p = TestHome.startDaemonProcess(home, port);
            try {
                HttpClient http = HttpClient.newHttpClient();
                double ready = -1;
                while (ready < 0 && System.nanoTime() - t0 < 60e9) {
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            ready = (System.nanoTime() - t0) / 1e9;
                        }
                    } catch (IOException e) {
                        Thread.sleep(50);
                    }
                }
                Thread.sleep(10_000);
                long rssKb = rss(p.pid());
                say(String.format("daemon run %d: /health 200 after %.2f s (JVM start included); idle RSS after 10 s %d MB (-Xmx256m)",
                        run, ready, rssKb / 1024));
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
