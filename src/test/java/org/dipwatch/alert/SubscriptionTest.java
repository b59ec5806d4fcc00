package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A subscription's filter: which articles it lets through, and the reason an alert gives for each. */
class SubscriptionTest {

    private static final ActorTag LAVROV = new ActorTag("lavrov", "official", "Sergey Lavrov", "RUS", null, "minister", 2, 0.9,
            List.of());
    private static final ActorTag TURKEY = new ActorTag("TUR", "state", "Turkey", "TUR", null, null, 1, 0.4, List.of());
    private static final RegionTag GAZA = new RegionTag("gaza", "territory", "Gaza Strip", "PSE", List.of("PSE"),
            List.of(new RegionTag.Ref("MIDDLE_EAST", "Middle East", "common")), 1, 0.8, List.of());
    private static final Classification TAGS = new Classification(List.of(LAVROV, TURKEY),
            new Attribution(LAVROV, "RUS", "Lavrov said."), List.of(), List.of(), List.of(GAZA), "gaza", "statement", "en");
    private static final String TEXT = "Lavrov said the ceasefire in Gaza must hold, in a call with Fidan.";

    /** A filter of one clause, its values separated by {@code |}; the other clauses unset. */
    private static Subscription.Filter filter(String clause, String values) {
        Set<String> v = values == null ? Set.of() : Set.of(values.split("\\|"));
        return new Subscription.Filter(clause.equals("actors") ? v : Set.of(), clause.equals("speaker") ? v : Set.of(),
                clause.equals("regions") ? v : Set.of(), clause.equals("sources") ? v : Set.of(),
                clause.equals("keywords") ? List.copyOf(v) : List.of(), clause.equals("language") ? v : Set.of(), Set.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        "actors;   null;               every new article",
        "actors;   RUS;                actor lavrov (RUS)",
        "actors;   tur;                actor TUR",
        "actors;   USA;                null",
        "speaker;  RUS;                speaker RUS",
        "speaker;  lavrov;             speaker RUS",
        "speaker;  TUR;                null",
        "regions;  middle_east;        region Gaza Strip (PSE)",
        "regions;  ISR;                null",
        "sources;  mid-ru;             source mid-ru",
        "sources;  tass;               null",
        "keywords; Ceasefire;          keyword \"ceasefire\"",
        "keywords; cease;              null",
        "language; EN;                 language en",
        "language; ru;                 null"})
    void eachClauseLetsThroughWhatItNamesAndSaysWhatItFound(String clause, String values, String why) {
        assertThat(filter(clause, values).why("new", "mid-ru", TEXT, TAGS)).isEqualTo(why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "new       | actor lavrov (RUS); speaker RUS; region Gaza Strip (PSE); source mid-ru; keyword \"gaza\"; language en",
        "duplicate | null"})
    void everyClauseSetMustHoldAndTheReasonsFollowTheClausesOrder(String verdict, String why) {
        Subscription.Filter all = new Subscription.Filter(Set.of("RUS"), Set.of("RUS"), Set.of("PSE"), Set.of("mid-ru"),
                List.of("gaza"), Set.of("en"), Set.of());
        assertThat(all.why(verdict, "mid-ru", TEXT, TAGS)).isEqualTo(why);
        Subscription.Filter oneFails = new Subscription.Filter(Set.of("RUS"), Set.of("RUS"), Set.of("PSE"), Set.of("tass"),
                List.of("gaza"), Set.of("en"), Set.of());
        assertThat(oneFails.why(verdict, "mid-ru", TEXT, TAGS)).isNull();
    }
}
