package org.dipwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: the daemon (a JVM of its own, the README's 256 MB heap) under a steady stream for
 * {@code -Dsoak.minutes} (30 or more for the soak; a few to see that it works): a file
 * dropped into {@code inbox/} every second, a feed on 127.0.0.1 polled every 5 s that gains an item
 * every 2 s, and an alert for every new article to a webhook receiver and to an SMTP server
 * (GreenMail). Every {@code -Dsoak.sample-seconds} (30) the daemon is made to collect its garbage
 * ({@code jcmd GC.run}) and its heap after GC, live threads and open files are read from
 * {@code /metrics}. After the first fifth (warming up), the last third of the samples is compared
 * with the first third: threads and open files do not grow, and the heap after GC grows by no more
 * than what the articles stored meanwhile legitimately hold in the in-memory indexes (a bound per
 * article) plus a small margin. The figures are printed. Runs only with
 * {@code ./mvnw verify -Phardening -Dsoak.minutes=30}.
 */
@Tag("hardening")
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+")
class SoakTest {

    /**
     * What a stored article may legitimately add to the heap after GC: its keys, its fingerprint in
     * the near-duplicate index (about 50 bytes, README), its story features while recent. 100,000
     * articles run in the 256 MB heap (VolumeBench), under 2.6 KB each with everything else.
     */
    private static final long BYTES_PER_ARTICLE = 4 * 1024;
    /** The embedded index's page cache, which fills up to its size as the index grows, and the noise of a sample. */
    private static final long HEAP_MARGIN = 16L * 1024 * 1024;

    private static final String[] WORDS = ("minister foreign talks ceasefire delegation envoy summit border water grain corridor "
            + "sanctions embassy ambassador consultations council security resolution humanitarian aid convoy truce hostages "
            + "prisoners exchange negotiations mediation reconstruction energy pipeline nuclear inspectors agency treaty "
            + "parliament election observers mission peacekeepers refugees displaced shelter hospital reactor drones missiles "
            + "airspace port shipping insurance tanker strait navy coastguard fishermen harvest drought pastures militia "
            + "governor province district capital railway bridge dam reservoir river delta cotton wheat oil gas").split(" ");
    private static final String[] PLACES = {"Moscow", "Cairo", "Ankara", "Doha", "Geneva", "Vienna", "Riyadh", "Tehran", "Beijing",
            "Brussels", "Khartoum", "Addis Ababa", "Baghdad", "Amman", "Beirut", "Tripoli", "Algiers", "Rabat", "Baku", "Yerevan"};

    @TempDir
    Path home;
    private Process daemon;
    private HttpServer web;
    private GreenMail smtp;
    private final AtomicInteger hooks = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private final long start = System.currentTimeMillis();

    /** A sample of the daemon: minutes since the start, heap after GC, live threads, open files, articles. */
    record Sample(double minutes, long heap, long threads, long files, long articles) {
    }

    @AfterEach
    void stop() throws Exception {
        TestHome.stop(daemon);
        if (web != null) {
            web.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void heapAfterGcThreadsAndOpenFilesStayFlatUnderASteadyStream() throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes"));
        Duration every = Duration.ofSeconds(Long.getLong("soak.sample-seconds", 30));
        TestHome.create(home);
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/feed", exchange -> {
            byte[] body = feed().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hooks.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        web.start();
        smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int webPort = web.getAddress().getPort();
        Files.writeString(Files.createDirectories(home.resolve("routes")).resolve("sources.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-agency
                    parameters:
                      - {name: name, value: agency}
                      - {name: url, value: "http://127.0.0.1:%d/feed"}
                      - {name: cron, value: "0/5 * * * * ?"}
                """.formatted(webPort));
        TestHome.hookAndDeskSubscriptions(home, webPort);
        int port = TestHome.freePort();
        daemon = TestHome.startDaemonProcess(home, port, "-Ddipwatch.sources.enabled=true", "-Ddipwatch.sources.host-delay-ms=0",
                "-Ddipwatch.sources.jitter-seconds=0", "-Ddipwatch.webhook.allow-private=true", "-Ddipwatch.mail.host=127.0.0.1",
                "-Ddipwatch.mail.port=" + smtp.getSmtp().getPort(), "-Dlog4j2.configurationFile=log4j2.xml");
        try {
            await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> get(port, "/health").statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the daemon did not start; its log:\n" + Files.readString(home.resolve("daemon.log")), e);
        }

        Random random = new Random(11);
        List<Sample> samples = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        long nextSample = System.nanoTime();
        int dropped = 0;
        while (System.nanoTime() < end) {
            drop(++dropped, random);
            if (System.nanoTime() >= nextSample) {
                samples.add(sample(port));
                Sample s = samples.get(samples.size() - 1);
                System.out.printf("soak %5.1f min: heap after GC %5.1f MB, %3d threads, %3d open files, %5d articles, %5d webhooks, "
                        + "%5d mails%n", s.minutes(), s.heap() / 1048576.0, s.threads(), s.files(), s.articles(), hooks.get(),
                        smtp.getReceivedMessages().length);
                nextSample += every.toNanos();
            }
            Thread.sleep(1000);
        }
        assertThat(daemon.isAlive()).isTrue();
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);
        // what the heap holds at the end, by class: where growth would be
        System.out.println("soak: the daemon's heap at the end, largest classes (jcmd GC.class_histogram):\n"
                + jcmd("GC.class_histogram").lines().limit(22).collect(java.util.stream.Collectors.joining("\n")));

        List<Sample> steady = samples.subList(samples.size() / 5, samples.size());
        assertThat(steady.size()).as("samples after warming up").isGreaterThanOrEqualTo(6);
        int third = steady.size() / 3;
        List<Sample> first = steady.subList(0, third);
        List<Sample> last = steady.subList(steady.size() - third, steady.size());
        long heapFirst = median(first.stream().mapToLong(Sample::heap).toArray());
        long heapLast = median(last.stream().mapToLong(Sample::heap).toArray());
        long articlesBetween = median(last.stream().mapToLong(Sample::articles).toArray())
                - median(first.stream().mapToLong(Sample::articles).toArray());
        long threadsFirst = first.stream().mapToLong(Sample::threads).max().orElseThrow();
        long threadsLast = last.stream().mapToLong(Sample::threads).max().orElseThrow();
        long filesFirst = first.stream().mapToLong(Sample::files).max().orElseThrow();
        long filesLast = last.stream().mapToLong(Sample::files).max().orElseThrow();
        System.out.printf("soak of %s: %d files dropped, %d articles stored, %d webhooks, %d mails; heap after GC (median) %.1f MB -> "
                + "%.1f MB (%d articles stored between, allowed %.1f MB); threads (max) %d -> %d; open files (max) %d -> %d%n",
                length, dropped, last.get(last.size() - 1).articles(), hooks.get(), smtp.getReceivedMessages().length,
                heapFirst / 1048576.0, heapLast / 1048576.0, articlesBetween, (HEAP_MARGIN + articlesBetween * BYTES_PER_ARTICLE) / 1048576.0,
                threadsFirst, threadsLast, filesFirst, filesLast);
        assertThat(last.get(last.size() - 1).articles()).as("the stream was stored").isGreaterThan(first.get(0).articles());
        assertThat(hooks.get()).as("alerts went out").isPositive();
        assertThat(heapLast).as("heap after GC").isLessThanOrEqualTo(heapFirst + HEAP_MARGIN + articlesBetween * BYTES_PER_ARTICLE);
        assertThat(threadsLast).as("live threads").isLessThanOrEqualTo(threadsFirst + 4);
        assertThat(filesLast).as("open files").isLessThanOrEqualTo(filesFirst + 8);
    }

    /** The feed as polled now: the 20 latest items, one more every 2 seconds. */
    private String feed() {
        long newest = (System.currentTimeMillis() - start) / 2000;
        StringBuilder items = new StringBuilder();
        for (long i = newest; i > Math.max(-1, newest - 20); i--) {
            Random r = new Random(1_000_003L * i);
            String when = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(newest - i));
            items.append("<item><title>Agency item ").append(i).append(": ").append(PLACES[r.nextInt(PLACES.length)])
                    .append("</title><link>http://127.0.0.1/agency/").append(i).append("</link><guid>agency-").append(i)
                    .append("</guid><pubDate>").append(when).append("</pubDate><description>").append(text(r, 60))
                    .append("</description></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Agency</title>"
                + "<link>http://127.0.0.1/agency</link><description>soak</description>" + items + "</channel></rss>";
    }

    private static String text(Random r, int words) {
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words; w++) {
            out.append(w == 0 ? "" : " ").append(w % 12 == 5 ? PLACES[r.nextInt(PLACES.length)] : WORDS[r.nextInt(WORDS.length)]);
        }
        return out + ".";
    }

    private void drop(int n, Random random) throws IOException {
        Path temp = home.resolve("inbox").resolve(".soak-" + n + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, "Statement " + n + " of the ministry in " + PLACES[random.nextInt(PLACES.length)] + "\n\n"
                + text(random, 80) + "\n\n" + text(random, 60) + "\n");
        Files.move(temp, home.resolve("inbox").resolve("soak-" + n + ".txt"));
    }

    /** What {@code jcmd PID COMMAND} prints about the daemon. */
    private String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(daemon.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private Sample sample(int port) throws Exception {
        jcmd("GC.run");
        String metrics = get(port, "/metrics").body();
        return new Sample((System.currentTimeMillis() - start) / 60000.0, (long) PrometheusText.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
                (long) PrometheusText.sum(metrics, "jvm_threads_live_threads", ""), (long) PrometheusText.sum(metrics, "process_files_open_files", ""),
                (long) PrometheusText.sum(metrics, "dipwatch_corpus_articles", ""));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
