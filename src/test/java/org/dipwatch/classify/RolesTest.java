package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.dipwatch.model.RoleCue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link Roles} reads a country's name, capital or demonym: as its state acting, as a place, or
 * both, by the rule and cue a user sees in {@code --explain}, in English and in the other languages.
 */
class RolesTest {

    private static Classification classify(String language, String text) {
        return TestClassifier.get().classify(new Article(null, null, List.of(text.split("\n\n")), null), true, language);
    }

    private static Set<String> countries(Stream<String> codes) {
        Set<String> out = new TreeSet<>();
        codes.filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    private static Set<String> actorCountries(Classification c) {
        return countries(c.actors().stream().map(ActorTag::country));
    }

    private static Set<String> regionCountries(Classification c) {
        return countries(c.regions().stream().map(RegionTag::country));
    }

    /** Every mention's cue of the tags of one country, actors first. */
    private static List<String> cues(Classification c, String country) {
        Stream<RoleCue> actors = c.actors().stream().filter(a -> country.equals(a.country())).flatMap(a -> a.cues().stream());
        Stream<RoleCue> regions = c.regions().stream().filter(r -> country.equals(r.country())).flatMap(r -> r.cues().stream());
        return Stream.concat(actors, regions).map(rc -> rc.mention() + ": " + rc.cue()).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Beijing accused Washington of meddling.                      | CHN USA |         | USA | Washington: capital named for its government, no place cue
            en | The talks were held in Beijing on Monday.                    |         | CHN     | CHN | Beijing: 'in' before it
            en | Putin left for Vietnam after the ceremony.                    | RUS     | VNM     | VNM | Vietnam: 'left for' before it
            en | Kuleba said Ukraine would need new air defences.              | UKR     |         | UKR | Ukraine: named as a state, no place cue
            en | Grain from Ukrainian ports reached Egypt, Turkey said.        | TUR     | EGY UKR | UKR | Ukrainian: 'ports' after it
            en | The UN welcomed support from Qatar for the truce.             | QAT     |         | QAT | Qatar: 'support from' before it
            en | The envoy praised Guyana's territorial integrity.             |         | GUY     | GUY | Guyana: 'territorial integrity' after it
            en | Lawmakers discussed Russia's position on the treaty.          | RUS     |         | RUS | Russia: 'position' after it
            en | Rockets were fired at UK and US warships.                     | GBR USA |         | GBR | UK: 'warships' after it
            en | The Sudan conference ended without a contact group.           |         | SDN     | SDN | The Sudan: 'conference' after it
            en | The minister called for peace in Syria and Lebanon.           |         | LBN SYR | LBN | Lebanon: 'in' before it (the list it is in)
            en | Fighting in Yemen, Oman said, must stop.                      | OMN     | YEM     | OMN | Oman: named as a state, no place cue
            en | The delegation met officials at the Kremlin.                  | RUS     | RUS     | RUS | the Kremlin: seat of an institution, 'at' before it
            ru | Переговоры прошли в Москве, сообщил МИД.                      |         | RUS     | RUS | Москве: 'в' before it
            ru | Москва призывает Израиль прекратить огонь.                    | ISR RUS |         | RUS | Москва: capital named for its government, no place cue
            uk | Удари по Одесі засудив Київ.                                  | UKR     | UKR     | UKR | Київ: capital named for its government, no place cue
            ar | بحث الجانبان الأوضاع في سوريا ولبنان.                         |         | LBN SYR | LBN | ولبنان: 'في' before it (the list it is in)
            fa | ایران حملات آمریکا به یمن را محکوم کرد.                       | IRN USA | YEM     | YEM | یمن: 'به' before it
            he | שר החוץ דן במצב בלבנון.                                       |         | LBN     | LBN | בלבנון: prefix 'ב'
            zh | 中方敦促日方停止干涉中国内政，台湾问题是核心。               | CHN JPN | TWN     | TWN | 台湾: '问题' after it
            tr | Görüşmede Ukrayna'daki savaş ele alındı.                      |         | UKR     | UKR | Ukrayna'daki: suffix 'daki'
            fr | La France condamne les frappes contre le Liban.               | FRA     | LBN     | LBN | Liban: 'contre' before it
            es | España expresa su preocupación por la situación en Venezuela. | ESP     | VEN     | VEN | Venezuela: 'en' before it
            de | Das Auswärtige Amt verurteilt den Angriff auf die Ukraine.    | DEU     | UKR     | UKR | Ukraine: 'auf' before it
            """)
    void aCountryIsReadByTheCueAroundIt(String language, String text, String actors, String regions, String country, String cue) {
        Classification c = classify(language, text);
        assertThat(actorCountries(c)).as("actors of " + text).isEqualTo(set(actors));
        assertThat(regionCountries(c)).as("regions of " + text).isEqualTo(set(regions));
        assertThat(cues(c, country)).as("cues of " + country).contains(cue);
    }

    private static Set<String> set(String codes) {
        Set<String> out = new TreeSet<>();
        if (codes != null) {
            out.addAll(List.of(codes.strip().split("\\s+")));
        }
        return out;
    }

    @Test
    void aDatelineIsWhereTheStoryIsFiled() {
        Classification c = classify("en", "MOSCOW, July 3. /TASS/. Russia has recognised the new government, the ministry said.");
        assertThat(cues(c, "RUS")).contains("MOSCOW: dateline", "Russia: named as a state, no place cue");
        assertThat(actorCountries(c)).containsExactly("RUS");
        assertThat(regionCountries(c)).containsExactly("RUS");
    }

    @Test
    void armsToACountryMakeItBothAPartyAndWhereTheyGo() {
        Classification c = classify("en", "China's foreign ministry said the US should stop arming Taiwan.");
        assertThat(actorCountries(c)).containsExactly("CHN", "TWN", "USA");
        assertThat(regionCountries(c)).containsExactly("TWN");
        assertThat(cues(c, "TWN")).containsExactly("Taiwan: 'arming' before it", "Taiwan: 'arming' before it");
    }

    @Test
    void aDelegationsVisitMakesPlacesNotActors() {
        Classification c = classify("en", "A CPC delegation visited Chad, Egypt and Tunisia.");
        assertThat(actorCountries(c)).containsExactly("CHN");
        assertThat(regionCountries(c)).containsExactly("EGY", "TCD", "TUN");
        assertThat(cues(c, "TCD")).containsExactly("Chad: 'visited' before it");
        assertThat(cues(c, "TUN")).containsExactly("Tunisia: 'visited' before it (the list it is in)");
    }

    @Test
    void anInstitutionNamedAsWhereAMeetingIsHeldIsAlsoAPlace() {
        Classification c = classify("ru", "Президент России Владимир Путин в Кремле провёл переговоры с Председателем КНР Си Цзиньпином.");
        assertThat(regionCountries(c)).containsExactly("RUS");
        assertThat(cues(c, "RUS")).contains("Кремле: seat of an institution, 'в' before it");
        assertThat(actorCountries(c)).containsExactly("CHN", "RUS");
    }
}
