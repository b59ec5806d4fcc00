package org.dipwatch.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.telegram.TelegramComponent;
import org.apache.camel.component.telegram.TelegramConfiguration;
import org.apache.camel.component.telegram.TelegramEndpoint;
import org.apache.camel.component.telegram.model.OutgoingTextMessage;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.dipwatch.alert.ChannelTransport;
import org.dipwatch.alert.Deliverer;
import org.dipwatch.alert.Subscription;

/**
 * The daemon's {@link ChannelTransport}: sends Telegram and Camel alerts through its CamelContext
 * with a {@link ProducerTemplate}. Telegram goes through camel-telegram's endpoint with the bot's
 * token and the chat, its Bot API base URL {@code dipwatch.telegram.base-url}; a {@code camel}
 * channel's URI is resolved by the context like any route's {@code to}. The Telegram endpoints are
 * made here, one per bot and chat, and never registered under a URI: the bot's token stays out of
 * Camel's endpoint registry and its logs; their producers are called directly (see {@link
 * #direct}). (Slack's incoming webhook is one JSON POST, which the deliverer sends itself.) Each
 * send waits at most {@code dipwatch.webhook.timeout-ms}.
 */
public final class CamelChannels implements ChannelTransport, AutoCloseable {

    /** camel-telegram's refusal: {@code <url> responded: 400{"ok":false,"error_code":400,"description":"…"}}. */
    private static final Pattern TELEGRAM_ANSWER = Pattern.compile("responded: (\\d{3})(.*)$", Pattern.DOTALL);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Supplier<CamelContext> context;
    private final String telegramBaseUrl;
    private final Duration timeout;
    /** The Telegram producers made here, started, by their settings. */
    private final Map<Object, Producer> producers = new ConcurrentHashMap<>();
    private volatile ProducerTemplate template;
    private volatile java.util.concurrent.ExecutorService sending;

