package org.dipwatch.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after failures, for every retry in dipwatch (a feed's polls, an alert's
 * deliveries): {@code initial} after the first failure, doubled per further one, spread by
 * ± {@code jitter} (a share: 0.2 is ±20%) so that many failing at once do not retry at once, and
 * never more than {@code max}. A server's {@code Retry-After} ({@link #retryAfter(String)}) replaces
 * the computed wait, within the same maximum.
 *
 * @param initial the wait after a first failure
 * @param max     the longest wait
 * @param jitter  the share by which a wait is spread either way, 0 to 1
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    /** The spread dipwatch uses everywhere: ±20%. */
    public static final double JITTER = 0.2;

    public Backoff {
        if (initial.isNegative() || max.isNegative() || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff: initial " + initial + ", max " + max + " and jitter " + jitter
                    + " must be at least zero (jitter at most 1)");
        }
    }

    /** A backoff with dipwatch's ±20% spread. */
    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, JITTER);
    }

    /** The wait after the n-th consecutive failure (n from 1). */
    public Duration after(int failures) {
        double base = initial.toMillis() * Math.pow(2, Math.min(Math.max(failures, 1) - 1, 30));
        double spread = jitter == 0 ? 1 : 1 - jitter + 2 * jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) Math.min(base * spread, max.toMillis()));
    }

    /** A server's wait at most this backoff's maximum; {@code null} stays {@code null}. */
    public Duration capped(Duration wait) {
        return wait == null ? null : wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * An HTTP {@code Retry-After} value (RFC 9110: seconds, or an HTTP date) as a wait from now;
     * {@code null} when absent or unreadable, zero for a date already past.
     */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
