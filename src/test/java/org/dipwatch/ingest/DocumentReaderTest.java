package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentReaderTest {

    /** Stands in for the normalize stage's seed parser: one paragraph per blank-line block. */
    private static final Function<String, Draft> PARAGRAPHS =
            text -> new Draft(null, null, List.of(text.replace("\r\n", "\n").strip().split("\n\n")), null);

    private static final long LIMIT = 2048;

    private final DocumentReader reader = new DocumentReader(PARAGRAPHS, 10 * 1024 * 1024);

    @TempDir
    Path inbox;

    private Path drop(String name, byte[] bytes) throws Exception {
        return Files.write(inbox.resolve(name), bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf16le_bom_statement.txt", "utf16be_bom_statement.txt", "utf8_bom_statement.txt"})
    void unicodeTextWithByteOrderMark(String fixture) throws Exception {
        Draft draft = reader.read(drop(fixture, TextDecoderTest.fixture("text/" + fixture)));

        assertThat(draft.paragraphs()).containsExactly(
                " date 2023-07-04 The Ministry expresses deep concern over the escalation around the West Bank city of Jenin."
                        .strip(),
                "We reaffirm our principled position in favour of a negotiated settlement.");
    }

    @Test
    void windows1251Text() throws Exception {
        Draft draft = reader.read(drop("cp1251_statement.TXT", TextDecoderTest.fixture("text/cp1251_statement.txt")));

        assertThat(draft.paragraphs()).containsExactly(
                "Заявление МИД России в связи с ситуацией в Дженине",
                "4 июля 2023",
                "Министерство иностранных дел Российской Федерации выражает глубокую озабоченность эскалацией"
                        + " напряжённости вокруг города Дженин на Западном берегу реки Иордан.",
                "Призываем все стороны проявлять максимальную сдержанность и не допускать жертв среди мирного населения.");
    }

    @Test
    void windows1252Text() throws Exception {
        Draft draft = reader.read("cp1252_statement.txt", TextDecoderTest.fixture("text/cp1252_statement.txt"));

        assertThat(draft.paragraphs()).containsExactly(
                "Déclaration du porte-parole du ministère des Affaires étrangères",
                "Le ministère exprime sa profonde préoccupation face à l’escalade autour de la ville de Jénine et appelle"
                        + " toutes les parties à faire preuve de la plus grande retenue.",
                "La France réaffirme son attachement à une solution à deux États, « seule à même de garantir une paix"
                        + " juste et durable ».");
    }

    @Test
    void markdownIsReducedToPlainTextBeforeParsing() throws Exception {
        Draft draft = reader.read("statement.md", TextDecoderTest.fixture("md/statement_headings_links.md"));

        assertThat(draft.paragraphs()).containsExactly(
                "Statement by the Spokesperson on the Black Sea Grain Initiative",
                "17 July 2023",
                "The Ministry regrets the decision not to extend the Black Sea Grain Initiative, which has allowed the"
                        + " export of more than 32 million tonnes of food.",
                "Next steps",
                "We call on all parties to return to the arrangement agreed in Istanbul and to keep food_security_funds"
                        + " flowing to the countries that need them most.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "### Talks in *Geneva* ###               | Talks in Geneva",
        "See [the statement](https://x.example/s \"title\") now | See the statement now",
        "__Strong__ and _weak_ and snake_case_name | Strong and weak and snake_case_name",
        "2 * 3 * 4 is not emphasis               | 2 * 3 * 4 is not emphasis",
        "#hashtag is no heading                  | #hashtag is no heading"})
    void markdownToPlainText(String markdown, String expected) {
        assertThat(DocumentReader.plainMarkdown(markdown)).isEqualTo(expected);
    }

    @Test
    void savedWebPage() throws Exception {
        Draft draft = reader.read(drop("Lavrov.HTML", TextDecoderTest.fixture("html/news_page_world_desk.html")));

        assertThat(draft.title()).isEqualTo("Lavrov meets Arab League envoy on Gaza truce");
        assertThat(draft.published()).isEqualTo(LocalDate.of(2024, 4, 2));
        assertThat(draft.paragraphs()).hasSize(3);
    }

    @Test
    void webPageInWindows1251DeclaredByMeta() throws Exception {
        Draft draft = reader.read("statement.htm", TextDecoderTest.fixture("html/mfa_ru_cp1251_meta_charset.html"));

        assertThat(draft.title()).isEqualTo("Заявление официального представителя МИД России в связи с ситуацией в Дженине");
        assertThat(draft.published()).isEqualTo(LocalDate.of(2023, 7, 4));
        assertThat(draft.paragraphs()).hasSize(3);
        assertThat(draft.paragraphs().get(1)).startsWith("Призываем все стороны проявлять максимальную сдержанность");
    }

    @Test
    void email() throws Exception {
        Draft draft = reader.read(drop("jenin.eml", TextDecoderTest.fixture("eml/press_release_plain.eml")));

        assertThat(draft.title()).isEqualTo("Statement by the Ministry on the situation in Jenin");
        assertThat(draft.published()).isEqualTo(LocalDate.of(2023, 7, 4));
        assertThat(draft.paragraphs()).hasSize(2);
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = drop("empty.txt", new byte[0]);

        assertThatThrownBy(() -> reader.read(empty))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("empty.txt is empty (0 bytes).")
                .hasMessageContaining("dipwatch accepts .txt and .md")
                .hasMessageEndingWith("drop it into inbox/ again.");
    }

    @Test
    void whiteSpaceOnlyFile() throws Exception {
        Path blank = drop("blank.md", " \r\n\t\r\n   \r\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> reader.read(blank))
                .hasMessageStartingWith("blank.md holds only white space (11 bytes), no text.");
    }

    @Test
    void randomBytesAreRejectedAsBinary() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42L).nextBytes(noise);
        Path garbage = drop("garbage.txt", noise);

        assertThatThrownBy(() -> reader.read(garbage))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageMatching("garbage\\.txt looks like binary data \\(\\d+ NUL bytes, \\d+% control bytes\\), not text\\. .*")
                .hasMessageContaining("convert the file to one of these");
    }

    @ParameterizedTest
    @CsvSource({"report.pdf, .pdf", "Statement.DOCX, .docx", "page.html.zip, .zip"})
    void unknownExtension(String name, String extension) throws Exception {
        Path file = drop(name, "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage(name + " is a " + extension + " file, which dipwatch does not read. dipwatch accepts .txt and"
                        + " .md (UTF-8, UTF-16 with BOM or a legacy 8-bit encoding), .html/.htm saved web pages and .eml"
                        + " e-mails; save or export the document as one of these (from a PDF or a word processor: copy"
                        + " its text into a .txt file) and drop it into inbox/ again.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"README", "statement.", ".txt"})
    void noExtension(String name) {
        assertThatThrownBy(() -> reader.read(name, "text".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith(name + " has no file name extension, so dipwatch cannot tell what kind of document it is.");
    }

    @Test
    void oversizeFileIsRejectedBeforeReading() throws Exception {
        DocumentReader small = new DocumentReader(text -> {
            throw new AssertionError("an oversize file must not be parsed");
        }, LIMIT);
        Path big = drop("big.html", "<p>Statement.</p>".repeat(200).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> small.read(big))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("big.html is 3400 bytes (3.3 KiB), more than the limit of 2048 bytes (2.0 KiB)"
                        + " set by the property dipwatch.ingest.max-bytes; dipwatch did not read it.")
                .hasMessageContaining("save only the article's text")
                .hasMessageEndingWith("or raise dipwatch.ingest.max-bytes if such documents are expected.");
    }

    @Test
    void oversizeBytesAreRejectedToo() {
        DocumentReader small = new DocumentReader(PARAGRAPHS, LIMIT);

        assertThatThrownBy(() -> small.read("big.txt", new byte[(int) LIMIT + 1]))
                .hasMessageStartingWith("big.txt is 2049 bytes (2.0 KiB), more than the limit of 2048 bytes");
    }

    @Test
    void fileAtTheLimitIsRead() throws Exception {
        DocumentReader small = new DocumentReader(PARAGRAPHS, LIMIT);
        byte[] text = ("A".repeat((int) LIMIT - 1) + "\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(small.read(drop("limit.txt", text)).paragraphs()).containsExactly("A".repeat((int) LIMIT - 1));
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> reader.read(inbox.resolve("gone.txt")))
                .hasMessageStartingWith("gone.txt is gone: it was moved or deleted before dipwatch could read it");
    }

    @Test
    void pageWithoutArticleText() {
        byte[] page = "<html><head><script>app()</script></head><body><div id=\"root\"></div></body></html>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read("app.html", page))
                .hasMessageStartingWith("No article text found in app.html: dipwatch found neither a title nor a paragraph in it.");
    }

    @Test
    void parserFindingNothingIsRejected() {
        DocumentReader nothing = new DocumentReader(text -> new Draft(null, null, List.of(), null), LIMIT);

        assertThatThrownBy(() -> nothing.read("x.txt", "???".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("No article text found in x.txt");
    }

    @Test
    void acceptedExtensions() {
        assertThat(DocumentReader.acceptedExtensions()).containsExactly(".txt", ".md", ".html", ".htm", ".eml");
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new DocumentReader(PARAGRAPHS, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dipwatch.ingest.max-bytes must be positive, was 0");
    }
}
