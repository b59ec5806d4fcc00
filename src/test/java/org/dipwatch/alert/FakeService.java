package org.dipwatch.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of a chat service's HTTP API on 127.0.0.1 (Slack's incoming webhooks, the Telegram Bot
 * API, ntfy): a real HTTP server that answers the next {@link #failures} requests with
 * {@link #failStatus} and {@link #failBody}, then every request with 200 and the service's own
 * success answer, and keeps the path, body and {@code Authorization} of each request it took.
 */
final class FakeService implements AutoCloseable {

    final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failures = new AtomicInteger();
    volatile int failStatus = 500;
    volatile String failBody = "";
    /** Headers of a failure's answer ({@code Retry-After}). */
    final java.util.Map<String, String> failHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer http;

    /** Slack's answer to a message it took. */
    static final String SLACK_OK = "ok";
    /** The Bot API's answer to a sendMessage it took. */
    static final String TELEGRAM_OK = """
            {"ok":true,"result":{"message_id":7,"date":1741079702,"chat":{"id":-1001234567890,"type":"channel","title":"desk"}}}""";
    /** ntfy's answer to a publish it took. */
    static final String NTFY_OK = """
            {"id":"hwQ2YpKdmg","time":1741079702,"event":"message","topic":"dipwatch-desk"}""";

    private FakeService(String okBody) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fail) {
                paths.add(exchange.getRequestURI().getPath());
                bodies.add(body);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            }
            byte[] answer = (fail ? failBody : okBody).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (fail) {
                failHeaders.forEach(exchange.getResponseHeaders()::add);
            }
            exchange.sendResponseHeaders(fail ? failStatus : 200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.start();
    }

    /** A fake started on a free port of 127.0.0.1 that answers a request it takes with {@code okBody}. */
    static FakeService start(String okBody) throws IOException {
        return new FakeService(okBody);
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
