package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    private static long[] numbersOf(String text) {
        return TextFeatures.numbers(TextFeatures.tokens(ExactDedup.fold(text)));
    }

    @Test
    void aNumberIsTheSameInEveryScriptAndWrittenAgainstAChineseWord() {
        long[] english = numbersOf("Russia and Ukraine exchanged 146 prisoners each, and 12 were wounded.");
        long[] chinese = numbersOf("俄罗斯和乌克兰各交换了146名战俘，其中12人受伤。");
        long[] arabic = numbersOf("تبادلت روسيا وأوكرانيا ١٤٦ أسيرا");
        assertThat(chinese).containsExactlyInAnyOrder(english);
        assertThat(arabic).hasSize(1).containsAnyOf(english);
    }

    @Test
    void datesAndYearsAreNoNumbers() {
        assertThat(numbersOf("On 14 April 2026 the talks resumed.")).isEmpty();
        assertThat(numbersOf("2026年4月14日，会谈恢复。")).isEmpty();
        assertThat(numbersOf("The G20 met; F16 jets flew.")).isEmpty();
    }

    @Test
    void decimalsThousandsAndTimesAreOneNumberEach() {
        assertThat(numbersOf("about 13,000 names")).containsExactly(numbersOf("about 13000 names"));
        assertThat(numbersOf("5.4 billion dollars")).hasSize(1).doesNotContain(numbersOf("5 and 4"));
        assertThat(numbersOf("at 17:30 local time")).hasSize(1).isNotEqualTo(numbersOf("at 17:35 local time"));
        assertThat(numbersOf("une aide de 1,5 milliard")).containsExactly(numbersOf("an aid of 1.5 billion"));
    }

    @Test
    void aDateAwayFromThePublicationDateIsASpecificTheEventsOwnDayIsNot() {
        java.time.LocalDate published = java.time.LocalDate.of(2026, 3, 10);
        long[] followUp = TextFeatures.numbers(TextFeatures.tokens(ExactDedup.fold("A follow-up is pencilled in for March 30.")), published);
        assertThat(followUp).hasSize(1);
        assertThat(TextFeatures.numbers(TextFeatures.tokens(ExactDedup.fold("The next round opens on 30 March.")), published))
                .containsExactly(followUp);
        assertThat(TextFeatures.numbers(TextFeatures.tokens(ExactDedup.fold("The talks opened on March 9 and ended on March 11.")),
                published)).isEmpty();
        // a year back: the talks last held on December 15 are of 2025
        assertThat(TextFeatures.numbers(TextFeatures.tokens(ExactDedup.fold("They last met on December 15.")), published)).hasSize(1);
    }

    private static long[] namesOf(String paragraph) {
        java.util.Set<Long> out = new java.util.LinkedHashSet<>();
        TextFeatures.names(paragraph, out);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void aNameIsKeyedByItsLastWordsWhateverTitleComesBefore() {
        assertThat(namesOf("Israeli Foreign Minister Gideon Sa'ar spoke.")).containsExactly(namesOf("Gideon Sa'ar spoke."));
        assertThat(namesOf("Saudi Arabia's envoy")).containsExactly(namesOf("Saudi Arabia envoy"));
        // a surname's particle keeps the given name: two people of one family are two names
        assertThat(namesOf("Ahmed Abu Shamala said")).isNotEqualTo(namesOf("Tariq Abu Shamala said"));
        // an official's id gives the key of the name as printed, accents or not
        assertThat(StoryMatcher.knownNames(new Who(java.util.Set.of("jean-noel-barrot", "ahmed-al-sharaa", "FRA"), java.util.Set.of())))
                .containsExactlyInAnyOrder(namesOf("Minister Jean-Noël Barrot")[0], namesOf("President Ahmed al-Sharaa")[0]);
    }

    @Test
    void aNumberStatedWithAPlaceOrAnotherNumberInOneSentenceIsOneCompound() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 10);
        // two reports of one strike, in their own words: the toll and the wounded with the town, and each other
        long[] one = compoundsOf("At least 19 people were killed and 77 wounded in air strikes on Deir al-Balah on Tuesday.", day);
        long[] other = compoundsOf("The death toll from air strikes on Deir al-Balah rose to 19, with 77 more people in hospital.", day);
        assertThat(TextFeatures.shared(one, other)).as("19 with Deir al-Balah, 77 with it, 19 with 77, and each with Tuesday's")
                .isGreaterThanOrEqualTo(3);
        // the same toll in another town, or the same town and toll in two sentences, is no compound of the two
        long[] elsewhere = compoundsOf("At least 19 people were killed in air strikes on Khan Younis.", day);
        long[] apart = compoundsOf("Air strikes hit Deir al-Balah. Elsewhere, 19 people were killed.", day);
        assertThat(TextFeatures.shared(one, elsewhere)).isZero();
        assertThat(TextFeatures.shared(one, apart)).isZero();
        assertThat(compoundsOf("Air strikes hit Deir al-Balah on Tuesday.", day)).as("no number, no compound").isEmpty();
    }

    private static long[] compoundsOf(String paragraph, java.time.LocalDate published) {
        java.util.Set<Long> out = new java.util.LinkedHashSet<>();
        TextFeatures.compounds(paragraph, published, out);
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Test
    void aFirmIsKeyedByTheWordsBeforeItsLegalForm() {
        // two firms of one trade and legal form are two names, not one "Trading FZE"
        assertThat(namesOf("sanctions on Gulf Meridian Trading FZE")).isNotEqualTo(namesOf("sanctions on Polar Star Trading FZE"));
        assertThat(namesOf("Golden Delta Holdings was listed")).isNotEqualTo(namesOf("Red Anchor Holdings was listed"));
        // the owner before a possessive is not part of the firm's name
        assertThat(namesOf("Russia's Sovcomflot PJSC was listed")).containsExactly(namesOf("Sovcomflot PJSC was listed"));
        assertThat(namesOf("The Gulf Meridian Trading FZE said")).containsExactly(namesOf("Gulf Meridian Trading FZE"));
    }

    @Test
    void placesAndKindTravelWithWhoThroughItsTags() {
        Who who = new Who(java.util.Set.of("RUS", "sergey-lavrov"), java.util.Set.of("RUS"), "ru",
                java.util.Set.of("gaza-strip"), "phone_call");
        Who back = Who.ofTags(List.of("actor:RUS", "actor:sergey-lavrov", "speaker:RUS", "place:gaza-strip", "language:ru",
                "kind:phone_call"));
        assertThat(back).isEqualTo(who);
        assertThat(Who.ofTags(List.of("region:gaza-strip", "region:PSE")).places()).containsExactly("gaza-strip");
        assertThat(who.sameKind(new Who(java.util.Set.of(), java.util.Set.of(), "en", java.util.Set.of(), "visit"))).isFalse();
        assertThat(who.sameKind(back)).isTrue();
        assertThat(who.sameKind(new Who(java.util.Set.of(), java.util.Set.of(), "en"))).isNull();
    }

    @Test
    void namesAreFoundWhereTheNamePatternFindsThem() {
        String[] pieces = {"Foreign", "Minister", "Mauro", "Vieira", "al-Sharaa", "al-", "de", "of", "the", "said", "ÉLYSÉE",
            "Élysée", "U.S.", "Ahmed", "’s", "'s", ",", ".", "-", "X", "Noël", "d'Estaing", "1", "_A", "aB", "A1", "\u0301A",
            "\uD835\uDC00", "Ж", "Жуков"};
        java.util.Random r = new java.util.Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                text.append(pieces[r.nextInt(pieces.length)]).append(r.nextInt(4) == 0 ? "" : r.nextInt(5) == 0 ? "  \n" : " ");
            }
            String t = text.toString();
            java.util.List<String> expected = new java.util.ArrayList<>();
            java.util.regex.Matcher all = TextFeatures.nameMatches(t);
            while (all.find()) {
                expected.add(all.start() + ":" + all.group());
            }
            java.util.List<String> got = new java.util.ArrayList<>();
            java.util.regex.Matcher m = TextFeatures.nameMatches(t);
            for (int at = 0; TextFeatures.nextName(m, t, at); at = m.end()) {
                got.add(m.start() + ":" + m.group());
            }
            assertThat(got).as(t).isEqualTo(expected);
        }
    }
}
