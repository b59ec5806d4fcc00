package org.dipwatch.alert;

import java.util.Map;

/**
 * Sends alerts on the channels that go through Camel's components: a Telegram chat
 * (camel-telegram) and any Camel endpoint (a Slack incoming webhook is one JSON POST, sent by the
 * deliverer like a webhook). Each method returns when
 * the service or endpoint took the message and throws {@link Refused} when it did not, with a
 * message that starts with the channel's name, names where it went without its secret, and says
 * why ({@code telegram: sendMessage to chat -100123 at api.telegram.org:443 answered 400: Bad
 * Request: chat not found}). The daemon's implementation sends through its CamelContext.
 */
public interface ChannelTransport {

    /** The service or endpoint did not take the message; the message says where and why, in words a user can act on. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient java.time.Duration retryAfter;

        /** A refusal whose message is the whole story (no cause: the message names it). */
        public Refused(String message) {
            this(message, null);
        }

        /** A refusal with the wait the service asked for before the next try (a 429's), or {@code null}. */
        public Refused(String message, java.time.Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        /** The wait the service asked for, or {@code null}: then the deliverer's backoff decides. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Sends a message in Telegram's HTML to a chat. */
    void telegram(Subscription.Telegram telegram, String html) throws Refused, InterruptedException;

    /** Sends a body with these headers to a Camel endpoint. */
    void camel(Subscription.Camel camel, String body, Map<String, String> headers) throws Refused, InterruptedException;

    /**
     * No Camel: where a deliverer runs without the daemon's CamelContext (a test of webhooks and
     * e-mail), alerts on these channels fail, are retried and wait like any others.
     */
    ChannelTransport NONE = new ChannelTransport() {
        @Override
        public void telegram(Subscription.Telegram telegram, String html) throws Refused {
            throw new Refused("telegram: no Camel context to send with");
        }

        @Override
        public void camel(Subscription.Camel camel, String body, Map<String, String> headers) throws Refused {
            throw new Refused("camel: no Camel context to send with");
        }
    };
}
