package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    private static long[] numbersOf(String text) {
        return TextFeatures.numbers(TextFeatures.words(ExactDedup.fold(text)));
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
}
