package org.dipwatch.bench;

import org.dipwatch.daemon.Daemon;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.config.Settings;
import org.dipwatch.dedup.NewsDay;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The volume benchmark of issue #10, on 127.0.0.1 only:
 * <ul>
 *   <li><b>first poll</b>: {@code bench.feeds} RSS feeds of {@code bench.items} distinct
 *       {@link NewsDay} items on a local HTTP server, the daemon started as a user starts it
 *       ({@code org.dipwatch.cli.App run} in a JVM of its own, with the launcher's JVM options and
 *       a class-data archive made for it first, as {@code bin/dipwatch cds} makes the build's), one
 *       subscription for every stored article mailed at once to a local SMTP sink; from the
 *       process start and from {@code /health} 200 to the last mail (the bench reads {@code /metrics} once
 *       a second meanwhile, as a monitoring server would, more often); the daemon's CPU seconds
 *       ({@code /proc/PID/stat}) and peak resident memory ({@code VmHWM});</li>
 *   <li><b>304 re-poll</b>: every feed answers 304; from the next cron tick until every source has
 *       polled again ({@code dipwatch_source_polls_total});</li>
 *   <li><b>incremental poll</b>: {@code bench.new} new items per feed; from the next cron tick to
 *       the last of their mails;</li>
 *   <li><b>folder</b>: {@code bench.files} distinct NewsDay seed files moved into {@code inbox/} at
 *       once, in a fresh home; files per second until all are in {@code .done/} or {@code .failed/};</li>
 *   <li><b>flatness</b>: in this JVM, through {@link Pipeline#ingestFile} (normalize, classify,
 *       judge, store: the whole path), the ingest rate over {@code bench.sample} articles when the
 *       corpus holds each of {@code bench.corpus} articles; the corpus is filled through the same
 *       path with NewsDay articles spread over days (about 5,000 a day), so it has real features
 *       and stories.</li>
 * </ul>
 * Run with {@code ./mvnw -B -Pbench test -Dtest=VolumeBench}; smoke-test with e.g.
 * {@code -Dbench.feeds=10 -Dbench.items=10 -Dbench.files=200 -Dbench.corpus=1000,2000}. Each phase
 * fails after {@code bench.timeout-minutes} (15) with what it saw; the daemon is always killed.
 * {@code -Dbench.phases=folder} runs only the phases named (feeds, folder, flatness).
 * {@code -Dbench.jfr=true} records the daemon with JFR ({@code target/bench/volume-*.jfr}).
 * {@code -Dbench.cds=false} starts the daemons without the class-data archive.
 * Prints one table with the targets and writes it to {@code target/bench/volume.md}.
 */
@Tag("bench")
class VolumeBench {

    private static final int FEEDS = Integer.getInteger("bench.feeds", 200);
    private static final int ITEMS = Integer.getInteger("bench.items", 50);
    private static final int NEW_PER_FEED = Integer.getInteger("bench.new", 2);
    private static final int FILES = Integer.getInteger("bench.files", 10_000);
    private static final int[] CORPUS = Arrays.stream(System.getProperty("bench.corpus", "1000,10000,100000").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private static final int SAMPLE = Integer.getInteger("bench.sample", 500);
    private static final long TIMEOUT_NANOS = Duration.ofMinutes(Integer.getInteger("bench.timeout-minutes", 15)).toNanos();
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");
    /** The phases to run ({@code feeds}, {@code folder}, {@code flatness}): one alone to measure or profile it. */
    private static final List<String> PHASES = List.of(System.getProperty("bench.phases", "feeds,folder,flatness").split("\\s*,\\s*"));
    /** The JVM options bin/dipwatch gives the daemon (the README's command, the Docker image): what a user's daemon gets. */
    private static final String JVM_OPTIONS = System.getProperty("bench.jvm",
            "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:-UsePerfData -Xms32m -Xmx256m -XX:NewRatio=3 -XX:MinHeapFreeRatio=10 "
                    + "-XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=48m -Djdk.nio.maxCachedBufferSize=262144 "
                    + "-Dio.netty.allocator.type=unpooled -XX:+ExitOnOutOfMemoryError");
    /**
     * Whether the daemons start with a class-data archive, as {@code bin/dipwatch run} starts a
     * user's daemon (the build makes the archive, README "Set up"): made once here for the
     * daemon's classpath the way {@code bin/dipwatch cds} makes it.
     */
    private static final boolean CDS = !"false".equals(System.getProperty("bench.cds"));
    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    private static final Path WORK = Path.of("target", "bench", "volume").toAbsolutePath();

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void volume() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        if (PHASES.contains("feeds")) {
            try {
                feeds();
            } catch (BenchTimeout e) {
                failures.add(e.getMessage());
            }
        }
        if (PHASES.contains("folder")) {
            try {
                folder();
            } catch (BenchTimeout e) {
                failures.add(e.getMessage());
            }
        }
        if (PHASES.contains("flatness")) {
            flatness();
        }
        String table = table(load);
        System.out.println(table);
        Files.writeString(Path.of("target", "bench", "volume.md"), table);
        if (!failures.isEmpty()) {
            throw new AssertionError("VolumeBench: " + String.join("; ", failures));
        }
    }

    // ------------------------------------------------------------------------ feeds: first, 304, incremental

    private void feeds() throws Exception {
        int total = FEEDS * ITEMS;
        int fresh = FEEDS * NEW_PER_FEED;
        List<NewsDay.Item> items = NewsDay.generate(11, total + fresh, DAY);
        // the first total items (oldest first) are the feeds' contents, the last fresh ones the increment
        FeedServer feeds = new FeedServer(items.subList(0, total), items.subList(total, total + fresh));
        try (feeds; SmtpSink smtp = new SmtpSink()) {
            Path home = home("feeds", smtp.port(), true);
            StringBuilder routes = new StringBuilder("# generated by VolumeBench: one feed source per local feed, cron every 2 s\n");
            for (int f = 0; f < FEEDS; f++) {
                routes.append("- templatedRoute:\n    routeTemplateRef: feed\n    routeId: source-bench-").append(f)
                        .append("\n    parameters:\n      - {name: name, value: \"bench-").append(f).append("\"}\n")
                        .append("      - {name: url, value: \"").append(feeds.url(f)).append("\"}\n")
                        .append("      - {name: cron, value: \"0/2 * * * * ?\"}\n");
            }
            Files.writeString(home.resolve("routes").resolve("bench-feeds.camel.yaml"), routes);
            Daemon d = Daemon.start(home, "feeds");
            try {
                // first poll
                long health = waitForHealth(d, "first poll");
                Scrape[] last = new Scrape[1];
                Throttled metrics = new Throttled(d);
                waitFor("first poll: every item judged and every alert it owes mailed", () -> {
                    last[0] = metrics.get();
                    return last[0] != null && last[0].sum("dipwatch_articles_total", "") >= total
                            && smtp.mails() >= last[0].sum("dipwatch_articles_total", "verdict=\"(new|same_story)\"")
                            && last[0].sourcesPolled() >= FEEDS;
                }, () -> progress(last[0], smtp));
                long lastMail = smtp.lastMailNanos();
                Scrape after = last[0];
                row("first poll: last mail after /health 200", seconds(lastMail - health), "≤ 20 s");
                row("first poll: last mail after process start", seconds(lastMail - d.started), "(rss2email: 27–45 s)");
                row("first poll: daemon CPU (user+sys) at last mail", String.format("%.1f CPU-s", d.cpuSeconds()), "< 30 CPU-s");
                row("first poll: daemon peak RSS (VmHWM)", d.peakRssMb() + " MB", "≤ 512 MB");
                row("first poll: heap work (allocated / promoted; young, full collections)", heapWork(scrape(d)), "");
                row("first poll: items / articles judged / mails", total + " / " + (long) after.sum("dipwatch_articles_total", "") + " / "
                        + smtp.mails(), "one mail per stored article");
                row("first poll: verdicts", after.verdicts(), "distinct items: no duplicates");
                row("first poll: mail size mean / largest", smtp.mails() == 0 ? "—"
                        : String.format("%.1f KiB / %.1f KiB", smtp.bytes() / 1024.0 / smtp.mails(), smtp.largest() / 1024.0), "bounded");

                // 304 re-poll: the next cron tick after everything settled, until every source polled again
                // the counts just before the tick: the previous tick's 304 polls are over by then
                sleepUntilBeforeTick(300);
                Map<String, Double> before = scrape(d).pollsBySource();
                long tick = nextTick();
                int served304 = feeds.notModified.get();
                Scrape[] re = new Scrape[1];
                waitFor("304 re-poll: every source polled again", () -> {
                    re[0] = scrape(d);
                    return re[0] != null && re[0].sourcesPolledSince(before) >= FEEDS;
                }, () -> (re[0] == null ? 0 : re[0].sourcesPolledSince(before)) + " of " + FEEDS + " sources polled again");
                long repolled = System.nanoTime();
                row("304 re-poll of " + FEEDS + " feeds (cron tick → every source polled again, 50 ms scrapes)",
                        seconds(repolled - tick) + " (" + (feeds.notModified.get() - served304) + " × 304, "
                                + feeds.lastRequestAfter(tick) + " s to the last request)", "≤ 1 s");

                // incremental poll: NEW_PER_FEED new items on top of each feed
                long mailsBefore = smtp.mails();
                double judgedBefore = scrape(d).sum("dipwatch_articles_total", "");
                double owedBefore = scrape(d).sum("dipwatch_articles_total", "verdict=\"(new|same_story)\"");
                feeds.next = true;
                long tick2 = nextTick();
                Scrape[] inc = new Scrape[1];
                Throttled incMetrics = new Throttled(d);
                waitFor("incremental poll: the " + fresh + " new items judged and mailed", () -> {
                    inc[0] = incMetrics.get();
                    return inc[0] != null && inc[0].sum("dipwatch_articles_total", "") >= judgedBefore + fresh
                            && smtp.mails() - mailsBefore >= inc[0].sum("dipwatch_articles_total", "verdict=\"(new|same_story)\"") - owedBefore;
                }, () -> progress(inc[0], smtp));
                row("incremental poll: " + fresh + " new items (cron tick → last mail)",
                        seconds(smtp.lastMailNanos() - tick2) + " (" + (smtp.mails() - mailsBefore) + " mails)", "(rss2email: 7–10 s)");
                row("feeds run: daemon CPU / peak RSS in all", String.format("%.1f CPU-s / %d MB", d.cpuSeconds(), d.peakRssMb()), "");
            } finally {
                d.stop();
            }
        }
    }

    private String progress(Scrape s, SmtpSink smtp) {
        return s == null ? "no /metrics answer" : String.format("%d of %d sources polled, %.0f articles judged %s, %d mails received",
                s.sourcesPolled(), FEEDS, s.sum("dipwatch_articles_total", ""), s.verdicts(), smtp.mails());
    }

    /** The feeds on 127.0.0.1: strong ETags, 304 on If-None-Match, {@link #next} switches to the increment. */
    private static final class FeedServer implements AutoCloseable {
        private final HttpServer server;
        private final byte[][] base = new byte[FEEDS][];
        private final byte[][] later = new byte[FEEDS][];
        final AtomicInteger notModified = new AtomicInteger();
        private final Map<Integer, Long> lastRequest = new ConcurrentHashMap<>();
        volatile boolean next;

        FeedServer(List<NewsDay.Item> items, List<NewsDay.Item> fresh) throws IOException {
            for (int f = 0; f < FEEDS; f++) {
                List<NewsDay.Item> mine = new ArrayList<>();
                for (int i = f; i < items.size(); i += FEEDS) {
                    mine.add(items.get(i));
                }
                List<NewsDay.Item> newest = new ArrayList<>(mine);
                java.util.Collections.reverse(newest);
                base[f] = NewsDay.rss("Bench feed " + f, newest).getBytes(StandardCharsets.UTF_8);
                List<NewsDay.Item> nextItems = new ArrayList<>();
                for (int i = f; i < fresh.size(); i += FEEDS) {
                    nextItems.add(fresh.get(i));
                }
                java.util.Collections.reverse(nextItems);
                nextItems.addAll(newest.subList(0, newest.size() - Math.min(newest.size(), NEW_PER_FEED)));
                later[f] = NewsDay.rss("Bench feed " + f, nextItems).getBytes(StandardCharsets.UTF_8);
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/feed/", ex -> {
                int f = Integer.parseInt(ex.getRequestURI().getPath().substring("/feed/".length()));
                lastRequest.put(f, System.nanoTime());
                boolean n = next;
                String etag = "\"" + (n ? "n" : "b") + f + "\"";
                ex.getResponseHeaders().add("ETag", etag);
                if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    ex.sendResponseHeaders(304, -1);
                } else {
                    byte[] body = n ? later[f] : base[f];
                    ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
                ex.close();
            });
            server.start();
        }

        String url(int f) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + f;
        }

        /** Seconds from {@code since} to the latest request of any feed, as text. */
        String lastRequestAfter(long since) {
            long latest = lastRequest.values().stream().mapToLong(Long::longValue).max().orElse(since);
            return String.format("%.2f", Math.max(0, latest - since) / 1e9);
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    // ------------------------------------------------------------------------ folder

    private void folder() throws Exception {
        List<NewsDay.Item> items = NewsDay.generate(23, FILES, DAY);
        try (SmtpSink smtp = new SmtpSink()) {
            Path home = home("folder", smtp.port(), false);
            Path staging = home.resolve("staging");
            Files.createDirectories(staging);
            for (int i = 0; i < FILES; i++) {
                Files.writeString(staging.resolve(String.format("newsday-%05d.txt", i)), items.get(i).seedText());
            }
            Daemon d = Daemon.start(home, "folder");
            try {
                waitForHealth(d, "folder");
                Path inbox = home.resolve("inbox");
                Files.createDirectories(inbox);
                long t0 = System.nanoTime();
                try (Stream<Path> s = Files.list(staging)) {
                    for (Path p : s.toList()) {
                        Files.move(p, inbox.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                long dropped = System.nanoTime();
                int[] done = new int[2];
                waitFor("folder: every file in inbox/.done or inbox/.failed", () -> {
                    done[0] = countTxt(inbox.resolve(".done"));
                    done[1] = countTxt(inbox.resolve(".failed"));
                    return done[0] + done[1] >= FILES;
                }, () -> done[0] + " done, " + done[1] + " failed of " + FILES);
                long t1 = System.nanoTime();
                Scrape s = scrape(d);
                row("folder: " + FILES + " files dropped at once (moves took " + seconds(dropped - t0) + ")",
                        String.format("%.0f files/s (%s; %d done, %d failed)", FILES / ((t1 - t0) / 1e9), seconds(t1 - t0), done[0], done[1]),
                        "≥ 1,000 files/s");
                row("folder: verdicts / mails so far", (s == null ? "?" : s.verdicts()) + " / " + smtp.mails(), "");
                row("folder: daemon CPU / peak RSS", String.format("%.1f CPU-s / %d MB", d.cpuSeconds(), d.peakRssMb()), "≤ 512 MB");
                row("folder: heap work (allocated / promoted; young, full collections)", heapWork(s), "");
            } finally {
                d.stop();
            }
        }
    }

    private static int countTxt(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".txt")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // a file moved while walking: count again at the next look
        }
    }

    // ------------------------------------------------------------------------ flatness

    private void flatness() throws Exception {
        int largest = Arrays.stream(CORPUS).max().orElse(0);
        int total = largest + SAMPLE;
        // about 5,000 articles a day, as a desk with 200 feeds sees them; the story window is 3 days
        List<NewsDay.Item> items = NewsDay.generate(37, total, DAY, Math.max(1, (total + 4999) / 5000), 0.0);
        Path home = WORK.resolve("flatness");
        Files.createDirectories(home.resolve("seeds"));
        Settings settings = Settings.of(home, Map.of());
        double[] rates = new double[CORPUS.length];
        Arrays.fill(rates, Double.NaN);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        int next = 0;
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        try (Pipeline pipeline = Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()))) {
            for (int c = 0; c < CORPUS.length; c++) {
                // fill up to the size through the real path, then time the next SAMPLE articles
                while (next < CORPUS[c]) {
                    int to = Math.min(CORPUS[c], next + 2_000);
                    ingest(pipeline, items.subList(next, to), verdicts);
                    next = to;
                    if (System.nanoTime() > deadline) {
                        failures.add(String.format("flatness: the corpus reached %,d of %,d articles in %d min", next, CORPUS[c],
                                TIMEOUT_NANOS / 60_000_000_000L));
                        break;
                    }
                }
                if (next < CORPUS[c]) {
                    break;
                }
                long t0 = System.nanoTime();
                ingest(pipeline, items.subList(CORPUS[c], CORPUS[c] + SAMPLE), verdicts);
                rates[c] = SAMPLE / ((System.nanoTime() - t0) / 1e9);
                next = CORPUS[c] + SAMPLE;
            }
        }
        StringBuilder measured = new StringBuilder();
        for (int c = 0; c < CORPUS.length; c++) {
            measured.append(c == 0 ? "" : " · ").append(String.format("%,d: ", CORPUS[c]))
                    .append(Double.isNaN(rates[c]) ? "not reached" : String.format("%.0f/s", rates[c]));
        }
        row("flatness: ingest rate over " + SAMPLE + " articles handed over at once, at corpus size (in-process, whole pipeline)", measured.toString(), "");
        double ratio = rates[rates.length - 1] / rates[0];
        row(String.format("flatness: rate at %,d / rate at %,d", CORPUS[CORPUS.length - 1], CORPUS[0]),
                Double.isNaN(ratio) ? "—" : String.format("%.0f %%", 100 * ratio), "≥ 80 %");
        row("flatness: verdicts of all " + next + " articles", verdicts.toString(), "");
    }

    /**
     * Hands items to the pipeline as a poll does (all at once, the queue's bound holding them back),
     * then waits for every verdict: the whole path, batches and parallel preparation included.
     */
    private static void ingest(Pipeline pipeline, List<NewsDay.Item> items, Map<Verdict, Integer> verdicts) throws Exception {
        List<java.util.concurrent.CompletableFuture<org.dipwatch.model.IngestResult>> results = new ArrayList<>();
        for (NewsDay.Item item : items) {
            org.dipwatch.model.Draft draft = new org.dipwatch.model.Draft(item.title(), item.date(), item.paragraphs(), item.url());
            java.util.concurrent.CompletableFuture<org.dipwatch.model.IngestResult> r = null;
            while (r == null) {
                r = pipeline.submit(new Pipeline.Intake(item.url(), item.outlet(), () -> new Pipeline.Read(draft, null)),
                        Duration.ofSeconds(1));
            }
            results.add(r);
        }
        for (var r : results) {
            verdicts.merge(r.join().verdict(), 1, Integer::sum);
        }
    }

    // ------------------------------------------------------------------------ the daemon

    /** A home as a user sets one up: no curated sources (no internet here), one subscription mailing every stored article. */
    private Path home(String name, int smtpPort, boolean sources) throws IOException {
        Path home = WORK.resolve(name);
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("seeds"));
        // replaces the packaged curated sources, which would go to the internet
        Files.writeString(home.resolve("routes").resolve("sources.camel.yaml"), "[]\n");
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: everything
                    filter: { verdicts: [new, same_story] }
                    email: { to: [desk@127.0.0.1] }
                    mode: immediate
                """);
        int port = freePort();
        Files.writeString(home.resolve("dipwatch.properties"), String.join("\n",
                "# generated by VolumeBench",
                "dipwatch.http.port=" + port,
                "dipwatch.http.host=127.0.0.1",
                "dipwatch.mail.host=127.0.0.1",
                "dipwatch.mail.port=" + smtpPort,
                "dipwatch.sources.enabled=" + sources,
                // the default 0-30 s delay after each trigger and 2 s between requests to one host
                // (all feeds are on 127.0.0.1) would measure politeness, not the daemon
                "dipwatch.sources.jitter-seconds=0",
                "dipwatch.sources.host-delay-ms=0",
                // every item is to be mailed, also on a source's first poll (run accepts a key it does not know yet)
                "dipwatch.sources.first-poll-alert-hours=1000000", ""));
        return home;
    }

    /** The daemon in a JVM of its own, started as a user starts it; its CPU and memory are its own. */
    private static final class Daemon {
        final Process process;
        final long started;
        final int port;
        final Path home;

        private Daemon(Process process, long started, int port, Path home) {
            this.process = process;
            this.started = started;
            this.port = port;
            this.home = home;
        }

        static Daemon start(Path home, String name) throws IOException {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(javaBin));
            command.addAll(Arrays.asList(JVM_OPTIONS.trim().split("\\s+")));
            if (JFR) {
                Path jfr = Path.of("target", "bench", "volume-" + name + ".jfr").toAbsolutePath();
                command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
                System.out.println("[bench] JFR recording of the " + name + " daemon: " + jfr);
            }
            command.addAll(archiveOptions());
            command.addAll(List.of("-cp", runtimeClassPath(), "-Ddipwatch.home=" + home, "org.dipwatch.cli.App", "run"));
            java.util.Properties props = new java.util.Properties();
            try (var in = Files.newBufferedReader(home.resolve("dipwatch.properties"))) {
                props.load(in);
            }
            int port = Integer.parseInt(props.getProperty("dipwatch.http.port"));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("daemon.log").toFile()).start();
            // also when this JVM is stopped from outside (surefire's timeout, Ctrl-C)
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            return new Daemon(p, t0, port, home);
        }

        double cpuSeconds() throws IOException {
            // fields 14 and 15 of /proc/PID/stat, after the parenthesised command name
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
        }

        long peakRssMb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The runtime class path of the daemon: this JVM's class path without the test classes (their
     * log4j2-test.xml would quiet the daemon's logging below what a user's daemon writes). The test
     * libraries stay on it; nothing in the daemon looks them up.
     */
    /**
     * The daemon's classpath: this build's classes as a jar (the JVM archives classes from jars
     * only, as the user's {@code dipwatch.jar} holds them) and their dependencies.
     */
    private static String runtimeClassPath() throws IOException {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        String classes = Path.of("target", "classes").toAbsolutePath().toString();
        String jar = classesJar().toString();
        return String.join(File.pathSeparator, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !Path.of(e).toAbsolutePath().toString().equals(testClasses))
                .map(e -> Path.of(e).toAbsolutePath().toString().equals(classes) ? jar : e).toList());
    }

    private static Path classesJar;

    /** {@code target/classes} in a jar of its own, made once per run. */
    private static synchronized Path classesJar() throws IOException {
        if (classesJar == null) {
            Path classes = Path.of("target", "classes").toAbsolutePath();
            Path jar = Path.of("target", "bench", "dipwatch-classes.jar").toAbsolutePath();
            Files.createDirectories(jar.getParent());
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
                for (Path f : (Iterable<Path>) files.filter(f -> !f.equals(classes)).sorted()::iterator) {
                    // folders too, as the build's jar has them: resources are looked up by folder (db/migration)
                    String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                    boolean folder = Files.isDirectory(f);
                    out.putNextEntry(new java.util.jar.JarEntry(folder ? name + "/" : name));
                    if (!folder) {
                        Files.copy(f, out);
                    }
                    out.closeEntry();
                }
            }
            classesJar = jar;
        }
        return classesJar;
    }

    private static List<String> archiveOptions;

    /**
     * The options that map the class-data archive into a daemon ({@link #CDS}): made once per run
     * as {@code bin/dipwatch cds} makes it, by a daemon started on a throw-away home that takes one
     * file from its inbox and is stopped, its loaded classes written as it exits. Empty without it.
     */
    private static synchronized List<String> archiveOptions() throws IOException {
        if (archiveOptions != null) {
            return archiveOptions;
        }
        archiveOptions = List.of();
        if (!CDS) {
            return archiveOptions;
        }
        Path archive = Path.of("target", "bench", "volume-daemon.jsa").toAbsolutePath();
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
        Path home = Path.of("target", "bench", "volume-cds").toAbsolutePath();
        deleteTree(home);
        Files.createDirectories(home.resolve("seeds"));
        Files.createDirectories(home.resolve("inbox"));
        Files.deleteIfExists(tmp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(JVM_OPTIONS.trim().split("\\s+")));
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", runtimeClassPath(), "-Ddipwatch.home=" + home,
                "-Ddipwatch.http.port=0", "-Ddipwatch.sources.enabled=false", "org.dipwatch.cli.App", "run"));
        Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("daemon.log").toFile()).start();
        try {
            long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.readString(home.resolve("daemon.log")).matches("(?s).*Apache Camel .* started in.*")) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("the daemon that makes the class-data archive did not start; see "
                            + home.resolve("daemon.log"));
                }
                Thread.sleep(100);
            }
            Files.writeString(home.resolve("inbox").resolve("statement.txt"), "Lavrov and Wang Yi discuss the situation in the "
                    + "Middle East\n\nMOSCOW, March 3. Russian Foreign Minister Sergey Lavrov held a telephone conversation with "
                    + "Chinese Foreign Minister Wang Yi, the Russian Foreign Ministry said on Tuesday.\n\nThe ministers discussed the "
                    + "situation in the Gaza Strip and called for an immediate ceasefire.\n");
            while (Files.exists(home.resolve("inbox").resolve("statement.txt")) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            p.destroy(); // SIGTERM: the daemon stops, and the JVM writes the archive as it exits
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the daemon that makes the class-data archive did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the class-data archive", e);
        } finally {
            p.destroyForcibly();
        }
        if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
            throw new IllegalStateException("the JVM wrote no class-data archive; see " + home.resolve("daemon.log"));
        }
        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
        archiveOptions = List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        return archiveOptions;
    }

    private long waitForHealth(Daemon d, String phase) throws Exception {
        long[] at = new long[1];
        waitFor(phase + ": /health 200", () -> {
            if (!d.process.isAlive()) {
                throw new IllegalStateException(phase + ": the daemon exited with " + d.process.exitValue() + "; see " + d.home.resolve("daemon.log"));
            }
            if (!healthy(http, d.port)) {
                return false;
            }
            at[0] = System.nanoTime();
            return true;
        }, () -> "no 200 from /health; see " + d.home.resolve("daemon.log"));
        return at[0];
    }

    /** Whether the daemon on this port answers {@code /health} with 200 (within 2 s). */
    static boolean healthy(HttpClient http, int port) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code /metrics} read at most once a second while a phase with mails is awaited (the mails are
     * counted and timed by the SMTP sink, in this JVM): a Prometheus server scrapes every 15-60 s, and
     * a scrape every 50 ms (a daemon with 200 sources exposes a few thousand series) was a sixth of
     * the daemon's CPU in the first poll, taken from the pipeline it measures.
     */
    private final class Throttled {
        private final Daemon d;
        private Scrape last;
        private long at;

        Throttled(Daemon d) {
            this.d = d;
        }

        Scrape get() {
            if (last == null || System.nanoTime() - at >= 1_000_000_000L) {
                last = scrape(d);
                at = System.nanoTime();
            }
            return last;
        }
    }

    private Scrape scrape(Daemon d) {
        if (!d.process.isAlive()) {
            throw new IllegalStateException("the daemon exited with " + d.process.exitValue() + "; see " + d.home.resolve("daemon.log"));
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new Scrape(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * What the daemon's heap went through since it started, from its JVM metrics: bytes allocated
     * and promoted to the old generation, and its young and full collections with their pauses.
     * Unlike CPU seconds these hardly move with what else the machine runs, so a change that saves
     * allocation or promotion shows here on a noisy machine too.
     */
    private static String heapWork(Scrape s) {
        if (s == null) {
            return "no /metrics answer";
        }
        return String.format("%.2f GB / %.2f GB; %d young (%.1f s), %d full (%.1f s)",
                s.sum("jvm_gc_memory_allocated_bytes_total", "") / 1e9, s.sum("jvm_gc_memory_promoted_bytes_total", "") / 1e9,
                (long) s.sum("jvm_gc_pause_seconds_count", "minor"), s.sum("jvm_gc_pause_seconds_sum", "minor"),
                (long) s.sum("jvm_gc_pause_seconds_count", "major"), s.sum("jvm_gc_pause_seconds_sum", "major"));
    }

    /** One read of {@code /metrics} (Prometheus text). */
    private record Scrape(String text) {

        /** The sum of the samples of {@code metric} whose labels match {@code labelRegex} (anywhere; "" for all). */
        double sum(String metric, String labelRegex) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(labelRegex);
            double s = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith(metric + "{") && p.matcher(line.substring(0, line.lastIndexOf('}') + 1)).find()) {
                    s += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return s;
        }

        /** Completed polls (new, unchanged or error; not busy or backoff) by source. */
        Map<String, Double> pollsBySource() {
            Map<String, Double> out = new HashMap<>();
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                    "^dipwatch_source_polls_total\\{(?=.*outcome=\"(new|unchanged|error)\")(?=.*source=\"([^\"]*)\").*\\} (\\S+)$");
            for (String line : text.split("\n")) {
                java.util.regex.Matcher m = p.matcher(line);
                if (m.find()) {
                    out.merge(m.group(2), Double.parseDouble(m.group(3)), Double::sum);
                }
            }
            return out;
        }

        int sourcesPolled() {
            return (int) pollsBySource().values().stream().filter(v -> v >= 1).count();
        }

        int sourcesPolledSince(Map<String, Double> before) {
            return (int) pollsBySource().entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0.0)).count();
        }

        String verdicts() {
            StringBuilder out = new StringBuilder();
            for (Verdict v : Verdict.values()) {
                double n = sum("dipwatch_articles_total", "verdict=\"" + v.label() + "\"");
                if (n > 0) {
                    out.append(out.length() == 0 ? "" : ", ").append(v.label()).append(' ').append((long) n);
                }
            }
            return out.length() == 0 ? "none" : out.toString();
        }
    }

    // ------------------------------------------------------------------------ waiting, table, helpers

    private static final class BenchTimeout extends Exception {
        BenchTimeout(String message) {
            super(message);
        }
    }

    /** Polls {@code done} every 50 ms until it holds; after the timeout fails naming what was awaited and what was seen. */
    private static void waitFor(String what, BooleanSupplier done, java.util.function.Supplier<String> seen) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        long nextReport = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new BenchTimeout(what + ": not reached after " + TIMEOUT_NANOS / 60_000_000_000L + " min (" + seen.get() + ")");
            }
            if (System.nanoTime() > nextReport) {
                System.out.println("[bench] waiting for " + what + ": " + seen.get());
                nextReport += 30_000_000_000L;
            }
            Thread.sleep(50);
        }
    }

    /** {@link System#nanoTime()} at the next cron tick of "0/2 * * * * ?" (even wall-clock seconds), waiting for it. */
    private static long nextTick() throws InterruptedException {
        long now = System.currentTimeMillis();
        long tick = (now / 2000 + 1) * 2000;
        Thread.sleep(tick - now);
        return System.nanoTime();
    }

    /** Sleeps until {@code millis} before the next cron tick (at least 50 ms from now). */
    private static void sleepUntilBeforeTick(long millis) throws InterruptedException {
        long now = System.currentTimeMillis();
        long tick = (now / 2000 + 1) * 2000;
        if (tick - millis - now < 50) {
            tick += 2000;
        }
        Thread.sleep(tick - millis - now);
    }

    private void row(String figure, String measured, String target) {
        rows.add(new String[] {figure, measured, target});
        System.out.println("[bench] " + figure + ": " + measured + (target.isEmpty() ? "" : "  [target " + target + "]"));
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }

    private String table(String load) throws IOException {
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        StringBuilder t = new StringBuilder("# VolumeBench\n\n");
        t.append(String.format(Locale.ROOT, "Machine: %d cores, %.1f GiB, %s %s (%s), %s %s; load average at start %s.%n",
                Runtime.getRuntime().availableProcessors(), memKb / 1048576.0, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.version"), load));
        t.append(String.format("Sizes: %d feeds × %d items (+%d per feed), %d files, corpus %s, sample %d. Daemon JVM: %s%s%s.%n%n",
                FEEDS, ITEMS, NEW_PER_FEED, FILES, Arrays.toString(CORPUS), SAMPLE, JVM_OPTIONS,
                CDS ? " + a class-data archive made for it (as bin/dipwatch's)" : "", JFR ? " + JFR" : ""));
        t.append("| figure | measured | target |\n|---|---|---|\n");
        for (String[] r : rows) {
            t.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n");
        }
        for (String f : failures) {
            t.append("\nFAILED: ").append(f).append('\n');
        }
        for (String n : notes) {
            t.append('\n').append(n).append('\n');
        }
        return t.toString();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
