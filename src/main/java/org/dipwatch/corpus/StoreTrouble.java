package org.dipwatch.corpus;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the pipeline can record what it judges, and if not since when and why: a full disk under
 * {@code seeds/}, an index that does not answer. While it cannot, the documents stay where they
 * came from (a file in {@code inbox/}, a feed item unseen) and intake pauses, so that the same
 * files are not read, classified and refused again at every scan: first for 1 s, then twice as long
 * after each round that fails again, at most {@link #MAX_PAUSE}. The first document judged and
 * recorded ends the trouble. One ERROR line starts it, one INFO line ends it.
 */
public final class StoreTrouble {

    /** The longest pause between two rounds of trying: how late, at most, intake resumes once the disk has room again. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private Instant since;
    private Instant until = Instant.MIN;
    private Duration pause = FIRST_PAUSE;
    private String reason;
    private long refused;

    /**
     * Records a document that could not be recorded; returns whether this starts the trouble (the
     * caller logs it at ERROR then). A failure within the current pause (the rest of a round's
     * documents) does not lengthen it.
     */
    public synchronized boolean failed(String why, Instant now) {
        refused++;
        reason = why;
        boolean starts = since == null;
        if (starts) {
            since = now;
            pause = FIRST_PAUSE;
            until = now.plus(pause);
        } else if (!now.isBefore(until)) {
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            until = now.plus(pause);
        }
        return starts;
    }

    /** Records a document recorded; returns what the trouble was ("42 s, 17 documents refused") when this ends it, else {@code null}. */
    public synchronized String recorded(Instant now) {
        if (since == null) {
            return null;
        }
        String told = Duration.between(since, now).toSeconds() + " s, " + refused + " documents refused";
        since = null;
        until = Instant.MIN;
        reason = null;
        refused = 0;
        return told;
    }

    /** Whether intake waits now: in trouble, and the pause not over. */
    public synchronized boolean paused(Instant now) {
        return since != null && now.isBefore(until);
    }

    /** The trouble as {@code /health} tells it, or {@code null} when the pipeline records what it judges. */
    public synchronized String describe(Instant now) {
        if (since == null) {
            return null;
        }
        return "nothing could be recorded for " + Duration.between(since, now).toSeconds() + " s (" + refused + " documents refused, "
                + "each left where it came from): " + reason + "; intake tries again "
                + (now.isBefore(until) ? "in " + Math.max(1, Duration.between(now, until).toSeconds()) + " s" : "now");
    }

}
