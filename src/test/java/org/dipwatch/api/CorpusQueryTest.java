package org.dipwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.search.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query layer over a home's corpus, as a page calls it: ids that name no article, files
 * deleted from {@code seeds/} since they were indexed, and pages past the end.
 */
class CorpusQueryTest {

    @TempDir
    Path home;
    private Pipeline pipeline;
    private CorpusQuery query;

    @BeforeEach
    void open() {
        TestHome.create(home);
        pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
        query = new CorpusQuery(pipeline.stages().corpus().index(), pipeline.stages().search(), pipeline.stages().outbox(), pipeline.stages().corpus().seeds());
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void anIdThatNamesNoArticleFindsNothing() throws Exception {
        Files.writeString(home.resolve("secret.txt"), "not an article");
        for (String id : new String[] {"../secret", "../secret.txt", "000_fbfa5f4836e611d7/../../secret", "", "005_0000000000000000",
                "000_FBFA5F4836E611D7x", null}) {
            assertThat(query.article(id)).as(id).isEmpty();
        }
        assertThat(query.article("000_fbfa5f4836e611d7")).isPresent();
        assertThat(query.article("000_fbfa5f4836e611d7.txt").orElseThrow().article().id()).isEqualTo("000_fbfa5f4836e611d7");
    }

    @Test
    void aFileDeletedFromSeedsLeavesTheAnswersAtOnce() throws Exception {
        Files.delete(home.resolve("seeds").resolve(TestHome.ORIGINALS.get(3)));
        pipeline.stages().corpus().reindex(); // what a start or reindex finds: its row is marked missing
        CorpusQuery.Page<CorpusQuery.ArticleItem> page = query.articles(new SearchQuery("Lavrov", Map.of(), null, null, 0, 10));
        assertThat(page.items()).extracting(CorpusQuery.ArticleItem::id).doesNotContain("003_6c860c4a14f93851");
        assertThat(query.article("003_6c860c4a14f93851")).isEmpty();
    }

    @Test
    void aPagePastTheEndIsEmptyAndSaysThereIsNoNext() {
        CorpusQuery.Page<CorpusQuery.ArticleItem> page = query.articles(new SearchQuery(null, Map.of("source", Set.of("seeds")),
                null, null, 10, 5));
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.nextOffset()).isNull();
        assertThat(query.stories(1, 10, 5).items()).isEmpty();
        assertThat(query.story("st-none")).isEmpty();
        assertThat(query.alerts(null, null, 0, 5).total()).isZero();
    }
}
