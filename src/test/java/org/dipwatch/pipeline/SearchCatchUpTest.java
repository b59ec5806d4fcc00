package org.dipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dipwatch.TestHome;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.dipwatch.search.SearchIndex;
import org.dipwatch.search.SearchQuery;
import org.dipwatch.search.Searchable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index kept in step with the corpus: an article is found once its batch is added; a
 * start rebuilds a missing index, catches up one left behind (a crash between the database's
 * commit and the index's) and empties one that holds articles the database does not; reindex
 * rebuilds it from {@code seeds/}.
 */
class SearchCatchUpTest {

    private static Classifier classifier;

    @TempDir
    Path home;
    private Path article;

    private Pipeline open() {
        return Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()), classifier());
    }

    private Classifier classifier() {
        synchronized (SearchCatchUpTest.class) {
            if (classifier == null) {
                classifier = Pipeline.classifier(Settings.of(home, Map.of()));
            }
            return classifier;
        }
    }

    @BeforeEach
    void home() throws IOException {
        TestHome.create(home);
        article = home.resolve("lavrov.txt");
        Files.writeString(article, """
                Lavrov meets Wang Yi in Beijing

                Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Tuesday to discuss \
                the situation on the Korean Peninsula and cooperation within BRICS.
                """);
    }

    private static List<String> found(Pipeline p, String words) {
        return p.stages().search().search(new SearchQuery(words, Map.of(), null, null, 0, 20)).hits().stream()
                .map(h -> h.file().substring(0, 3)).toList();
    }

    private static long total(Pipeline p) {
        return p.stages().search().search(new SearchQuery(null, Map.of(), null, null, 0, 0)).total();
    }

    private String stored() {
        try (Pipeline p = open()) {
            IngestResult r = p.ingestFile(article, "cli");
            assertThat(r.verdict()).isEqualTo(Verdict.NEW);
            assertThat(p.awaitSearchable(Long.parseLong(r.article().substring(0, 3)), Duration.ofSeconds(30))).isTrue();
            assertThat(found(p, "Wang Yi")).containsExactly(r.article().substring(0, 3));
            return r.article();
        }
    }

    @Test
    void aFirstStartIndexesTheOriginalsAndAStoredArticleIsFoundAtOnce() {
        try (Pipeline p = open()) {
            assertThat(total(p)).isEqualTo(5);
            assertThat(p.stages().search().maxSeq()).isEqualTo(4);
        }
        assertThat(stored()).startsWith("005_");
    }

    @Test
    void aMissingIndexIsRebuiltAtStart() throws IOException {
        stored();
        try (Stream<Path> files = Files.walk(home.resolve("data/search"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        try (Pipeline p = open()) {
            assertThat(total(p)).isEqualTo(6);
            assertThat(found(p, "Wang Yi")).containsExactly("005");
        }
    }

    @Test
    void anIndexLeftBehindCatchesUpAtStart() {
        String file = stored();
        // as if the daemon died after the database committed 005 and before the search index did
        try (SearchIndex index = SearchIndex.open(home.resolve("data/search"))) {
            index.clear();
            index.add(List.of(new Searchable(TestHome.ORIGINALS.get(0), 0, null, List.of("Bogdanov"), "en", null, "seeds", "new",
                    null, Set.of(), Set.of(), Set.of())));
            assertThat(index.maxSeq()).isZero();
        }
        try (Pipeline p = open()) {
            assertThat(total(p)).isEqualTo(6);
            assertThat(found(p, "Wang Yi")).containsExactly(file.substring(0, 3));
            // only what came after the last article it held was added: 000 is still the stand-in
            assertThat(found(p, "\"Mousa Abu Marzook\"")).containsExactly("001");
            assertThat(p.stages().search().maxSeq()).isEqualTo(5);
        }
    }

    @Test
    void anIndexOfAnotherCorpusIsEmptiedAndRebuilt() {
        try (Pipeline p = open()) {
            p.stages().search().add(List.of(new Searchable("099_00000000000000aa.txt", 99, null, List.of("Somewhere else"), "en", null,
                    "seeds", "new", null, Set.of(), Set.of(), Set.of())));
        }
        try (Pipeline p = open()) {
            assertThat(found(p, "somewhere")).isEmpty();
            assertThat(total(p)).isEqualTo(5);
            assertThat(p.stages().search().maxSeq()).isEqualTo(4);
        }
    }

    @Test
    void aStopAddsWhatWasStoredBeforeTheIndexCloses() {
        String file;
        try (Pipeline p = open()) {
            file = p.ingestFile(article, "cli").article();
        }
        try (SearchIndex index = SearchIndex.open(home.resolve("data/search"))) {
            assertThat(index.maxSeq()).isEqualTo(Long.parseLong(file.substring(0, 3)));
        }
    }

    @Test
    void whileRunningAStoredArticleIsCommittedToTheIndexWithinASecond() throws InterruptedException {
        try (Pipeline p = open()) {
            long seq = Long.parseLong(p.ingestFile(article, "cli").article().substring(0, 3));
            assertThat(p.awaitSearchable(seq, Duration.ofSeconds(30))).isTrue();
            long deadline = System.nanoTime() + SearchFeed.COMMIT_EVERY.plusSeconds(5).toNanos();
            while (p.stages().search().maxSeq() < seq && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // written for good (a kill now would not need the start's catch-up), not only searchable
            assertThat(p.stages().search().maxSeq()).isEqualTo(seq);
        }
    }

    @Test
    void onADatabaseServerWhatAnotherProgramStoredIsAddedWithTheNextBatch() throws Exception {
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists",
                "-baseDir", home.resolve("data").toString()).start();
        Map<String, String> shared = Map.of("dipwatch.index.url", "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/shared");
        try (Pipeline daemon = Pipeline.open(Settings.of(home, shared), new Metrics(new SimpleMeterRegistry()), classifier())) {
            String other;
            try (Pipeline cli = Pipeline.open(Settings.of(home, shared), new Metrics(new SimpleMeterRegistry()), classifier())) {
                assertThat(cli.stages().search().readOnly()).isTrue();
                other = cli.ingestFile(article, "cli").article();
                assertThat(found(cli, "Wang Yi")).as("the holder has not added it yet").isEmpty();
            }
            Path next = home.resolve("abbas.txt");
            Files.writeString(next, "Abbas calls Erdogan\n\nPalestinian President Mahmoud Abbas held a telephone conversation with "
                    + "Turkish President Recep Tayyip Erdogan on Monday about the situation in the Gaza Strip.\n");
            String own = daemon.ingestFile(next, "cli").article();
            assertThat(daemon.awaitSearchable(Long.parseLong(own.substring(0, 3)), Duration.ofSeconds(30))).isTrue();
            assertThat(found(daemon, "Wang Yi")).containsExactly(other.substring(0, 3));
            assertThat(found(daemon, "Erdogan")).containsExactly(own.substring(0, 3));
        } finally {
            server.stop();
        }
    }

    @Test
    void reindexRebuildsItFromSeeds() throws IOException {
        stored();
        Files.delete(home.resolve("seeds").resolve(TestHome.ORIGINALS.get(3)));
        try (Pipeline p = open()) {
            p.reindex();
            assertThat(total(p)).isEqualTo(5);
            assertThat(found(p, "Lavrov Belta")).doesNotContain("003").contains("005");
        }
    }
}
