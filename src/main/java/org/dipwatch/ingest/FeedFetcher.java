package org.dipwatch.ingest;

import org.dipwatch.retry.Backoff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPInputStream;

/**
 * Fetches feeds and pages politely: a conditional GET (the ETag and Last-Modified of the last
 * answer), gzip, timeouts, a limit on redirects and a descriptive User-Agent; one request at a
 * time per host with a minimum delay between two, and a host that answers 429 or 503 with
 * {@code Retry-After} is left alone that long. No Camel or HTTP library types leave this class:
 * callers get a {@link Fetched} record.
 */
public final class FeedFetcher {

    /** What a server said about a version of a resource, to ask next time whether it changed. */
    public record Validators(String etag, String lastModified) {
        /** None: the first request. */
        public static final Validators NONE = new Validators(null, null);
    }

    /**
     * One answer.
     *
     * @param status      the HTTP status of the final answer
     * @param body        the body, un-gzipped (empty for 304)
     * @param contentType the Content-Type header, or {@code null}
     * @param validators  the validators to send next time (the old ones on 304)
     * @param uri         where the answer came from, after redirects
     */
    public record Fetched(int status, byte[] body, String contentType, Validators validators, URI uri) {

        /** Whether the resource is unchanged since the validators sent (304). */
        public boolean notModified() {
            return status == 304;
        }
    }

    private static final class Host {
        final ReentrantLock lock = new ReentrantLock(true);
        volatile Instant notBefore = Instant.EPOCH;
    }

    /** The default of {@code dipwatch.sources.max-bytes}: 32 MiB. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    private final HttpClient http;
    private final String userAgent;
    private final Duration timeout;
    private final int maxRedirects;
    private final Duration minDelay;
    private final long maxBytes;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    /** A fetcher with this User-Agent, timeout, redirect limit and minimum delay between two requests to one host. */
    public FeedFetcher(String userAgent, Duration timeout, int maxRedirects, Duration minDelay) {
        this(userAgent, timeout, maxRedirects, minDelay, DEFAULT_MAX_BYTES);
    }

    /**
     * A fetcher as above that reads at most {@code maxBytes} of a body, as sent and once un-gzipped
     * ({@code dipwatch.sources.max-bytes}); the whole answer, body included, must arrive within the timeout.
     */
    public FeedFetcher(String userAgent, Duration timeout, int maxRedirects, Duration minDelay, long maxBytes) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
        this.minDelay = minDelay;
        this.maxBytes = maxBytes;
    }

    /**
     * GETs a resource, waiting for its host's turn; sends the validators of the last answer.
     * Throws with a message naming the URL and what went wrong (a status of 400 or more, too many
     * redirects, a timeout).
     */
    public Fetched fetch(URI uri, Validators previous) throws IOException, InterruptedException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = politely(current, previous);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new IOException("fetch " + current + ": answered " + status + " without a Location");
                }
                if (redirects >= maxRedirects) {
                    throw new IOException("fetch " + uri + ": more than " + maxRedirects + " redirects (last to " + location + ")");
                }
                current = current.resolve(location);
                continue;
            }
            if (status == 304) {
                return new Fetched(304, new byte[0], null, previous, current);
            }
            if (status >= 400) {
                throw new IOException("fetch " + current + ": answered " + status);
            }
            Validators validators = new Validators(response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
            return new Fetched(status, body(current, response), response.headers().firstValue("Content-Type").orElse(null), validators,
                    current);
        }
    }

    /** When a host may be asked next (for health reports and tests). */
    public Instant notBefore(String host) {
        Host h = hosts.get(host.toLowerCase(Locale.ROOT));
        return h == null ? Instant.EPOCH : h.notBefore;
    }

    private HttpResponse<byte[]> politely(URI uri, Validators previous) throws IOException, InterruptedException {
        Host host = hosts.computeIfAbsent(uri.getHost().toLowerCase(Locale.ROOT), k -> new Host());
        host.lock.lockInterruptibly();
        try {
            Duration wait = Duration.between(Instant.now(), host.notBefore);
            if (!wait.isNegative()) {
                Thread.sleep(wait.toMillis());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", userAgent).header("Accept-Encoding", "gzip")
                    .header("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
                            + "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5");
            if (previous.etag() != null) {
                request.header("If-None-Match", previous.etag());
            }
            if (previous.lastModified() != null) {
                request.header("If-Modified-Since", previous.lastModified());
            }
            HttpResponse<byte[]> response;
            // the request's own timeout ends with the headers: a body that drips forever, or a huge one,
            // would hold this poll and its host for good. The whole answer gets the timeout, the body maxBytes.
            CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(), info -> new Limited(maxBytes));
            try {
                response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                answer.cancel(true);
                host.notBefore = Instant.now().plus(minDelay);
                throw new IOException("fetch " + uri + ": no complete answer within " + timeout.toSeconds() + " s"
                        + " (dipwatch.sources.timeout-ms)", e);
            } catch (ExecutionException e) {
                host.notBefore = Instant.now().plus(minDelay);
                Throwable cause = e.getCause();
                if (cause instanceof java.net.http.HttpTimeoutException) {
                    throw new IOException("fetch " + uri + ": no answer within " + timeout.toSeconds() + " s", cause);
                }
                if (cause instanceof TooLarge) {
                    throw new IOException("fetch " + uri + ": the answer is larger than " + maxBytes + " bytes, the limit set by"
                            + " dipwatch.sources.max-bytes; it was not read", cause);
                }
                // as the blocking send threw it (a ConnectException stays one: the poller explains it to the user)
                throw cause instanceof IOException io ? io : new IOException("fetch " + uri + ": " + cause, cause);
            } catch (InterruptedException e) {
                answer.cancel(true);
                throw e;
            }
            Duration next = minDelay;
            if (response.statusCode() == 429 || response.statusCode() == 503) {
                Duration retryAfter = Backoff.retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                if (retryAfter != null && retryAfter.compareTo(next) > 0) {
                    next = retryAfter;
                }
            }
            host.notBefore = Instant.now().plus(next);
            return response;
        } finally {
            host.lock.unlock();
        }
    }

    private byte[] body(URI uri, HttpResponse<byte[]> response) throws IOException {
        byte[] raw = response.body();
        if (response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                // a gzip bomb (a few KB that unpack to gigabytes) stops at the limit
                byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (body.length > maxBytes) {
                    throw new IOException("fetch " + uri + ": the answer un-gzips to more than " + maxBytes + " bytes, the limit"
                            + " set by dipwatch.sources.max-bytes (" + raw.length + " bytes gzipped); it was not read");
                }
                return body;
            }
        }
        return raw;
    }

    /** The body was larger than the limit. */
    private static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("body larger than " + maxBytes + " bytes");
        }
    }

    /** Collects a body up to a limit; past it, cancels the download and fails with {@link TooLarge}. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Limited(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (out.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge(maxBytes));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }

}
