package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statements in the ministries' own languages: names in their scripts and in their inflected
 * forms find their entries (issue #12, parts 1 and 2).
 */
class OtherLanguagesTest {

    /** The example: a Russian MFA statement on a call about Gaza. */
    private static final String RUSSIAN_MFA_STATEMENT = """
                Министр иностранных дел Российской Федерации Сергей Лавров провёл телефонный разговор с министром \
                иностранных дел Египта Бадром Абдель Аты. Стороны обсудили ситуацию в секторе Газа. Москва призывает \
                Израиль и ХАМАС к немедленному прекращению огня.""";

    private static Classification classify(String language, String text) {
        return TestClassifier.get().classify(new Article(null, LocalDate.of(2024, 3, 5), List.of(text.split("\n\n")), null), true, language);
    }

    private static List<String> actors(Classification c) {
        return c.actors().stream().map(ActorTag::id).toList();
    }

    private static List<String> regions(Classification c) {
        return c.regions().stream().map(RegionTag::id).toList();
    }

    @Test
    void russianMfaStatementOnGazaFindsLavrovEgyptIsraelHamasAndTheGazaStrip() {
        Classification c = classify(null, RUSSIAN_MFA_STATEMENT);
        assertThat(c.language()).isEqualTo("ru");
        assertThat(actors(c)).contains("RUS", "sergey-lavrov", "EGY", "ISR", "HAMAS");
        assertThat(c.speaker().side()).isEqualTo("RUS");
        assertThat(c.speaker().actor().id()).isEqualTo("sergey-lavrov");
        assertThat(regions(c)).contains("gaza-strip");
        RegionTag gaza = c.regions().stream().filter(r -> r.id().equals("gaza-strip")).findFirst().orElseThrow();
        assertThat(gaza.country()).isEqualTo("PSE");
        assertThat(gaza.evidence()).containsExactly("секторе Газа");
        assertThat(c.kind()).isEqualTo("phone_call");
    }

    @Test
    void russianMfaStatementHasItsActorsAndItsOnePlaceEachExplained() {
        Classification c = classify(null, RUSSIAN_MFA_STATEMENT);
        // who acts: Russia (Lavrov, and Moscow calling), Egypt's minister, Israel and Hamas; where: Gaza only
        assertThat(c.actors().stream().map(ActorTag::country).distinct().sorted()).containsExactly("EGY", "ISR", "PSE", "RUS");
        assertThat(c.regions().stream().map(RegionTag::country).distinct()).containsExactly("PSE");
        assertThat(c.actors()).allSatisfy(a -> assertThat(a.cues()).hasSameSizeAs(a.evidence()).isNotEmpty());
        assertThat(c.regions()).allSatisfy(r -> assertThat(r.cues()).hasSameSizeAs(r.evidence()).isNotEmpty());
        ActorTag russia = c.actors().stream().filter(a -> a.id().equals("RUS")).findFirst().orElseThrow();
        assertThat(russia.cues()).extracting(org.dipwatch.model.RoleCue::cue).contains("capital named for its government, no place cue");
        ActorTag hamas = c.actors().stream().filter(a -> a.id().equals("HAMAS")).findFirst().orElseThrow();
        assertThat(hamas.cues()).containsExactly(new org.dipwatch.model.RoleCue("ХАМАС", "organisation"));
        RegionTag gaza = c.regions().get(0);
        assertThat(gaza.cues()).containsExactly(new org.dipwatch.model.RoleCue("секторе Газа", "place in PSE"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ru | Посол Израиля вызван в МИД.                        | ISR
            ru | Делегация прибыла из Египта.                       | EGY
            ru | Переговоры с Лавровым прошли в Москве.             | sergey-lavrov
            ru | Позиция Соединённых Штатов Америки не изменилась.  | USA
            ru | МИД России выступил с заявлением.                  | RUS-MFA
            uk | Посол Ізраїлю прибув до Києва.                     | ISR
            uk | Делегація Єгипту прибула.                          | EGY
            uk | Переговори з Лавровим не відбулися.                | sergey-lavrov
            ar | وقال وزير الخارجية إن والقدس ستبقى.                 | jerusalem
            ar | وصلت المساعدات بغزة أمس.                           | gaza-strip
            ar | رسالة لإسرائيل من القاهرة.                          | ISR
            ar | وحماس ترفض ذلك.                                    | HAMAS
            fa | سفیر روسیه در تهران گفت.                           | RUS
            fa | حمله رژیم صهیونیستی به غزه محکوم شد.                 | ISR
            he | השגריר נפגש בירושלים עם נציגי ממשלה.                | jerusalem
            he | הודעה ממצרים ומישראל.                               | EGY
            he | לחמאס אין תשובה.                                   | HAMAS
            tr | Türkiye'nin tutumu açıktır.                         | TUR
            tr | İsrail'in saldırıları kınandı.                      | ISR
            tr | Gazze'deki durum ağırlaşıyor.                       | gaza-strip
            fr | La position de l'Égypte est connue.                | EGY
            fr | Les frappes d'Israël ont repris.                   | ISR
            de | Die Haltung Israels ist bekannt.                   | ISR
            de | Der Sprecher des Auswärtigen Amtes der Vereinten Nationen. | UN
            es | La delegación de Egipto llegó ayer.                | EGY
            zh | 中方敦促以色列和哈马斯在加沙地带停火。               | HAMAS
            zh | 俄罗斯外交部发表声明。                              | RUS-MFA
            """)
    void anInflectedOrPrefixedNameFindsItsEntry(String language, String text, String id) {
        Classification c = classify(language, text);
        assertThat(actors(c).contains(id) || regions(c).contains(id)).as("%s in %s, %s", id, actors(c), regions(c)).isTrue();
    }

    @Test
    void lowerCaseWordsThatStemLikeANameAreNoName() {
        // "газа" (of gas) stems like "Газа", "лавры" (laurels) like "Лавров": the capital letter decides
        Classification c = classify("ru", "Поставки газа выросли, а лавры достались другим.");
        assertThat(regions(c)).doesNotContain("gaza-strip");
        assertThat(actors(c)).doesNotContain("sergey-lavrov");
    }

    @Test
    void anEnglishArticleIsMatchedAsBefore() {
        Classification c = classify("en", "Russian Foreign Minister Sergey Lavrov said Moscow calls on Israel and Hamas to stop fighting in Gaza.");
        assertThat(actors(c)).contains("sergey-lavrov", "ISR", "HAMAS");
        assertThat(regions(c)).contains("gaza-strip");
    }
}
