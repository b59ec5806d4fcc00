package org.dipwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dipwatch.corpus.CorpusIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sources' state in a real index (H2 in memory, migrated as a home's is): what {@code /api/sources}
 * and {@code /health} show of each source, what a restart keeps (a new {@code SourceStates} on the same
 * index), the seen items that keep an item from being taken twice, and the doubling gaps of a list's
 * failed article fetches.
 */
class SourceStatesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private CorpusIndex index;
    private SourceStates states;

    @BeforeEach
    void open() {
        index = CorpusIndex.open("jdbc:h2:mem:states" + System.nanoTime(), "sa", "", 2);
        states = new SourceStates(index.dataSource());
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** The states as a daemon started again on the same index reads them. */
    private SourceStates restarted() {
        return new SourceStates(index.dataSource());
    }

    @Test
    void aNewSourceIsWaitingUntilItsFirstPollAndUpAfterASuccess() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        assertThat(states.activeSummaries()).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("name", "mfa").containsEntry("kind", "feed").containsEntry("url", "https://mfa.example/rss")
                    .containsEntry("status", "waiting").containsEntry("consecutiveFailures", 0).containsEntry("itemsSeen", 0L);
        });

        states.success("mfa", "\"v1\"", "Fri, 20 Nov 2026 09:00:00 GMT", 0, T0);
        assertThat(states.activeSummaries().get(0)).containsEntry("status", "up").containsEntry("lastPoll", T0.toString())
                .containsEntry("lastSuccess", T0.toString());
    }

    @Test
    void whatAPollChangesIsWrittenBehindAndARestartReadsItAfterTheFlush() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        states.success("mfa", "\"v1\"", "Fri, 20 Nov 2026 09:00:00 GMT", 0, T0);
        assertThat(restarted().get("mfa").orElseThrow().etag()).as("not written before the flush").isNull();

        assertThat(states.flush()).isEqualTo(1);
        assertThat(states.flush()).as("nothing changed since").isZero();
        SourceState after = restarted().get("mfa").orElseThrow();
        assertThat(after.etag()).isEqualTo("\"v1\"");
        assertThat(after.lastModified()).isEqualTo("Fri, 20 Nov 2026 09:00:00 GMT");
        assertThat(after.lastSuccessAt()).isEqualTo(T0);
    }

    @Test
    void failuresCountUpWithTheirBackoffAndASuccessEndsThem() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        states.failure("mfa", "source mfa: fetch https://mfa.example/rss: answered 503", T0.plusSeconds(60), T0);
        states.failure("mfa", "source mfa: fetch https://mfa.example/rss: answered 503", T0.plusSeconds(180), T0.plusSeconds(60));

        assertThat(states.consecutiveFailures("mfa")).isEqualTo(2);
        assertThat(states.activeSummaries().get(0)).containsEntry("status", "down")
                .containsEntry("lastError", "source mfa: fetch https://mfa.example/rss: answered 503")
                .containsEntry("lastErrorAt", T0.plusSeconds(60).toString())
                .containsEntry("nextAttempt", T0.plusSeconds(180).toString());

        states.success("mfa", null, null, 0, T0.plusSeconds(180));
        SourceState s = states.get("mfa").orElseThrow();
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(s.nextAttemptAt()).isNull();
        assertThat(s.lastError()).as("the last error stays to be read").contains("answered 503");
    }

    @Test
    void aLongErrorIsKeptToItsFirst4000Characters() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        states.failure("mfa", "x".repeat(5000), T0.plusSeconds(60), T0);
        states.flush();
        assertThat(restarted().get("mfa").orElseThrow().lastError()).hasSize(4000);
    }

    @Test
    void aSourceWhoseUrlChangedForgetsItsValidators() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        states.success("mfa", "\"v1\"", "Fri, 20 Nov 2026 09:00:00 GMT", 0, T0);

        assertThat(states.register("mfa", "feed", "https://mfa.example/rss").etag()).as("same url").isEqualTo("\"v1\"");
        SourceState moved = states.register("mfa", "feed", "https://mfa.example/news.xml");
        assertThat(moved.url()).isEqualTo("https://mfa.example/news.xml");
        assertThat(moved.etag()).isNull();
        assertThat(moved.lastModified()).isNull();
        assertThat(moved.lastSuccessAt()).as("its history stays").isEqualTo(T0);
    }

    @Test
    void anItemIsNewOnceAndEachVersionReplacesTheContentSeen() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        assertThat(states.markSeen("mfa", "k1", "c1", "urn:mfa:1", T0)).isTrue();
        assertThat(states.markSeen("mfa", "k1", "c2", "urn:mfa:1", T0.plusSeconds(60))).as("a new version").isFalse();
        assertThat(states.markSeen("mfa", "k2", "c1", "urn:mfa:2", T0.plusSeconds(60))).isTrue();

        assertThat(states.seenContents("mfa", List.of("k1", "k2", "k3"))).isEqualTo(Map.of("k1", "c2", "k2", "c1"));
        assertThat(states.seenContents("other", List.of("k1"))).as("seen items are per source").isEmpty();
        assertThat(states.seenContents("mfa", List.of())).isEmpty();
        SourceState s = states.get("mfa").orElseThrow();
        assertThat(s.itemsSeen()).isEqualTo(2);
        assertThat(s.lastNewItemAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aFailedArticleIsPassedByForDoublingGapsOfPollsAndGivenUpAtTheLimit() {
        states.register("list", "page", "https://mfa.example/news");
        String link = "https://mfa.example/news/7";
        SourceStates.ItemFailure first = states.itemFailed("list", "k7", link, "fetch " + link + ": answered 500", null, 4, T0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.pollsToSkip()).isZero();
        SourceStates.ItemFailure second = states.itemFailed("list", "k7", link, "fetch " + link + ": answered 500", first, 4, T0);
        assertThat(second.pollsToSkip()).isEqualTo(1);
        SourceStates.ItemFailure third = states.itemFailed("list", "k7", link, "fetch " + link + ": answered 500", second, 4, T0);
        assertThat(third.pollsToSkip()).isEqualTo(3);
        assertThat(third.gaveUp()).isFalse();

        states.itemPassedBy("list", "k7");
        assertThat(states.itemFailures("list", List.of("k7")).get("k7").pollsToSkip()).isEqualTo(2);

        SourceStates.ItemFailure fourth = states.itemFailed("list", "k7", link, "fetch " + link + ": answered 500", third, 4, T0);
        assertThat(fourth.gaveUp()).isTrue();
        assertThat(states.itemFailures("list")).singleElement().satisfies(f -> {
            assertThat(f.link()).isEqualTo(link);
            assertThat(f.attempts()).isEqualTo(4);
            assertThat(f.gaveUp()).isTrue();
            assertThat(f.lastError()).isEqualTo("fetch " + link + ": answered 500");
        });
    }

    @Test
    void anArticleFetchedAtLastForgetsItsFailures() {
        states.register("list", "page", "https://mfa.example/news");
        states.itemFailed("list", "k7", "https://mfa.example/news/7", "answered 500", null, 4, T0);
        states.itemRecovered("list", "k7");
        assertThat(states.itemFailures("list")).isEmpty();
        assertThat(states.itemFailures("list", List.of("k7"))).isEmpty();
    }

    @Test
    void aRemovedSourceLeavesTheHealthKeepsItsFirstRemovalAndComesBackWithItsState() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        states.register("tass", "feed", "https://tass.example/rss");
        states.markSeen("mfa", "k1", "c1", "urn:mfa:1", T0);
        states.removed("mfa", T0);
        states.removed("mfa", T0.plusSeconds(3600));

        assertThat(states.activeSummaries()).extracting(s -> s.get("name")).containsExactly("tass");
        assertThat(states.all()).extracting(SourceState::name).containsExactly("mfa", "tass");
        assertThat(restarted().get("mfa").orElseThrow().removedAt()).as("the first removal, written at once").isEqualTo(T0);
        assertThat(states.get("mfa").orElseThrow().summary()).containsEntry("status", "removed").containsEntry("removed", true);

        states.restored("mfa");
        assertThat(states.activeSummaries()).extracting(s -> s.get("name")).containsExactly("mfa", "tass");
        assertThat(states.get("mfa").orElseThrow().itemsSeen()).isEqualTo(1);
        assertThat(states.seenContents("mfa", List.of("k1"))).containsEntry("k1", "c1");
    }

    @Test
    void theHealthEpisodeSubscribersWereToldOfIsWrittenAtOnce() {
        states.register("mfa", "feed", "https://mfa.example/rss");
        states.alertState("mfa", "failing");
        assertThat(states.get("mfa").orElseThrow().alertState()).isEqualTo("failing");
        assertThat(restarted().get("mfa").orElseThrow().alertState()).isEqualTo("failing");
    }
}
