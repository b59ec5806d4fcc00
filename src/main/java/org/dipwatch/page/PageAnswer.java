package org.dipwatch.page;

import java.nio.charset.StandardCharsets;

/**
 * What the status page answers to one request: the status, the content type and the body, and
 * the cookie to set or the place to go next when there is one ({@code routes/page.camel.yaml}
 * writes them as the HTTP answer).
 *
 * @param status       the HTTP status
 * @param contentType  the body's content type
 * @param body         the body
 * @param cacheControl the Cache-Control header
 * @param setCookie    a Set-Cookie header, or {@code null}
 * @param location     a Location header (a redirect), or {@code null}
 */
public record PageAnswer(int status, String contentType, byte[] body, String cacheControl, String setCookie, String location) {

    static final String HTML = "text/html; charset=utf-8";

    /** An HTML page that is never cached: it shows the daemon's state at the time of the request. */
    static PageAnswer html(int status, String html) {
        return new PageAnswer(status, HTML, html.getBytes(StandardCharsets.UTF_8), "no-store", null, null);
    }

    /** A 303 to {@code location} that sets {@code cookie}. */
    static PageAnswer redirect(String location, String cookie) {
        return new PageAnswer(303, HTML, new byte[0], "no-store", cookie, location);
    }
}
