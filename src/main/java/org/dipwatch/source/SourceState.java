package org.dipwatch.source;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What dipwatch knows about one source, as the index keeps it across restarts.
 *
 * @param name                the source's name
 * @param kind                {@code feed} or {@code page}
 * @param url                 the address polled
 * @param etag                the ETag of the last answer, or {@code null}
 * @param lastModified        the Last-Modified of the last answer, or {@code null}
 * @param lastPollAt          when it was last polled, or {@code null}
 * @param lastSuccessAt       when a poll last succeeded (a 304 included), or {@code null}
 * @param lastError           the last error, naming the source and the problem, or {@code null}
 * @param lastErrorAt         when it happened, or {@code null}
 * @param consecutiveFailures failed polls since the last success
 * @param nextAttemptAt       the end of its backoff, or {@code null} when it may be polled at its next trigger
 * @param itemsSeen           distinct items it has listed
 * @param lastNewItemAt       when it last listed an item not seen before, or {@code null}
 * @param alertState          the health episode subscribers were last told of: {@code ok}, {@code failing}, {@code silent}
 * @param removedAt           when its templatedRoute left {@code routes/}, or {@code null} while it is declared
 */
public record SourceState(String name, String kind, String url, String etag, String lastModified, Instant lastPollAt,
                          Instant lastSuccessAt, String lastError, Instant lastErrorAt, int consecutiveFailures,
                          Instant nextAttemptAt, long itemsSeen, Instant lastNewItemAt, String alertState, Instant removedAt) {

    /** Whether its templatedRoute has left {@code routes/}: it is no longer polled. */
    public boolean removed() {
        return removedAt != null;
    }

    /** Whether the last poll succeeded (or none has run yet). */
    public boolean up() {
        return consecutiveFailures == 0;
    }

    /** The state as {@code /api/sources} and {@code /health} show it. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("url", url);
        m.put("status", removed() ? "removed" : lastPollAt == null ? "waiting" : up() ? "up" : "down");
        m.put("removed", removed());
        m.put("removedAt", text(removedAt));
        m.put("lastPoll", text(lastPollAt));
        m.put("lastSuccess", text(lastSuccessAt));
        m.put("lastError", lastError);
        m.put("lastErrorAt", text(lastErrorAt));
        m.put("consecutiveFailures", consecutiveFailures);
        m.put("nextAttempt", text(nextAttemptAt));
        m.put("itemsSeen", itemsSeen);
        m.put("lastNewItem", text(lastNewItemAt));
        return m;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
