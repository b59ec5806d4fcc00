package org.dipwatch.alert;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook delivery as the Standard Webhooks specification asks
 * (<a href="https://www.standardwebhooks.com/">standardwebhooks.com</a>), so that a receiver can check
 * with any of its libraries that the body came from dipwatch, unaltered, at the time stated.
 *
 * <p>The signature is {@code v1,} followed by the base64 HMAC-SHA256 of {@code {id}.{timestamp}.{body}}
 * in UTF-8. The key comes from the subscription's secret: a secret that starts with {@code whsec_}
 * is the spec's form, and the key is the base64 after the prefix (what the receiver's library
 * decodes too); any other secret is used as it is, its UTF-8 bytes being the key (the receiver then
 * passes those bytes to its library, not the string).
 */
public final class WebhookSigner {

    /** The prefix of a secret in the Standard Webhooks form: the base64 of the key follows it. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /**
     * The {@code webhook-signature} value for one delivery.
     *
     * @param secret           the subscription's secret ({@code whsec_<base64>} or any other non-blank string)
     * @param messageId        the {@code webhook-id}
     * @param timestampSeconds the {@code webhook-timestamp}, seconds since the epoch
     * @param body             the exact body that is sent
     * @return {@code v1,<base64 HMAC-SHA256>}
     * @throws IllegalArgumentException when the secret is blank or its {@code whsec_} part is not base64
     */
    public static String signature(String secret, String messageId, long timestampSeconds, String body) {
        Objects.requireNonNull(messageId, "webhook: messageId");
        Objects.requireNonNull(body, "webhook: body");
        byte[] signed = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java runtime must provide HmacSHA256, and any non-empty key suits it
            throw new IllegalStateException("webhook: HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    /**
     * The three headers of a signed delivery, in the order {@code webhook-id}, {@code webhook-timestamp}
     * (seconds since the epoch), {@code webhook-signature}.
     *
     * @throws IllegalArgumentException when the secret is blank or its {@code whsec_} part is not base64
     */
    public static Map<String, String> headers(String secret, String messageId, Instant time, String body) {
        long seconds = time.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(seconds));
        headers.put("webhook-signature", signature(secret, messageId, seconds, body));
        return headers;
    }

    private static byte[] key(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("webhook: the subscription has no secret; set its webhook secret "
                    + "(whsec_ followed by the base64 of at least 24 random bytes, or any non-blank string)");
        }
        if (!secret.startsWith(SECRET_PREFIX)) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook: the subscription's secret starts with whsec_ but what "
                    + "follows is not base64; set its webhook secret to whsec_ followed by base64, "
                    + "or to a string without that prefix", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("webhook: the subscription's secret is whsec_ with no key after it; "
                    + "set its webhook secret to whsec_ followed by the base64 of at least 24 random bytes");
        }
        return key;
    }
}
