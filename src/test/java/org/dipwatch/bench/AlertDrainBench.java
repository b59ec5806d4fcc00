package org.dipwatch.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dipwatch.TestHome;
import org.dipwatch.alert.Alerts;
import org.dipwatch.alert.Deliverer;
import org.dipwatch.alert.Outbox;
import org.dipwatch.alert.SmtpMail;
import org.dipwatch.alert.StoryReports;
import org.dipwatch.alert.Subscriptions;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark of outbox drain, run with {@code ./mvnw -Pbench test -Dtest=AlertDrainBench}: 10,000
 * mail alerts queued at once (all later reports of one story, each naming its story's first and
 * latest reports as the story model supplies them) drained to GreenMail on 127.0.0.1 by the
 * deliverer as the daemon drives it (a look every {@code dipwatch.alert.poll-ms} = 200 ms, 4
 * delivery threads), for one subscription and for four. Figures to standard output and
 * {@code target/bench/alert-drain.txt}; nothing here asserts a time.
 */
@Tag("bench")
class AlertDrainBench {

    private static final int MAILS = 10_000;

    @TempDir
    Path dir;
    private final BenchReport report = new BenchReport("alert-drain.txt");

    @Test
    void drainTenThousandMails() throws Exception {
        report.say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        drain(1);
        drain(4);
    }

    private void drain(int subscriptions) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        CorpusIndex index = CorpusIndex.open("jdbc:h2:file:" + dir.resolve("drain" + subscriptions) + ";WRITE_DELAY=0", "sa", "", 4);
        StringBuilder yaml = new StringBuilder("subscriptions:\n");
        for (int s = 1; s <= subscriptions; s++) {
            yaml.append("  - id: desk").append(s).append("\n    filter: { sources: [feed").append(s)
                    .append("], verdicts: [new, same_story] }\n    email: { to: [desk").append(s).append("@example.org] }\n");
        }
        Path file = Files.writeString(dir.resolve("subscriptions-" + subscriptions + ".yaml"), yaml.toString());
        Subscriptions subs = new Subscriptions(file, Map.<String, String>of()::get, false);
        Alerts alerts = new Alerts(subs);
        Outbox outbox = new Outbox(index.dataSource());
        Classification none = new Classification(List.of(), null, List.of(), List.of(), List.of(), null, null, null);
        try (Connection c = index.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<StoryReports.Report> latest = new ArrayList<>();
            StoryReports.Report first = new StoryReports.Report("news0.example.org", title(0), file(0));
            for (int n = 1; n <= MAILS; n++) {
                List<StoryReports.Report> shown = new ArrayList<>();
                shown.add(first);
                shown.addAll(latest);
                Article a = new Article(title(n), LocalDate.of(2025, 3, 4), List.of(
                        "Mediators said in report " + n + " that delegations would meet again in Cairo on Tuesday, after a "
                                + "night of talks on a ceasefire and an exchange of prisoners.",
                        "The foreign ministry said the sides had agreed to continue the consultations."),
                        "https://news" + n % 50 + ".example.org/gaza/" + n);
                outbox.enqueue(c, alerts.owed(a, file(n), String.format("%016x", n), "same_story", "feed" + (1 + n % subscriptions),
                        none, "st-0000000000000000", new StoryReports(shown, n)));
                latest.add(new StoryReports.Report("news" + n % 50 + ".example.org", title(n), file(n)));
                if (latest.size() > 4) {
                    latest.remove(0);
                }
                if (n % 1000 == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
        if (outbox.counts().getOrDefault("pending", 0L) != MAILS) {
            throw new IllegalStateException("bench: " + outbox.counts() + " queued instead of " + MAILS + " pending");
        }
        SmtpMail mail = new SmtpMail("127.0.0.1", smtp.getSmtp().getPort(), "none", "dipwatch@example.org", "", "",
                Duration.ofSeconds(10));
        Deliverer deliverer = new Deliverer(outbox, subs, mail, new Metrics(new SimpleMeterRegistry()),
                new Deliverer.Policy(12, Duration.ofHours(48), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(10),
                        false, 4, 5));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.nanoTime();
        long firstMail = 0;
        try {
            timer.scheduleWithFixedDelay(deliverer::dispatch, 0, 200, TimeUnit.MILLISECONDS);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(300);
            while (smtp.getReceivedMessages().length < MAILS && System.nanoTime() < deadline) {
                if (firstMail == 0 && smtp.getReceivedMessages().length > 0) {
                    firstMail = System.nanoTime();
                }
                Thread.sleep(20);
            }
            long t1 = System.nanoTime();
            // the last batch is recorded within RECORD_MILLIS of its mail
            long recordDeadline = t1 + TimeUnit.SECONDS.toNanos(10);
            while (outbox.counts().getOrDefault("delivered", 0L) < MAILS && System.nanoTime() < recordDeadline) {
                Thread.sleep(20);
            }
            long t2 = System.nanoTime();
            MimeMessage[] received = smtp.getReceivedMessages();
            int[] sizes = Arrays.stream(received).mapToInt(m -> GreenMailUtil.getWholeMessage(m).length()).sorted().toArray();
            double seconds = (t1 - t0) / 1e9;
            report.say(String.format("%d queued mails, %d subscription%s: %d received in %.2f s (%.0f mails/s), first after %.0f ms, "
                            + "all recorded delivered after %.2f s; outbox %s; mail size median %d B, max %d B",
                    MAILS, subscriptions, subscriptions == 1 ? "" : "s", received.length, seconds, received.length / seconds,
                    (firstMail - t0) / 1e6, (t2 - t0) / 1e9, outbox.counts(), sizes[sizes.length / 2], sizes[sizes.length - 1]));
        } finally {
            timer.shutdownNow();
            deliverer.close();
            mail.close();
            smtp.stop();
            index.close();
        }
    }

    private static String title(int n) {
        return "Truce talks on Gaza resume in Cairo, report " + n;
    }

    private static String file(int n) {
        return String.format("%06d_%016x.txt", n, n);
    }
}
