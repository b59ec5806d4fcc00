package org.dipwatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.TestHome;
import org.dipwatch.model.Article;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index on the five originals: what a query ranks first, phrases, filters and dates,
 * each language's stemming, and an index that survives a reopen with the number it reached.
 */
class SearchIndexTest {

    @TempDir
    Path dir;
    private SearchIndex index;

    @BeforeEach
    void open() throws IOException {
        index = SearchIndex.open(dir.resolve("search"));
        List<Searchable> seeds = new ArrayList<>();
        for (String name : TestHome.ORIGINALS) {
            Article a = Normalizer.normalize(SeedText.parse(Files.readString(TestHome.original(name))));
            long seq = Long.parseLong(name.substring(0, 3));
            seeds.add(new Searchable(name, seq, a.title(), a.paragraphs(), "en", a.published(), "seeds",
                    seq == 4 ? "same_story" : "new", seq == 4 ? "st-fbfa5f4836e611d7" : "st-" + name.substring(4, 20), Set.of(),
                    Set.of(), Set.of()));
        }
        index.add(seeds);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private List<String> found(String words, Map<String, Set<String>> filters, LocalDate from, LocalDate to) {
        return index.search(new SearchQuery(words, filters, from, to, 0, 10)).hits().stream()
                .map(h -> h.file().substring(0, 3)).toList();
    }

    private List<String> found(String words) {
        return found(words, Map.of(), null, null);
    }

    @Test
    void theTwoNamesOfTheCallsRankTheirThreeReportsFirst() {
        // 004 spells him Marzouk: found one letter away; 003 names Abu Marzook once, in passing, and no Bogdanov
        assertThat(found("Abu Marzook Bogdanov").subList(0, 3)).containsExactlyInAnyOrder("000", "001", "004");
    }

    @Test
    void withoutWordsTheNewestComesFirstAndNothingIsScored() {
        SearchIndex.Hits hits = index.search(new SearchQuery(null, Map.of(), null, null, 0, 10));
        assertThat(hits.total()).isEqualTo(5);
        assertThat(hits.hits().stream().map(h -> h.file().substring(0, 3)).toList()).containsExactly("004", "003", "002", "001", "000");
        assertThat(hits.hits()).allSatisfy(h -> assertThat(h.score()).isNull());
    }

    @Test
    void aPhraseIsExact() {
        // 004 writes "Moussa Abu Marzouk"; 003 "Moussa Abu Marzook"
        assertThat(found("\"Mousa Abu Marzook\"")).containsExactlyInAnyOrder("000", "001");
        assertThat(found("\"Moussa Abu Marzook\"")).containsExactly("003");
    }

    @Test
    void phrasesWordsAndFiltersCombine() {
        assertThat(found("\"Mikhail Bogdanov\" AND Jenin")).containsExactly("001");
        assertThat(found("\"Mikhail Bogdanov\"", Map.of("story", Set.of("ST-FBFA5F4836E611D7")), null, null))
                .containsExactlyInAnyOrder("000", "004");
        assertThat(found("\"Mikhail Bogdanov\"", Map.of("verdict", Set.of("new")), LocalDate.of(2023, 1, 1), null))
                .containsExactly("001");
        assertThat(found("Bogdanov -Jenin")).containsExactlyInAnyOrder("000", "004");
    }

    @Test
    void datesBoundTheRangeOnBothEnds() {
        assertThat(found(null, Map.of(), LocalDate.of(2021, 5, 12), LocalDate.of(2021, 5, 12))).containsExactly("000");
        assertThat(found(null, Map.of(), null, LocalDate.of(2022, 12, 31))).containsExactly("000");
    }

    @Test
    void pagesFollowOneAnother() {
        SearchIndex.Hits first = index.search(new SearchQuery(null, Map.of(), null, null, 0, 2));
        SearchIndex.Hits rest = index.search(new SearchQuery(null, Map.of(), null, null, 2, 10));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.hits()).extracting(SearchIndex.Hit::file).containsExactly(TestHome.ORIGINALS.get(4), TestHome.ORIGINALS.get(3));
        assertThat(rest.hits()).extracting(SearchIndex.Hit::file).containsExactly(TestHome.ORIGINALS.get(2), TestHome.ORIGINALS.get(1),
                TestHome.ORIGINALS.get(0));
    }