    /**
     * Channels that send through the context {@code context} gives once it exists (the daemon's
     * is made after its beans).
     *
     * @param telegramBaseUrl the Telegram Bot API's base URL ({@code https://api.telegram.org})
     * @param timeout         how long a send may take
     */
    public CamelChannels(Supplier<CamelContext> context, String telegramBaseUrl, Duration timeout) {
        this.context = context;
        this.telegramBaseUrl = telegramBaseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    @Override
    public void telegram(Subscription.Telegram telegram, String html) throws Refused, InterruptedException {
        String where = "telegram: sendMessage to chat " + telegram.chat() + " at " + Deliverer.hostAndPort(URI.create(telegramBaseUrl));
        Producer producer = producer(telegram, where, c -> {
            TelegramConfiguration configuration = new TelegramConfiguration();
            configuration.setType(TelegramConfiguration.ENDPOINT_TYPE_BOTS);
            configuration.setBaseUri(telegramBaseUrl);
            configuration.setAuthorizationToken(telegram.token());
            configuration.setChatId(telegram.chat());
            // HTTP/1.1: the JDK's HTTP/2 asks an http:// server to upgrade, which some proxies refuse
            return new TelegramEndpoint("telegram:bots", c.getComponent("telegram", TelegramComponent.class), configuration,
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
        });
        OutgoingTextMessage message = new OutgoingTextMessage();
        message.setChatId(telegram.chat());
        message.setText(html);
        message.setParseMode("HTML");
        Exchange done;
        try {
            done = send(producer.getEndpoint(), message, Map.of(), where, direct(producer));
        } catch (Refused e) {
            throw new Refused(withoutToken(e.getMessage(), telegram.token()));
        }
        Exception e = done.getException();
        if (e != null) {
            String said = null;
            Duration wait = null;
            for (Throwable t = e; t != null && said == null; t = t.getCause() == t ? null : t.getCause()) {
                Matcher m = TELEGRAM_ANSWER.matcher(String.valueOf(t.getMessage()));
                if (m.find()) {
                    JsonNode answer = json(m.group(2));
                    said = " answered " + m.group(1) + answer(answer.path("description").asText(m.group(2)));
                    // a 429 says how long to wait: {"parameters":{"retry_after":30}}
                    long seconds = answer.path("parameters").path("retry_after").asLong(0);
                    wait = seconds > 0 ? Duration.ofSeconds(seconds) : null;
                }
            }
            // the Bot API's URL holds the token, and the component's messages hold the URL
            throw new Refused(withoutToken(where + (said != null ? said : " failed: " + Deliverer.cause(e, timeout)), telegram.token()),
                    wait);
        }
    }

    @Override
    public void camel(Subscription.Camel camel, String body, Map<String, String> headers) throws Refused, InterruptedException {
        String shown = URISupport.sanitizeUri(camel.uri());
        String where = "camel: " + shown;
        Endpoint endpoint;
        try {
            endpoint = context().getEndpoint(camel.uri());
        } catch (RuntimeException e) {
            // Camel's own words name the missing component or the option it does not know
            throw new Refused(where + ": no such endpoint: " + URISupport.sanitizeUri(String.valueOf(e.getMessage())));
        }
        if (endpoint == null) {
            throw new Refused(where + ": no such endpoint (is the component on the classpath?)");
        }
        ProducerTemplate t = template();
        Exchange done = send(endpoint, body, headers, where, exchange -> t.send(endpoint, exchange));
        Exception e = done.getException();
        if (e != null) {
            throw new Refused(where + " failed: " + URISupport.sanitizeUri(rootMessage(e)));
        }
    }

    /** Stops the producers and endpoints made here, and the template. */
    @Override
    public void close() {
        producers.values().forEach(p -> ServiceHelper.stopAndShutdownServices(p, p.getEndpoint()));
        producers.clear();
        ProducerTemplate t = template;
        if (t != null) {
            ServiceHelper.stopAndShutdownService(t);
        }
        java.util.concurrent.ExecutorService s = sending;
        if (s != null) {
            s.shutdownNow();
        }
    }

    /** How an endpoint is made for a channel's settings. */
    @FunctionalInterface
    private interface Maker {
        Endpoint make(CamelContext context) throws Exception;
    }

    /**
     * The started producer of the endpoint for these settings (a webhook, a bot and chat), made the
     * first time they are used.
     */
    private Producer producer(Object settings, String where, Maker maker) throws Refused {
        Producer known = producers.get(settings);
        if (known != null) {
            return known;
        }
        CamelContext c = context();
        try {
            Endpoint endpoint = maker.make(c);
            ServiceHelper.startService(endpoint);
            Producer made = endpoint.createProducer();
            ServiceHelper.startService(made);
            Producer raced = producers.putIfAbsent(settings, made);
            if (raced != null) {
                ServiceHelper.stopAndShutdownServices(made, endpoint);
                return raced;
            }
            return made;
        } catch (Exception e) {
            throw new Refused(where + ": the endpoint cannot be made: " + rootMessage(e));
        }
    }

    /**
     * Sends through the producer itself, outside a template's unit of work: camel-telegram throws a
     * refused connection without calling back, which would leave a template's exchange in flight
     * for good (one more at every retry); a failure thrown or set is the exchange's exception.
     */
    private static java.util.function.UnaryOperator<Exchange> direct(Producer producer) {
        return exchange -> {
            try {
                producer.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            return exchange;
        };
    }

    /**
     * Sends one message, In-Only, {@code how}, and waits at most the timeout for the endpoint to take
     * it; the exchange tells how it went.
     */
    private Exchange send(Endpoint endpoint, Object body, Map<String, String> headers, String where,
                          java.util.function.UnaryOperator<Exchange> how) throws Refused, InterruptedException {
        Exchange exchange = endpoint.createExchange(ExchangePattern.InOnly);
        exchange.getIn().setBody(body);
        headers.forEach(exchange.getIn()::setHeader);
        // a synchronous send on a thread of its own, waited for here: camel-telegram calls back done before it
        // throws its failure, so an asynchronous send would see a refused message as sent
        Future<Exchange> sent = sending().submit(() -> how.apply(exchange));
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new Refused(where + " failed: no answer within " + timeout.toMillis() + " ms (dipwatch.webhook.timeout-ms)");
        } catch (ExecutionException e) {
            exchange.setException(e.getCause() instanceof Exception cause ? cause : e);
            return exchange;
        }
    }

    private CamelContext context() throws Refused {
        CamelContext c = context.get();
        if (c == null) {
            throw new Refused("camel: the daemon's Camel context is not up yet");
        }
        return c;
    }

    /** The threads sends run on, so that a send that does not return in time can be left behind. */
    private java.util.concurrent.ExecutorService sending() throws Refused {
        java.util.concurrent.ExecutorService s = sending;
        if (s == null) {
            CamelContext c = context();
            synchronized (this) {
                if (sending == null) {
                    sending = c.getExecutorServiceManager().newCachedThreadPool(this, "alert-channel");
                }
                s = sending;
            }
        }
        return s;
    }

    private ProducerTemplate template() throws Refused {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = context().createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }

    /** {@code ": what the service said"}, on one line and short, or nothing. */
    private static String answer(String said) {
        String line = said == null ? "" : said.replaceAll("\\s+", " ").strip();
        return line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 199) + "…" : line);
    }

    /** A Bot API answer as JSON; a missing node when it is not JSON. */
    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String withoutToken(String message, String token) {
        return token == null || token.isEmpty() ? message : message.replace(token, "<token>");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
