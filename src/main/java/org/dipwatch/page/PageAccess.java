package org.dipwatch.page;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may see the page when the API has a token ({@code dipwatch.api.token}): a request that
 * carries {@code Authorization: Bearer <token>} (a script, curl), or a browser with the cookie the
 * sign-in form sets. The cookie holds no token: it holds an HMAC-SHA256 of a fixed text keyed by
 * the token, so it reveals nothing of the token, stays valid across restarts and becomes worthless
 * when the token changes. Without a token every request may see the page (it is read-only, as the
 * API's reads are).
 */
final class PageAccess {

    /** The cookie's name. */
    static final String COOKIE = "dipwatch_page";

    private final String token;
    private final String cookieValue;

    /** Access guarded by this token; {@code null} or blank: none set. */
    PageAccess(String token) {
        this.token = token == null ? "" : token.strip();
        this.cookieValue = this.token.isEmpty() ? "" : mac(this.token);
    }

    /** Whether a token is set, so that the page asks for it. */
    boolean guarded() {
        return !token.isEmpty();
    }

    /** Whether a request with these Authorization and Cookie headers may see the page. */
    boolean allows(String authorization, String cookieHeader) {
        if (!guarded()) {
            return true;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && same(authorization.substring(7).strip(), token)) {
            return true;
        }
        String cookie = cookie(cookieHeader);
        return cookie != null && same(cookie, cookieValue);
    }

    /** Whether the token typed into the sign-in form is the token. */
    boolean accepts(String typed) {
        return guarded() && typed != null && same(typed.strip(), token);
    }

    /** The Set-Cookie header that signs a browser in: the page's paths only, never sent by another site's request, not readable by scripts. */
    String signInCookie() {
        return COOKIE + "=" + cookieValue + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The value of the page's cookie in a Cookie header, or {@code null}. */
    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String mac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("dipwatch status page".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("page: HmacSHA256 is missing from this Java runtime: " + e.getMessage(), e);
        }
    }
}
