package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.dipwatch.model.RoleCue;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code classify --explain} tells a user about a few representative articles: the actors with
 * their roles, the speaker and counterpart, the regions rolled up, the kind of statement and the
 * language, each a rule of the package. The scored sets ({@code DevelopmentSetTest},
 * {@code LanguageDevSetTest} …) hold the rules to their figures; this holds each part of the
 * classifier to what it gives a reader of one article.
 */
class ClassifierTest {

    private static Classification classify(String text) {
        return TestClassifier.get().classify(Normalizer.normalize(SeedText.parse(text)), true);
    }

    private static ActorTag actor(Classification c, String id) {
        return c.actors().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no actor " + id + " in " + c.actors()));
    }

    private static RegionTag region(Classification c, String id) {
        return c.regions().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no region " + id + " in " + c.regions()));
    }

    @Test
    void aPhoneCallBetweenTwoMinistersNamesBothOfficialsTheCallerAndTheGazaStripRolledUp() {
        Classification c = classify("""
                Lavrov and Abdelatty discuss Gaza

                Russian Foreign Minister Sergey Lavrov held a telephone conversation with Egyptian Foreign Minister \
                Badr Abdelatty. The ministers discussed the situation in the Gaza Strip and in Jenin.
                """);

        assertThat(c.actors()).extracting(ActorTag::id, ActorTag::type, ActorTag::country, ActorTag::role, ActorTag::mentions)
                .containsExactly(
                        tuple("sergey-lavrov", "official", "RUS", "Minister of Foreign Affairs", 2),
                        tuple("badr-abdelatty", "official", "EGY", "Minister of Foreign Affairs", 2));
        assertThat(actor(c, "sergey-lavrov").organisation().id()).isEqualTo("RUS-MFA");
        assertThat(actor(c, "sergey-lavrov").evidence()).containsExactly("Lavrov", "Russian Foreign Minister Sergey Lavrov");
        assertThat(c.speaker().side()).isEqualTo("RUS");
        assertThat(c.speaker().actor().id()).isEqualTo("sergey-lavrov");
        assertThat(c.speaker().sentence()).startsWith("Russian Foreign Minister Sergey Lavrov held a telephone conversation");
        assertThat(c.counterparts()).extracting(Attribution::side, a -> a.actor().id())
                .containsExactly(tuple("EGY", "badr-abdelatty"));
        assertThat(c.regions()).extracting(RegionTag::id).containsExactly("gaza-strip", "jenin");
        assertThat(c.primaryRegion()).isEqualTo("gaza-strip");
        assertThat(region(c, "gaza-strip").path()).containsExactly("gaza-strip", "PSE");
        assertThat(region(c, "jenin").path()).containsExactly("jenin", "west-bank", "PSE");
        assertThat(region(c, "jenin").rollup()).extracting(RegionTag.Ref::code, RegionTag.Ref::kind).containsExactly(
                tuple("WESTERN_ASIA", "subregion"), tuple("ASIA", "continent"), tuple("MIDDLE_EAST", "region"),
                tuple("MENA", "region"), tuple("ARAB_WORLD", "region"), tuple("LEVANT", "region"));
        assertThat(c.kind()).isEqualTo("phone_call");
        assertThat(c.language()).isEqualTo("en");
    }

