package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dipwatch.TestHome;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The five originals, classified with the packaged dictionaries: what the issue names, exactly. */
class ClassifierSeedsTest {

    private static final Map<String, Classification> SEEDS = new HashMap<>();

    @BeforeAll
    static void classifySeeds() throws IOException {
        Classifier classifier = TestClassifier.get();
        for (String name : TestHome.ORIGINALS) {
            String text = Files.readString(TestHome.original(name));
            SEEDS.put(name.substring(0, 3), classifier.classify(Normalizer.normalize(SeedText.parse(text)), true));
        }
    }

    private static Classification seed(String n) {
        return SEEDS.get(n);
    }

    private static Set<String> countries(List<Attribution> attributions) {
        return attributions.stream().map(a -> a.actor().country()).collect(Collectors.toSet());
    }

    private static Set<String> ids(List<ActorTag> actors) {
        return actors.stream().map(ActorTag::id).collect(Collectors.toSet());
    }

    private static Set<String> regionIds(Classification c) {
        return c.regions().stream().map(RegionTag::id).collect(Collectors.toSet());
    }

    private static RegionTag region(Classification c, String id) {
        return c.regions().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no region " + id + " in " + regionIds(c)));
    }

    @Test
    void seed000IsTheRussianForeignMinistryOnACallWithAbuMarzookOfHamas() {
        Classification c = seed("000");
        assertThat(c.speaker().side()).isEqualTo("RUS");
        assertThat(c.speaker().actor().id()).isEqualTo("mikhail-bogdanov");
        assertThat(c.speaker().sentence()).contains("Bogdanov said");
        assertThat(c.counterparts()).extracting(Attribution::side).containsExactly("HAMAS");
        assertThat(c.counterparts().get(0).actor().id()).isEqualTo("mousa-abu-marzook");
        assertThat(c.counterparts().get(0).actor().organisation().id()).isEqualTo("HAMAS");
        assertThat(ids(c.actors())).contains("RUS-MFA", "mikhail-bogdanov", "mousa-abu-marzook", "HAMAS");
        assertThat(c.kind()).isEqualTo("phone_call");
        assertThat(c.language()).isEqualTo("en");
    }

    @Test
    void seed001IsMoscowOnACallBetweenBogdanovAndAbuMarzook() {
        Classification c = seed("001");
        assertThat(c.speaker().side()).isEqualTo("RUS");
        assertThat(c.counterparts()).extracting(Attribution::side).containsExactly("HAMAS");
        assertThat(ids(c.actors())).contains("RUS-MFA", "mikhail-bogdanov", "mousa-abu-marzook", "ARAB_LEAGUE", "PLO");
        assertThat(c.kind()).isEqualTo("phone_call");
    }

    @Test
    void seed002IsTheKremlinOnPutinsCallWithAbbas() {
        Classification c = seed("002");
        assertThat(c.speaker().side()).isEqualTo("RUS");
        assertThat(c.speaker().actor().id()).isIn("RUS-PRESIDENCY", "vladimir-putin");
        assertThat(countries(c.counterparts())).containsExactly("PSE");
        assertThat(c.counterparts().get(0).actor().id()).isEqualTo("mahmoud-abbas");
        assertThat(c.kind()).isEqualTo("phone_call");
    }

    @Test
    void seed003IsLavrovInAnInterview() {
        Classification c = seed("003");
        assertThat(c.speaker().side()).isEqualTo("RUS");
        assertThat(c.speaker().actor().id()).isEqualTo("sergey-lavrov");
        assertThat(c.speaker().actor().role()).isEqualTo("Minister of Foreign Affairs");
        assertThat(c.kind()).isEqualTo("interview");
    }

