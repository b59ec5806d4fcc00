package org.dipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Draft;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline as every way in uses it (the inbox, a feed, the CLI): a document is read, judged
 * and stored with its alerts in one step, in the order documents were handed over; one that
 * cannot be read fails alone with its reason; a document handed over again keeps its verdict.
 */
class PipelineTest {

    @TempDir
    Path home;
    private Pipeline pipeline;

    @BeforeEach
    void open() throws Exception {
        TestHome.create(home);
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: desk
                    email: { to: [desk@example.org] }
                """);
        pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    private static Draft draft(String title, String text, String url) {
        return new Draft(title, LocalDate.of(2026, 12, 7), List.of(text), url);
    }

    @Test
    void aNewArticleIsStoredWithItsAlertInOneStep() throws Exception {
        IngestResult r = pipeline.ingestDraft(draft("Egypt and Qatar host talks on a Gaza ceasefire in Cairo",
                "Egyptian Foreign Minister Badr Abdelatty received his Qatari counterpart in Cairo on Monday for talks on a "
                        + "ceasefire in the Gaza Strip and the release of hostages, the ministry said.",
                "https://mfa.example/cairo-talks"), "https://mfa.example/cairo-talks", "mfa", "item-1");
        assertThat(r.verdict()).isEqualTo(Verdict.NEW);
        assertThat(Files.readString(home.resolve("seeds").resolve(r.article()))).contains("Badr Abdelatty");
        assertThat(pipeline.stages().corpus().index().articles()).containsKey(r.article());
        assertThat(pipeline.stages().outbox().ofSubscription("desk", 10)).singleElement()
                .satisfies(row -> assertThat(row.articleFile()).isEqualTo(r.article()));
    }

    @Test
    void aDocumentHandedOverAgainKeepsItsVerdictAndIsNotStoredOrAlertedTwice() {
        Draft d = draft("Ministry statement on the prisoner exchange", "The ministry welcomed the exchange of 146 prisoners "
                + "agreed with the mediation of the United Arab Emirates in Abu Dhabi.", "https://mfa.example/exchange");
        IngestResult first = pipeline.ingestDraft(d, "https://mfa.example/exchange", "mfa", "item-2");
        IngestResult again = pipeline.ingestDraft(d, "https://mfa.example/exchange", "mfa", "item-2");
        assertThat(again.verdict()).isEqualTo(first.verdict());
        assertThat(again.article()).isEqualTo(first.article());
        IngestResult copy = pipeline.ingestDraft(d, "https://mfa.example/exchange", "mfa", "item-2-edited");
        assertThat(copy.verdict()).as("the same URL under another key").isEqualTo(Verdict.DUPLICATE);
        assertThat(copy.duplicateOf()).isEqualTo(first.article());
        assertThat(pipeline.stages().outbox().ofSubscription("desk", 10)).hasSize(1);
    }

    @Test
    void aFileThatCannotBeReadFailsWithAReasonAndNothingStored() throws Exception {
        Path broken = Files.write(home.resolve("broken.pdf"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', 0, 1, 2});
        IngestResult r = pipeline.ingestFile(broken, "inbox");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.reason()).isNotBlank();
        assertThat(TestHome.list(home.resolve("seeds"))).hasSize(5);
        assertThat(pipeline.stages().outbox().ofSubscription("desk", 10)).isEmpty();
    }

    @Test
    void verdictsFollowTheOrderDocumentsWereHandedOverAndAFailureTakesNothingWithIt() throws Exception {
        String text = "Russian Foreign Minister Sergey Lavrov held a telephone conversation with Turkish Foreign Minister "
                + "Hakan Fidan on Tuesday. The ministers discussed the situation in Syria and the Black Sea grain corridor.";
        List<CompletableFuture<IngestResult>> results = new ArrayList<>();
        results.add(pipeline.submit(new Pipeline.Intake("first", "feed", () -> new Pipeline.Read(
                draft("Lavrov and Fidan discuss Syria", text, "https://a.example/1"), "k1")), Duration.ofSeconds(30)));
        results.add(pipeline.submit(new Pipeline.Intake("lost", "feed", () -> {
            throw new IOException("connection reset while reading the item");
        }), Duration.ofSeconds(30)));
        results.add(pipeline.submit(new Pipeline.Intake("second", "feed", () -> new Pipeline.Read(
                draft("Lavrov and Fidan discuss Syria", text, "https://b.example/1"), "k2")), Duration.ofSeconds(30)));
        List<IngestResult> got = results.stream().map(CompletableFuture::join).toList();
        assertThat(got).extracting(IngestResult::verdict).containsExactly(Verdict.NEW, Verdict.FAILED, Verdict.DUPLICATE);
        assertThat(got.get(1).reason()).contains("connection reset");
        assertThat(got.get(2).duplicateOf()).isEqualTo(got.get(0).article());
    }

    @Test
    void aHomeFromBeforeTheNarrowStoryTableFindsNearCopiesOfItsArticles() throws Exception {
        // the originals are stored; the index is then made as version 12 left it, without article_light (and with
        // article_tag, which version 14 folded into a column of article, and without version 15's compounds)
        try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE article_light");
            st.execute("ALTER TABLE article DROP COLUMN tags");
            st.execute("CREATE TABLE article_tag (file_name VARCHAR(64) NOT NULL, dimension VARCHAR(16) NOT NULL, "
                    + "tag_id VARCHAR(100) NOT NULL, tag_type VARCHAR(32) NOT NULL, country VARCHAR(8), "
                    + "salience DOUBLE PRECISION NOT NULL, CONSTRAINT article_tag_pk PRIMARY KEY (file_name, dimension, tag_id))");
            st.execute("ALTER TABLE article_story DROP COLUMN compounds");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('13', '14', '15')");
        }
        pipeline.close();
        pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
        try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM article_light")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the migration copies every story row").isEqualTo(5);
        }
        // the story memory was filled from the copied rows: an edited copy of seed 001 is its near-duplicate
        IngestResult r = pipeline.ingestFile(Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-001.txt"), "cli");
        assertThat(r.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
        assertThat(r.duplicateOf()).isEqualTo(TestHome.ORIGINALS.get(1));
    }

    @Test
    void aFilePutIntoSeedsByHandBetweenTwoStartsGetsItsStoryAtTheNextAndAPlainRestartJudgesNothingAgain() throws Exception {
        String story = pipeline.stages().stories().storyOf(0);
        pipeline.close();
        pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
        assertThat(pipeline.stages().stories().storyOf(0)).as("a restart keeps the stories it had").isEqualTo(story);
        Path copy = home.resolve("seeds").resolve("900_0123456789abcdef.txt");
        Files.copy(Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-001.txt"), copy);
        pipeline.close();
        pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
        long seq = pipeline.stages().corpus().index().articles().get(copy.getFileName().toString()).seq();
        assertThat(pipeline.stages().stories().storyOf(seq)).as("the hand-put file is judged at the start").isNotNull();
        try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT verdict, duplicate_of FROM article_story WHERE seq = " + seq)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("near_duplicate");
            assertThat(rs.getString(2)).isEqualTo(TestHome.ORIGINALS.get(1));
        }
    }
}
