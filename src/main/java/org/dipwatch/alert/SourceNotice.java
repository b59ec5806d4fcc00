package org.dipwatch.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A change in a source's health that subscriptions with {@code sourceHealth: true} are told of: not
 * an article's verdict, a notice of its own kind. Kept in the outbox by its {@link #wire()} name,
 * which is also what alerts written before this type existed carry in their {@code verdict}. Both
 * names come from the constant's (its {@link #event()} in lower case, the wire name that after
 * {@code source-}): outboxes and webhook receivers hold them, so a constant keeps its name.
 */
public enum SourceNotice {
    /** The source failed {@code dipwatch.sources.alert-after-failures} polls in a row. */
    FAILING("is failing"),
    /** The source has listed no new item for longer than its silence limit. */
    SILENT("is silent"),
    /** The source answers again after failing. */
    RECOVERED("has recovered");

    private final String phrase;

    SourceNotice(String phrase) {
        this.phrase = phrase;
    }

    /** The name the outbox's JSON keeps ({@code source-failing}, …). */
    @JsonValue
    public String wire() {
        return "source-" + event();
    }

    /** The webhook's {@code data.event} ({@code failing}, {@code silent}, {@code recovered}). */
    public String event() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a mail's subject says it: "source X {@code is failing}". */
    public String phrase() {
        return phrase;
    }

    /** The notice of this wire name, if it is one ({@code new} and the other article verdicts are not). */
    public static Optional<SourceNotice> ofWire(String name) {
        return Arrays.stream(values()).filter(n -> n.wire().equals(name)).findFirst();
    }
}