    @Test
    void aMinistryNamedWithItsStateAndAgainAloneIsOneInstitutionThatSpeaksAndTaiwanIsBothActorAndPlace() {
        Classification c = classify("""
                Beijing warns Washington over arms sales

                The Chinese Foreign Ministry said on Monday that China firmly opposes the arms sales to Taiwan. \
                The Foreign Ministry urged the United States to stop arming Taiwan.
                """);

        assertThat(c.actors()).extracting(ActorTag::id, ActorTag::type).containsExactly(
                tuple("CHN", "state"), tuple("USA", "state"), tuple("CHN-MFA", "institution"), tuple("TWN", "state"));
        assertThat(actor(c, "CHN-MFA").cues()).containsExactly(
                new RoleCue("Chinese Foreign Ministry", "a state's foreign ministry"),
                new RoleCue("Foreign Ministry", "the foreign ministry named before"));
        assertThat(actor(c, "CHN").cues()).extracting(RoleCue::mention).containsExactly("Beijing", "China");
        assertThat(c.speaker().actor().id()).isEqualTo("CHN-MFA");
        assertThat(c.speakers()).extracting(Attribution::side).containsExactly("CHN");
        assertThat(c.counterparts()).isEmpty();
        assertThat(c.regions()).extracting(RegionTag::id, RegionTag::type).containsExactly(tuple("TWN", "country"));
        assertThat(region(c, "TWN").cues()).extracting(RoleCue::cue).containsExactly("'arms sales to' before it", "'arming' before it");
        assertThat(region(c, "TWN").rollup()).extracting(RegionTag.Ref::code)
                .containsExactly("EASTERN_ASIA", "ASIA", "EAST_ASIA", "INDO_PACIFIC");
        // someone speaks and no other kind shows
        assertThat(c.kind()).isEqualTo("statement");
    }

    @Test
    void aRussianVisitFindsTheMinisterTheStatesActingAndThePlacesByTheirCases() {
        Classification c = classify("""
                Министр иностранных дел России Сергей Лавров прибыл в Анкару с рабочим визитом. В ходе переговоров \
                с турецким коллегой обсуждалась ситуация в Ливии.
                """);

        assertThat(c.language()).isEqualTo("ru");
        assertThat(c.actors()).extracting(ActorTag::id).containsExactly("RUS", "sergey-lavrov", "TUR");
        assertThat(actor(c, "sergey-lavrov").evidence()).containsExactly("Сергей Лавров");
        assertThat(actor(c, "TUR").evidence()).containsExactly("турецким");
        assertThat(c.regions()).extracting(RegionTag::id, RegionTag::country).containsExactly(
                tuple("ankara", "TUR"), tuple("LBY", "LBY"));
        assertThat(region(c, "ankara").cues()).containsExactly(new RoleCue("Анкару", "'в' before it"));
        assertThat(region(c, "LBY").rollup()).extracting(RegionTag.Ref::code)
                .contains("NORTHERN_AFRICA", "AFRICA", "MAGHREB");
        assertThat(c.speaker()).isNull();
        assertThat(c.kind()).isEqualTo("visit");
    }

    @Test
    void countriesNamedOnlyAsPlacesAreRegionsAndNoActorWithNoSpeakerAndNoKind() {
        Classification c = classify("""
                Floods in the Sahel

                Heavy rains flooded villages in Niger and Chad this week.
                """);

        assertThat(c.actors()).isEmpty();
        assertThat(c.regions()).extracting(RegionTag::id, RegionTag::type).containsExactly(
                tuple("SAHEL", "region"), tuple("NER", "country"), tuple("TCD", "country"));
        assertThat(region(c, "TCD").cues()).extracting(RoleCue::cue).containsExactly("'in' before it (the list it is in)");
        assertThat(region(c, "NER").rollup()).extracting(RegionTag.Ref::code).contains("WESTERN_AFRICA", "SAHEL", "CENTRAL_SAHEL");
        assertThat(c.primaryRegion()).isEqualTo("SAHEL");
        assertThat(c.speaker()).isNull();
        assertThat(c.speakers()).isEmpty();
        assertThat(c.kind()).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2023-05-10, qin-gang",
            "2024-05-10, wang-yi",
    })
    void aRoleWithNoNameIsTheOfficialWhoHeldItOnTheArticlesDate(String date, String official) {
        Classification c = classify("date " + date + " The Chinese Foreign Minister said on Tuesday that Beijing "
                + "welcomes the talks.\n");

        assertThat(c.speaker().actor().id()).isEqualTo(official);
        assertThat(c.speaker().actor().role()).isEqualTo("Minister of Foreign Affairs");
        assertThat(c.speaker().actor().cues()).extracting(RoleCue::mention, RoleCue::cue)
                .contains(tuple("Chinese Foreign Minister", "holder of the role on the article's date"));
    }
}
