package org.dipwatch.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The bearer token of the HTTP API ({@code dipwatch.api.token}, set as DIPWATCH_API_TOKEN). With a
 * token set, every request under {@code /api/} needs {@code Authorization: Bearer <token>}, reads
 * too: the subscriptions name recipients and webhook URLs, the delivery log and the sources name
 * receivers and feeds. Without one the API answers reads only, and only changes are refused.
 * {@code /health} and {@code /metrics} never ask for it. Tokens are compared in constant time.
 */
public final class ApiToken {

    private final String token;

    /** The API's token; {@code null} or blank: none set. */
    public ApiToken(String token) {
        this.token = token == null ? "" : token.strip();
    }

    /** Whether a token is set. */
    public boolean isSet() {
        return !token.isEmpty();
    }

    /** {@code null} when a read may go ahead (no token set, or this header carries it); else the 401 to answer. */
    public AlertApi.Answer read(String authorization) {
        return !isSet() || carries(authorization) ? null : unauthorized();
    }

    /** {@code null} when a change may go ahead (this header carries the token); else the 403 (no token set) or 401 to answer. */
    public AlertApi.Answer change(String authorization) {
        if (!isSet()) {
            return new AlertApi.Answer(403, Map.of("error",
                    "the API is read-only: set DIPWATCH_API_TOKEN (dipwatch.api.token) to allow changes"));
        }
        return carries(authorization) ? null : unauthorized();
    }

    private boolean carries(String authorization) {
        String given = authorization == null ? "" : authorization.replaceFirst("(?i)^Bearer\\s+", "").strip();
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static AlertApi.Answer unauthorized() {
        return new AlertApi.Answer(401, Map.of("error", "send Authorization: Bearer <the token of DIPWATCH_API_TOKEN>"));
    }
}
