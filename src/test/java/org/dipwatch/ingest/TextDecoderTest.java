package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextDecoderTest {

    private static final String STATEMENT = """
             date 2023-07-04 The Ministry expresses deep concern over the escalation around the West Bank city of Jenin.

            We reaffirm our principled position in favour of a negotiated settlement.
            """;

    static byte[] fixture(String path) {
        try (InputStream in = TextDecoderTest.class.getResourceAsStream("/ingest/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/utf8_bom_statement.txt", "text/utf16le_bom_statement.txt",
        "text/utf16be_bom_statement.txt"})
    void byteOrderMarkDecidesAndIsStripped(String path) throws Exception {
        assertThat(TextDecoder.decode(path, fixture(path))).isEqualTo(STATEMENT);
    }

    @ParameterizedTest
    @CsvSource({"UTF-32BE, 00 00 FE FF", "UTF-32LE, FF FE 00 00"})
    void utf32ByteOrderMarks(String charset, String bom) throws Exception {
        byte[] text = "Заявление МИД".getBytes(Charset.forName(charset));
        assertThat(TextDecoder.decode("s.txt", concat(hex(bom), text))).isEqualTo("Заявление МИД");
    }

    @Test
    void windows1251CyrillicIsDetected() throws Exception {
        String text = TextDecoder.decode("cp1251_statement.txt", fixture("text/cp1251_statement.txt"));

        assertThat(text).startsWith("Заявление МИД России в связи с ситуацией в Дженине\r\n\r\n4 июля 2023\r\n")
                .contains("эскалацией напряжённости вокруг города Дженин")
                .endsWith("среди мирного населения.\r\n");
    }

    @Test
    void windows1252WesternTextIsDetected() throws Exception {
        String text = TextDecoder.decode("cp1252_statement.txt", fixture("text/cp1252_statement.txt"));

        assertThat(text).startsWith("Déclaration du porte-parole du ministère des Affaires étrangères\n\n")
                .contains("face à l’escalade autour de la ville de Jénine")
                .endsWith("« seule à même de garantir une paix juste et durable ».\n");
    }

    @Test
    void utf16WithoutByteOrderMarkIsRecognizedByItsZeroBytes() throws Exception {
        String text = TextDecoder.decode("s.txt", fixture("text/utf16le_no_bom_statement.txt"));

        assertThat(text).startsWith("Заявление МИД России в связи с ситуацией в Дженине\n\n4 июля 2023\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ministry statement, 4 July 2023 — “restraint”. | Ministry statement, 4 July 2023 — “restraint”.",
        "Café à Genève                                 | Café à Genève"})
    void validUtf8IsTakenAsUtf8(String input, String expected) throws Exception {
        assertThat(TextDecoder.decode("s.txt", input.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Café", "naïve résumé", "Genève"})
    void shortLegacyTextFallsBackToWindows1252(String word) throws Exception {
        assertThat(TextDecoder.decode("s.txt", word.getBytes(Charset.forName("windows-1252")))).isEqualTo(word);
    }

    @Test
    void declaredCharsetIsUsedWhenTheBytesFitIt() throws Exception {
        byte[] koi8 = "Привет".getBytes(Charset.forName("KOI8-R"));

        assertThat(TextDecoder.decode("s.txt", koi8, Charset.forName("KOI8-R"))).isEqualTo("Привет");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<meta charset=\"windows-1251\">            | windows-1251",
        "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=KOI8-R'> | KOI8-R",
        "<meta charset=iso-8859-1>                  | windows-1252",
        "<meta name=\"x\">                          | "})
    void metaCharsetOfHtml(String head, String expected) {
        byte[] page = ("<!DOCTYPE html><html><head>" + head + "</head><body></body></html>").getBytes(StandardCharsets.US_ASCII);
        Charset charset = TextDecoder.metaCharset(page);
        assertThat(charset == null ? null : charset.name()).isEqualTo(expected == null ? null : Charset.forName(expected).name());
    }

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> TextDecoder.decode("empty.txt", new byte[0]))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("empty.txt is empty (0 bytes). dipwatch accepts .txt and .md (UTF-8, UTF-16 with BOM or"
                        + " a legacy 8-bit encoding), .html/.htm saved web pages and .eml e-mails; check that the file"
                        + " was saved or copied completely (an interrupted download leaves an empty file) and drop it"
                        + " into inbox/ again.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"   \n\n\t  \r\n", "\u00A0\n\u200B\n", "\uFEFF  "})
    void whiteSpaceOnlyIsRejected(String blank) {
        byte[] bytes = blank.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TextDecoder.decode("blank.txt", bytes))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("blank.txt holds only white space (" + bytes.length + " bytes), no text.")
                .hasMessageContaining("put the article's text into the file");
    }

    @Test
    void randomBytesAreBinary() {
        byte[] noise = new byte[4096];
        new Random(20240402L).nextBytes(noise);

        assertThatThrownBy(() -> TextDecoder.decode("garbage.bin", noise))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageMatching("garbage\\.bin looks like binary data \\(\\d+ NUL bytes, \\d+% control bytes\\), not text\\."
                        + " dipwatch accepts .*; convert the file to one of these and drop it into inbox/ again\\.");
    }

    @Test
    void controlBytesWithoutNulAreBinary() {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 10 == 0 ? 0x01 : 'a');
        }
        assertThatThrownBy(() -> TextDecoder.decode("x.txt", bytes))
                .hasMessageStartingWith("x.txt looks like binary data (10% control bytes), not text.");
    }

    @Test
    void aFewControlBytesInLongTextAreTolerated() throws Exception {
        String text = "Statement of the Ministry. ".repeat(20) + "\u001A";
        assertThat(TextDecoder.decode("x.txt", text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(text);
    }

    @Test
    void binaryBehindAUtf16ByteOrderMarkIsRejected() {
        byte[] bytes = new byte[200];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        for (int i = 2; i < bytes.length; i += 2) {
            bytes[i] = 0x03;
        }
        assertThatThrownBy(() -> TextDecoder.decode("x.txt", bytes))
                .hasMessageStartingWith("x.txt looks like binary data (100% control characters), not text.");
    }

    private static byte[] hex(String bytes) {
        String[] parts = bytes.split(" ");
        byte[] result = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
