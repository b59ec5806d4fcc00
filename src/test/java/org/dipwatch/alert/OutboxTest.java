package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.pipeline.Pipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox as a subscriber depends on it: an alert written is delivered in the order it was
 * written within its subscription's lane, a lane whose head waits holds back what is behind it,
 * a retried alert keeps its place, and a dead letter can be put back.
 */
class OutboxTest {

    @TempDir
    Path home;
    private CorpusIndex index;
    private Outbox outbox;

    @BeforeEach
    void open() {
        TestHome.create(home);
        index = Pipeline.index(Settings.of(home, Map.of()));
        outbox = new Outbox(index.dataSource());
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static Outbox.Pending alert(String subscription, String channel, String title, Instant notBefore) {
        AlertContent c = AlertContent.ofArticle("msg_" + subscription + "_" + channel + "_" + title.hashCode(), Instant.now(),
                subscription, "new", null, null, title, null, null, "inbox", List.of(title + "."), null, null, "matched",
                List.of(), 0, false);
        return new Outbox.Pending(subscription, channel, c, notBefore);
    }

    private void write(List<Outbox.Pending> alerts) throws Exception {
        DataSource ds = index.dataSource();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            outbox.enqueue(c, alerts);
            c.commit();
        }
    }

    private List<String> titles(Outbox.Lane lane) {
        return outbox.pending(lane, 0, 100).stream().map(r -> r.content().title()).toList();
    }

    @Test
    void eachSubscriptionsAlertsAreOneLaneInTheOrderTheyWereWritten() throws Exception {
        Instant now = Instant.now();
        write(List.of(alert("desk", Outbox.EMAIL, "first", now), alert("hook", Outbox.WEBHOOK, "other", now),
                alert("desk", Outbox.EMAIL, "second", now), alert("desk", Outbox.EMAIL, "third", now)));
        List<Outbox.Lane> lanes = outbox.dueLanes(now.plusSeconds(1));
        assertThat(lanes).extracting(Outbox.Lane::subscriptionId).containsExactlyInAnyOrder("desk", "hook");
        Outbox.Lane desk = lanes.stream().filter(l -> l.subscriptionId().equals("desk")).findFirst().orElseThrow();
        assertThat(titles(desk)).containsExactly("first", "second", "third");
        assertThat(outbox.counts()).containsEntry("pending", 4L);
    }

    @Test
    void aLaneWhoseHeadWaitsIsNotDueSoNothingBehindItOvertakesIt() throws Exception {
        Instant now = Instant.now();
        write(List.of(alert("desk", Outbox.EMAIL, "first", now)));
        Outbox.Row head = outbox.pending(outbox.dueLanes(now.plusSeconds(1)).get(0), 0, 1).get(0);
        outbox.retry(head, null, 5, "mail server down", now.plus(Duration.ofMinutes(10)));
        write(List.of(alert("desk", Outbox.EMAIL, "second", now)));
        assertThat(outbox.dueLanes(now.plusSeconds(1))).as("the lane waits for its head's retry").isEmpty();
        List<Outbox.Lane> later = outbox.dueLanes(now.plus(Duration.ofMinutes(11)));
        assertThat(later).hasSize(1);
        assertThat(titles(later.get(0))).containsExactly("first", "second");
        assertThat(outbox.pending(later.get(0), 0, 1).get(0).attempts()).isEqualTo(1);
    }

    @Test
    void aDeliveredAlertLeavesTheLaneAndADeadLetterCanBePutBack() throws Exception {
        Instant now = Instant.now();
        write(List.of(alert("hook", Outbox.WEBHOOK, "first", now), alert("hook", Outbox.WEBHOOK, "second", now)));
        Outbox.Lane lane = outbox.dueLanes(now.plusSeconds(1)).get(0);
        List<Outbox.Row> rows = outbox.pending(lane, 0, 10);
        outbox.delivered(rows.get(0), 200, 12);
        outbox.dead(rows.get(1), 410, 9, "gone");
        assertThat(outbox.dueLanes(now.plusSeconds(1))).isEmpty();
        assertThat(outbox.dead(10)).extracting(r -> r.content().title()).containsExactly("second");
        assertThat(outbox.log("hook", 10)).extracting(Outbox.Attempt::outcome).contains("delivered");
        assertThat(outbox.replay(rows.get(1).id())).isTrue();
        assertThat(titles(outbox.dueLanes(now.plusSeconds(1)).get(0))).containsExactly("second");
        assertThat(outbox.replay(rows.get(0).id())).as("a delivered alert is no dead letter").isFalse();
    }
}
