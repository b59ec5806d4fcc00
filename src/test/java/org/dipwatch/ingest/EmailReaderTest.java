package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailReaderTest {

    private static final List<String> GRAIN_STATEMENT = List.of(
            "The Ministry of Foreign Affairs takes note of the decision not to extend the Black Sea Grain Initiative"
                    + " beyond 17 July 2023 and regrets that the arrangements agreed in Istanbul a year ago could not"
                    + " be preserved.",
            "We call on all parties to return to the negotiating table and to ensure that food and fertiliser continue"
                    + " to reach the countries most in need, in particular in Africa and the Middle East.");

    private static Draft read(String text) throws UnreadableDocumentException {
        return EmailReader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pressReleasePlain() throws Exception {
        Draft draft = EmailReader.read(TextDecoderTest.fixture("eml/press_release_plain.eml"));

        assertThat(draft).isEqualTo(new Draft(
                "Statement by the Ministry on the situation in Jenin",
                LocalDate.of(2023, 7, 4),
                List.of("The Ministry expresses deep concern over the escalation around the West Bank city of Jenin and"
                                + " calls on all sides to exercise maximum restraint.",
                        "We reaffirm our principled position in favour of a negotiated settlement of the Palestinian"
                                + " problem on the basis of international law."),
                null));
    }

    /** A multipart/alternative forward uses its plain part; an HTML-only one goes through the article extractor. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"eml/forwarded_html_multipart.eml", "eml/forwarded_html_only.eml"})
    void forwardedStatementUsesTheInnerHeadersAndTheStatementText(String fixture) throws Exception {
        Draft draft = EmailReader.read(TextDecoderTest.fixture(fixture));

        assertThat(draft).isEqualTo(new Draft(
                "Statement by the Foreign Ministry on the Black Sea Grain Initiative",
                LocalDate.of(2023, 7, 17),
                GRAIN_STATEMENT,
                null));
    }

    @Test
    void outlookOriginalMessageInWindows1251WithAnAttachment() throws Exception {
        Draft draft = EmailReader.read(TextDecoderTest.fixture("eml/outlook_original_message_cp1251.eml"));

        assertThat(draft).isEqualTo(new Draft(
                "Заявление МИД России в связи с ситуацией в Дженине",
                LocalDate.of(2023, 7, 4),
                List.of("Министерство иностранных дел Российской Федерации выражает глубокую озабоченность эскалацией"
                                + " напряжённости вокруг города Дженин на Западном берегу реки Иордан.",
                        "Призываем все стороны проявлять максимальную сдержанность и не допускать жертв среди мирного"
                                + " населения."),
                null));
    }

    @Test
    void appleMailForwardWithoutInnerDateHasNoDate() throws Exception {
        Draft draft = read("""
                From: Desk <desk@example.org>
                Subject: Fwd: Joint statement on Sudan
                Date: Fri, 21 Apr 2023 16:00:00 +0000
                Content-Type: text/plain; charset=us-ascii

                Begin forwarded message:

                From: Press Office <press@mfa.example.org>
                Subject: Joint statement on Sudan
                To: desk@example.org

                The foreign ministers call for an immediate and
                unconditional ceasefire in Sudan.
                """);

        assertThat(draft).isEqualTo(new Draft("Joint statement on Sudan", null,
                List.of("The foreign ministers call for an immediate and unconditional ceasefire in Sudan."), null));
    }

    @Test
    void formatFlowedWithDelSpJoinsSoftBreaksWithoutASpace() throws Exception {
        Draft draft = read("""
                From: Press Office <press@mfa.example.org>
                Subject: Statement
                Date: Mon, 1 May 2023 12:00:00 -0400
                Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes

                The Ministry welcomes the extension of the humanitar\s
                ian truce in Yemen \s
                 and the exchange of detainees.

                Second paragraph.
                """);

        assertThat(draft.paragraphs()).containsExactly(
                "The Ministry welcomes the extension of the humanitarian truce in Yemen and the exchange of detainees.",
                "Second paragraph.");
        assertThat(draft.published()).isEqualTo(LocalDate.of(2023, 5, 1));
    }

    @Test
    void formatFlowedWithoutDelSpJoinsWithASpace() throws Exception {
        Draft draft = read("""
                Subject: Statement
                Content-Type: text/plain; charset=utf-8; format=flowed

                The Ministry welcomes the extension\s
                of the truce.
                """);

        assertThat(draft.paragraphs()).containsExactly("The Ministry welcomes the extension of the truce.");
    }

    @Test
    void signatureAndCrlfAndNoBreakSpaceLines() throws Exception {
        String eml = ("From: press@mfa.example.org\nSubject: Re: Briefing\nDate: Thu, 2 Mar 2023 23:59:59 -1000\n"
                + "Content-Type: text/plain; charset=utf-8\n\nFirst line\nsecond line.\n\u00A0\nNext paragraph.\n-- \n"
                + "Press Office\n+7 000 000 00 00\n").replace("\n", "\r\n");

        Draft draft = read(eml);

        assertThat(draft).isEqualTo(new Draft("Briefing", LocalDate.of(2023, 3, 2),
                List.of("First line second line.", "Next paragraph."), null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Fwd: Statement on Jenin           | Statement on Jenin",
        "FW: RE: Fwd: Statement on Jenin   | Statement on Jenin",
        "Re[2]: Statement on Jenin         | Statement on Jenin",
        "fwd:Statement on Jenin            | Statement on Jenin",
        "Reform of the Security Council    | Reform of the Security Council",
        "Fwd:                              | "})
    void replyAndForwardPrefixesLeaveTheTitle(String subject, String expected) {
        assertThat(EmailReader.withoutReplyPrefixes(subject)).isEqualTo(expected);
    }

    @Test
    void messageWithoutBodyKeepsItsTitle() throws Exception {
        Draft draft = read("""
                From: press@mfa.example.org
                Subject: Statement on the anniversary of the Treaty
                Date: Sat, 1 Jul 2023 09:00:00 +0300
                Content-Type: text/plain

                """);

        assertThat(draft).isEqualTo(new Draft("Statement on the anniversary of the Treaty", LocalDate.of(2023, 7, 1),
                List.of(), null));
    }

    @Test
    void textWithoutHeadersIsNoEmail() {
        assertThatThrownBy(() -> EmailReader.read("statement.eml", """
                The Ministry expresses deep concern.

                We reaffirm our position.
                """.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("statement.eml does not look like an e-mail: it has no From, Date or Subject header.")
                .hasMessageContaining("gives an .eml file with its headers");
    }

    @Test
    void emptyBytesAreRejected() {
        assertThatThrownBy(() -> EmailReader.read(new byte[0]))
                .hasMessageStartingWith("the e-mail is empty (0 bytes).");
    }
}
