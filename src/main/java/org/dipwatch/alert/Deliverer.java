package org.dipwatch.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.dipwatch.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts that are due: a signed POST of the CloudEvents payload to a webhook, or a
 * multipart e-mail. A 2xx answer (or a mail the server took) delivers an alert; anything else is
 * retried with exponential backoff and jitter (a {@code Retry-After} on 429 or 503 sets the
 * wait), until {@code dipwatch.alert.max-attempts} attempts or {@code dipwatch.alert.max-age-hours}
 * make it a dead letter. Alerts of one subscription and channel go out one at a time, in order.
 */
public final class Deliverer {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    /** How retries are spaced and when an alert is given up. */
    public record Policy(int maxAttempts, Duration maxAge, Duration backoff, Duration backoffMax, Duration timeout,
                         boolean allowPrivate) {
    }

    private final Outbox outbox;
    private final Subscriptions subscriptions;
    private final MailTransport mail;
    private final Metrics metrics;
    private final Policy policy;
    private final HttpClient http;

    /** A deliverer of the outbox's alerts to the current subscriptions' webhooks and addresses. */
    public Deliverer(Outbox outbox, Subscriptions subscriptions, MailTransport mail, Metrics metrics, Policy policy) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.metrics = metrics;
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(policy.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Delivers every alert that is due now, a backlog included (after each delivery the next alert
     * of that subscription is due at once); returns how many were delivered.
     */
    public synchronized int deliverDue() {
        int delivered = 0;
        for (int round = 0; round < 50; round++) {
            int now = 0;
            for (Outbox.Row row : outbox.due(Instant.now(), 100)) {
                now += deliver(row) ? 1 : 0;
            }
            delivered += now;
            if (now == 0) {
                break;
            }
        }
        return delivered;
    }

    private boolean deliver(Outbox.Row row) {
        Optional<Subscription> sub = subscriptions.current().stream().filter(s -> s.id().equals(row.subscriptionId())).findFirst();
        // a digest, and e-mail alerts that quiet hours held, go out as one mail; any other alert on its own
        boolean collect = row.channel().equals(Outbox.EMAIL) && sub.isPresent() && !Alerts.isSourceNotice(row.content())
                && ("digest".equals(sub.get().mode()) || sub.get().quiet() != null && row.attempts() == 0);
        List<Outbox.Row> batch = collect ? outbox.dueBatch(row.subscriptionId(), Outbox.EMAIL, Instant.now(), 500).stream()
                .filter(r -> !Alerts.isSourceNotice(r.content())).toList() : List.of(row);
        if (batch.isEmpty()) {
            batch = List.of(row);
        }
        long start = System.nanoTime();
        Integer status = null;
        String error;
        Duration retryAfter = null;
        try {
            if (sub.isEmpty()) {
                error = "subscription '" + row.subscriptionId() + "' is no longer in the subscriptions file";
            } else if (row.channel().equals(Outbox.WEBHOOK) && sub.get().webhook() != null) {
                HttpResponse<String> response = post(sub.get().webhook(), row);
                status = response.statusCode();
                if (status / 100 == 2) {
                    return done(batch, status, start);
                }
                error = "webhook: POST " + sub.get().webhook().url() + " answered " + status;
                if (status == 429 || status == 503) {
                    retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                }
            } else if (row.channel().equals(Outbox.EMAIL) && sub.get().email() != null) {
                List<AlertContent> contents = batch.stream().map(Outbox.Row::content).toList();
                mail.send(sub.get().email().to(), contents.size() == 1 && !contents.get(0).mentionOnly() ? AlertMail.compose(contents.get(0))
                        : AlertMail.composeDigest(row.subscriptionId(), contents));
                return done(batch, null, start);
            } else {
                error = "subscription '" + row.subscriptionId() + "' no longer has a " + row.channel();
            }
        } catch (IOException e) {
            error = row.channel() + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            // Camel wraps the mail server's refusal: the root cause is what a user can act on
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            error = row.channel() + ": " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        for (Outbox.Row r : batch) {
            failed(r, sub.isPresent(), status, latency, error, retryAfter);
        }
        return false;
    }

    private void failed(Outbox.Row row, boolean subscribed, Integer status, long latency, String error, Duration retryAfter) {
        int attempt = row.attempts() + 1;
        boolean tooOld = Duration.between(row.createdAt(), Instant.now()).compareTo(policy.maxAge()) > 0;
        if (attempt >= policy.maxAttempts() || tooOld || !subscribed) {
            outbox.dead(row, status, latency, error);
            metrics.alert(row.subscriptionId(), row.channel(), "dead", latency);
            LOG.error("alert: {} to {} ({}) is a dead letter after {} attempts: {}", row.messageId(), row.subscriptionId(),
                    row.channel(), attempt, error);
            return;
        }
        Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
        outbox.retry(row, status, latency, error, Instant.now().plus(wait));
        metrics.alert(row.subscriptionId(), row.channel(), "retrying", latency);
        LOG.warn("alert: {} to {} ({}): {}, retry {}/{} in {} s", row.messageId(), row.subscriptionId(), row.channel(), error,
                attempt, policy.maxAttempts() - 1, wait.toMillis() / 1000.0);
    }

    private boolean done(List<Outbox.Row> batch, Integer status, long start) {
        long latency = (System.nanoTime() - start) / 1_000_000;
        for (Outbox.Row row : batch) {
            outbox.delivered(row, status, latency);
            metrics.alert(row.subscriptionId(), row.channel(), "delivered", latency);
            LOG.info("alert: {} delivered to {} ({}) article={} attempt={}{}", row.messageId(), row.subscriptionId(),
                    row.channel(), row.articleFile(), row.attempts() + 1, batch.size() > 1 ? " in a batch of " + batch.size() : "");
        }
        return true;
    }

    private HttpResponse<String> post(Subscription.Webhook webhook, Outbox.Row row) throws IOException, InterruptedException {
        URI uri = URI.create(webhook.url());
        if (!policy.allowPrivate()) {
            // the name may have come to point at a metadata address since the file was read (DNS rebinding)
            for (java.net.InetAddress a : java.net.InetAddress.getAllByName(uri.getHost())) {
                if (Subscriptions.isLinkLocal(a.getHostAddress())) {
                    throw new IOException("refused: " + uri.getHost() + " resolves to the link-local or metadata address "
                            + a.getHostAddress() + " (dipwatch.webhook.allow-private=false)");
                }
            }
        }
        String body = AlertPayload.json(row.content());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(policy.timeout())
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .header("User-Agent", "dipwatch-alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (Map.Entry<String, String> h : WebhookSigner.headers(webhook.secret(), row.messageId(), Instant.now(), body).entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The wait before attempt {@code attempt + 1}: the initial backoff doubled per attempt, ±20%, at most the maximum. */
    Duration backoff(int attempt) {
        return backoff(policy.backoff(), policy.backoffMax(), attempt);
    }

    /**
     * The wait after the n-th consecutive failure: {@code initial} doubled per further failure, ±20%, at
     * most {@code max}; the sources' polls back off the same way.
     */
    public static Duration backoff(Duration initial, Duration max, int failures) {
        double base = initial.toMillis() * Math.pow(2, Math.min(failures - 1, 30));
        double jittered = base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis((long) Math.min(jittered, max.toMillis()));
    }

    /** A {@code Retry-After} value (seconds or an HTTP date) as a wait, at most the maximum backoff; {@code null} if absent or unreadable. */
    Duration retryAfter(String value) {
        Duration d = org.dipwatch.ingest.FeedFetcher.retryAfter(value);
        return d == null ? null : d.compareTo(policy.backoffMax()) > 0 ? policy.backoffMax() : d;
    }
}
