package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LanguageGuessTest {

    private static final LanguageGuess GUESS = new LanguageGuess(List.of("en", "ru", "ar", "fr", "de", "es", "zh", "he", "tr", "fa", "uk"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Russia thinks it unacceptable to attack civilian facilities either on Israeli or Palestinian territories, the Russian Foreign Ministry said in a statement on Wednesday.
            ru | Россия считает недопустимыми удары по гражданским объектам как на израильской, так и на палестинской территории, заявил заместитель министра иностранных дел Михаил Богданов.
            uk | Міністерство закордонних справ України рішуче засуджує черговий масований ракетний удар по цивільній інфраструктурі Києва та закликає партнерів посилити тиск.
            fr | Le ministère des Affaires étrangères appelle toutes les parties à faire preuve de la plus grande retenue et à reprendre sans délai le dialogue politique.
            de | Das Auswärtige Amt ruft alle Seiten dazu auf, größte Zurückhaltung zu üben und den politischen Dialog unverzüglich wieder aufzunehmen, hieß es in Berlin.
            es | El Ministerio de Asuntos Exteriores hace un llamamiento a todas las partes para que actúen con la máxima moderación y retomen el diálogo político sin demora.
            ar | دعت وزارة الخارجية جميع الأطراف إلى ضبط النفس والعودة إلى طاولة المفاوضات دون تأخير من أجل التوصل إلى حل سياسي شامل.
            tr | Dışişleri Bakanlığı, tüm tarafları azami itidalli davranmaya ve siyasi diyaloğa gecikmeksizin geri dönmeye çağırdı.
            """)
    void tellsTheLanguageOfAnOpeningSentence(String expected, String text) {
        assertThat(GUESS.of(text)).isEqualTo(expected);
    }

    @Test
    void anUnknownCodeIsNamedInTheError() {
        assertThatThrownBy(() -> new LanguageGuess(List.of("en", "xx")))
                .hasMessageContaining("dipwatch.classify.languages").hasMessageContaining("'xx'");
    }
}
