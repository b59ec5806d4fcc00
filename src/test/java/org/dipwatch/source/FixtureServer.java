package org.dipwatch.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 serving fixture bodies by path, for the source tests: each body
 * may carry an ETag (answered with 304 when the request's If-None-Match matches), a status and
 * headers; every request is logged with its If-None-Match, and the most requests in flight at
 * once are counted.
 */
final class FixtureServer implements AutoCloseable {

    /** One fixture: status, content type, body, ETag (or {@code null}) and extra headers. */
    record Answer(int status, String contentType, byte[] body, String etag, Map<String, String> headers) {
        static Answer of(String contentType, String body) {
            return new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8), null, Map.of());
        }

        Answer withEtag(String e) {
            return new Answer(status, contentType, body, e, headers);
        }
    }

    /** One request seen: its path and If-None-Match header (or {@code null}), and the status answered. */
    record Request(String path, String ifNoneMatch, int status) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long delayMs;
    private final List<String> posted = Collections.synchronizedList(new ArrayList<>());

    FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The address of a path on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void serve(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** Makes every answer take this long (to see whether requests overlap). */
    void delay(long ms) {
        delayMs = ms;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    long count(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).count();
    }

    /** The bodies POSTed to this server (webhooks), in order. */
    List<String> posted() {
        synchronized (posted) {
            return List.copyOf(posted);
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            Answer a = answers.get(path);
            int status;
            byte[] body;
            if (a == null) {
                status = 404;
                body = ("no fixture at " + path).getBytes(StandardCharsets.UTF_8);
            } else if (a.etag() != null && a.etag().equals(ifNoneMatch)) {
                status = 304;
                body = new byte[0];
            } else {
                status = a.status();
                body = a.body();
                if (a.contentType() != null) {
                    exchange.getResponseHeaders().add("Content-Type", a.contentType());
                }
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            if (a != null && a.etag() != null) {
                exchange.getResponseHeaders().add("ETag", a.etag());
            }
            requests.add(new Request(path, ifNoneMatch, status));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
