package org.dipwatch.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeedTextTest {

    static final List<String> SEEDS = List.of(
            "000_fbfa5f4836e611d7.txt",
            "001_fc3e960cfd31978e.txt",
            "002_80078b18800f77d0.txt",
            "003_6c860c4a14f93851.txt",
            "004_c77918350a6e0771.txt");

    static String seed(String name) throws IOException {
        return Files.readString(Path.of("seeds", name), StandardCharsets.UTF_8);
    }

    /** What a reader of each original seed sees, counted by hand from the files. */
    record Expected(String seed, LocalDate published, String title, int paragraphs, String first,
            String last) {

        @Override
        public String toString() {
            return seed;
        }
    }

    static Stream<Expected> originals() {
        return Stream.of(
                new Expected("000_fbfa5f4836e611d7.txt", LocalDate.of(2021, 5, 12), null, 6,
                        "MOSCOW, May 12. /TASS/. Russia thinks it unacceptable to attack civilian"
                                + " facilities either on Israeli or Palestinian territories, Russian"
                                + " Presidential Special Envoy for the Middle East and Africa, Deputy"
                                + " Foreign Minister Mikhail Bogdanov said in a telephone conversation"
                                + " with Mousa Abu Marzook, Deputy Chairman of the Hamas Political"
                                + " Bureau, on Wednesday.",
                        "Since Monday, the Israeli army and Palestinian groups located in the Gaza"
                                + " Strip have been exchanging strikes sparked by the clashes at Al Aqsa"
                                + " Mosque in East Jerusalem, which erupted at the beginning of May. To"
                                + " date, more than 1,000 rockets have been fired into Israel from Gaza."
                                + " Most of the launches have been intercepted by the Iron Dome missile"
                                + " defense system, but some rockets fell on the streets of Israeli"
                                + " cities. Several Israelis were killed and dozens more were wounded."
                                + " Palestinians say that at least 43 have been killed, including 13"
                                + " children, and 296 wounded in Israeli airstrikes on the Gaza Strip."),
                new Expected("001_fc3e960cfd31978e.txt", LocalDate.of(2023, 7, 4),
                        "Russia advocates de-escalation between Israel and Palestine", 8,
                        "Moscow advocates de-escalation of tension and setting up a negotiation"
                                + " process between Israel and Palestine over the situation in Jenin,"
                                + " reads a statement issued by the Russian MFA on Tuesday following a"
                                + " telephone conversation between Russian Presidential Special Envoy to"
                                + " the Middle East and African countries Mikhail Bogdanov and Hamas"
                                + " Politburo member Mousa Abu Marzook.",
                        "Based on materials from TASS"),
                new Expected("002_80078b18800f77d0.txt", null, null, 11,
                        "Russian President Vladimir Putin and Palestinian President Mahmoud Abbas have"
                                + " discussed the unprecedented escalation of the Palestinian-Israeli"
                                + " conflict during a phone conversation, the Kremlin said on Friday.",
                        "The UN General Assembly voted in 1947 to divide UK-governed Palestine into"
                                + " Arab and Jewish states, with Jerusalem placed under a special"
                                + " international regime. The partitioning was planned to take place in"
                                + " May 1948, when the British mandate was due to end, but only the state"
                                + " of Israel was established."),
                new Expected("003_6c860c4a14f93851.txt", LocalDate.of(2023, 11, 12), null, 7,
                        "Russia has expressed its concerns regarding Israel’s bombardment of Gaza,"
                                + " stating that it violates international law and could lead to"
                                + " long-lasting consequences. Russian Foreign Minister Sergei Lavrov"
                                + " made these remarks during an interview with the Belarusian state"
                                + " news agency Belta. The comments signify Moscow’s strong criticism of"
                                + " Israel’s actions.",
                        "As tensions rise between Russia and the West over Ukraine, Moscow denies"
                                + " deliberately targeting civilians in its military operations. The"
                                + " accusations made against Russia of bombing civilians remain"
                                + " disputed, with Moscow asserting that it only targets military"
                                + " objectives."),
                new Expected("004_c77918350a6e0771.txt", null, null, 10,
                        "A senior Hamas political official said the group is willing to halt its"
                                + " attacks on Israel if Israel does the same for Gaza, Russia’s Foreign"
                                + " Ministry said on Wednesday.",
                        "Israel’s Channel 12 News reported that Prime Minister Benjamin Netanyahu has"
                                + " pushed for the deployment of Israel’s military inside cities"
                                + " experiencing unrest but that Defense Minister Benny Gantz opposes"
                                + " the idea."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originals")
    void readsTheOriginalSeedsAsAReaderSeesThem(Expected expected) throws IOException {
        Article article = Normalizer.normalize(SeedText.parse(seed(expected.seed())));

        assertThat(article.published()).isEqualTo(expected.published());
        assertThat(article.title()).isEqualTo(expected.title());
        assertThat(article.paragraphs()).hasSize(expected.paragraphs());
        assertThat(article.paragraphs().get(0)).isEqualTo(expected.first());
        assertThat(article.paragraphs().get(expected.paragraphs() - 1)).isEqualTo(expected.last());
        assertThat(article.url()).isNull();
    }

    @Test
    void keepsTheLeadThat002RepeatsUnderItsDateline() throws IOException {
        List<String> paragraphs = SeedText.parse(seed("002_80078b18800f77d0.txt")).paragraphs();

        assertThat(paragraphs.get(1)).isEqualTo("MOSCOW (Sputnik) - " + paragraphs.get(0));
    }

    @Test
    void joinsTheLineOf002ThatStartsWithACommaToTheLineBefore() throws IOException {
        List<String> paragraphs = SeedText.parse(seed("002_80078b18800f77d0.txt")).paragraphs();

        assertThat(paragraphs.get(7))
                .startsWith("On October 7, Palestinian movement Hamas launched a large-scale rocket"
                        + " attack against Israel from the Gaza Strip, while its fighters breached the"
                        + " border, opening fire on the military and civilians.")
                .endsWith("Over 20,000 people have been killed so far in Gaza as a result of Israeli"
                        + " strikes, local authorities said.");
        assertThat(paragraphs.get(8)).startsWith("On November 24, Qatar mediated");
    }

    static Stream<Arguments> dropIns() {
        UnaryOperator<String> crlf = text -> text.replace("\n", "\r\n");
        UnaryOperator<String> cr = text -> text.replace("\n", "\r");
        UnaryOperator<String> tabs = text -> text.replace(" ", "\t");
        UnaryOperator<String> indented = text -> text.replaceAll("(?m)^", "\t ").replaceAll("(?m)$", " \t");
        UnaryOperator<String> noFinalNewline = text -> text.stripTrailing();
        UnaryOperator<String> bom = text -> "\uFEFF" + text;
        UnaryOperator<String> extraBlankLines =
                text -> "\n\n" + text.replace("\n\n", "\n\n\n\n\n") + "\n\n\n";
        UnaryOperator<String> nbspLines = text -> "\u00a0\n" + text.replace("\n\n", "\n\u00a0\n\u200b\n")
                + "\n\u00a0 \u00a0\n";
        UnaryOperator<String> all = text -> crlf.apply(bom.apply(tabs.apply(
                nbspLines.apply(extraBlankLines.apply(noFinalNewline.apply(text))))));
        Stream<Arguments> edits = Stream.of(
                Arguments.of("CRLF line ends", crlf),
                Arguments.of("CR line ends", cr),
                Arguments.of("tabs for spaces", tabs),
                Arguments.of("indented lines, trailing white space", indented),
                Arguments.of("no final newline", noFinalNewline),
                Arguments.of("BOM", bom),
                Arguments.of("extra blank lines", extraBlankLines),
                Arguments.of("NBSP and zero-width lines", nbspLines),
                Arguments.of("all of them", all));
        return edits.flatMap(edit -> SEEDS.stream()
                .map(seed -> Arguments.of(seed, edit.get()[0], edit.get()[1])));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("dropIns")
    void readsASeedEditedAsAPersonMightDropItInAsTheSameArticle(
            String seed, String edit, UnaryOperator<String> change) throws IOException {
        String original = seed(seed);

        Article edited = Normalizer.normalize(SeedText.parse(change.apply(original)));

        assertThat(edited).isEqualTo(Normalizer.normalize(SeedText.parse(original)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedNames")
    void readsManyRandomlyEditedCopiesOfASeedAsTheSameArticle(String seed) throws IOException {
        String original = seed(seed);
        Article expected = Normalizer.normalize(SeedText.parse(original));
        Random random = new Random(seed.hashCode());
        for (int i = 0; i < 200; i++) {
            String edited = scramble(original, random);

            assertThat(Normalizer.normalize(SeedText.parse(edited)))
                    .as("edit %d of %s:%n%s", i, seed, edited)
                    .isEqualTo(expected);
        }
    }

    static Stream<String> seedNames() {
        return SEEDS.stream();
    }

    private static final Pattern SPACE = Pattern.compile(" ");
    private static final String[] SPACES = {" ", "  ", "\t", "\u00a0", " \u00a0 ", "\u2003", "\u202f"};
    private static final String[] INVISIBLE_LINES = {"", " ", "\t", "\u00a0", "\u200b", "\u00a0\u200b "};
    private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};

    /** The text with its white space, line ends and blank lines changed at random, words kept. */
    static String scramble(String text, Random random) {
        String lineEnd = LINE_ENDS[random.nextInt(LINE_ENDS.length)];
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append('\uFEFF');
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean blank = line.isBlank() || line.strip().equals("\u00a0");
            if (blank) {
                // a blank line may become several lines that hold nothing a reader sees
                int count = 1 + random.nextInt(3);
                for (int k = 0; k < count; k++) {
                    out.append(INVISIBLE_LINES[random.nextInt(INVISIBLE_LINES.length)]);
                    if (k < count - 1) {
                        out.append(lineEnd);
                    }
                }
            } else {
                out.append(SPACES[random.nextInt(SPACES.length)].repeat(random.nextInt(2)));
                out.append(SPACE.matcher(line).replaceAll(
                        match -> random.nextInt(8) == 0 ? SPACES[random.nextInt(SPACES.length)] : " "));
                out.append(random.nextInt(4) == 0 ? "\u200b" : "");
                out.append(SPACES[random.nextInt(SPACES.length)].repeat(random.nextInt(2)));
            }
            if (i < lines.length - 1) {
                out.append(lineEnd);
            }
        }
        return out.append(lineEnd.repeat(random.nextInt(3))).toString();
    }

    @Test
    void readsTheShape2ExampleWithTitleDateLineAndNbspLines() {
        String text = "Russia calls for an immediate ceasefire in Sudan\n\n12 March 2024\n\n\u00a0\n\n"
                + "The Russian Foreign Ministry called...\n\n\u00a0\n\n"
                + "\"We are convinced...\" the ministry said.";

        Article article = Normalizer.normalize(SeedText.parse(text));

        assertThat(article.text())
                .startsWith(" date 2024-03-12 Russia calls for an immediate ceasefire in Sudan\n\n"
                        + "The Russian Foreign Ministry")
                .doesNotContain("\u00a0")
                .isEqualTo("""
                         date 2024-03-12 Russia calls for an immediate ceasefire in Sudan

                        The Russian Foreign Ministry called...

                        "We are convinced..." the ministry said.
                        """);
    }

    @Test
    void takesTheTitleFromTheRestOfTheDateHeaderLine() {
        Draft draft = SeedText.parse("""
                 date 2024-03-12 Russia calls for an immediate ceasefire in Sudan

                The Russian Foreign Ministry called on the warring parties to stop fighting.
                """);

        assertThat(draft).isEqualTo(new Draft("Russia calls for an immediate ceasefire in Sudan",
                LocalDate.of(2024, 3, 12),
                List.of("The Russian Foreign Ministry called on the warring parties to stop fighting."),
                null));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        " date 2021-05-12 Moscow said so.",
        "date 2021-05-12 Moscow said so.",
        "   date   2021-05-12    Moscow said so.",
        "\tdate\t2021-05-12\tMoscow said so.",
        "\uFEFF date 2021-05-12 Moscow said so.",
        "\n\n date 2021-05-12 Moscow said so.",
        " date 2021-05-12\nMoscow said so.",
    })
    void readsTheDateHeaderWithLooseSpacing(String text) {
        assertThat(SeedText.parse(text))
                .isEqualTo(new Draft(null, LocalDate.of(2021, 5, 12), List.of("Moscow said so."), null));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        " date 2021-02-31 Moscow said so.",
        " date 2021-05-12Moscow said so.",
        " date 12 May 2021 Moscow said so.",
        " Date 2021-05-12 Moscow said so.",
    })
    void leavesALineThatOnlyLooksLikeADateHeaderInTheText(String text) {
        Draft draft = SeedText.parse(text);

        assertThat(draft.published()).isNull();
        assertThat(draft.paragraphs()).containsExactly(text.strip());
    }

    @Test
    void takesADateLineThatOpensTheText() {
        assertThat(SeedText.parse("""
                May 12, 2021

                Moscow said so.

                Gaza answered.
                """)).isEqualTo(new Draft(null, LocalDate.of(2021, 5, 12),
                List.of("Moscow said so.", "Gaza answered."), null));
    }

    @Test
    void takesADateLineUnderATitleAndASubtitle() {
        assertThat(SeedText.parse("""
                Russia calls for a ceasefire
                The ministry's statement
                12.03.2024
                Moscow said so.
                """)).isEqualTo(new Draft("Russia calls for a ceasefire", LocalDate.of(2024, 3, 12),
                List.of("The ministry's statement", "Moscow said so."), null));
    }

    @Test
    void leavesADateLineFurtherDownInTheText() {
        Draft draft = SeedText.parse("""
                Russia calls for a ceasefire

                Moscow said so.

                Gaza answered.

                2024-03-12
                """);

        assertThat(draft.published()).isNull();
        assertThat(draft.paragraphs()).containsExactly("Moscow said so.", "Gaza answered.", "2024-03-12");
    }

    @Test
    void doesNotTakeADateInsideASentence() {
        Draft draft = SeedText.parse("""
                MOSCOW, May 12. /TASS/. Russia thinks it unacceptable to attack civilians.

                The phone call was requested by the Palestinian side.
                """);

        assertThat(draft.published()).isNull();
        assertThat(draft.title()).isNull();
        assertThat(draft.paragraphs()).hasSize(2);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "Russia advocates de-escalation between Israel and Palestine",
        "Lavrov: \"No military solution\"",
        "Lavrov on Gaza – “a catastrophe”",
        "Is there a way out in Gaza? Lavrov answers",
    })
    void takesAShortFirstLineWithoutSentencePunctuationAsTheTitle(String first) {
        Draft draft = SeedText.parse(first + "\n\nMoscow said so.\n");

        assertThat(draft.title()).isEqualTo(first);
        assertThat(draft.paragraphs()).containsExactly("Moscow said so.");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "Russia advocates de-escalation.",
        "Will Russia mediate?",
        "Stop the war!",
        "And then…",
        "Lavrov said:",
        "Lavrov said the following;",
        "He said “stop.”",
        "He said \"stop!\"",
        "He said 'stop?'",
    })
    void takesNoTitleFromAFirstLineThatEndsASentence(String first) {
        Draft draft = SeedText.parse(first + "\n\nMoscow said so.\n");

        assertThat(draft.title()).isNull();
        assertThat(draft.paragraphs()).containsExactly(first, "Moscow said so.");
    }

    @Test
    void takesNoTitleFromAFirstLineLongerThan200Characters() {
        String first = "word ".repeat(40) + "words";

        Draft draft = SeedText.parse(first + "\n\nMoscow said so.\n");

        assertThat(first).hasSize(205);
        assertThat(draft.title()).isNull();
        assertThat(draft.paragraphs()).containsExactly(first, "Moscow said so.");
    }

    @Test
    void takesNoTitleFromTheOnlyParagraph() {
        assertThat(SeedText.parse("Russia calls for a ceasefire\n"))
                .isEqualTo(new Draft(null, null, List.of("Russia calls for a ceasefire"), null));
    }

    @Test
    void joinsTheLinesOfAHardWrappedText() {
        // wrapped with fmt -w 72
        Draft draft = SeedText.parse("""
                Russia calls for an immediate ceasefire in Sudan

                12 March 2024

                The Russian Foreign Ministry called on the warring parties in Sudan
                to stop the fighting at once and to return to the talks in Jeddah,
                a statement published on Tuesday said.

                "We are convinced that there is no military solution to the conflict,"
                the ministry said, adding that Moscow was ready to help.

                Photo: Russian Foreign Ministry
                Based on materials from TASS
                """);

        assertThat(draft).isEqualTo(new Draft("Russia calls for an immediate ceasefire in Sudan",
                LocalDate.of(2024, 3, 12), List.of(
                        "The Russian Foreign Ministry called on the warring parties in Sudan to stop"
                                + " the fighting at once and to return to the talks in Jeddah, a"
                                + " statement published on Tuesday said.",
                        "\"We are convinced that there is no military solution to the conflict,\" the"
                                + " ministry said, adding that Moscow was ready to help.",
                        "Photo: Russian Foreign Ministry",
                        "Based on materials from TASS"),
                null));
    }

    @Test
    void joinsAGreedilyWrappedBlockWhoseLinesEndSentences() {
        // wrapped at 60 columns by an editor that fills each line as far as it goes
        Draft draft = SeedText.parse("""
                Moscow urged restraint. The ministry said that talks must
                resume. It added that aid must reach Gaza without delay.

                The call was requested by the Palestinian side.
                """);

        assertThat(draft.paragraphs()).containsExactly(
                "Moscow urged restraint. The ministry said that talks must resume. It added that"
                        + " aid must reach Gaza without delay.",
                "The call was requested by the Palestinian side.");
    }

    @Test
    void keepsOneParagraphPerLineInATextWithoutBlankLines() {
        Draft draft = SeedText.parse("""
                Russia calls for a ceasefire
                The Russian Foreign Ministry called on the warring parties in Sudan
                to stop the fighting at once and to return to the talks in Jeddah.
                """);

        assertThat(draft.title()).isEqualTo("Russia calls for a ceasefire");
        assertThat(draft.paragraphs()).containsExactly(
                "The Russian Foreign Ministry called on the warring parties in Sudan",
                "to stop the fighting at once and to return to the talks in Jeddah.");
    }

    @Test
    void keepsOneParagraphPerLineInABlockOfShortLines() {
        Draft draft = SeedText.parse("""
                Moscow advocates de-escalation of tension between Israel and Palestine.

                GSV "Russia - Islamic world"
                Photo: Russian Foreign Ministry
                Based on materials from TASS
                """);

        assertThat(draft.paragraphs()).containsExactly(
                "Moscow advocates de-escalation of tension between Israel and Palestine.",
                "GSV \"Russia - Islamic world\"",
                "Photo: Russian Foreign Ministry",
                "Based on materials from TASS");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {",", ";", ":", ")", "]"})
    void continuesALineThatStartsWithPunctuationThatCannotOpenAParagraph(String mark) {
        Draft draft = SeedText.parse("Hamas launched an attack from the Gaza Strip\n"
                + mark + " while its fighters breached the border.\nIsrael answered.\n");

        assertThat(draft.title()).isNull();
        assertThat(draft.paragraphs()).containsExactly(
                "Hamas launched an attack from the Gaza Strip" + mark
                        + " while its fighters breached the border.",
                "Israel answered.");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "\n", " \r\n\t\n", "\uFEFF", "\u00a0\n\u200b\n", " date 2021-05-12 "})
    void readsATextWithoutWordsAsADraftWithoutParagraphs(String text) {
        Draft draft = SeedText.parse(text);

        assertThat(draft.title()).isNull();
        assertThat(draft.paragraphs()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "one", "one\n", "\n", "\n\n", "a\r\nb", "a\rb\r", "a\r\r\nb",
        "a\n\rb", "\r\n\r\n", "Title\n\n\u201cQuoted\u201d line\r\nlast", "a\r"})
    void linesAreSplitAsTheLineEndPatternSplitsThem(String text) {
        assertThat(SeedText.lines(text)).containsExactly(java.util.regex.Pattern.compile("\r\n|\r|\n").split(text, -1));
    }
}
