package org.dipwatch.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dipwatch.model.Draft;

/**
 * An article sent over HTTP ({@code POST /api/articles}) as JSON: the adapter of the HTTP post,
 * as {@link FeedParser} is the feed's and {@link DocumentReader} the dropped file's. It reads the
 * body strictly (a field it does not know, a value of the wrong type, text and html both or
 * neither are refused with what is wrong) and turns it into the same {@link Draft} every other
 * source makes.
 *
 * @param text     the article's text, paragraphs separated by blank lines (or by line breaks when it has no blank line)
 * @param html     the article's web page, read as a saved page is ({@link HtmlArticleExtractor})
 * @param url      where it was published ({@code http(s)://}); an article with the URL of a stored one is its duplicate
 * @param title    its headline (for html: replaces the page's)
 * @param date     its publication date, {@code 2025-05-20} or an ISO date-time
 * @param source   the source's name, as subscriptions' {@code sources} filter and the metrics name it; default {@code api}
 * @param language the ISO 639-1 code of its language; default: detected
 */
public record ArticlePost(String text, String html, String url, String title, String date, String source, String language) {

    /** The fields an article may have, in the order the documentation names them. */
    public static final List<String> FIELDS = List.of("text", "html", "url", "title", "date", "source", "language");
    /** The source of an article sent without one. */
    public static final String DEFAULT_SOURCE = "api";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a number or true where text is due is a mistake of the sender's, not a title to store
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    /** A body that is not an article, with what is wrong in words a sender can act on. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads a request body.
     *
     * @throws Invalid when it is no JSON, not an object, has a field not in {@link #FIELDS}, a
     *                 value that is not a string, neither or both of {@code text} and {@code html},
     *                 or a URL, date, source or language that is none
     */
    public static ArticlePost parse(String body) {
        if (body == null || body.isBlank()) {
            throw new Invalid("the body is empty; send the article as a JSON object with " + fieldList());
        }
        ArticlePost post;
        try {
            post = JSON.readValue(body, ArticlePost.class);
        } catch (UnrecognizedPropertyException e) {
            throw new Invalid("unknown field '" + e.getPropertyName() + "'; an article has " + fieldList());
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new Invalid(field == null ? "send the article as a JSON object with " + fieldList()
                    : "field '" + field + "' must be a string");
        } catch (JacksonException e) {
            throw new Invalid("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (post == null) {
            throw new Invalid("send the article as a JSON object with " + fieldList());
        }
        return post.checked();
    }

    private static String fieldList() {
        return "\"text\" or \"html\", and optionally " + String.join(", ", FIELDS.subList(2, FIELDS.size()).stream()
                .map(f -> "\"" + f + "\"").toList());
    }

    private ArticlePost checked() {
        boolean hasText = text != null && !text.isBlank();
        boolean hasHtml = html != null && !html.isBlank();
        if (hasText == hasHtml) {
            throw new Invalid(hasText ? "send either \"text\" or \"html\", not both"
                    : "the article has no text: send \"text\" (plain text) or \"html\" (its web page)");
        }
        if (url != null) {
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (java.net.URISyntaxException e) {
                throw new Invalid("url '" + url + "' is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new Invalid("url '" + url + "' must be an absolute http:// or https:// address");
            }
        }
        published();
        if (source != null && !SOURCE.matcher(source).matches()) {
            throw new Invalid("source '" + source + "' must be a name of letters, digits, '.', '_' and '-' (at most 100)");
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new Invalid("language '" + language + "' must be an ISO 639-1 code in lower case (en, ru, ar, …)");
        }
        return this;
    }

    /** The publication date: {@code date} as a date, or the date of an ISO date-time; {@code null} without one. */
    LocalDate published() {
        if (date == null || date.isBlank()) {
            return null;
        }
        String d = date.strip();
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(d).toLocalDate();
            } catch (DateTimeParseException e) {
                throw new Invalid("date '" + date + "' must be a date (2025-05-20) or an ISO date-time (2025-05-20T09:30:00Z)");
            }
        }
    }

    /** The source's name: the one sent, else {@link #DEFAULT_SOURCE}. */
    public String sourceName() {
        return source == null ? DEFAULT_SOURCE : source;
    }

    /** The article as every source hands it to the pipeline: title, date, paragraphs, URL and declared language. */
    public Draft draft() {
        String link = url == null ? null : url.strip();
        if (html != null && !html.isBlank()) {
            Draft page = HtmlArticleExtractor.extract(html, link);
            return new Draft(title != null ? title.strip() : page.title(), date != null ? published() : page.published(),
                    page.paragraphs(), link != null ? link : page.url(), language);
        }
        return new Draft(title == null ? null : title.strip(), published(), paragraphs(text), link, language);
    }

    /** Paragraphs of plain text: separated by blank lines, or by line breaks in a text without a blank line. */
    static List<String> paragraphs(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        String[] parts = t.contains("\n\n") ? t.split("\n\\s*\n") : t.split("\n");
        return Arrays.stream(parts).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * What makes this very post: the same body sent again is the same arrival and gets the answer
     * it got the first time (at most 64 characters, as the intake journal keeps).
     */
    public String intakeKey() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"api-post", text, html, url, title, date, sourceName(), language}) {
                digest.update((part == null ? "\u0001" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
