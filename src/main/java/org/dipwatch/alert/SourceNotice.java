package org.dipwatch.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * A change in a source's health that subscriptions with {@code sourceHealth: true} are told of: not
 * an article's verdict, a notice of its own kind. Kept in the outbox by its {@link #wire()} name,
 * which is also what alerts written before this type existed carry in their {@code verdict}.
 */
public enum SourceNotice {
    /** The source failed {@code dipwatch.sources.alert-after-failures} polls in a row. */
    FAILING("source-failing", "failing", "is failing"),
    /** The source has listed no new item for longer than its silence limit. */
    SILENT("source-silent", "silent", "is silent"),
    /** The source answers again after failing. */
    RECOVERED("source-recovered", "recovered", "has recovered");

    private final String wire;
    private final String event;
    private final String phrase;

    SourceNotice(String wire, String event, String phrase) {
        this.wire = wire;
        this.event = event;
        this.phrase = phrase;
    }

    /** The name the outbox's JSON keeps ({@code source-failing}, …). */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The webhook's {@code data.event} ({@code failing}, {@code silent}, {@code recovered}). */
    public String event() {
        return event;
    }

    /** How a mail's subject says it: "source X {@code is failing}". */
    public String phrase() {
        return phrase;
    }

    /** The notice of this wire name, if it is one ({@code new} and the other article verdicts are not). */
    public static Optional<SourceNotice> ofWire(String name) {
        return Arrays.stream(values()).filter(n -> n.wire.equals(name)).findFirst();
    }
}
