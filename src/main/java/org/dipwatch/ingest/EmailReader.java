package org.dipwatch.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.dipwatch.model.Draft;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Reads a saved e-mail ({@code .eml}, RFC 5322 with MIME) into a draft: a press office's statement
 * sent or forwarded to a desk.
 *
 * <p>Rules in order: the message is parsed by Jakarta Mail, which undoes quoted-printable and
 * base64. The body is the first {@code text/plain} part that is not an attachment, in
 * {@code multipart/alternative} and {@code multipart/mixed} alike, decoded with its declared
 * charset; without one, the first {@code text/html} part, read by {@link HtmlArticleExtractor}. If
 * the body holds a forwarded message ({@code ---------- Forwarded message ---------},
 * {@code -----Original Message-----}, {@code Begin forwarded message:}, or Outlook's line of
 * underscores followed by {@code From:}), the text above that marker (the forwarder's note) and the
 * block of {@code From:/Date:/Sent:/Subject:/To:} lines are dropped, and the inner Subject and Date
 * replace the outer ones; a forwarded message without an inner date has no date, since the
 * forwarding date is not the statement's. Then everything from a signature separator line
 * ({@code "-- "}) on is dropped. Paragraphs are the blocks between blank lines, with hard-wrapped
 * lines joined by a space ({@code format=flowed} lines too, and joined without one under
 * {@code delsp=yes}). The title is the subject without {@code Re:}, {@code Fwd:} or {@code FW:}
 * prefixes; the date is the one written in the Date header, which is the date in the header's own
 * offset.
 */
public final class EmailReader {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static final Pattern REPLY_PREFIXES =
            Pattern.compile("^(?:\\s*(?:re|fwd?|fw)\\s*(?:\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "^\\s*(?:-{2,}\\s*(?:forwarded message|original message)\\s*-{2,}|begin forwarded message:)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^\\s*_{20,}\\s*$");
    private static final Pattern FORWARD_HEADER = Pattern.compile(
            "^[\\s*>]*(from|to|cc|bcc|date|sent|subject|reply-to)[\\s*]*:[\\s*]*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");
    private static final String SIGNATURE_HTML =
            ".gmail_signature, [data-smartmail=gmail_signature], .moz-signature, #Signature, #signature";

    private EmailReader() {
    }

    /**
     * Reads an e-mail.
     *
     * @param eml the message as saved by a mail program, headers and body
     * @return the draft: title from the subject, date from the Date header, paragraphs from the body
     *         (none when the body is empty), no URL
     * @throws UnreadableDocumentException if the bytes are empty, binary or not an e-mail
     */
    public static Draft read(byte[] eml) throws UnreadableDocumentException {
        return read("the e-mail", eml);
    }

    /** Reads an e-mail, naming it {@code fileName} in the reason when it is rejected. */
    static Draft read(String fileName, byte[] eml) throws UnreadableDocumentException {
        // rejects empty, blank and binary files with the same reasons as any text file
        TextDecoder.decode(fileName, eml);
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(eml));
            String subject = message.getSubject();
            String dateHeader = message.getHeader("Date", null);
            if (subject == null && dateHeader == null && message.getHeader("From", null) == null) {
                throw new UnreadableDocumentException(fileName + " does not look like an e-mail: it has no From,"
                        + " Date or Subject header. " + UnreadableDocumentException.ACCEPTED
                        + "; save the message from your mail program as a whole (\"Save as\" or \"Download"
                        + " message\" gives an .eml file with its headers) and drop it into inbox/ again.");
            }
            Body body = body(fileName, message);
            List<String> paragraphs = List.of();
            Forward forward = null;
            if (body != null) {
                if (body.html()) {
                    forward = Forward.find(lines(textOfHtml(body.text())));
                    paragraphs = htmlParagraphs(body.text(), forward != null);
                } else {
                    List<String> lines = lines(body.text());
                    forward = Forward.find(lines);
                    if (forward != null) {
                        lines = lines.subList(forward.bodyStart(), lines.size());
                    }
                    paragraphs = paragraphs(withoutQuoteMarks(withoutSignature(lines)), body.flowed(), body.delSp());
                }
            }
            String title = forward != null && forward.subject() != null ? forward.subject() : subject;
            LocalDate published = forward != null ? PublicationDate.parse(forward.date()) : PublicationDate.parse(dateHeader);
            return new Draft(withoutReplyPrefixes(title), published, paragraphs, null);
        } catch (MessagingException | IOException e) {
            throw new UnreadableDocumentException(fileName + " could not be read as an e-mail (" + e.getMessage()
                    + "). " + UnreadableDocumentException.ACCEPTED + "; save the message from your mail program"
                    + " again as .eml and drop it into inbox/ again.", e);
        }
    }

    /** The subject without the {@code Re:}, {@code Fwd:} and {@code FW:} prefixes mail programs add. */
    static String withoutReplyPrefixes(String subject) {
        if (subject == null) {
            return null;
        }
        String title = REPLY_PREFIXES.matcher(subject).replaceFirst("").strip();
        return title.isEmpty() ? null : title;
    }

    /** The body text of a part: plain text preferred anywhere in the tree, else HTML; {@code null} if none. */
    private static Body body(String fileName, Part part)
            throws MessagingException, IOException, UnreadableDocumentException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            boolean html = part.isMimeType("text/html");
            ContentType type = contentType(part);
            String text = decode(fileName, part, type, html);
            if (text.isBlank()) {
                return null;
            }
            boolean flowed = type != null && "flowed".equalsIgnoreCase(type.getParameter("format"));
            boolean delSp = flowed && "yes".equalsIgnoreCase(type.getParameter("delsp"));
            return new Body(text, html, flowed, delSp);
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            Body html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                Body body = body(fileName, multipart.getBodyPart(i));
                if (body != null && !body.html()) {
                    return body;
                }
                if (html == null) {
                    html = body;
                }
            }
            return html;
        }
        return null;
    }

    private static ContentType contentType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType());
        } catch (ParseException e) {
            return null;
        }
    }

    private static String decode(String fileName, Part part, ContentType type, boolean html)
            throws MessagingException, IOException, UnreadableDocumentException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            return "";
        }
        String declaredName = type == null ? null : type.getParameter("charset");
        Charset declared = declaredName == null ? null : TextDecoder.charsetOrNull(MimeUtility.javaCharset(declaredName));
        try {
            if (html && declared == null) {
                return TextDecoder.decodeHtml(fileName, bytes);
            }
            return TextDecoder.decode(fileName, bytes, declared);
        } catch (UnreadableDocumentException blankOrBinaryPart) {
            // a blank or binary body part is no body; the caller looks further or keeps the title alone
            return "";
        }
    }

    private static List<String> htmlParagraphs(String html, boolean forwarded) {
        Document page = Jsoup.parse(html);
        page.select(SIGNATURE_HTML).remove();
        List<String> paragraphs = new ArrayList<>(HtmlArticleExtractor.extract(page.outerHtml(), null).paragraphs());
        if (forwarded) {
            int marker = -1;
            for (int i = 0; i < paragraphs.size(); i++) {
                if (startsWithMarker(paragraphs.get(i))) {
                    marker = i;
                    break;
                }
            }
            paragraphs.subList(0, marker + 1).clear();
            // the header block, which Readability may have cut into pieces (it drops mailto links,
            // leaving "To: <" and ">" behind)
            while (!paragraphs.isEmpty() && (FORWARD_HEADER.matcher(paragraphs.get(0)).matches()
                    || paragraphs.get(0).codePoints().noneMatch(Character::isLetterOrDigit))) {
                paragraphs.remove(0);
            }
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (paragraph.equals("--") || paragraph.startsWith("-- ")) {
                paragraphs.subList(i, paragraphs.size()).clear();
                break;
            }
        }
        return paragraphs;
    }

    private static boolean startsWithMarker(String paragraph) {
        String lower = paragraph.toLowerCase(Locale.ROOT);
        return lower.matches("^-{2,}\\s*(forwarded message|original message)\\s*-{2,}.*")
                || lower.startsWith("begin forwarded message:");
    }

    /** The text of an HTML body with its line structure: a line per {@code br} and per block. */
    private static String textOfHtml(String html) {
        Document page = Jsoup.parse(html);
        StringBuilder text = new StringBuilder();
        page.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                } else if (node instanceof Element element && (element.normalName().equals("br") || element.isBlock())) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock()) {
                    text.append('\n');
                }
            }
        });
        return text.toString();
    }

    private static List<String> lines(String text) {
        return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }

    private static List<String> withoutSignature(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (SIGNATURE.matcher(lines.get(i)).matches()) {
                return lines.subList(0, i);
            }
        }
        return lines;
    }

    /** Lines all quoted with {@code >} (an inline-quoted original) lose one level of quoting. */
    private static List<String> withoutQuoteMarks(List<String> lines) {
        boolean allQuoted = lines.stream().filter(line -> !isBlankLine(line)).allMatch(line -> line.startsWith(">"))
                && lines.stream().anyMatch(line -> !isBlankLine(line));
        if (!allQuoted) {
            return lines;
        }
        return lines.stream().map(line -> line.startsWith("> ") ? line.substring(2)
                : line.startsWith(">") ? line.substring(1) : line).toList();
    }

    private static List<String> paragraphs(List<String> lines, boolean flowed, boolean delSp) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        boolean continuesWord = false;
        for (String raw : lines) {
            if (isBlankLine(raw)) {
                addBlock(block, paragraphs);
                continuesWord = false;
                continue;
            }
            // format=flowed: a leading space was added to stuff the line, a trailing one marks a soft break,
            // and under delsp=yes that trailing space was added by the wrapper and is not part of the text
            String line = flowed && raw.startsWith(" ") ? raw.substring(1) : raw;
            boolean softInWord = flowed && delSp && line.endsWith(" ");
            String piece = softInWord ? line.substring(0, line.length() - 1) : line.stripTrailing();
            if (!continuesWord) {
                piece = piece.stripLeading();
                if (block.length() > 0) {
                    block.append(' ');
                }
            }
            block.append(piece);
            continuesWord = softInWord;
        }
        addBlock(block, paragraphs);
        return paragraphs;
    }

    private static void addBlock(StringBuilder block, List<String> paragraphs) {
        String paragraph = block.toString().strip();
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
        block.setLength(0);
    }

    private static boolean isBlankLine(String line) {
        return line.replace('\u00A0', ' ').isBlank();
    }

    /** The body of a part chosen as the message's text, with what its Content-Type says about line wrapping. */
    private record Body(String text, boolean html, boolean flowed, boolean delSp) {
    }

    /**
     * A forwarded message's header block found in a body: the inner Subject and Date, and the line
     * where the inner body starts.
     */
    private record Forward(String subject, String date, int bodyStart) {

        static Forward find(List<String> lines) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean marker = FORWARD_MARKER.matcher(line).matches();
                if (!marker && !OUTLOOK_RULE.matcher(line).matches()) {
                    continue;
                }
                int next = skipBlank(lines, i + 1);
                Map<String, String> headers = new HashMap<>();
                String last = null;
                while (next < lines.size()) {
                    Matcher header = FORWARD_HEADER.matcher(lines.get(next));
                    if (header.matches()) {
                        last = header.group(1).toLowerCase(Locale.ROOT);
                        headers.putIfAbsent(last, header.group(2).strip());
                    } else if (last != null && !isBlankLine(lines.get(next)) && Character.isWhitespace(lines.get(next).charAt(0))) {
                        String continuation = lines.get(next).strip();
                        headers.computeIfPresent(last, (name, value) -> value + " " + continuation);
                    } else {
                        break;
                    }
                    next++;
                }
                if (!marker && !headers.containsKey("from")) {
                    // a line of underscores is only Outlook's marker when a From: line follows it
                    continue;
                }
                String date = headers.containsKey("date") ? headers.get("date") : headers.get("sent");
                return new Forward(emptyToNull(headers.get("subject")), date, skipBlank(lines, next));
            }
            return null;
        }

        private static int skipBlank(List<String> lines, int from) {
            int i = from;
            while (i < lines.size() && isBlankLine(lines.get(i))) {
                i++;
            }
            return i;
        }

        private static String emptyToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