    @ParameterizedTest(name = "{0}: \"{2}\" finds \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "ru | Министр иностранных дел провёл переговоры с коллегами. | переговоров",
            "de | Der Außenminister führte Gespräche mit den Nachbarländern. | Gespräch",
            "fr | Le ministre a condamné les frappes aériennes. | frappe",
            "uk | Міністр закордонних справ провів переговори щодо Ізраїлю. | Ізраїль",
            "en | The delegations were consulting each other. | consultations"})
    void eachLanguageFindsTheFormsOfAWord(String language, String text, String query) {
        index.add(List.of(new Searchable("100_00000000000000aa.txt", 100, null, List.of(text), language, null, "api", "new", null,
                Set.of(), Set.of(), Set.of())));
        assertThat(found(query)).containsExactly("100");
    }

    @Test
    void anArticleIsReplacedNotAddedTwice() {
        Searchable again = new Searchable(TestHome.ORIGINALS.get(2), 2, "Replaced", List.of("Nothing about calls."), "en", null,
                "seeds", "new", null, Set.of(), Set.of(), Set.of());
        index.add(List.of(again));
        assertThat(index.search(new SearchQuery(null, Map.of(), null, null, 0, 10)).total()).isEqualTo(5);
        assertThat(found("replaced")).containsExactly("002");
    }

    @Test
    void aReopenedIndexKnowsTheLastArticleItHolds() {
        assertThat(index.maxSeq()).isEqualTo(4);
        index.close();
        index = SearchIndex.open(dir.resolve("search"));
        assertThat(index.maxSeq()).isEqualTo(4);
        assertThat(found("Bogdanov")).hasSize(3);
        index.clear();
        assertThat(index.maxSeq()).isEqualTo(-1);
        assertThat(found(null, Map.of(), null, null)).isEmpty();
    }

    @Test
    void anArticleAddedIsFoundBeforeItIsCommittedAndCountsOnceCommitted() throws InterruptedException {
        index.add(List.of(new Searchable("005_00000000000000bb.txt", 5, null, List.of("Talks in Pyongyang."), "en", null, "api",
                "new", null, Set.of(), Set.of(), Set.of())), false);
        assertThat(found("Pyongyang")).containsExactly("005");
        assertThat(index.awaitAdded(5, java.time.Duration.ZERO)).isTrue();
        assertThat(index.awaitAdded(6, java.time.Duration.ZERO)).isFalse();
        assertThat(index.maxSeq()).as("what a start compares: committed only").isEqualTo(4);
        index.add(List.of(), true);
        assertThat(index.maxSeq()).isEqualTo(5);
    }

    @Test
    void aSecondProgramOnTheSameFolderSearchesWhatTheFirstCommitsAndAddsNothing() {
        try (SearchIndex other = SearchIndex.open(dir.resolve("search"))) {
            assertThat(other.readOnly()).isTrue();
            assertThat(index.readOnly()).isFalse();
            assertThat(other.maxSeq()).isEqualTo(4);
            other.add(List.of(new Searchable("007_00000000000000cc.txt", 7, null, List.of("Talks in Pyongyang."), "en", null, "api",
                    "new", null, Set.of(), Set.of(), Set.of())));
            SearchQuery pyongyang = new SearchQuery("Pyongyang", Map.of(), null, null, 0, 10);
            assertThat(other.search(pyongyang).total()).isZero();
            index.add(List.of(new Searchable("005_00000000000000bb.txt", 5, null, List.of("Talks in Pyongyang."), "en", null, "api",
                    "new", null, Set.of(), Set.of(), Set.of())));
            assertThat(other.search(pyongyang).hits()).extracting(SearchIndex.Hit::file).containsExactly("005_00000000000000bb.txt");
            assertThat(other.size()).isEqualTo(6);
        }
    }

    @Test
    void aQueryThatIsNoQuerySaysWhatIsWrong() {
        assertThatThrownBy(() -> found("\"an unclosed phrase")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q=\"an unclosed phrase is not a query").hasMessageContaining("\"a phrase\"");
        assertThatThrownBy(() -> new SearchQuery(null, Map.of("colour", Set.of("red")), null, null, 0, 10))
                .hasMessageContaining("no filter 'colour'");
    }
}
