package org.dipwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestNamesTest {

    private static final List<String> FILTER_KEYS = List.of("actors", "speaker", "regions", "sources", "keywords", "language", "verdicts");

    @ParameterizedTest
    @CsvSource({
            "actor, actors",
            "Actors, actors",
            "regoins, regions",
            "keyword, keywords",
            "langauge, language",
            "spaeker, speaker",
    })
    void aTypoOrAnotherCaseFindsTheKeyItMissed(String typed, String expected) {
        assertThat(NearestNames.of(typed, FILTER_KEYS, 1)).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @Test
    void aNameFarFromEveryKnownOneHasNoSuggestion() {
        assertThat(NearestNames.of("colour", FILTER_KEYS, 3)).isEmpty();
        assertThat(NearestNames.didYouMean("colour", FILTER_KEYS)).isEmpty();
    }

    @Test
    void equallyNearNamesRankBySharedBeginningAndSwappedLetters() {
        // RUS, SUR and ARS are all two edits from RSU; RUS keeps its first letter and only swaps two
        assertThat(NearestNames.of("RSU", List.of("SUR", "ARS", "RUS", "PRK"), 3)).startsWith("RUS").containsOnly("RUS", "SUR", "ARS");
    }

    @Test
    void theSuggestionReadsAsASentenceAndKeepsTheKnownSpelling() {
        assertThat(NearestNames.didYouMean("actor", FILTER_KEYS)).isEqualTo("; did you mean 'actors'?");
        assertThat(NearestNames.didYouMean("dipwatch.http.prot", List.of("dipwatch.http.port", "dipwatch.http.host")))
                .isEqualTo("; did you mean 'dipwatch.http.port' or 'dipwatch.http.host'?");
        assertThat(NearestNames.didYouMean("actors", FILTER_KEYS)).isEmpty();
        assertThat(NearestNames.didYouMean("midle east", List.of("Middle East", "Far East", "Middle Africa", "Eastern Asia")))
                .isEqualTo("; did you mean 'Middle East'?");
    }
}
