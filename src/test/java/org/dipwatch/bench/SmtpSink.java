package org.dipwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server on 127.0.0.1 that accepts every mail and keeps only counts: mails, bytes, the
 * largest mail and when the last one arrived. Unlike GreenMail it stores no message, so ten
 * thousand alert mails of any size cannot fill the benchmark's heap, and it costs the shared cores
 * little. Enough SMTP for camel-mail without authentication: EHLO/HELO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT, several mails per connection.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong mails = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();
    private volatile long lastMailNanos;

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    long mails() {
        return mails.get();
    }

    long bytes() {
        return bytes.get();
    }

    long largest() {
        return largest.get();
    }

    /** {@link System#nanoTime()} when the last mail's DATA ended, 0 before the first. */
    long lastMailNanos() {
        return lastMailNanos;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> converse(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream()) {
            reply(out, "220 127.0.0.1 bench sink");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> reply(out, "250 127.0.0.1");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        long size = 0;
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            size += line.length() + 2;
                        }
                        bytes.addAndGet(size);
                        largest.accumulateAndGet(size, Math::max);
                        lastMailNanos = System.nanoTime();
                        mails.incrementAndGet();
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok"); // MAIL, RCPT, RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to count
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
