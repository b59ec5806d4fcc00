package org.dipwatch.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dipwatch.config.Settings;

/**
 * Sends alert mails over SMTP with Jakarta Mail: plain SMTP, SMTP with STARTTLS, or SMTPS, to
 * {@code dipwatch.mail.host}, as multipart/alternative (the text, then the HTML), with the
 * alert's headers ({@link AlertMail.Mail#headers()}) encoded and folded.
 *
 * <p>A run of mails ({@link #run()}) goes over one connection: connected once, every mail sent on
 * it. After the run the connection is kept for {@code dipwatch.mail.idle-ms} for the next run,
 * then closed. When a mail fails on a connection that had been used before (the server may have
 * closed it meanwhile) it is tried once more on a new one; after any failure the connection is
 * dropped, so the next mail starts afresh. (A refused mail is then refused twice: one attempt
 * more, never a mail lost.)
 *
 * <p>camel-mail is not used: its producer connects, sends one message and closes for every
 * exchange, and keeps no connection between them.
 */
public final class SmtpMail implements MailTransport, AutoCloseable {

    static {
        // Jakarta Mail looks its stream provider up through ServiceLoader, scanning every jar, several times per
        // message unless this names it: that scan was most of a mail's CPU at volume
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** How long connecting may take, at most (less when the read timeout is shorter). */
    static final int CONNECT_TIMEOUT_MS = 10_000;

    /** How long the server may take to answer one command by default ({@code dipwatch.mail.timeout-ms}). */
    static final int READ_TIMEOUT_MS = 60_000;

    /** The longest header value sent; longer ones (a URL of kilobytes) are cut, within SMTP's line limit. */
    static final int HEADER_CHARS = 900;

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

    private final String host;
    private final int port;
    private final String protocol;
    private final String from;
    private final String user;
    private final String password;
    private final long idleMillis;
    private final Session session;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final ScheduledExecutorService closer;

    /** A connection waiting for the next run, and since when. */
    private record Idle(Transport transport, long since) {
    }

    /** Mail through the SMTP server the settings name ({@code dipwatch.mail.*}). */
    public SmtpMail(Settings settings) {
        this(settings.get("dipwatch.mail.host"), settings.intValue("dipwatch.mail.port"), settings.get("dipwatch.mail.security"),
                settings.get("dipwatch.mail.from"), settings.get("dipwatch.mail.user"), settings.get("dipwatch.mail.password"),
                Duration.ofMillis(settings.longValue("dipwatch.mail.idle-ms")), Duration.ofMillis(settings.longValue("dipwatch.mail.timeout-ms")));
    }

    /**
     * Mail through a server.
     *
     * @param security {@code none}, {@code starttls} (required, not opportunistic) or {@code tls} (SMTPS)
     * @param user     the SMTP user, or empty for no authentication
     * @param idle     how long a connection is kept after a run for the next; zero closes it at once
     */
    public SmtpMail(String host, int port, String security, String from, String user, String password, Duration idle) {
        this(host, port, security, from, user, password, idle, Duration.ofMillis(READ_TIMEOUT_MS));
    }

    /**
     * Mail through a server that must answer each command (a whole message included) within
     * {@code timeout}: a server that accepts and never answers fails the attempt then, and it is retried.
     */
    public SmtpMail(String host, int port, String security, String from, String user, String password, Duration idle,
                    Duration timeout) {
        int readTimeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.host = host == null ? "" : host.strip();
        this.port = port;
        this.protocol = "tls".equalsIgnoreCase(security) ? "smtps" : "smtp";
        this.from = from;
        this.user = user == null || user.isBlank() ? null : user;
        this.password = password;
        this.idleMillis = Math.max(0, idle.toMillis());
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty(prefix + "host", this.host);
        p.setProperty(prefix + "port", Integer.toString(port));
        p.setProperty(prefix + "connectiontimeout", Integer.toString(Math.min(CONNECT_TIMEOUT_MS, readTimeout)));
        p.setProperty(prefix + "timeout", Integer.toString(readTimeout));
        p.setProperty(prefix + "writetimeout", Integer.toString(readTimeout));
        if (this.user != null) {
            p.setProperty(prefix + "auth", "true");
        }
        if ("starttls".equalsIgnoreCase(security)) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        // Nagle's algorithm off (mail after mail on one connection): see NoDelaySockets, which TLS is laid over
        p.put(prefix + "socketFactory", NoDelaySockets.plain());
        this.session = Session.getInstance(p);
        this.closer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-idle-close");
            t.setDaemon(true);
            return t;
        });
        if (idleMillis > 0) {
            long every = Math.max(100, idleMillis / 2);
            closer.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** The Jakarta Mail properties its connections are made with (the socket factory among them). */
    Properties sessionProperties() {
        return session.getProperties();
    }

    @Override
    public void send(List<String> to, AlertMail.Mail mail) throws Exception {
        try (Run run = run()) {
            run.send(to, mail);
        }
    }

    @Override
    public Run run() {
        return new SmtpRun();
    }

    /** Closes every idle connection; runs under way close theirs when they end. */
    @Override
    public void close() {
        closer.shutdownNow();
        List<Idle> all;
        synchronized (idle) {
            all = List.copyOf(idle);
            idle.clear();
        }
        all.forEach(i -> quietlyClose(i.transport()));
    }

    /** One run: a connection taken at the first mail, kept while mails go through, given back at the end. */
    private final class SmtpRun implements Run {

        private Transport transport;
        private boolean used;

        @Override
        public void send(List<String> to, AlertMail.Mail mail) throws Exception {
            if (host.isEmpty()) {
                throw new IllegalStateException("e-mail: dipwatch.mail.host is not set; set it (and dipwatch.mail.port) to send e-mail alerts");
            }
            try {
                deliver(to, mail);
            } catch (MessagingException | IllegalStateException e) {
                // the server's words alone ("Connection refused", "Read timed out") do not say which server
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                Exception named = new Exception("SMTP to " + host + ":" + port + " failed: "
                        + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip())
                        + " (" + root.getClass().getSimpleName() + ")");
                named.addSuppressed(e);
                throw named;
            }
        }

        private void deliver(List<String> to, AlertMail.Mail mail) throws MessagingException {
            MimeMessage message = message(to, mail);
            if (transport == null) {
                transport = take();
            }
            try {
                transport.sendMessage(message, message.getAllRecipients());
                used = true;
            } catch (MessagingException | IllegalStateException e) {
                // a server that dropped an idle connection answers 421 or nothing at all; either way a
                // connection that had been used before is suspect, not the mail
                boolean stale = used;
                quietlyClose(transport);
                transport = null;
                used = false;
                if (!stale) {
                    throw e;
                }
                // the server may have dropped a connection that sat idle: once more on a new one
                transport = connect();
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                    used = true;
                } catch (MessagingException | IllegalStateException again) {
                    quietlyClose(transport);
                    transport = null;
                    throw again;
                }
            }
        }

