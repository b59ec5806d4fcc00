package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.dipwatch.TestHome;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.model.Article;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A story of 200 reports, each alerted to a desk by mail and to a webhook, as the subscriber
 * sees them: the mail GreenMail received carries the article's file, story and URL in headers
 * and names at most five earlier reports (the first and the latest) and counts the rest, and
 * neither the mail nor the webhook body grows from the 20th report to the 200th.
 */
class AlertsAtVolumeTest {

    private static final int REPORTS = 200;
    private static final String STORY = "st-0000000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private CorpusIndex index;
    private Outbox outbox;
    private GreenMail smtp;
    private HttpServer http;
    private SmtpMail mail;
    private Deliverer deliverer;
    private Alerts alerts;
    private final Map<String, String> hooks = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        index = CorpusIndex.open("jdbc:h2:mem:volume" + System.nanoTime(), "sa", "", 4);
        outbox = new Outbox(index.dataSource());
        smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hooks.put(JSON.readTree(body).path("data").path("article").path("file").asText(), body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: desk
                    filter: { verdicts: [new, same_story] }
                    email: { to: [desk@example.org] }
                  - id: hook
                    filter: { verdicts: [new, same_story] }
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0" }
                """.formatted(http.getAddress().getPort()));
        Subscriptions subscriptions = new Subscriptions(file, Map.<String, String>of()::get, false);
        alerts = new Alerts(subscriptions, 5);
        mail = new SmtpMail("127.0.0.1", smtp.getSmtp().getPort(), "none", "dipwatch@example.org", "", "", Duration.ofSeconds(10));
        deliverer = new Deliverer(outbox, subscriptions, mail, new Metrics(new SimpleMeterRegistry()),
                new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(10),
                        false, 4, 5));
    }

    @AfterEach
    void stop() {
        deliverer.close();
        mail.close();
        http.stop(0);
        smtp.stop();
        index.close();
    }

    static String file(int n) {
        return String.format("%03d_%016x.txt", n, n);
    }

    static String url(int n) {
        return String.format("https://news%d.example.org/gaza/truce-talks-%03d", n % 7, n);
    }

    static String title(int n) {
        return String.format("Truce talks on Gaza resume in Cairo, report %03d", n);
    }

    /** The n-th report of the story; every title, URL and text of the same length. */
    static Article article(int n) {
        return new Article(title(n), LocalDate.of(2025, 3, 4), List.of(String.format(
                "Mediators said in report %03d that delegations would meet again in Cairo on Tuesday.", n),
                "The talks are about a ceasefire and the exchange of prisoners."), url(n));
    }

    /** Every report before the n-th, as the pipeline hands them over today (the whole story, oldest first). */
    static StoryReports earlier(int n) {
        return StoryReports.all(IntStream.range(1, n)
                .mapToObj(i -> new StoryReports.Report("news" + (i % 7) + ".example.org", title(i), file(i))).toList());
    }

    /** The plain-text part as a mail client shows it, with the line breaks of the wire made plain. */
    static String plainText(MimeMessage m) throws Exception {
        return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    @Test
    void aStoryOf200ReportsKeepsItsMailsAndWebhooksSmallAndNamesEachArticleInHeaders() throws Exception {
        try (Connection c = index.dataSource().getConnection()) {
            for (int n = 1; n <= REPORTS; n++) {
                outbox.enqueue(c, alerts.owed(article(n), file(n), String.format("%016x", n), n == 1 ? "new" : "same_story",
                        "feed", TestAlerts.noTags(), STORY, n == 1 ? StoryReports.NONE : earlier(n)));
            }
        }
        while (deliverer.deliverDue() > 0) {
            // a run per lane drains it; another look finds nothing left
        }
        assertThat(outbox.counts()).isEqualTo(Map.of("delivered", 2L * REPORTS));

        Map<String, MimeMessage> mails = new java.util.HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            mails.put(m.getHeader(AlertMail.ARTICLE_HEADER, null), m);
        }
        assertThat(mails).hasSize(REPORTS);
        MimeMessage m200 = mails.get(file(200));
        assertThat(m200.getHeader(AlertMail.ARTICLE_HEADER)).containsExactly(file(200));
        assertThat(m200.getHeader(AlertMail.STORY_HEADER)).containsExactly(STORY);
        assertThat(m200.getHeader(AlertMail.URL_HEADER)).containsExactly(url(200));
        assertThat(m200.getHeader("Auto-Submitted")).containsExactly("auto-generated");

        // the plain-text part as a mail client shows it: the first report, a count, the latest four
        String text = plainText(m200);
        String also = text.substring(text.indexOf("Also reported by:\n"), text.indexOf("\n\nWhy: "));
        assertThat(also.lines().skip(1).toList()).containsExactly(
                "  - news1.example.org: " + title(1) + " (" + file(1) + ")",
                "  - … and 194 more reports",
                "  - news0.example.org: " + title(196) + " (" + file(196) + ")",
                "  - news1.example.org: " + title(197) + " (" + file(197) + ")",
                "  - news2.example.org: " + title(198) + " (" + file(198) + ")",
                "  - news3.example.org: " + title(199) + " (" + file(199) + ")");
        // the HTML part goes out in ASCII: the ellipsis as a character reference
        assertThat(GreenMailUtil.getBody(m200)).contains("<li>&#8230; and 194 more reports</li>");
        String text20 = plainText(mails.get(file(20)));
        assertThat(text20).contains("  - … and 14 more reports\n");

        // the size does not grow with the story: only the count's digits, the date and the MIME boundaries differ
        int size20 = GreenMailUtil.getWholeMessage(mails.get(file(20))).length();
        int size200 = GreenMailUtil.getWholeMessage(m200).length();
        assertThat(Math.abs(size200 - size20)).as("bytes between the mails of report 20 (%d) and 200 (%d)", size20, size200)
                .isLessThan(64);

        JsonNode hook200 = JSON.readTree(hooks.get(file(200)));
        List<String> named = new ArrayList<>();
        hook200.path("data").path("alsoReportedBy").forEach(n -> named.add(n.asText()));
        assertThat(named).hasSize(5).first().asString().endsWith("(" + file(1) + ")");
        assertThat(named.get(4)).endsWith("(" + file(199) + ")");
        assertThat(hook200.path("data").path("alsoReportedCount").asInt()).isEqualTo(199);
        assertThat(JSON.readTree(hooks.get(file(20))).path("data").path("alsoReportedCount").asInt()).isEqualTo(19);
        assertThat(Math.abs(hooks.get(file(200)).length() - hooks.get(file(20)).length())).isLessThan(32);
        assertThat(JSON.readTree(hooks.get(file(1))).path("data").has("alsoReportedCount")).isFalse();
    }

    @Test
    void aDigestOfTheStoryNamesAsFewAndCountsTheRest() {
        List<AlertContent> items = new ArrayList<>();
        for (int n = 1; n <= REPORTS; n++) {
            items.add(alerts.owed(article(n), file(n), String.format("%016x", n), n == 1 ? "new" : "same_story", "feed",
                    TestAlerts.noTags(), STORY, n == 1 ? StoryReports.NONE : earlier(n)).get(0).content());
        }
        AlertMail.Mail digest = AlertMail.composeDigest("desk", items.subList(180, 200), 5);
        String line = digest.text().lines().filter(l -> l.startsWith("Also reported by: ")).findFirst().orElseThrow();
        // the newest report leads; of the 199 others the first and the latest four are named
        assertThat(line).startsWith("Also reported by: news1.example.org: " + title(1) + " (" + file(1) + "); … and 194 more reports; ")
                .endsWith("(" + file(199) + ")").doesNotContain(file(200));
        assertThat(digest.headers()).containsEntry(AlertMail.ARTICLE_HEADER, file(200)).containsEntry(AlertMail.STORY_HEADER, STORY)
                .containsEntry(AlertMail.URL_HEADER, url(200)).containsEntry("Auto-Submitted", "auto-generated");
    }
}
