package org.dipwatch.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.dedup.NewsDay;
import org.dipwatch.model.Draft;
import org.dipwatch.model.IngestResult;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The footprint of issue #15, as a user meets it, with the built jar ({@code ./mvnw -q -B
 * -DskipTests package} first) on 127.0.0.1 only:
 * <ul>
 *   <li>start-up: {@code bin/dipwatch run} to the first {@code /health} 200, {@code bench.starts}
 *       times (median), on a fresh home (the five originals) and on a home of {@code bench.articles}
 *       NewsDay articles (built once through the real pipeline into {@code target/bench/startup/},
 *       and kept for later runs); the daemon's CPU seconds to that point and its resident memory
 *       {@code bench.idle-seconds} later;</li>
 *   <li>the commands, each with no daemon running, both as {@code java -jar target/dipwatch.jar} and
 *       through {@code bin/dipwatch}: {@code classify} of one file, {@code similar} and {@code ingest}
 *       of three, {@code alerts}, on a copy of the fresh home (median of three).</li>
 * </ul>
 * {@code ./mvnw -B -Pbench test -Dtest=StartupBench [-Dbench.articles=100000]}; writes its table to
 * {@code target/bench/startup.md}.
 */
@Tag("bench")
class StartupBench {

    private static final int ARTICLES = Integer.getInteger("bench.articles", 100_000);
    private static final int STARTS = Integer.getInteger("bench.starts", 5);
    private static final int IDLE_SECONDS = Integer.getInteger("bench.idle-seconds", 10);
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path JAR = ROOT.resolve("target/dipwatch.jar");
    private static final Path LAUNCHER = ROOT.resolve("bin/dipwatch");
    private static final Path WORK = ROOT.resolve("target/bench/startup");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final StringBuilder table = new StringBuilder();