        @Override
        public void close() {
            if (transport != null) {
                give(transport);
                transport = null;
            }
        }

        /** An idle connection if there is one (it counts as used), else a new one. */
        private Transport take() throws MessagingException {
            synchronized (idle) {
                Idle i = idle.pollLast();
                if (i != null) {
                    used = true;
                    return i.transport();
                }
            }
            return connect();
        }
    }

    private Transport connect() throws MessagingException {
        Transport t = session.getTransport(protocol);
        t.connect(host, port, user, user == null ? null : password);
        return t;
    }

    private void give(Transport t) {
        if (idleMillis == 0 || closer.isShutdown()) {
            quietlyClose(t);
            return;
        }
        synchronized (idle) {
            idle.addLast(new Idle(t, System.nanoTime()));
        }
    }

    /** Closes the connections idle for longer than {@code dipwatch.mail.idle-ms}. */
    void closeIdle() {
        long now = System.nanoTime();
        List<Idle> old;
        synchronized (idle) {
            old = idle.stream().filter(i -> (now - i.since()) / 1_000_000 >= idleMillis).toList();
            idle.removeAll(old);
        }
        old.forEach(i -> quietlyClose(i.transport()));
    }

    private static void quietlyClose(Transport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone either way
        }
    }

    /** The message: From, To, Subject (encoded where not ASCII), the alert's headers, then text and HTML. */
    MimeMessage message(List<String> to, AlertMail.Mail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(", ", to)));
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(new Date());
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            m.setHeader(h.getKey(), headerValue(h.getKey(), h.getValue()));
        }
        MimeBodyPart text = textPart(mail.text(), "plain");
        MimeBodyPart html = textPart(asciiHtml(mail.html()), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /**
     * A header value safe to send: control characters and line breaks become spaces (a value cannot
     * add a header), at most {@value #HEADER_CHARS} characters, non-ASCII percent-encoded in a URL
     * (it stays a URL) and RFC 2047-encoded elsewhere, folded at 76 columns where it has spaces.
     */
    static String headerValue(String name, String value) {
        String v = CONTROLS.matcher(value).replaceAll(" ").strip();
        if (v.length() > HEADER_CHARS) {
            v = v.substring(0, HEADER_CHARS);
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(v)) {
            if (name.equals(AlertMail.URL_HEADER)) {
                v = percentEncodeNonAscii(v);
            } else {
                try {
                    v = MimeUtility.encodeText(v, "UTF-8", "Q");
                } catch (UnsupportedEncodingException e) {
                    throw new IllegalStateException("e-mail: UTF-8 is missing", e);
                }
            }
        }
        return MimeUtility.fold(name.length() + 2, v);
    }

    /**
     * A text part ({@code plain} or {@code html}) whose bytes are made here, once: as they are
     * (7bit) when the text is ASCII with lines of at most 998 characters, else
     * {@linkplain #quotedPrintable quoted-printable}. Jakarta Mail is handed the bytes with their
     * encoding and writes them in blocks: from a string it encodes and writes a byte at a time
     * through four streams, which was most of the delivery thread's time in a first poll.
     */
    static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        boolean plain = true;
        int column = 0;
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            column = c == '\n' ? 0 : column + 1;
            plain = c < 0x80 && (c >= ' ' || c == '\n' || c == '\t') && c != 0x7F && column <= 998;
        }
        byte[] bytes = plain ? text.getBytes(StandardCharsets.US_ASCII) : quotedPrintable(text);
        String encoding = plain ? "7bit" : "quoted-printable";
        MimeBodyPart part = new PreencodedMimeBodyPart(encoding);
        part.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(bytes, "text/" + subtype + "; charset=UTF-8")));
        part.setHeader("Content-Transfer-Encoding", encoding); // else the part reads its bytes once more to choose one
        return part;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * The text's UTF-8 bytes as quoted-printable (RFC 2045, 6.7): printable ASCII but {@code =} as it
     * is, every other byte {@code =XX}, a space or tab at a line's end encoded, each line break
     * CRLF, soft line breaks ({@code =} at the end) keeping every line within 76 characters. Made
     * here in one pass into one array: Jakarta Mail's encoder and commons-codec's write a byte at a
     * time to a stream (the latter's synchronized), and for 10,000 alert mails that was 2-3 CPU-s.
     */
    static byte[] quotedPrintable(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        // room for mostly ASCII text, grown when it is not (the bound, three times the input, was
        // most of the 470 MB a first poll's mails allocated here)
        byte[] out = new byte[in.length + in.length / 2 + 16];
        int n = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            if (n + 6 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2); // a soft break and an encoded byte at most
            }
            int b = in[i] & 0xff;
            if (b == '\n' || b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                if (b == '\r') {
                    i++;
                }
                out[n++] = '\r';
                out[n++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEnd = i + 1 == in.length || in[i + 1] == '\n'
                    || in[i + 1] == '\r' && i + 2 < in.length && in[i + 2] == '\n';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !lineEnd;
            int width = literal ? 1 : 3;
            // room for the token, and for a soft break's "=" unless the token ends the line
            if (column + width > (lineEnd ? 76 : 75)) {
                out[n++] = '=';
                out[n++] = '\r';
                out[n++] = '\n';
                column = 0;
            }
            if (literal) {
                out[n++] = (byte) b;
            } else {
                out[n++] = '=';
                out[n++] = HEX[b >>> 4];
                out[n++] = HEX[b & 0xf];
            }
            column += width;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The HTML with every character outside ASCII written as a numeric character reference
     * ({@code ·} as {@code &#183;}): it reads the same in any mail program, and a part in ASCII goes
     * out as it is (7bit; see {@link #textPart}) rather than quoted-printable, which one non-ASCII
     * character (the separators every alert has) made it.
     */
    static String asciiHtml(String html) {
        int first = 0;
        while (first < html.length() && html.charAt(first) < 0x80) {
            first++;
        }
        if (first == html.length()) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 64).append(html, 0, first);
        for (int i = first; i < html.length(); ) {
            int cp = html.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else {
                out.append("&#").append(cp).append(';');
            }
        }
        return out.toString();
    }

    private static String percentEncodeNonAscii(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }
}
