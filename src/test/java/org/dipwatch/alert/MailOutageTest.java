package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP down, then up: every alert arrives exactly once, in order. The daemon mails a desk through
 * a server on 127.0.0.1 that is not there yet; once the delivery log shows the attempts failing,
 * GreenMail starts on that port and takes the mails.
 */
class MailOutageTest {

    private static final int ALERTS = 3;
    private static final Pattern STATEMENT = Pattern.compile("statement (\\d+)");

    @TempDir
    Path home;
    private int smtpPort;
    private GreenMail smtp;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        TestHome.create(home);
        smtpPort = TestHome.freePort();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: desk
                    filter: { actors: [RUS], regions: [Middle East] }
                    email: { to: [desk@example.org] }
                """);
        // attempts enough that no alert becomes a dead letter during the outage, whatever its length
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port", Integer.toString(TestHome.freePort()),
                "dipwatch.http.host", "127.0.0.1", "dipwatch.mail.host", "127.0.0.1",
                "dipwatch.mail.port", Integer.toString(smtpPort), "dipwatch.mail.from", "dipwatch@example.org",
                "dipwatch.alert.backoff-ms", "100", "dipwatch.alert.backoff-max-ms", "400", "dipwatch.alert.poll-ms", "50",
                "dipwatch.alert.max-attempts", "100000"))), CommandApi::new);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        daemon.stop();
        if (smtp != null) {
            smtp.stop();
        }
    }

    private void drop(String name, String text) throws IOException {
        Path temp = home.resolve("inbox").resolve("." + name + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, text);
        Files.move(temp, home.resolve("inbox").resolve(name));
    }

    /** The number of the statement a mail is about, from its subject, or -1. */
    private static int statementIn(MimeMessage mail) {
        try {
            Matcher m = STATEMENT.matcher(mail.getSubject());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAlertArrivesOnceInOrderWhenTheMailServerComesUp() throws Exception {
        Outbox outbox = daemon.pipeline().stages().outbox();
        for (int n = 1; n <= ALERTS; n++) {
            drop("statement-" + n + ".txt", " date 2024-04-0" + n + " In statement " + n
                    + ", Russian Foreign Minister Sergey Lavrov said that strikes on the Gaza Strip must stop.\n");
            // one at a time, so that the articles (and their alerts) are stored in the order dropped
            int stored = n;
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.ofSubscription("desk", 100).size() == stored);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.log("desk", 100).stream()
                .filter(a -> a.outcome().equals("retrying")).count() >= 3);
        assertThat(outbox.counts()).isEqualTo(Map.of("pending", (long) ALERTS));
        assertThat(outbox.log("desk", 100)).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo("retrying");
            assertThat(a.channel()).isEqualTo(Outbox.EMAIL);
            assertThat(a.error()).isNotBlank();
        });

        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= ALERTS);
        // time for a second copy of any alert to show up
        Thread.sleep(1000);

        MimeMessage[] mails = smtp.getReceivedMessages();
        List<Integer> order = new ArrayList<>();
        for (MimeMessage mail : mails) {
            order.add(statementIn(mail));
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("desk@example.org");
            assertThat(GreenMailUtil.getBody(mail)).contains("statement " + statementIn(mail) + ",");
        }
        assertThat(order).as("statements in the order the mails arrived").containsExactly(1, 2, 3);
        assertThat(outbox.counts()).isEqualTo(Map.of("delivered", (long) ALERTS));
        // newest first: the oldest alert is the one that was tried through the outage
        List<Outbox.Row> rows = outbox.ofSubscription("desk", 100);
        assertThat(rows.get(rows.size() - 1).attempts()).isGreaterThanOrEqualTo(4);
        assertThat(outbox.log("desk", 100).stream().filter(a -> a.outcome().equals("delivered")).count()).isEqualTo(ALERTS);
    }
}
