package org.dipwatch.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dipwatch.retry.Backoff;
import org.dipwatch.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts that are due: a signed POST of the CloudEvents payload to a webhook, a
 * multipart e-mail, a chat message to Slack or Telegram ({@link AlertChat}, sent through Camel's
 * components by a {@link ChannelTransport}), a JSON publish to an ntfy topic, or the CloudEvent to
 * a Camel endpoint. A 2xx answer (a mail the server took, a message the component sent) delivers
 * an alert; anything else is retried with exponential backoff and jitter (a {@code Retry-After} on 429 or 503 sets the
 * wait), until {@code dipwatch.alert.max-attempts} attempts or {@code dipwatch.alert.max-age-hours}
 * make it a dead letter.
 *
 * <p>Alerts travel in lanes ({@link Outbox.Lane}: one subscription, one channel). A lane is served
 * by one run at a time, which delivers its alerts one after the other in the order they were
 * written and stops at the first that fails or is not yet due, so a lane's order holds across
 * retries. Different lanes run in parallel on {@code dipwatch.alert.delivery-threads} threads: a
 * slow or failing webhook holds its own lane and one thread, never another subscription's alerts.
 * A run of e-mails goes over one SMTP connection ({@link MailTransport#run()}); deliveries are
 * recorded in batches (at most {@value #RECORD_EVERY} alerts or {@value #RECORD_MILLIS} ms apart),
 * failures at once. Delivery stays at least once: a crash before a batch is recorded sends its
 * alerts again, with the same message id.
 */
public final class Deliverer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    /** Parallel lanes when the settings do not say ({@code dipwatch.alert.delivery-threads}). */
    public static final int DELIVERY_THREADS = 4;

    /** Alerts of a lane read per query. */
    static final int PAGE = 200;

    /** Deliveries recorded in one transaction at most, and at most this many milliseconds after the first of them. */
    static final int RECORD_EVERY = 100;
    static final long RECORD_MILLIS = 250;

    /**
     * How retries are spaced and when an alert is given up; how many lanes run at once, how many
     * reports of each story a digest names, and the HTTP version of webhooks
     * ({@code dipwatch.webhook.http-version}).
     */
    public record Policy(int maxAttempts, Duration maxAge, Duration backoff, Duration backoffMax, Duration timeout,
                         boolean allowPrivate, int threads, int alsoReportedMax, HttpClient.Version webhookVersion) {

        /** A policy whose webhooks go as HTTP/1.1. */
        public Policy(int maxAttempts, Duration maxAge, Duration backoff, Duration backoffMax, Duration timeout,
                      boolean allowPrivate, int threads, int alsoReportedMax) {
            this(maxAttempts, maxAge, backoff, backoffMax, timeout, allowPrivate, threads, alsoReportedMax, HttpClient.Version.HTTP_1_1);
        }

        /** A policy with {@value Deliverer#DELIVERY_THREADS} threads, digests naming {@value Alerts#ALSO_REPORTED_MAX} reports a story, HTTP/1.1. */
        public Policy(int maxAttempts, Duration maxAge, Duration backoff, Duration backoffMax, Duration timeout,
                      boolean allowPrivate) {
            this(maxAttempts, maxAge, backoff, backoffMax, timeout, allowPrivate, DELIVERY_THREADS, Alerts.ALSO_REPORTED_MAX);
        }

        /**
         * The HTTP version a {@code dipwatch.webhook.http-version} value names: {@code 1.1}, or {@code 2}
         * (HTTP/2 over TLS where the receiver offers it, and on {@code http://} an {@code Upgrade: h2c}
         * that some receivers and proxies refuse).
         *
         * @throws IllegalArgumentException for any other value
         */
        public static HttpClient.Version webhookVersion(String value) {
            return switch (value == null ? "" : value.strip()) {
                case "1.1" -> HttpClient.Version.HTTP_1_1;
                case "2" -> HttpClient.Version.HTTP_2;
                default -> throw new IllegalArgumentException("dipwatch.webhook.http-version=" + value + " must be 1.1 or 2");
            };
        }
    }

    private final Outbox outbox;
    private final Subscriptions subscriptions;
    private final MailTransport mail;
    private final ChannelTransport channels;
    private final Metrics metrics;
    private final Policy policy;
    private final HttpClient http;
    private final ExecutorService lanes;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** Set when the daemon stops: runs end after the alert they are sending. */
    private volatile boolean stopping;
    /** Every this many looks at the outbox, every lane with pending alerts is looked up, not only the subscriptions'. */
    static final int FULL_LOOK_EVERY = 50;
    private long looks;

    /**
     * A deliverer of the outbox's alerts to the current subscriptions' webhooks, addresses and ntfy
     * topics, without Camel: their Slack, Telegram and Camel alerts fail and wait ({@link ChannelTransport#NONE}).
     */
    public Deliverer(Outbox outbox, Subscriptions subscriptions, MailTransport mail, Metrics metrics, Policy policy) {
        this(outbox, subscriptions, mail, ChannelTransport.NONE, metrics, policy);
    }

    /** A deliverer of the outbox's alerts on every channel of the current subscriptions. */
    public Deliverer(Outbox outbox, Subscriptions subscriptions, MailTransport mail, ChannelTransport channels, Metrics metrics,
                     Policy policy) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.channels = channels;
        this.metrics = metrics;
        this.policy = policy;
        // HTTP/1.1 unless configured: the JDK's default HTTP/2 sends Upgrade: h2c on http://, which some receivers refuse
        this.http = HttpClient.newBuilder().version(policy.webhookVersion()).connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        AtomicInteger n = new AtomicInteger();
        this.lanes = Executors.newFixedThreadPool(Math.max(1, policy.threads()), r -> {
            Thread t = new Thread(r, "alert-deliver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a run for every lane whose oldest alert is due and that no run serves yet, and returns
     * at once: what the delivery timer calls. Returns how many runs it started.
     */
    public int dispatch() {
        return start().size();
    }

    /**
     * Delivers every alert that is due now, a backlog included, and waits for it; returns how many
     * were delivered. Lanes a run already serves are left to it.
     */
    public int deliverDue() {
        int delivered = 0;
        for (Future<Integer> run : start()) {
            try {
                delivered += run.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivered;
            } catch (ExecutionException e) {
                LOG.error("alert: a delivery run failed: {}", String.valueOf(e.getCause()));
            }
        }
        return delivered;
    }

    /**
     * Starts no more runs; each run ends after the alert it is sending, which is sent and recorded.
     * The daemon's stop calls this first, then {@link #awaitStopped}.
     */
    public void stopTaking() {
        stopping = true;
        lanes.shutdown();
    }

    /**
     * Waits at most {@code wait} for the runs to end. A run still sending then (a webhook slower
     * than the stop allows) is left alone, never interrupted: its thread may be writing to the
     * index, and an interrupt during a write closes an embedded H2 file under every other user.
     * What it could not record is sent again at the next start, with the same message id.
     */
    public boolean awaitStopped(java.time.Duration wait) {
        try {
            if (lanes.awaitTermination(Math.max(0, wait.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("alert: {} delivery runs were still sending after {} s (dipwatch.shutdown.timeout); "
                + "what they could not record is sent again at the next start, with the same webhook-id", busy.size(),
                wait.toSeconds());
        return false;
    }

    /** {@link #stopTaking()}, then waits for the runs as long as one webhook's timeout, and a second more. */
    @Override
    public void close() {
        stopTaking();
        awaitStopped(policy.timeout().plusSeconds(1));
    }

    /** The lanes of the current subscriptions: one per subscription and channel. */
    private List<Outbox.Lane> knownLanes() {
        List<Outbox.Lane> out = new ArrayList<>();
        for (Subscription s : subscriptions.current()) {
            for (String channel : s.channels()) {
                out.add(new Outbox.Lane(s.id(), channel, 0));
            }
        }
        return out;
    }

    private synchronized List<Future<Integer>> start() {
        List<Future<Integer>> runs = new ArrayList<>();
        if (lanes.isShutdown()) {
            return runs;
        }
        // the subscriptions' lanes at every look; now and then every lane with pending alerts (a removed subscription's too)
        Instant now = Instant.now();
        List<Outbox.Lane> due = looks++ % FULL_LOOK_EVERY == 0 ? outbox.dueLanes(now) : outbox.dueLanes(now, knownLanes());
        for (Outbox.Lane lane : due) {
            String key = lane.subscriptionId() + "\n" + lane.channel();
            if (!busy.add(key)) {
                continue;
            }
            try {
                runs.add(lanes.submit(() -> {
                    try {
                        return serve(lane);
                    } finally {
                        busy.remove(key);
                    }
                }));
            } catch (RejectedExecutionException e) {
                busy.remove(key);
            }
        }
        return runs;
    }

    /** Deliveries taken but not yet recorded: the run records them in batches. */
    private final class Taken {
        private final List<Outbox.Delivery> deliveries = new ArrayList<>();
        private long since;

        void add(List<Outbox.Row> rows, Integer status, long latency) {
            if (deliveries.isEmpty()) {
                since = System.nanoTime();
            }
            Instant at = Instant.now();
            rows.forEach(r -> deliveries.add(new Outbox.Delivery(r, status, latency, at)));
            if (deliveries.size() >= RECORD_EVERY || (System.nanoTime() - since) / 1_000_000 >= RECORD_MILLIS) {
                record();
            }
        }

        /** Records what was delivered; after this the outbox says so, and only then do logs and metrics. */
        void record() {
            if (deliveries.isEmpty()) {
                return;
            }
            outbox.delivered(deliveries);
            for (Outbox.Delivery d : deliveries) {
                Outbox.Row row = d.row();
                metrics.alert(row.subscriptionId(), row.channel(), "delivered", d.latencyMs());
                LOG.info("alert: {} delivered to {} ({}) article={} attempt={}", row.messageId(), row.subscriptionId(),
                        row.channel(), row.articleFile(), row.attempts() + 1);
            }
            deliveries.clear();
        }
    }

    /**
     * One run of a lane: its pending alerts in order, a page at a time, until one is not due,
     * one fails, or none is left; returns how many were delivered.
     */
    private int serve(Outbox.Lane lane) {
        // on an outbox several nodes share: the lane's lock, held until what the run delivered is recorded
        try (Outbox.LaneLock lock = outbox.lockLane(lane)) {
            return lock == null ? 0 : serveLocked(lane);
        }
    }

    private int serveLocked(Outbox.Lane lane) {
        Optional<Subscription> sub = subscriptions.current().stream().filter(s -> s.id().equals(lane.subscriptionId())).findFirst();
        Taken taken = new Taken();
        int delivered = 0;
        MailTransport.Run mailRun = null;
        try {
            long from = lane.headId();
            lane:
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                List<Outbox.Row> page = outbox.pending(lane, from, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (Outbox.Row row : page) {
                    if (stopping) {
                        break lane; // the daemon stops: the rest of the lane waits for the next start
                    }
                    if (row.nextAttemptAt().isAfter(Instant.now())) {
                        break lane; // the oldest waits, and nothing overtakes it
                    }
                    if (row.channel().equals(Outbox.EMAIL) && mailRun == null) {
                        mailRun = mail.run();
                    }
                    if (collects(sub, row)) {
                        // a digest (or what quiet hours held) takes every due alert of the lane: record what went before,
                        // send it, and leave the rest to the next run, which starts again from the lane's oldest alert
                        taken.record();
                        List<Outbox.Row> batch = outbox.dueBatch(row.subscriptionId(), Outbox.EMAIL, Instant.now(), 500).stream()
                                .filter(r -> !r.content().isSourceNotice()).toList();
                        int n = deliver(sub, batch.isEmpty() ? List.of(row) : batch, mailRun, taken);
                        delivered += Math.max(0, n);
                        break lane;
                    }
                    int n = deliver(sub, List.of(row), mailRun, taken);
                    if (n < 0) {
                        break lane; // retried later: the lane waits for it
                    }
                    delivered += n;
                    from = row.id() + 1;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("alert: delivery to {} ({}) stopped: {}; it resumes at the next look at the outbox", lane.subscriptionId(),
                    lane.channel(), e.getMessage());
        } finally {
            try {
                taken.record();
            } catch (RuntimeException e) {
                LOG.error("alert: {} deliveries to {} ({}) could not be recorded and will be sent again: {}",
                        taken.deliveries.size(), lane.subscriptionId(), lane.channel(), e.getMessage());
            }
            if (mailRun != null) {
                mailRun.close();
            }
        }
        return delivered;
    }

    /** Whether this e-mail alert goes out in one mail with the others due: a digest, or alerts quiet hours held. */
    private static boolean collects(Optional<Subscription> sub, Outbox.Row row) {
        return row.channel().equals(Outbox.EMAIL) && sub.isPresent() && !row.content().isSourceNotice()
                && ("digest".equals(sub.get().mode()) || sub.get().quiet() != null && row.attempts() == 0);
    }

    /**
     * Sends one alert, or one digest of several; returns how many were delivered, 0 when they
     * became dead letters (the lane goes on), -1 when they will be retried (the lane waits).
     */
    private int deliver(Optional<Subscription> sub, List<Outbox.Row> batch, MailTransport.Run mailRun, Taken taken) {
        Outbox.Row row = batch.get(0);
        long start = System.nanoTime();
        Integer status = null;
        String error;
        Duration retryAfter = null;
        try {
            if (sub.isEmpty()) {
                error = "subscription '" + row.subscriptionId() + "' is no longer in the subscriptions file";
            } else if (row.channel().equals(Outbox.WEBHOOK) && sub.get().webhook() != null
                    || row.channel().equals(Outbox.NTFY) && sub.get().ntfy() != null
                    || row.channel().equals(Outbox.SLACK) && sub.get().slack() != null) {
                boolean ntfy = row.channel().equals(Outbox.NTFY);
                boolean slack = row.channel().equals(Outbox.SLACK);
                URI uri = URI.create(ntfy ? sub.get().ntfy().url() : slack ? sub.get().slack().url() : sub.get().webhook().url());
                // host and port, never the path or query: a receiver's URL often carries its own secret
                String to = row.channel() + ": POST to " + hostAndPort(uri);
                try {
                    HttpResponse<String> response = send(ntfy ? ntfyRequest(uri, sub.get().ntfy(), row)
                            : slack ? slackRequest(uri, row) : webhookRequest(uri, sub.get().webhook(), row));
                    status = response.statusCode();
                    if (status / 100 == 2) {
                        return done(batch, status, start, taken);
                    }
                    // ntfy and Slack say why in their answer ({"error":"forbidden"}, "no_service"); a webhook's
                    // answer is the receiver's own
                    error = to + " answered " + status + (ntfy ? ntfyError(response.body()) : slack ? slackError(response.body()) : "");
                    if (status == 429 || status == 503) {
                        retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                    }
                } catch (IOException e) {
                    error = to + " failed: " + cause(e);
                }
            } else if (row.channel().equals(Outbox.TELEGRAM) && sub.get().telegram() != null) {
                channels.telegram(sub.get().telegram(), AlertChat.telegram(row.content()));
                return done(batch, null, start, taken);
            } else if (row.channel().equals(Outbox.CAMEL) && sub.get().camel() != null) {
                channels.camel(sub.get().camel(), AlertPayload.json(row.content()), Map.of(
                        "Content-Type", "application/cloudevents+json; charset=utf-8",
                        "dipwatchMessageId", row.messageId(),
                        "dipwatchSubscription", row.subscriptionId(),
                        // a file: endpoint names the file by it (unless its URI says fileName=)
                        "CamelFileName", row.messageId() + ".json"));
                return done(batch, null, start, taken);
            } else if (row.channel().equals(Outbox.EMAIL) && sub.get().email() != null) {
                List<AlertContent> contents = batch.stream().map(Outbox.Row::content).toList();
                mailRun.send(sub.get().email().to(), contents.size() == 1 && !contents.get(0).mentionOnly()
                        ? AlertMail.compose(contents.get(0))
                        : AlertMail.composeDigest(row.subscriptionId(), contents, policy.alsoReportedMax()));
                return done(batch, null, start, taken);
            } else {
                error = "subscription '" + row.subscriptionId() + "' no longer has a " + row.channel();
            }
        } catch (ChannelTransport.Refused e) {
            error = e.getMessage();
            if (e.retryAfter() != null) {
                retryAfter = e.retryAfter().compareTo(policy.backoffMax()) > 0 ? policy.backoffMax() : e.retryAfter();
            }
        } catch (IOException e) {
            error = row.channel() + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            // the mail server's refusal may come wrapped: the root cause is what a user can act on
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            error = row.channel() + ": " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        // what went before is recorded first, so the log keeps the lane's order
        taken.record();
        boolean retried = false;
        for (Outbox.Row r : batch) {
            retried |= failed(r, sub.isPresent(), status, latency, error, retryAfter);
        }
        return retried ? -1 : 0;
    }

    /** Records a failed attempt: a retry (returns {@code true}) or a dead letter. */
    private boolean failed(Outbox.Row row, boolean subscribed, Integer status, long latency, String error, Duration retryAfter) {
        int attempt = row.attempts() + 1;
        boolean tooOld = Duration.between(row.createdAt(), Instant.now()).compareTo(policy.maxAge()) > 0;
        if (attempt >= policy.maxAttempts() || tooOld || !subscribed) {
            outbox.dead(row, status, latency, error);
            metrics.alert(row.subscriptionId(), row.channel(), "dead", latency);
            LOG.error("alert: {} to {} ({}) is a dead letter after {} attempts: {}", row.messageId(), row.subscriptionId(),
                    row.channel(), attempt, error);
            return false;
        }
        Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
        outbox.retry(row, status, latency, error, Instant.now().plus(wait));
        metrics.alert(row.subscriptionId(), row.channel(), "retrying", latency);
        LOG.warn("alert: {} to {} ({}): {}, retry {}/{} in {} s", row.messageId(), row.subscriptionId(), row.channel(), error,
                attempt, policy.maxAttempts() - 1, wait.toMillis() / 1000.0);
        return true;
    }

    private int done(List<Outbox.Row> batch, Integer status, long start, Taken taken) {
        long latency = (System.nanoTime() - start) / 1_000_000;
        taken.add(batch, status, latency);
        if (batch.size() > 1) {
            LOG.info("alert: {} alerts to {} ({}) sent in one mail", batch.size(), batch.get(0).subscriptionId(), batch.get(0).channel());
        }
        return batch.size();
    }

    /** {@code host:port} of a URL, the port its scheme's default when the URL names none. */
    public static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /**
     * Why a webhook POST failed, in words a user can act on. The JDK's client often says nothing
     * itself (a refused connection is a {@code ConnectException} without a message), so the kind of
     * failure is named from the exceptions in the chain; otherwise the first message found.
     */
    String cause(IOException e) {
        return cause(e, policy.timeout());
    }

    /**
     * Why a request failed, in words a user can act on, the timeout named as
     * {@code dipwatch.webhook.timeout-ms}: as {@link #cause(IOException)}, for any failure of a
     * channel's request (the Slack and Telegram components' too).
     */
    public static String cause(Throwable e, Duration limit) {
        String timeout = limit.toMillis() + " ms (dipwatch.webhook.timeout-ms)";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "no connection within " + timeout;
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer within " + timeout;
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "the host name does not resolve";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS failed: " + t.getMessage();
            }
            if (t instanceof java.net.ConnectException && t != e) {
                // wrapped (as a component's client wraps it): the wrappers' messages only repeat its name
                return t.getMessage() == null || t.getMessage().isBlank()
                        ? "connection refused or closed while connecting (ConnectException)" : t.getMessage() + " (ConnectException)";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused or closed while connecting (ConnectException)";
        }
        return e.getClass().getSimpleName();
    }

    /** Sends a webhook's or ntfy's request, unless its host now resolves to a metadata address. */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        URI uri = request.uri();
        if (!policy.allowPrivate()) {
            // the name may have come to point at a metadata address since the file was read (DNS rebinding)
            for (java.net.InetAddress a : java.net.InetAddress.getAllByName(uri.getHost())) {
                if (Subscriptions.isLinkLocal(a.getHostAddress())) {
                    throw new IOException("refused: " + uri.getHost() + " resolves to the link-local or metadata address "
                            + a.getHostAddress() + " (dipwatch.webhook.allow-private=false)");
                }
            }
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The signed POST of the alert's CloudEvent to a webhook. */
    private HttpRequest webhookRequest(URI uri, Subscription.Webhook webhook, Outbox.Row row) {
        String body = AlertPayload.json(row.content());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(policy.timeout())
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .header("User-Agent", "dipwatch-alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (Map.Entry<String, String> h : WebhookSigner.headers(webhook.secret(), row.messageId(), Instant.now(), body).entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        return request.build();
    }

    /**
     * The alert published to an ntfy topic as JSON: a POST to the server's root naming the topic
     * (ntfy's JSON publishing), with the access token as a bearer token when the topic has one.
     */
    private HttpRequest ntfyRequest(URI topicUrl, Subscription.Ntfy ntfy, Outbox.Row row) {
        String topic = topicUrl.getPath().substring(1);
        HttpRequest.Builder request = HttpRequest.newBuilder(topicUrl.resolve("/")).timeout(policy.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "dipwatch-alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(AlertChat.ntfy(row.content(), topic)));
        if (ntfy.token() != null && !ntfy.token().isBlank()) {
            request.header("Authorization", "Bearer " + ntfy.token());
        }
        return request.build();
    }

    /**
     * The alert posted to a Slack incoming webhook: {@code {"text": mrkdwn}}, the one JSON POST such a
     * webhook takes (the app's webhook posts to its own channel). Sent with the client the webhooks
     * use: camel-slack would bring the whole Slack Web API SDK (12 MB with OkHttp) for this one POST.
     */
    private HttpRequest slackRequest(URI webhookUrl, Outbox.Row row) {
        String body = Outbox.JSON.createObjectNode().put("text", AlertChat.slack(row.content())).toString();
        return HttpRequest.newBuilder(webhookUrl).timeout(policy.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "dipwatch-alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** {@code ": no_service"}: Slack's plain-text reason for a refusal, or nothing when it gives none. */
    static String slackError(String body) {
        String said = body == null ? "" : AlertMail.oneLine(body);
        return said.isBlank() ? "" : ": " + Excerpt.cut(said, 200);
    }

    /** {@code ": forbidden"}: the {@code error} of ntfy's JSON answer, or nothing when it has none. */
    static String ntfyError(String body) {
        try {
            String error = Outbox.JSON.readTree(body == null ? "" : body).path("error").asText("");
            return error.isBlank() ? "" : ": " + Excerpt.cut(AlertMail.oneLine(error), 200);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The wait before attempt {@code attempt + 1}: the initial backoff doubled per attempt, ±20%, at most the maximum. */
    Duration backoff(int attempt) {
        return Backoff.of(policy.backoff(), policy.backoffMax()).after(attempt);
    }

    /** A {@code Retry-After} value (seconds or an HTTP date) as a wait, at most the maximum backoff; {@code null} if absent or unreadable. */
    Duration retryAfter(String value) {
        return Backoff.of(policy.backoff(), policy.backoffMax()).capped(Backoff.retryAfter(value));
    }
}
