package org.dipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Draft;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's start ({@link Pipeline#openWarming}): it answers before the corpus is checked and the
 * story memory loaded; what is handed over meanwhile waits and is judged against the full memory,
 * nothing lost; a warm-up that fails says why, and what waits fails with that reason.
 */
class WarmUpTest {

    @TempDir
    Path home;

    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    private Pipeline openWarming() throws Exception {
        TestHome.create(home);
        return Pipeline.openWarming(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()), failures::add);
    }

    @Test
    void aDocumentHandedOverDuringTheWarmUpWaitsAndIsJudgedAgainstTheWholeCorpus() throws Exception {
        Pipeline pipeline = openWarming();
        try {
            assertThat(pipeline.warmUpCheck()).containsEntry("state", "STARTING");
            // a file put into seeds/ by hand: the warm-up's corpus check indexes it and judges it
            Files.copy(Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-001.txt"),
                    home.resolve("seeds").resolve("900_0123456789abcdef.txt"));
            String seed = Files.readString(home.resolve("seeds").resolve(TestHome.ORIGINALS.get(1)));
            CompletableFuture<IngestResult> copy = CompletableFuture.supplyAsync(() -> pipeline.ingestDraft(
                    new Draft("A copy of seed 001", LocalDate.of(2026, 12, 7), List.of(seed), null), "copy-of-001", "cli", null));
            Thread.sleep(500);
            assertThat(copy).as("nothing is judged before the story memory is loaded").isNotDone();

            pipeline.warmUpProceed();
            IngestResult r = copy.get(60, TimeUnit.SECONDS);
            // a near-copy is found only in the story memory (an exact copy would be found in the index alone)
            assertThat(r.verdict()).as("judged against the loaded memory").isEqualTo(Verdict.NEAR_DUPLICATE);
            assertThat(r.duplicateOf()).isEqualTo(TestHome.ORIGINALS.get(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(pipeline.warmUpCheck().get("state")));
            assertThat(pipeline.stages().corpus().index().articles()).containsKey("900_0123456789abcdef.txt");
            assertThat(failures).isEmpty();
        } finally {
            pipeline.close();
        }
    }

    @Test
    void aWarmUpThatFailsIsReportedAndWhatWaitsFailsWithItsReason() throws Exception {
        Pipeline pipeline = openWarming();
        try {
            try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection();
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP TABLE article_light"); // the story memory cannot be read
            }
            pipeline.warmUpProceed();
            await().atMost(Duration.ofSeconds(30)).until(() -> !failures.isEmpty());
            assertThat(pipeline.warmUpCheck()).containsEntry("state", "DOWN");
            assertThat((String) pipeline.warmUpCheck().get("message")).contains("ARTICLE_LIGHT");
            assertThatThrownBy(() -> pipeline.stages().stories().storyOf(0)).hasMessageContaining("the memory could not be loaded");
        } finally {
            pipeline.close();
        }
    }

    @Test
    void aPipelineClosedBeforeItsWarmUpProceedsClosesAtOnceAndWhatWaitedIsNotJudged() throws Exception {
        Pipeline pipeline = openWarming();
        String seed = Files.readString(home.resolve("seeds").resolve(TestHome.ORIGINALS.get(1)));
        CompletableFuture<IngestResult> waiting = CompletableFuture.supplyAsync(() -> pipeline.ingestDraft(
                new Draft("Handed over before the stop", LocalDate.of(2026, 12, 7), List.of(seed + " And one more line."), null),
                "before-the-stop", "cli", "key-1"));
        Thread.sleep(300);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(pipeline::close);
        closed.get(20, TimeUnit.SECONDS);
        assertThat(waiting).failsWithin(Duration.ofSeconds(10));
        assertThat(failures).as("a warm-up cancelled is no failure").isEmpty();
        try (Pipeline again = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()))) {
            assertThat(again.stages().corpus().index().arrivals()).as("nothing recorded of it: it is taken again").isEmpty();
        }
    }
}
