package org.dipwatch.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.dipwatch.alert.Alerts;
import org.dipwatch.alert.SourceNotice;
import org.dipwatch.alert.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the subscriptions that ask for it ({@code sourceHealth: true}) when a source has failed
 * {@code alertAfterFailures} polls in a row, or has listed nothing new for longer than its
 * {@code silentAfterHours} (else the global {@code silentAfter}), and when a failing source
 * recovers: once per episode, not at every poll (the episode told of is kept in the source's state). Notices go through the alert outbox, so
 * they are retried and survive restarts like article alerts.
 *
 * @param states             the sources' states, where the episode told of is kept
 * @param alerts             the subscriptions that are told
 * @param outbox             where the notices wait for delivery
 * @param dataSource         the index, where each notice is written to the outbox in a transaction of its own
 * @param alertAfterFailures failed polls in a row that make a source failing (0: never)
 * @param silentAfter        how long a source may list nothing new before it is silent, unless it has a limit of its own (zero: never)
 */
public record SourceHealth(SourceStates states, Alerts alerts, Outbox outbox, DataSource dataSource, int alertAfterFailures,
                           Duration silentAfter) {

    private static final Logger LOG = LoggerFactory.getLogger(SourceHealth.class);

    /**
     * Looks at a source after a poll and writes the notice its health owes, if any; {@code sourceSilentAfter}
     * is the source's own limit of silence ({@code null}: the global one, zero: never silent).
     */
    public void polled(SourceState s, Duration sourceSilentAfter, Instant now) {
        Duration silentAfter = sourceSilentAfter != null ? sourceSilentAfter : this.silentAfter;
        if (s.consecutiveFailures() >= alertAfterFailures && alertAfterFailures > 0 && !"failing".equals(s.alertState())) {
            notice(s, "failing", SourceNotice.FAILING, "source " + s.name() + " failed " + s.consecutiveFailures()
                    + " polls in a row; last error: " + s.lastError());
        } else if (s.consecutiveFailures() == 0 && "failing".equals(s.alertState())) {
            notice(s, "ok", SourceNotice.RECOVERED, "source " + s.name() + " answers again after failing");
        } else if (s.consecutiveFailures() == 0 && !silentAfter.isZero() && s.lastNewItemAt() != null) {
            boolean silent = Duration.between(s.lastNewItemAt(), now).compareTo(silentAfter) > 0;
            if (silent && "ok".equals(s.alertState())) {
                notice(s, "silent", SourceNotice.SILENT, "source " + s.name() + " has listed no new item since "
                        + s.lastNewItemAt() + " (more than " + silentAfter.toHours() + " h)");
            } else if (!silent && "silent".equals(s.alertState())) {
                states.alertState(s.name(), "ok");
            }
        }
    }

    private void notice(SourceState s, String newState, SourceNotice event, String message) {
        List<Outbox.Pending> owed = alerts.sourceNotice(event, s.name(), s.url(), message);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                outbox.enqueue(c, owed);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot write the health notice of " + s.name() + ": " + e.getMessage(), e);
        }
        states.alertState(s.name(), newState);
        LOG.warn("source={} health={} notices={} message=\"{}\"", s.name(), event, owed.size(), message);
    }
}
