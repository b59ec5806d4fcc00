package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dipwatch.TestHome;
import org.dipwatch.dedup.ExactDedup;
import org.dipwatch.model.Verdict;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @TempDir
    Path home;
    private CorpusIndex index;
    private Corpus corpus;

    @BeforeEach
    void open() {
        TestHome.create(home);
        corpus = reopen("index");
    }

    @AfterEach
    void close() {
        index.close();
    }

    private Corpus reopen(String indexName) {
        if (index != null) {
            index.close();
        }
        index = CorpusIndex.open("jdbc:h2:file:" + home.resolve("data").resolve(indexName), "sa", "", 2);
        return Corpus.open(home.resolve("seeds"), index, t -> Normalizer.normalize(SeedText.parse(t)), ExactDedup::fingerprint,
                a -> NO_TAGS);
    }

    /** The corpus stores whatever the classifier says; these tests are about files and rows, not tags. */
    private static final Classification NO_TAGS = new Classification(List.of(), null, List.of(), List.of(), List.of(), null, null, "en");

    /** No alerts: these tests are about files and rows. */
    private static final Corpus.TransactionHook NO_ALERTS = (c, stored) -> { };

    private static Arrival arrival(String origin) {
        return Arrival.judged(null, "test", origin, Verdict.NEW, null, null, null, Instant.now(), null, null);
    }

    private static Article article(String title, String text) {
        return new Article(title, LocalDate.of(2024, 3, 12), List.of(text), null);
    }

    @Test
    void openingIndexesTheOriginalsAsFoundInSeeds() {
        assertThat(index.articles()).containsOnlyKeys(TestHome.ORIGINALS);
        IndexedArticle a001 = index.articles().get("001_fc3e960cfd31978e.txt");
        assertThat(a001.seq()).isEqualTo(1);
        assertThat(a001.articleId()).isEqualTo("fc3e960cfd31978e");
        assertThat(a001.title()).isEqualTo("Russia advocates de-escalation between Israel and Palestine");
        assertThat(a001.published()).isEqualTo(LocalDate.of(2023, 7, 4));
        assertThat(a001.source()).isEqualTo(Corpus.FOUND_IN_SEEDS);
        assertThat(index.articles().get("002_80078b18800f77d0.txt").published()).isNull();
    }

    @Test
    void anArticlesTextIsReadForItsAlertUnderItsOwnNameOrTheTemporaryOneBeforeItsRename() throws IOException {
        Article a = article("Russia calls for an immediate ceasefire in Sudan", "The Russian Foreign Ministry called for a ceasefire.");
        IndexedArticle row = corpus.store(a, null, a.text(), arrival("new.txt"), NO_TAGS, NO_ALERTS);
        assertThat(corpus.paragraphs(row.fileName())).containsExactly("The Russian Foreign Ministry called for a ceasefire.");
        // committed, not yet renamed into place: as a deliverer may find it in between
        Path seeds = home.resolve("seeds");
        Files.move(seeds.resolve(row.fileName()), seeds.resolve("." + row.fileName() + ".tmp"));
        assertThat(corpus.paragraphs(row.fileName())).containsExactly("The Russian Foreign Ministry called for a ceasefire.");
        Files.delete(seeds.resolve("." + row.fileName() + ".tmp"));
        assertThat(corpus.paragraphs(row.fileName())).as("deleted by someone: the alert goes without text").isEmpty();
        assertThat(corpus.paragraphs("../secrets.txt")).isEmpty();
    }

    @Test
    void storeWritesTheNextNumberInTheSeedShapeAndLeavesNoTemporaryFile() throws IOException {
        Article a = article("Russia calls for an immediate ceasefire in Sudan", "The Russian Foreign Ministry called for a ceasefire.");
        IndexedArticle row = corpus.store(a, null, a.text(), arrival("new.txt"), NO_TAGS, NO_ALERTS);
        assertThat(row.fileName()).matches("005_[0-9a-f]{16}\\.txt");
        assertThat(row.articleId()).isEqualTo(ExactDedup.sha256(a.text()).substring(0, 16));
        assertThat(Files.readString(home.resolve("seeds").resolve(row.fileName()))).isEqualTo("""
                 date 2024-03-12 Russia calls for an immediate ceasefire in Sudan

                The Russian Foreign Ministry called for a ceasefire.
                """);
        assertThat(TestHome.list(home.resolve("seeds"))).hasSize(6).noneMatch(n -> n.startsWith("."));
        assertThat(index.arrivals()).singleElement().satisfies(arr -> {
            assertThat(arr.verdict()).isEqualTo(Verdict.NEW);
            assertThat(arr.articleFile()).isEqualTo(row.fileName());
        });
    }

    @Test
    void copiesAreFoundByUrlAndTextAsSoonAsStoredAndNothingElseIs() {
        assertThat(index.articleWithContentHash(ExactDedup.sha256("never stored"))).isEmpty();
        Article a = article("Lavrov meets Wang Yi", "Lavrov and Wang Yi met in Beijing.");
        String urlHash = ExactDedup.urlHash("https://example.org/lavrov-wang");
        IndexedArticle row = corpus.store(a, urlHash, a.text(), arrival("a.txt"), NO_TAGS, NO_ALERTS);
        assertThat(index.articleWithUrlHash(urlHash)).contains(row.fileName());
        assertThat(index.articleWithContentHash(ExactDedup.fingerprint(a))).contains(row.fileName());
        assertThat(index.articleWithUrlHash(ExactDedup.urlHash("https://example.org/other"))).isEmpty();
        assertThat(index.articleWithContentHash(ExactDedup.sha256("never stored"))).isEmpty();
    }

    @Test
    void whatAnotherProcessStoresInAServerDatabaseIsFoundOnceCaughtUp() throws Exception {
        // a database server that two programs share (here H2's, on 127.0.0.1): what one stores, the other's filter learns
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists",
                "-baseDir", home.resolve("data").toString()).start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/shared";
        try (CorpusIndex daemon = CorpusIndex.open(url, "sa", "", 2); CorpusIndex other = CorpusIndex.open(url, "sa", "", 2)) {
            assertThat(daemon.othersMayWrite()).isTrue();
            Article a = article("Lavrov meets Wang Yi", "Lavrov and Wang Yi met in Beijing.");
            assertThat(daemon.articleWithContentHash(ExactDedup.fingerprint(a))).isEmpty(); // the daemon's filter is loaded
            Corpus cli = Corpus.open(home.resolve("seeds"), other, t -> Normalizer.normalize(SeedText.parse(t)),
                    ExactDedup::fingerprint, x -> NO_TAGS);
            IndexedArticle row = cli.store(a, null, a.text(), arrival("cli.txt"), NO_TAGS, NO_ALERTS);
            daemon.catchUp(); // as the pipeline does before each batch
            assertThat(daemon.articleWithContentHash(ExactDedup.fingerprint(a))).contains(row.fileName());
        } finally {
            server.stop();
        }
    }

    @Test
    void aNumberIsNeverGivenOutTwiceEvenAfterADelete() throws IOException {
        IndexedArticle first = corpus.store(article(null, "First text."), null, "first", arrival("a"), NO_TAGS, NO_ALERTS);
        Files.delete(home.resolve("seeds").resolve(first.fileName()));
        corpus = reopen("index");
        assertThat(index.articles().get(first.fileName()).fileMissing()).isTrue();
        IndexedArticle second = corpus.store(article(null, "Second text."), null, "second", arrival("b"), NO_TAGS, NO_ALERTS);
        assertThat(second.seq()).isEqualTo(6);
    }

    @Test
    void aWriteCommittedButNotRenamedIsFinishedOnOpen() throws IOException {
        IndexedArticle row = corpus.store(article(null, "Committed text."), null, "c", arrival("c"), NO_TAGS, NO_ALERTS);
        Path file = home.resolve("seeds").resolve(row.fileName());
        String text = Files.readString(file);
        // as if the process died between the commit and the rename
        Files.move(file, home.resolve("seeds").resolve("." + row.fileName() + ".tmp"));
        corpus = reopen("index");
        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(TestHome.list(home.resolve("seeds"))).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void aWriteNeverRecordedIsDiscardedOnOpen() throws IOException {
        Files.writeString(home.resolve("seeds").resolve(".005_0123456789abcdef.txt.tmp"), "half an artic");
        corpus = reopen("index");
        assertThat(TestHome.list(home.resolve("seeds"))).containsExactlyElementsOf(TestHome.ORIGINALS);
        assertThat(index.articles()).hasSize(5);
    }

    @Test
    void aRebuiltIndexAgreesWithTheLiveOneOnEverythingDerivedFromText() {
        corpus.store(article("A title", "Text one."), null, "1", arrival("1"), NO_TAGS, NO_ALERTS);
        corpus.store(new Article(null, null, List.of("Para \u201cquoted\u201d.", "Second para."), "https://x.org/a"),
                ExactDedup.sha256("https://x.org/a"), "https://x.org/a", arrival("2"), NO_TAGS, NO_ALERTS);
        List<IndexedArticle> live = List.copyOf(index.articles().values());
        corpus = reopen("rebuilt");
        corpus.reindex();
        List<IndexedArticle> rebuilt = List.copyOf(index.articles().values());
        assertThat(rebuilt).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
            IndexedArticle l = live.get(i);
            IndexedArticle r = rebuilt.get(i);
            assertThat(List.of(r.seq(), r.fileName(), r.articleId(), r.contentHash(), r.paragraphs(), r.characters()))
                    .isEqualTo(List.of(l.seq(), l.fileName(), l.articleId(), l.contentHash(), l.paragraphs(), l.characters()));
            assertThat(r.title()).isEqualTo(l.title());
            assertThat(r.published()).isEqualTo(l.published());
        }
    }

    @Test
    void reindexKeepsWhereAnArticleCameFrom() {
        IndexedArticle row = corpus.store(article(null, "From a feed."), null, "f", arrival("https://mfa.example/1"), NO_TAGS, NO_ALERTS);
        Corpus.SyncReport report = corpus.reindex();
        assertThat(report.files()).isEqualTo(6);
        assertThat(report.unreadable()).isZero();
        IndexedArticle after = index.articles().get(row.fileName());
        assertThat(after.source()).isEqualTo("test");
        assertThat(after.origin()).isEqualTo("https://mfa.example/1");
    }
}
