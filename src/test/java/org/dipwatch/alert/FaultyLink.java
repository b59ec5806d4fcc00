package org.dipwatch.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP front on 127.0.0.1 for a server the daemon delivers to (a webhook receiver, GreenMail's
 * SMTP), whose way of failing a test switches at any time: {@link Mode#PASS} relays to the
 * server; {@link Mode#DOWN} does not listen (connection refused); {@link Mode#SILENT} accepts and
 * never says a word; {@link Mode#GARBAGE} answers bytes of no protocol and hangs up; {@link Mode#SLOW}
 * relays, but holds each of the server's answers {@code slowMillis} first (the server did its work,
 * the client hears of it too late). A switch cuts every connection open, so that a pooled one sees
 * the new mode too.
 */
final class FaultyLink implements AutoCloseable {

    /** How the link behaves. */
    enum Mode { PASS, DOWN, SILENT, GARBAGE, SLOW }

    private static final byte[] GARBAGE = "\u0000\u00ff%#@!~ HTTP/9.9 2O0 0K SMTP? 5x5 ne protokol \r\n\r\n\u0007\u0007"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final int port;
    private final int target;
    private final long slowMillis;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.DOWN;
    private ServerSocket listener;

    /** A link to {@code target} on 127.0.0.1, listening on {@code port} once its mode is not DOWN. */
    FaultyLink(int port, int target, long slowMillis) {
        this.port = port;
        this.target = target;
        this.slowMillis = slowMillis;
    }

    int port() {
        return port;
    }

    Mode mode() {
        return mode;
    }

    /** Switches the mode; open connections are cut. */
    synchronized void mode(Mode next) throws IOException {
        mode = next;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
        if (next == Mode.DOWN) {
            if (listener != null) {
                listener.close();
                listener = null;
            }
        } else if (listener == null) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = s;
            Thread accept = new Thread(() -> accept(s), "faulty-link-" + port);
            accept.setDaemon(true);
            accept.start();
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed: DOWN, or the test is over
            }
            open.add(client);
            Mode now = mode;
            Thread t = new Thread(() -> serve(client, now), "faulty-link-" + now);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client, Mode now) {
        try {
            switch (now) {
                case SILENT -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
                case GARBAGE -> {
                    client.getOutputStream().write(GARBAGE);
                    client.getOutputStream().flush();
                    client.close();
                }
                case PASS, SLOW -> {
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(server);
                    Thread up = new Thread(() -> pump(client, server, 0), "faulty-link-up");
                    up.setDaemon(true);
                    up.start();
                    pump(server, client, now == Mode.SLOW ? slowMillis : 0);
                    open.remove(server);
                }
                default -> client.close();
            }
        } catch (IOException e) {
            // cut by a switch, or by the other side
        } finally {
            closeQuietly(client);
            open.remove(client);
        }
    }

    private static void pump(Socket from, Socket to, long holdMillis) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (holdMillis > 0) {
                    Thread.sleep(holdMillis);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side hung up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        mode(Mode.DOWN);
    }
}
