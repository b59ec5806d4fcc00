package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a real HTTP server on 127.0.0.1: validators, gzip, redirects, Retry-After, one request per host at a time. */
class FeedFetcherTest {

    private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>MFA</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
    private HttpServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/feed", this::feed);
        server.createContext("/gzip", exchange -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(FEED);
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            send(exchange, 200, zipped.toByteArray());
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            send(exchange, 302, new byte[0]);
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/feed");
            send(exchange, 301, new byte[0]);
        });
        server.createContext("/busy", exchange -> {
            log.add("busy " + System.nanoTime());
            exchange.getResponseHeaders().add("Retry-After", "2");
            send(exchange, 429, new byte[0]);
        });
        server.createContext("/slow", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            send(exchange, 200, FEED);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void feed(HttpExchange exchange) throws IOException {
        log.add("feed If-None-Match=" + exchange.getRequestHeaders().getFirst("If-None-Match") + " UA="
                + exchange.getRequestHeaders().getFirst("User-Agent"));
        if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            send(exchange, 304, new byte[0]);
            return;
        }
        exchange.getResponseHeaders().add("ETag", "\"v1\"");
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        send(exchange, 200, FEED);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private FeedFetcher fetcher(Duration minDelay) {
        return new FeedFetcher("dipwatch-test/1 (+https://example.org/dipwatch)", Duration.ofSeconds(5), 3, minDelay);
    }

    @Test
    void aSecondFetchSendsTheValidatorsAndGets304() throws Exception {
        FeedFetcher fetcher = fetcher(Duration.ZERO);
        FeedFetcher.Fetched first = fetcher.fetch(uri("/feed"), FeedFetcher.Validators.NONE);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(FEED);
        assertThat(first.contentType()).startsWith("application/rss+xml");
        assertThat(first.validators().etag()).isEqualTo("\"v1\"");
        FeedFetcher.Fetched second = fetcher.fetch(uri("/feed"), first.validators());
        assertThat(second.notModified()).isTrue();
        assertThat(second.validators()).isEqualTo(first.validators());
        assertThat(log).containsExactly("feed If-None-Match=null UA=dipwatch-test/1 (+https://example.org/dipwatch)",
                "feed If-None-Match=\"v1\" UA=dipwatch-test/1 (+https://example.org/dipwatch)");
    }

    @Test
    void gzipIsUnpackedAndRedirectsAreFollowedUpToTheLimit() throws Exception {
        FeedFetcher fetcher = fetcher(Duration.ZERO);
        assertThat(fetcher.fetch(uri("/gzip"), FeedFetcher.Validators.NONE).body()).isEqualTo(FEED);
        FeedFetcher.Fetched moved = fetcher.fetch(uri("/moved"), FeedFetcher.Validators.NONE);
        assertThat(moved.uri().getPath()).isEqualTo("/feed");
        assertThatThrownBy(() -> fetcher.fetch(uri("/loop"), FeedFetcher.Validators.NONE))
                .hasMessageContaining("more than 3 redirects");
        assertThatThrownBy(() -> fetcher.fetch(uri("/missing"), FeedFetcher.Validators.NONE))
                .hasMessageContaining("/missing").hasMessageContaining("answered 404");
    }

    @Test
    void retryAfterOn429DelaysTheNextRequestToThatHost() throws Exception {
        FeedFetcher fetcher = fetcher(Duration.ZERO);
        assertThatThrownBy(() -> fetcher.fetch(uri("/busy"), FeedFetcher.Validators.NONE)).hasMessageContaining("answered 429");
        assertThatThrownBy(() -> fetcher.fetch(uri("/busy"), FeedFetcher.Validators.NONE)).hasMessageContaining("answered 429");
        long first = Long.parseLong(log.get(0).split(" ")[1]);
        long second = Long.parseLong(log.get(1).split(" ")[1]);
        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void twoSourcesOnOneHostNeverFetchAtTheSameTime() throws Exception {
        FeedFetcher fetcher = fetcher(Duration.ofMillis(50));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FeedFetcher.Fetched>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> fetcher.fetch(uri("/slow"), FeedFetcher.Validators.NONE)));
            }
            for (Future<FeedFetcher.Fetched> f : results) {
                assertThat(f.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxInFlight.get()).isEqualTo(1);
    }
}
