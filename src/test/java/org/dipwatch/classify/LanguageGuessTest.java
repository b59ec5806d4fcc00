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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ru | ru | Официальный представитель МИД России Мария Захарова заявила журналистам в Москве.
            en | ru | The Russian Foreign Ministry said in a statement that it regrets the decision.
            ru | ru | Міністерство закордонних справ України рішуче засуджує черговий масований ракетний удар.
            pt | pt | O Ministério das Relações Exteriores manifesta profunda preocupação com a escalada.
            pl | pl | Ministerstwo Spraw Zagranicznych wyraża głębokie zaniepokojenie eskalacją.
            ar | ar | وزارت امور خارجه جمهوری اسلامی ایران حمله به غیرنظامیان را محکوم کرد.
            """)
    void aDeclaredLanguageCountsWhenTheTextIsWrittenInItsScript(String expected, String declared, String text) {
        // declared Russian for an English text is not believed; within one script the source's word is taken over what
        // Lingua would say (Ukrainian declared Russian, Persian declared Arabic); Polish, without a packaged model, as it is
        assertThat(GUESS.of(text, declared)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            he | ישראל הודיעה כי תשלח משלחת לשיחות בקהיר בשבוע הבא.
            zh | 外交部发言人毛宁主持例行记者会，回答了有关中美关系的提问。
            ja | 外務省は、日本とアメリカの首脳会談が来週東京で行われると発表しました。
            """)
    void theScriptAloneTellsALanguageThatIsTheOnlyOneWrittenInIt(String expected, String text) {
        LanguageGuess withJapanese = new LanguageGuess(List.of("en", "he", "zh", "ja"));
        assertThat(withJapanese.of(text)).isEqualTo(expected);
    }

    @Test
    void aTextInAScriptOfNoConfiguredLanguageOrWithoutLettersHasNone() {
        assertThat(GUESS.of("Το Υπουργείο Εξωτερικών εξέφρασε την ανησυχία του για την κλιμάκωση.")).isNull();
        assertThat(GUESS.of("12.03.2026 — 14:00")).isNull();
        assertThat(GUESS.of("12.03.2026 — 14:00", "fr")).isEqualTo("fr");
    }

    @Test
    void aLanguageWithoutAPackagedModelIsNamedInTheError() {
        assertThatThrownBy(() -> new LanguageGuess(List.of("en", "pl")))
                .hasMessageContaining("dipwatch.classify.languages").hasMessageContaining("'pl'").hasMessageContaining("ar,de,en");
    }

    @Test
    void anUnknownCodeIsNamedInTheError() {
        assertThatThrownBy(() -> new LanguageGuess(List.of("en", "xx")))
                .hasMessageContaining("dipwatch.classify.languages").hasMessageContaining("'xx'");
    }
}
