package org.dipwatch.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;

/**
 * Writes the body of a webhook delivery: a CloudEvents 1.0 event in structured mode (the event's
 * attributes and its data in one JSON object, sent as {@code application/cloudevents+json} or
 * {@code application/json}) whose {@code data} carries the article, its tags and why it matched.
 *
 * <p>The payload is versioned by {@link #TYPE}; {@link #DATA_SCHEMA} names it, and the schema itself
 * is the file {@code docs/schemas/alert-v1.schema.json} in the repository (JSON Schema 2020-12), which
 * a test keeps in step with this class. Unknown values are {@code null} for {@code story} and the
 * article's {@code title}, {@code date} and {@code url}; in {@code tags}, empty fields are left out.
 */
public final class AlertPayload {

    /** The CloudEvents {@code type}: what the event is and the version of its payload. */
    public static final String TYPE = "org.dipwatch.alert.v1";

    /** The CloudEvents {@code source} of every alert. */
    public static final String SOURCE = "urn:dipwatch";

    /** The CloudEvents {@code dataschema}: the URI that names the schema of {@code data}. */
    public static final String DATA_SCHEMA = "https://dipwatch.org/schemas/alert-v1.json";

    /** About how many characters of the first paragraphs {@code data.article.excerpt} holds. */
    static final int EXCERPT_CHARS = 600;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_EMPTY).build();

    private AlertPayload() {
    }

    /**
     * The event as compact JSON, the exact body to sign and send.
     *
     * @throws IllegalArgumentException when a field the schema requires is missing from the content
     */
    public static String json(AlertContent c) {
        if (c.isSourceNotice()) {
            return sourceJson(c);
        }
        ObjectNode event = envelope(c, TYPE, required(c.articleFile(), "articleFile", c), DATA_SCHEMA);
        ObjectNode data = event.putObject("data");
        data.put("subscription", required(c.subscriptionId(), "subscriptionId", c));
        data.put("verdict", required(c.verdict(), "verdict", c));
        data.put("story", c.story());
        if (!c.alsoReportedBy().isEmpty()) {
            c.alsoReportedBy().forEach(data.putArray("alsoReportedBy")::add);
        }
        if (c.alsoReportedCount() > 0) {
            // the list names a few (the first and the latest); the count says how many there are
            data.put("alsoReportedCount", c.alsoReportedCount());
        }
        data.put("why", required(c.why(), "why", c));

        ObjectNode article = data.putObject("article");
        article.put("id", required(c.articleId(), "articleId", c));
        article.put("file", c.articleFile());
        article.put("title", c.title());
        article.put("date", c.published() == null ? null : c.published().toString());
        article.put("url", c.url());
        article.put("source", required(c.source(), "source", c));
        article.put("excerpt", Excerpt.of(c.paragraphs(), EXCERPT_CHARS));
        article.put("text", String.join("\n\n", c.paragraphs()));

        data.set("tags", c.tags() == null ? JSON.createObjectNode() : JSON.valueToTree(c.tags()));
        return write(event, c);
    }

    /** The CloudEvents type of a source-health notice. */
    public static final String SOURCE_TYPE = "org.dipwatch.source.v1";

    /** A source-health notice (schema {@code docs/schemas/source-v1.schema.json}): subject the source's name; data the event, source, URL and message. */
    private static String sourceJson(AlertContent c) {
        ObjectNode event = envelope(c, SOURCE_TYPE, required(c.source(), "source", c), "https://dipwatch.org/schemas/source-v1.json");
        ObjectNode data = event.putObject("data");
        data.put("subscription", c.subscriptionId());
        data.put("event", c.notice().event());
        data.put("source", c.source());
        data.put("url", c.url());
        data.put("message", c.title());
        return write(event, c);
    }

    /** The CloudEvents 1.0 attributes every dipwatch event carries. */
    private static ObjectNode envelope(AlertContent c, String type, String subject, String dataSchema) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", required(c.messageId(), "messageId", c));
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(required(c.createdAt(), "createdAt", c)));
        event.put("datacontenttype", "application/json");
        event.put("dataschema", dataSchema);
        return event;
    }

    private static String write(ObjectNode event, AlertContent c) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook: the event " + c.messageId() + " cannot be written as JSON", e);
        }
    }

    private static <T> T required(T value, String field, AlertContent c) {
        if (value == null) {
            throw new IllegalArgumentException("webhook: the alert " + c.messageId() + " for article "
                    + c.articleFile() + " has no " + field + "; the payload schema requires it");
        }
        return value;
    }
}