    @Test
    void startUpAndCommands() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("StartupBench: " + JAR + " is missing; run ./mvnw -q -B -DskipTests package first");
        }
        Files.createDirectories(WORK);
        table.append(String.format("StartupBench (load average at start %s; %d starts each, median)%n%n",
                Files.readString(Path.of("/proc/loadavg")).trim(), STARTS));
        table.append("| what | median | all |\n|---|---|---|\n");
        Path fresh = WORK.resolve("fresh");
        VolumeBench.deleteTree(fresh);
        Files.createDirectories(fresh.resolve("seeds"));
        for (String name : TestHome.ORIGINALS) {
            Files.copy(TestHome.original(name), fresh.resolve("seeds").resolve(name));
        }
        starts("fresh home (5 originals)", fresh);
        commands(fresh);
        Path big = WORK.resolve("home-" + ARTICLES);
        build(big, ARTICLES);
        starts(String.format("home of %,d articles", ARTICLES), big);
        System.out.println(table);
        Files.writeString(WORK.resolveSibling("startup.md"), table);
    }

    /** Starts the daemon through the launcher, stops it; each start on the same home (a copy for the fresh one). */
    private void starts(String what, Path template) throws Exception {
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        List<Double> readyWalls = new ArrayList<>();
        List<Double> readyCpus = new ArrayList<>();
        long rss = 0;
        for (int k = 0; k < STARTS; k++) {
            Path home = template;
            if (template.getFileName().toString().equals("fresh")) {
                home = WORK.resolve("fresh-run");
                VolumeBench.deleteTree(home);
                copyTree(template, home);
            }
            int port = VolumeBench.freePort();
            ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "run").directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("daemon.log").toFile());
            pb.environment().put("DIPWATCH_HOME", home.toString());
            pb.environment().put("DIPWATCH_HTTP_PORT", Integer.toString(port));
            pb.environment().put("DIPWATCH_SOURCES_ENABLED", "false");
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
                while (!VolumeBench.healthy(http, port)) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError("StartupBench: no /health 200 on " + what + "; see " + home.resolve("daemon.log"));
                    }
                    Thread.sleep(20);
                }
                walls.add((System.nanoTime() - t0) / 1e9);
                cpus.add(cpuSeconds(p.pid()));
                // the warm-up (corpus check, story memory) goes on behind /health: until it is UP, judging waits
                while (!warmedUp(port)) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError("StartupBench: no warm-up on " + what + "; see " + home.resolve("daemon.log"));
                    }
                    Thread.sleep(20);
                }
                readyWalls.add((System.nanoTime() - t0) / 1e9);
                readyCpus.add(cpuSeconds(p.pid()));
                if (k == 0) {
                    Thread.sleep(IDLE_SECONDS * 1000L);
                    rss = rssMb(p.pid());
                }
            } finally {
                p.destroy();
                p.waitFor(90, TimeUnit.SECONDS);
            }
        }
        row("bin/dipwatch run to /health 200, " + what, walls, "s");
        row("  its CPU to /health 200", cpus, "CPU-s");
        row("  to warmed up (dipwatch:warm-up UP: judging)", readyWalls, "s");
        row("  its CPU to warmed up", readyCpus, "CPU-s");
        table.append(String.format("|   resident memory %d s after /health | %d MB | |%n", IDLE_SECONDS, rss));
    }

    /** Whether the daemon's {@code /health} says its warm-up is over ({@code dipwatch:warm-up} UP). */
    private boolean warmedUp(int port) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return "UP".equals(new ObjectMapper().readTree(r.body())
                    .path("checks").path("dipwatch:warm-up").path("state").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The commands on copies of the fresh home, no daemon running. */
    private void commands(Path fresh) throws Exception {
        Path files = WORK.resolve("files");
        VolumeBench.deleteTree(files);
        List<Path> three = BenchCorpus.write(files, 3, 15);
        String one = fresh.resolve("seeds").resolve(TestHome.ORIGINALS.get(0)).toString();
        List<String[]> cases = List.of(new String[] {"classify", one},
                new String[] {"similar", three.get(0).toString(), three.get(1).toString(), three.get(2).toString()},
                new String[] {"alerts"},
                new String[] {"ingest", three.get(0).toString(), three.get(1).toString(), three.get(2).toString()});
        for (String how : List.of("java -jar", "bin/dipwatch")) {
            for (String[] args : cases) {
                List<Double> walls = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    Path home = WORK.resolve("command-home");
                    VolumeBench.deleteTree(home);
                    copyTree(fresh, home);
                    // the home's index made and migrated beforehand, as a user's home has it
                    run(home, "java -jar", new String[] {"alerts"});
                    walls.add(run(home, how, args));
                }
                row(how + " " + args[0] + (args.length > 2 ? " of " + (args.length - 1) + " files" : args.length == 2 ? " of one file" : ""),
                        walls, "s");
            }
        }
    }

    private double run(Path home, String how, String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        if (how.equals("java -jar")) {
            command.addAll(List.of("java", "-Ddipwatch.home=" + home, "-jar", JAR.toString()));
        } else {
            command.add(LAUNCHER.toString());
        }
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("command.log").toFile());
        pb.environment().put("DIPWATCH_HOME", home.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("StartupBench: " + command + " failed; see " + home.resolve("command.log") + ":\n"
                    + Files.readString(home.resolve("command.log")));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A home of {@code articles} NewsDay articles stored through the pipeline, about 5,000 a day; kept once built. */
    private static void build(Path home, int articles) throws Exception {
        Path seeds = home.resolve("seeds");
        // a home built before is kept: the marker says for how many items (a few of the NewsDay items
        // are judged copies and not stored, so the files alone do not tell)
        Path built = home.resolve("built-for");
        if (Files.isRegularFile(built) && Files.readString(built).trim().equals(Integer.toString(articles))) {
            return;
        }
        VolumeBench.deleteTree(home);
        Files.createDirectories(seeds);
        List<NewsDay.Item> items = NewsDay.generate(41, articles, LocalDate.of(2026, 3, 3), Math.max(1, (articles + 4999) / 5000), 0.0);
        try (Pipeline pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()))) {
            for (int from = 0; from < items.size(); from += 2_000) {
                List<CompletableFuture<IngestResult>> results = new ArrayList<>();
                for (NewsDay.Item item : items.subList(from, Math.min(items.size(), from + 2_000))) {
                    Draft draft = new Draft(item.title(), item.date(), item.paragraphs(), item.url());
                    CompletableFuture<IngestResult> r = null;
                    while (r == null) {
                        r = pipeline.submit(new Pipeline.Intake(item.url(), item.outlet(), () -> new Pipeline.Read(draft, null)),
                                Duration.ofSeconds(1));
                    }
                    results.add(r);
                }
                for (CompletableFuture<IngestResult> r : results) {
                    r.join();
                }
                System.out.printf("[bench] startup home: %,d of %,d articles%n", from + results.size(), articles);
            }
        }
        Files.writeString(built, Integer.toString(articles));
    }

    /** The JVM's process: the launcher execs java, so it is the process started. */
    private static double cpuSeconds(long pid) throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return 0;
    }

    private void row(String what, List<Double> values, String unit) {
        List<Double> sorted = values.stream().sorted().toList();
        table.append(String.format("| %s | %.2f %s | %s |%n", what, sorted.get(sorted.size() / 2), unit,
                String.join(" ", values.stream().map(v -> String.format("%.2f", v)).toList())));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