    @Test
    void seed004IsAbuMarzoukOfHamasToBogdanovWithStatementsByGantz() {
        Classification c = seed("004");
        assertThat(c.speaker().side()).isEqualTo("HAMAS");
        assertThat(c.speaker().actor().id()).isEqualTo("mousa-abu-marzook");
        assertThat(c.speaker().sentence()).contains("told Russia’s deputy Foreign Minister Mikhail Bogdanov");
        assertThat(c.counterparts()).extracting(Attribution::side).contains("RUS");
        assertThat(c.counterparts().get(0).actor().id()).isEqualTo("mikhail-bogdanov");
        assertThat(c.speakers()).extracting(Attribution::side).contains("HAMAS", "RUS", "ISR");
        assertThat(c.speakers().stream().filter(a -> a.side().equals("ISR")).findFirst().orElseThrow().actor().id())
                .isEqualTo("benny-gantz");
        assertThat(ids(c.actors())).contains("HAMAS", "PIJ", "mikhail-bogdanov", "benny-gantz", "lloyd-austin", "ISR");
    }

    @Test
    void regionsOfTheSeedsResolveUpTheHierarchy() {
        for (String n : List.of("000", "002", "003", "004")) {
            assertThat(region(seed(n), "gaza-strip").path()).as(n).containsExactly("gaza-strip", "PSE");
        }
        assertThat(region(seed("001"), "jenin").path()).containsExactly("jenin", "west-bank", "PSE");
        for (String n : List.of("000", "002", "004")) {
            assertThat(region(seed(n), "east-jerusalem").country()).as(n).isEqualTo("PSE");
        }
        assertThat(region(seed("000"), "sheikh-jarrah").path()).containsExactly("sheikh-jarrah", "east-jerusalem", "PSE");
        assertThat(region(seed("004"), "bat-yam").country()).isEqualTo("ISR");
        assertThat(region(seed("004"), "acre").country()).isEqualTo("ISR");
        assertThat(region(seed("003"), "UKR").type()).isEqualTo("country");
    }

    @Test
    void everyRegionRollsUpToTheMiddleEastButUkraine() {
        for (String n : List.of("000", "001", "002", "003", "004")) {
            for (RegionTag r : seed(n).regions()) {
                if (r.country() == null) {
                    continue;
                }
                boolean middleEast = r.rollup().stream().anyMatch(ref -> ref.code().equals("MIDDLE_EAST"));
                assertThat(middleEast).as(n + " " + r.id()).isEqualTo(!r.country().equals("UKR") && isMiddleEast(r.country()));
            }
        }
        assertThat(region(seed("003"), "UKR").rollup()).extracting(RegionTag.Ref::name).contains("Eastern Europe", "Europe")
                .doesNotContain("Middle East");
        assertThat(region(seed("001"), "jenin").rollup()).extracting(RegionTag.Ref::code)
                .contains("WESTERN_ASIA", "ASIA", "MIDDLE_EAST", "MENA");
    }

    private static boolean isMiddleEast(String country) {
        return Set.of("BHR", "CYP", "EGY", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT", "SAU", "SYR", "TUR",
                "ARE", "YEM").contains(country);
    }

    @Test
    void thePrimaryRegionIsTheSubjectNotAPassingMention() {
        assertThat(seed("001").primaryRegion()).isIn("jenin", "PSE", "west-bank", "ISR");
        assertThat(seed("003").primaryRegion()).isNotEqualTo("UKR");
        RegionTag gaza = region(seed("003"), "gaza-strip");
        RegionTag ukraine = region(seed("003"), "UKR");
        assertThat(gaza.salience()).isGreaterThan(ukraine.salience());
    }

    @Test
    void explainGivesTheMatchedTextOfEveryTag() {
        Classification c = seed("004");
        ActorTag marzouk = c.actors().stream().filter(a -> a.id().equals("mousa-abu-marzook")).findFirst().orElseThrow();
        assertThat(marzouk.evidence()).contains("Moussa Abu Marzouk", "Marzouk");
        assertThat(c.actors()).allSatisfy(a -> assertThat(a.evidence()).isNotEmpty());
        assertThat(c.regions()).allSatisfy(r -> assertThat(r.evidence()).isNotEmpty());
    }
}
