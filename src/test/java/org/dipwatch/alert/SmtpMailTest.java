package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.file.Files;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.util.SocketFetcher;
import org.dipwatch.TestHome;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mail over SMTP as GreenMail on 127.0.0.1 receives it, through a proxy that counts connections:
 * a run of mails takes one connection, a connection the server dropped is replaced without
 * losing a mail, and header values cannot add headers.
 */
class SmtpMailTest {

    @TempDir
    Path dir;
    private GreenMail smtp;
    private CountingProxy proxy;
    private SmtpMail mail;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        proxy = new CountingProxy(smtp.getSmtp().getPort());
        mail = new SmtpMail("127.0.0.1", proxy.port(), "none", "dipwatch@example.org", "", "", Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() throws Exception {
        mail.close();
        proxy.close();
        smtp.stop();
    }

    private static AlertMail.Mail numbered(int n) {
        return new AlertMail.Mail("[dipwatch] statement " + n, "Statement " + n + ".\n", "<p>Statement " + n + ".</p>\n",
                Map.of(AlertMail.ARTICLE_HEADER, AlertsAtVolumeTest.file(n), AlertMail.AUTO_SUBMITTED_HEADER, "auto-generated"));
    }

    @Test
    void thirtyMailsDueTogetherGoOverOneConnectionInOrder() throws Exception {
        CorpusIndex index = CorpusIndex.open("jdbc:h2:mem:smtp" + System.nanoTime(), "sa", "", 2);
        Deliverer deliverer = null;
        try {
            Outbox outbox = new Outbox(index.dataSource());
            Path file = Files.writeString(dir.resolve("subscriptions.yaml"), """
                    subscriptions:
                      - id: desk
                        filter: { verdicts: [new, same_story] }
                        email: { to: [desk@example.org] }
                    """);
            Subscriptions subscriptions = new Subscriptions(file, Map.<String, String>of()::get, false);
            Alerts alerts = new Alerts(subscriptions);
            try (Connection c = index.dataSource().getConnection()) {
                for (int n = 1; n <= 30; n++) {
                    outbox.enqueue(c, alerts.owed(AlertsAtVolumeTest.article(n), AlertsAtVolumeTest.file(n), String.format("%016x", n),
                            "new", "feed", TestAlerts.noTags(), null, StoryReports.NONE));
                }
            }
            deliverer = new Deliverer(outbox, subscriptions, mail, new Metrics(new SimpleMeterRegistry()),
                    new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(10), false));
            assertThat(deliverer.deliverDue()).isEqualTo(30);
        } finally {
            if (deliverer != null) {
                deliverer.close();
            }
            index.close();
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(30);
        assertThat(received[0].getHeader(AlertMail.ARTICLE_HEADER, null)).isEqualTo(AlertsAtVolumeTest.file(1));
        assertThat(received[29].getHeader(AlertMail.ARTICLE_HEADER, null)).isEqualTo(AlertsAtVolumeTest.file(30));
        assertThat(proxy.connections()).as("SMTP connections for 30 mails").isLessThan(30).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndNoMailIsLost() throws Exception {
        try (MailTransport.Run run = mail.run()) {
            for (int n = 1; n <= 3; n++) {
                run.send(List.of("desk@example.org"), numbered(n));
            }
        }
        // the connection waits for the next run; the server (here the proxy) drops it meanwhile
        proxy.cutAll();
        try (MailTransport.Run run = mail.run()) {
            for (int n = 4; n <= 6; n++) {
                run.send(List.of("desk@example.org"), numbered(n));
            }
        }
        assertThat(smtp.getReceivedMessages()).hasSize(6)
                .extracting(m -> m.getHeader(AlertMail.ARTICLE_HEADER, null))
                .containsExactly(AlertsAtVolumeTest.file(1), AlertsAtVolumeTest.file(2), AlertsAtVolumeTest.file(3),
                        AlertsAtVolumeTest.file(4), AlertsAtVolumeTest.file(5), AlertsAtVolumeTest.file(6));
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    void headerValuesCannotAddHeadersAndNonAsciiIsEncoded() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(AlertMail.ARTICLE_HEADER, "005_0123456789abcdef.txt\r\nBcc: victim@example.org");
        headers.put(AlertMail.STORY_HEADER, "st-переговоры\nX-Evil: 1");
        headers.put(AlertMail.URL_HEADER, "https://example.org/новости/1\r\n\r\n<html>");
        headers.put(AlertMail.AUTO_SUBMITTED_HEADER, "auto-generated");
        mail.send(List.of("desk@example.org"), new AlertMail.Mail("[dipwatch] a", "a\n", "<p>a</p>\n", headers));

        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("desk@example.org");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getHeader("X-Evil")).isNull();
        assertThat(MimeUtility.unfold(m.getHeader(AlertMail.ARTICLE_HEADER, null))).isEqualTo("005_0123456789abcdef.txt Bcc: victim@example.org");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(m.getHeader(AlertMail.STORY_HEADER, null))))
                .isEqualTo("st-переговоры X-Evil: 1");
        // folded where it is long: a continuation line, not a header of its own
        assertThat(MimeUtility.unfold(m.getHeader(AlertMail.URL_HEADER, null)))
                .isEqualTo("https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1 <html>");
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m)).doesNotContain("<html>\r\n\r\n");
    }

    @Test
    void thePlainTextPartIsSevenBitWhenItCanBeAndQuotedPrintableWhenNotAndReadsTheSame() throws Exception {
        String ascii = "Lavrov and Wang Yi discuss Gaza\n\nDate:   2026-03-03\n";
        String long7 = "x".repeat(1200) + "\n";
        String other = "RUS → HAMAS · Москва, Orléans 👍 “quotes” = and a trailing space \n\n" + "ü".repeat(200) + "\nend\tof it\n";
        for (String text : List.of(ascii, long7, other)) {
            smtp.purgeEmailFromAllMailboxes();
            mail.send(List.of("desk@example.org"), new AlertMail.Mail("[dipwatch] a", text, "<p>a</p>\n", Map.of()));
            MimeMessage m = smtp.getReceivedMessages()[0];
            jakarta.mail.internet.MimeBodyPart part = (jakarta.mail.internet.MimeBodyPart) ((jakarta.mail.Multipart) m.getContent())
                    .getBodyPart(0);
            assertThat(part.getContentType()).startsWith("text/plain").contains("UTF-8");
            assertThat(part.getEncoding()).as("encoding of %s…", text.substring(0, 10)).isEqualTo(text == ascii ? "7bit" : "quoted-printable");
            assertThat((String) part.getContent()).isEqualTo(text.replace("\n", "\r\n"));
            String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(m);
            assertThat(raw.lines()).as("no line over 78 characters on the wire but the 7bit ones").allMatch(l -> l.length() <= 998)
                    .filteredOn(l -> l.contains("=") && !l.startsWith("Content-")).allMatch(l -> l.length() <= 76);
        }
    }

    @Test
    void quotedPrintableDecodesToTheTextWithLinesWithin76Characters() throws Exception {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "ab =\t\n\r.Zé→ü—👍\u0000~";
        for (int n = 0; n < 3_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(n % 10 == 0 ? 400 : 60); i > 0; i--) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0,
                        alphabet.length())))));
            }
            byte[] encoded = SmtpMail.quotedPrintable(text.toString());
            String wire = new String(encoded, java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(wire.split("\r\n", -1)).as("lines of %s", wire).allMatch(l -> l.length() <= 76)
                    .allMatch(l -> l.isEmpty() || !Character.isWhitespace(l.charAt(l.length() - 1)))
                    .allMatch(l -> l.chars().allMatch(c -> c >= 33 && c <= 126 || c == ' ' || c == '\t'));
            try (java.io.InputStream in = MimeUtility.decode(new java.io.ByteArrayInputStream(encoded), "quoted-printable")) {
                String expected = text.toString().replace("\r\n", "\n").replace("\n", "\r\n");
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as("decoded %s", wire)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void theHtmlPartGoesOutInAsciiAndReadsTheSame() throws Exception {
        String html = "<p>2026-03-03 · tass.com · RUS → HAMAS · Москва, Orléans 👍 &amp; “quotes”</p>\n";
        mail.send(List.of("desk@example.org"), new AlertMail.Mail("[dipwatch] a", "RUS → HAMAS · Москва\n", html, Map.of()));

        MimeMessage m = smtp.getReceivedMessages()[0];
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) m.getContent();
        jakarta.mail.internet.MimeBodyPart htmlPart = (jakarta.mail.internet.MimeBodyPart) parts.getBodyPart(1);
        assertThat(htmlPart.getContentType()).startsWith("text/html");
        assertThat(htmlPart.getEncoding()).as("no transfer encoding to write a byte at a time").isEqualTo("7bit");
        String sent = (String) htmlPart.getContent();
        assertThat(sent).isEqualTo("<p>2026-03-03 &#183; tass.com &#183; RUS &#8594; HAMAS &#183; &#1052;&#1086;&#1089;&#1082;&#1074;&#1072;, "
                + "Orl&#233;ans &#128077; &amp; &#8220;quotes&#8221;</p>\r\n");
        assertThat(org.jsoup.Jsoup.parse(sent).text()).as("what a mail program shows")
                .isEqualTo(org.jsoup.Jsoup.parse(html).text());
        assertThat((String) parts.getBodyPart(0).getContent()).startsWith("RUS → HAMAS · Москва");
        assertThat(SmtpMail.asciiHtml("<p>plain</p>")).isEqualTo("<p>plain</p>");
    }

    /**
     * Every security mode connects with Nagle's algorithm off, TLS laid over the plain socket of
     * {@link NoDelaySockets}: the connection Jakarta Mail makes from the mailer's own properties,
     * to GreenMail (SMTPS for {@code tls}, whose own certificate the test trusts).
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "starttls", "tls"})
    void everySecurityModeConnectsWithNagleOff(String security) throws Exception {
        boolean tls = "tls".equals(security);
        GreenMail smtps = new GreenMail(new ServerSetup(TestHome.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        if (tls) {
            smtps.start();
        }
        int port = tls ? smtps.getSmtps().getPort() : smtp.getSmtp().getPort();
        try (SmtpMail m = new SmtpMail("127.0.0.1", port, security, "dipwatch@example.org", "", "", Duration.ZERO)) {
            String prefix = tls ? "mail.smtps" : "mail.smtp";
            Properties props = new Properties();
            props.putAll(m.sessionProperties());
            props.setProperty(prefix + ".ssl.trust", "*");
            props.setProperty(prefix + ".ssl.checkserveridentity", "false");
            try (Socket s = SocketFetcher.getSocket("127.0.0.1", port, props, prefix, tls)) {
                assertThat(s).matches(x -> x instanceof SSLSocket == tls, tls ? "a TLS socket" : "a plain socket");
                assertThat(s.getTcpNoDelay()).as("TCP_NODELAY").isTrue();
            }
        } finally {
            smtps.stop();
        }
    }
}
