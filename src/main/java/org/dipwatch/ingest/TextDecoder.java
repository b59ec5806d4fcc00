package org.dipwatch.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mozilla.universalchardet.UniversalDetector;

/**
 * Turns the bytes of a dropped text document into a string, finding the encoding the way a careful
 * person would, and rejects what is not text at all.
 *
 * <p>The encoding is chosen in this order: a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE)
 * wins; then a charset the container declared (an HTML meta tag, a MIME header); then UTF-8 if the
 * bytes decode as UTF-8 without a single error; then the guess of juniversalchardet (it tells
 * windows-1251 Cyrillic from windows-1252 Western text); and windows-1252 when the text is too short
 * for the detector to guess. UTF-16 without a byte order mark is recognized by its pattern of zero
 * bytes. The byte order mark never reaches the returned text.
 */
public final class TextDecoder {

    /** Share of control bytes above which a file counts as binary (text files have almost none). */
    private static final double BINARY_CONTROL_SHARE = 0.05;

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

    private TextDecoder() {
    }

    /**
     * Decodes a text file: byte order mark, else strict UTF-8, else the detector's guess, else windows-1252.
     *
     * @param fileName the file's name, used in the reason when the file is rejected
     * @param bytes    the file's content
     * @return the text without a byte order mark
     * @throws UnreadableDocumentException if the file is empty, holds only white space or looks like
     *                                     binary data
     */
    public static String decode(String fileName, byte[] bytes) throws UnreadableDocumentException {
        return decode(fileName, bytes, null);
    }

    /** Decodes an HTML document, trusting a {@code <meta charset>} in its first 4 KiB after a byte order mark. */
    static String decodeHtml(String fileName, byte[] bytes) throws UnreadableDocumentException {
        return decode(fileName, bytes, metaCharset(bytes));
    }

    /**
     * Decodes with a charset the container declared, used when no byte order mark says otherwise and
     * the bytes decode under it without error.
     */
    static String decode(String fileName, byte[] bytes, Charset declared) throws UnreadableDocumentException {
        if (bytes.length == 0) {
            throw new UnreadableDocumentException(fileName + " is empty (0 bytes). "
                    + UnreadableDocumentException.ACCEPTED + "; check that the file was saved or copied completely"
                    + " (an interrupted download leaves an empty file) and drop it into inbox/ again.");
        }
        String text = decodeText(fileName, bytes, declared);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (isBlank(text)) {
            throw new UnreadableDocumentException(fileName + " holds only white space (" + bytes.length
                    + " bytes), no text. " + UnreadableDocumentException.ACCEPTED
                    + "; put the article's text into the file and drop it into inbox/ again.");
        }
        return text;
    }

    private static String decodeText(String fileName, byte[] bytes, Charset declared)
            throws UnreadableDocumentException {
        Bom bom = Bom.of(bytes);
        if (bom != null) {
            String text = new String(bytes, bom.length, bytes.length - bom.length, bom.charset);
            rejectControlCharacters(fileName, text);
            return text;
        }
        Charset wide = declared != null && isWide(declared) ? declared : utf16WithoutBom(bytes);
        if (wide != null) {
            String text = strict(bytes, wide);
            if (text != null) {
                rejectControlCharacters(fileName, text);
                return text;
            }
        }
        rejectBinary(fileName, bytes);
        if (declared != null && !isWide(declared)) {
            String text = strict(bytes, declared);
            if (text != null) {
                return text;
            }
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        return new String(bytes, detect(bytes));
    }

    private static Charset detect(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        Charset charset = name == null ? null : charsetOrNull(name);
        return charset == null ? WINDOWS_1252 : charset;
    }

    /** The charset an HTML meta tag declares, mapped as browsers do (ISO-8859-1 and ASCII mean windows-1252). */
    static Charset metaCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(head);
        if (!matcher.find()) {
            return null;
        }
        Charset charset = charsetOrNull(matcher.group(1));
        if (charset == null || isWide(charset)) {
            // a page that reached us as bytes in an ASCII-compatible encoding cannot really be UTF-16
            return null;
        }
        if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
            return WINDOWS_1252;
        }
        return charset;
    }

    /**
     * The charset a Content-Type header declares, ISO-8859-1 read as windows-1252 as browsers do
     * (WHATWG Encoding Standard); {@code null} when the header names none Java knows.
     */
    static Charset headerCharset(String contentType) {
        Matcher matcher = HEADER_CHARSET.matcher(contentType == null ? "" : contentType);
        Charset charset = matcher.find() ? charsetOrNull(matcher.group(1)) : null;
        return StandardCharsets.ISO_8859_1.equals(charset) ? WINDOWS_1252 : charset;
    }

    /** The charset of that name, or {@code null} when the name is unknown to Java. */
    static Charset charsetOrNull(String name) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean isWide(Charset charset) {
        String name = charset.name().toUpperCase(Locale.ROOT);
        return name.startsWith("UTF-16") || name.startsWith("UTF-32");
    }

    private static String strict(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * UTF-16 without a byte order mark: ASCII characters (spaces at least) leave a zero byte on one
     * side of every pair, and real text has none on the other side.
     */
    private static Charset utf16WithoutBom(byte[] bytes) {
        int length = Math.min(bytes.length, 4096) & ~1;
        if (length < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < length; i += 2) {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }
        int pairs = length / 2;
        if (evenZeros >= pairs * 0.1 && oddZeros == 0) {
            return StandardCharsets.UTF_16BE;
        }
        if (oddZeros >= pairs * 0.1 && evenZeros == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static void rejectBinary(String fileName, byte[] bytes) throws UnreadableDocumentException {
        int nul = 0;
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) {
                nul++;
            }
            if (isControl(b & 0xFF)) {
                control++;
            }
        }
        double share = (double) control / bytes.length;
        if (nul > 0 || share > BINARY_CONTROL_SHARE) {
            String facts = (nul > 0 ? nul + " NUL bytes, " : "") + percent(share) + " control bytes";
            throw binary(fileName, facts);
        }
    }

    private static void rejectControlCharacters(String fileName, String text) throws UnreadableDocumentException {
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                control++;
            }
        }
        double share = (double) control / Math.max(1, text.length());
        if (share > BINARY_CONTROL_SHARE) {
            throw binary(fileName, percent(share) + " control characters");
        }
    }

    private static UnreadableDocumentException binary(String fileName, String facts) {
        return new UnreadableDocumentException(fileName + " looks like binary data (" + facts + "), not text. "
                + UnreadableDocumentException.ACCEPTED + "; convert the file to one of these and drop it into inbox/ again.");
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** C0 controls and DEL, except tab, line feed, vertical tab, form feed, carriage return and DOS's end-of-file mark. */
    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r' && c != 0x1A) || c == 0x7F;
    }

    private static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF');
    }

    /** A byte order mark: its length in bytes and the charset it announces. */
    private record Bom(int length, Charset charset) {

        static Bom of(byte[] b) {
            if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
                return new Bom(4, UTF_32BE);
            }
            if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
                return new Bom(4, UTF_32LE);
            }
            if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
                return new Bom(3, StandardCharsets.UTF_8);
            }
            if (startsWith(b, 0xFE, 0xFF)) {
                return new Bom(2, StandardCharsets.UTF_16BE);
            }
            if (startsWith(b, 0xFF, 0xFE)) {
                return new Bom(2, StandardCharsets.UTF_16LE);
            }
            return null;
        }

        private static boolean startsWith(byte[] bytes, int... prefix) {
            if (bytes.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((bytes[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
