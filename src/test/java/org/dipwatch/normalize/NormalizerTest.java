package org.dipwatch.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizerTest {

    static Stream<Arguments> messyParagraphs() {
        return Stream.of(
                Arguments.of("tabs", "Moscow\tsaid\t\tso.", "Moscow said so."),
                Arguments.of("line ends", "Moscow\r\nsaid\nso.\r", "Moscow said so."),
                Arguments.of("no-break spaces", "Moscow\u00a0said \u00a0 so.\u00a0", "Moscow said so."),
                Arguments.of("other Unicode spaces", "Moscow\u2003said\u202fso\u3000now.\u2028",
                        "Moscow said so now."),
                Arguments.of("leading and trailing", "  \t Moscow said so. \n", "Moscow said so."),
                Arguments.of("zero-width characters", "Mos\u200bcow\u200c said\u200d\u2060 so.\ufeff",
                        "Moscow said so."),
                Arguments.of("zero-width between spaces", "Moscow \u200b said so.", "Moscow said so."),
                Arguments.of("control characters", "Moscow\u0000 said\u0007 \u001b so.\u007f",
                        "Moscow said so."),
                Arguments.of("next line control", "Moscow\u0085said so.", "Moscow said so."),
                Arguments.of("decomposed accents", "Lavrov met Le Drian in Orle\u0301ans.",
                        "Lavrov met Le Drian in Orl\u00e9ans."),
                Arguments.of("typographic quotes and dashes", "Israel’s “iron-clad” support – ‘so’ «said»",
                        "Israel’s “iron-clad” support – ‘so’ «said»"),
                Arguments.of("emoji and other scripts", "Москва   сказала 👍", "Москва сказала 👍"),
                Arguments.of("clean already", "Moscow said so.", "Moscow said so."),
                Arguments.of("clean already, other scripts", "Москва сказала «да» – 北京", "Москва сказала «да» – 北京"),
                Arguments.of("clean but for the last character", "Москва сказала «да».\t", "Москва сказала «да»."),
                Arguments.of("clean but for a double space", "Moscow said  so.", "Moscow said so."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messyParagraphs")
    void cleansEveryParagraphAndTheTitle(String what, String messy, String clean) {
        Article article = Normalizer.normalize(new Draft(messy, null, List.of(messy, "Next."), null));

        assertThat(article.title()).isEqualTo(clean);
        assertThat(article.paragraphs()).containsExactly(clean, "Next.");
    }

    @Test
    void dropsParagraphsThatHoldNothingAReaderSees() {
        Draft draft = new Draft(null, null,
                List.of("", " ", "\u00a0", "First.", "\t\u200b\r\n", "\ufeff", "Second."), null);

        assertThat(Normalizer.normalize(draft).paragraphs()).containsExactly("First.", "Second.");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "  ", "\u00a0\u200b", "\t\n"})
    void turnsABlankTitleIntoNoTitle(String title) {
        assertThat(Normalizer.normalize(new Draft(title, null, List.of("Moscow said so."), null)).title())
                .isNull();
    }

    @Test
    void keepsARepeatedParagraph() {
        Draft draft = new Draft(null, null, List.of("Putin spoke to Abbas.", "Putin spoke to Abbas."), null);

        assertThat(Normalizer.normalize(draft).paragraphs())
                .containsExactly("Putin spoke to Abbas.", "Putin spoke to Abbas.");
    }

    @Test
    void keepsThePublicationDateAndTheUrl() {
        Draft draft = new Draft(" Title ", LocalDate.of(2023, 7, 4), List.of(" Body. "),
                "https://tass.com/politics/1642155");

        assertThat(Normalizer.normalize(draft)).isEqualTo(new Article("Title", LocalDate.of(2023, 7, 4),
                List.of("Body."), "https://tass.com/politics/1642155"));
    }

    @Test
    void refusesADraftWithNothingLeftAndSaysWhichOne() {
        Draft draft = new Draft("\u00a0", null, List.of(" ", "\u200b"), "https://example.org/empty");

        assertThatThrownBy(() -> Normalizer.normalize(draft))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normalize: the draft from https://example.org/empty has no text left: its"
                        + " title and all 2 paragraphs are empty once white space and invisible"
                        + " characters are removed");
    }

    @Test
    void refusesADraftWithoutTitleAndParagraphs() {
        assertThatThrownBy(() -> Normalizer.normalize(new Draft(null, null, List.of(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normalize: the draft has no text left: its title and all 0 paragraphs are"
                        + " empty once white space and invisible characters are removed");
    }

    @Test
    void writesSeed001InTheNormalizedShape() throws IOException {
        Article article = Normalizer.normalize(SeedText.parse(SeedTextTest.seed("001_fc3e960cfd31978e.txt")));

        assertThat(article.text())
                .startsWith("""
                         date 2023-07-04 Russia advocates de-escalation between Israel and Palestine

                        Moscow advocates de-escalation of tension""")
                .contains("the Russian diplomatic office added.\n\nThe Russian MFA also noted")
                .endsWith("""
                        security of Israeli citizens.

                        GSV "Russia - Islamic world"

                        Photo: Russian Foreign Ministry

                        Based on materials from TASS
                        """)
                .doesNotContain("\u00a0", "\n\n\n", "\r");
    }

    static Stream<String> fixtures() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String seed : SeedTextTest.SEEDS) {
            texts.add(SeedTextTest.seed(seed));
        }
        texts.add("Russia calls for an immediate ceasefire in Sudan\n\n12 March 2024\n\n\u00a0\n\n"
                + "The Russian Foreign Ministry called...\n\n\u00a0\n\n"
                + "\"We are convinced...\" the ministry said.");
        texts.add("""
                Russia calls for an immediate ceasefire in Sudan

                12 March 2024

                The Russian Foreign Ministry called on the warring parties in Sudan
                to stop the fighting at once and to return to the talks in Jeddah,
                a statement published on Tuesday said.

                Photo: Russian Foreign Ministry
                Based on materials from TASS
                """);
        texts.add("Hamas launched an attack from the Gaza Strip\n, while its fighters breached it.\n");
        texts.add("date 2021-05-12 Short heading\n\n\n\nMoscow said so.\r\n");
        texts.add("Only a title-like line");
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void normalizingTheWrittenTextAgainChangesNothing(String fixture) {
        Article article = Normalizer.normalize(SeedText.parse(fixture));

        assertThat(Normalizer.normalize(SeedText.parse(article.text())).text()).isEqualTo(article.text());
    }

    @Test
    void normalizingTheWrittenTextOfManyGeneratedArticlesAgainChangesNothing() {
        Random random = new Random(20240312);
        for (int i = 0; i < 2000; i++) {
            Draft draft = randomDraft(random);
            if (draft.paragraphs().stream().allMatch(String::isBlank) && (draft.title() == null
                    || draft.title().isBlank())) {
                continue;
            }
            Article article = Normalizer.normalize(draft);

            Article again = Normalizer.normalize(SeedText.parse(article.text()));

            assertThat(again.text()).as("draft %d: %s", i, draft).isEqualTo(article.text());
            assertThat(again.published()).isEqualTo(article.published());
            assertThat(again.body()).isEqualTo(article.body());
        }
    }

    private static final List<String> WORDS = Arrays.asList((
            "Russia Moscow Gaza Israel Palestine Hamas the a of to and in on said ministry Lavrov "
                    + "ceasefire talks “stop” Israel’s – - (PIJ) [the sides] 1,200 May July Mai "
                    + "de-escalation U.S. e\u0301 Москва 👍 MOSCOW, /TASS/. (Sputnik) date").split(" "));
    private static final String[] ENDS = {"", ".", "!", "?", "…", ":", ";", ".”", "\"", ","};
    private static final String[] MESS = {" ", " ", " ", "  ", "\t", "\u00a0", "\u200b", "\r\n", "\n\n",
            "\u2003"};

    /** A draft of random words, punctuation and white space, as a careless reader might make. */
    static Draft randomDraft(Random random) {
        String title = random.nextInt(3) == 0 ? null : sentence(random, 1 + random.nextInt(8));
        LocalDate published = random.nextBoolean() ? null
                : LocalDate.of(1990 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28));
        List<String> paragraphs = new ArrayList<>();
        int count = random.nextInt(7);
        for (int p = 0; p < count; p++) {
            paragraphs.add(random.nextInt(10) == 0 ? MESS[random.nextInt(MESS.length)]
                    : sentence(random, 1 + random.nextInt(60)));
        }
        if (count > 1 && random.nextInt(5) == 0) {
            paragraphs.add(paragraphs.get(0));
        }
        return new Draft(title, published, paragraphs, null);
    }

    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder(MESS[random.nextInt(MESS.length)]);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                out.append(MESS[random.nextInt(MESS.length)]);
            }
            out.append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return out.append(ENDS[random.nextInt(ENDS.length)]).append(MESS[random.nextInt(MESS.length)])
                .toString();
    }
}
