package org.dipwatch.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.text.ParsePosition;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of a news feed (RSS 0.90 to 2.0, RSS 1.0/RDF, Atom 0.3 and 1.0, JSON Feed 1.x)
 * into {@link FeedItem}s, or says in one line which feed is unreadable and why.
 *
 * <p>Steps in order: an empty or blank body is rejected; a body that the Content-Type names as JSON,
 * or that starts with <code>{</code>, is read as JSON Feed with Jackson. Otherwise the bytes are
 * decoded by {@link TextDecoder}: byte order mark, then the charset of the Content-Type header, else
 * the one the XML prolog declares, each only if the bytes decode under it without error (a prolog
 * that claims UTF-8 over windows-1251 bytes is thus overruled), then strict UTF-8, then detection; a
 * declared ISO-8859-1 is read as windows-1252, as browsers do, since feeds that declare it put
 * windows-1252 quotes and dashes where Latin-1 has control characters.
 * Anything before the first {@code <} (junk, a stray byte order mark) is dropped; an HTML page is
 * rejected with its title; a DOCTYPE without internal subset (old RSS 0.91 feeds reference
 * Netscape's DTD) is removed, one with an internal subset is rejected, because only an internal
 * subset can declare entities (XXE, "billion laughs"). Rome's own XML reader then parses with
 * DOCTYPEs disallowed and external entities off, after Rome's XML healer has turned HTML entities
 * into character references; bare {@code &} are escaped first. A feed that breaks off (truncated, or
 * broken in the middle) yields the complete items before the break, which is logged; with no complete
 * item it is rejected. Item text is reduced from HTML to plain text, paragraphs separated by a blank
 * line. Rome, JDOM, jsoup and Jackson types stay in this class.
 */
public final class FeedParser {

    private static final Logger LOG = LoggerFactory.getLogger(FeedParser.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PROLOG_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE\\b[^>\\[]*(\\[)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCTYPE_WITHOUT_SUBSET = Pattern.compile("<!DOCTYPE\\b[^>\\[]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_START = Pattern.compile(
            "^(?:<\\?xml[^>]*>\\s*)?(?:<!--.*?-->\\s*)*(?:<!DOCTYPE\\s+html\\b|<html\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ITEM_END = Pattern.compile("</(?:[\\w.-]+:)?(?:item|entry)\\s*>");
    private static final Pattern TAG = Pattern.compile(
            "<!--.*?-->|<!\\[CDATA\\[.*?]]>|<\\?.*?\\?>|<(/?)([\\w.:-]+)(?:\"[^\"]*\"|'[^']*'|[^'\">])*?(/?)>",
            Pattern.DOTALL);
    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z/!]");
    private static final Pattern ANY_SPACE_RUN = Pattern.compile("\\s+");
    private static final Pattern BLANK_LINE = Pattern.compile("\\s*\\n\\s*\\n\\s*");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** The zone names RFC 822 allows besides numeric offsets (military letters other than Z aside). */
    private static final Map<String, String> RFC_822_ZONES = Map.ofEntries(Map.entry("UT", "+0000"),
            Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"), Map.entry("EST", "-0500"),
            Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"),
            Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));
    private static final Pattern RFC_822_ZONE = Pattern.compile("\\s(UTC?|GMT|Z|[ECMP][SD]T)$", Pattern.CASE_INSENSITIVE);
    /** A numeric offset written ISO-style ({@code +03:00}) at the end of an RFC 822 date. */
    private static final Pattern COLON_OFFSET = Pattern.compile("([+-]\\d{2}):(\\d{2})$");
    /** RFC 822 without the day name; strict, so that 30 February is no date rather than 28 February. */
    private static final DateTimeFormatter RFC_822 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d MMM uuuu H:mm[:ss] Z").toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DAY_NAME = Pattern.compile("^[A-Za-z]{3,9},\\s*");

    private FeedParser() {
    }

    /**
     * Parses a feed.
     *
     * @param sourceName        the source's name as configured ({@code tass-en}), used in messages
     * @param body              the bytes the server sent
     * @param contentTypeHeader the response's Content-Type header, or {@code null}
     * @return the items in feed order; empty when the feed has none
     * @throws UnreadableDocumentException if the body is empty, binary, an HTML page, JSON that is not
     *                                     a feed, or XML that declares entities or has no complete item
     */
    public static List<FeedItem> parse(String sourceName, byte[] body, String contentTypeHeader)
            throws UnreadableDocumentException {
        String feed = "feed " + sourceName + ": ";
        if (body == null || body.length == 0 || new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new UnreadableDocumentException(feed + "the server sent an empty body ("
                    + (body == null ? 0 : body.length) + " bytes), not a feed");
        }
        String contentType = contentTypeHeader == null ? "" : contentTypeHeader.toLowerCase(Locale.ROOT);
        Charset headerCharset = TextDecoder.headerCharset(contentTypeHeader);
        String text;
        try {
            text = TextDecoder.decode(sourceName, body, asBrowsersRead(
                    headerCharset != null ? headerCharset : charset(PROLOG_ENCODING.matcher(
                            new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)))));
        } catch (UnreadableDocumentException e) {
            throw new UnreadableDocumentException(feed + "the server sent binary data (" + body.length
                    + " bytes), not a feed", e);
        }
        String trimmed = text.strip();
        if (contentType.contains("json") || trimmed.startsWith("{")) {
            return jsonFeed(feed, trimmed);
        }
        int start = text.indexOf('<');
        if (start < 0) {
            throw new UnreadableDocumentException(feed + "the server sent text without any markup, not a feed"
                    + " (starts with '" + abbreviate(trimmed, 40) + "')");
        }
        String xml = text.substring(start);
        if (HTML_START.matcher(xml).lookingAt() || contentType.startsWith("text/html") && !looksLikeFeed(xml)) {
            String title = Jsoup.parse(xml).title().strip();
            throw new UnreadableDocumentException(feed + "the server sent an HTML page, not a feed"
                    + (title.isEmpty() ? "" : " (title: '" + abbreviate(title, 80) + "')"));
        }
        return xmlFeed(sourceName, feed, withoutDoctype(feed, xml));
    }

    /** Parses XML with the hardened reader this parser uses, healer included (package-private for its test). */
    static Document xmlDocument(String xml) throws JDOMException, IOException {
        return new SecureFeedInput().parse(xml);
    }

    private static boolean looksLikeFeed(String xml) {
        String head = xml.substring(0, Math.min(xml.length(), 2048));
        return head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:RDF");
    }

    private static String withoutDoctype(String feed, String xml) throws UnreadableDocumentException {
        int at = FeedText.doctype(xml);
        Matcher doctype = DOCTYPE.matcher(xml);
        if (at < 0 || !doctype.find(at)) {
            return xml;
        }
        if (doctype.group(1) != null) {
            // only an internal subset can declare entities: refuse before any parser sees it
            throw new UnreadableDocumentException(feed + "the feed declares its own DTD entities (<!DOCTYPE ... [ ]>),"
                    + " which dipwatch refuses to expand (XML external entity / entity expansion attack, or a broken feed)");
        }
        return DOCTYPE_WITHOUT_SUBSET.matcher(xml).replaceFirst("");
    }

    private static List<FeedItem> xmlFeed(String sourceName, String feed, String xml) throws UnreadableDocumentException {
        String escaped = FeedText.escapeBareAmpersands(xml);
        SecureFeedInput input = new SecureFeedInput();
        Document document;
        String parsed = escaped;
        try {
            document = input.parse(escaped);
        } catch (JDOMParseException e) {
            String healed = completeItemsBefore(escaped, offset(escaped, e.getLineNumber(), e.getColumnNumber()));
            if (healed == null) {
                throw new UnreadableDocumentException(feed + "the feed is not well-formed XML and has no complete item"
                        + " before the error (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                        + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
            }
            try {
                document = input.parse(healed);
                parsed = healed;
            } catch (JDOMException | IOException again) {
                throw new UnreadableDocumentException(feed + "the feed is not well-formed XML (line "
                        + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                        + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
            }
            LOG.warn("feed parse recovered: source={} line={} column={} reason=\"{}\"", sourceName,
                    e.getLineNumber(), e.getColumnNumber(), firstLine(e.getMessage()));
        } catch (JDOMException | IOException e) {
            throw new UnreadableDocumentException(feed + "the feed is not well-formed XML ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        // the dates this parser reads itself leave the document before Rome builds it: Rome parses each
        // with a series of date masks, a seventh of a first poll's feed parsing, and its reading is
        // wanted only where this one finds no form it knows
        List<Element> itemElements = itemElements(document.getRootElement());
        List<OwnDate> own = new ArrayList<>(itemElements.size());
        boolean stripped = false;
        for (Element item : itemElements) {
            OwnDate date = ownDate(item);
            own.add(date);
            if (date.settled()) {
                stripped |= item.getChildren().removeIf(child -> DATE_ELEMENTS.contains(child.getName()));
            }
        }
        List<SyndEntry> entries = build(input, document, feed).getEntries();
        if (itemElements.size() != entries.size() && stripped) {
            // Rome found other items than the elements read here: its entries keep their own dates
            try {
                document = input.parse(parsed);
            } catch (JDOMException | IOException e) {
                throw new UnreadableDocumentException(feed + "the feed is not well-formed XML (" + firstLine(e.getMessage()) + ")", e);
            }
            entries = build(input, document, feed).getEntries();
        }
        List<FeedItem> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            OwnDate date = itemElements.size() == entries.size() ? own.get(i) : OwnDate.UNREAD;
            String title = entry.getTitle() == null ? null : blankToNull(plainText(entry.getTitle(), true));
            String summary = entry.getDescription() == null ? null : text(entry.getDescription());
            String content = entry.getContents().isEmpty() ? null : text(entry.getContents().get(0));
            String link = blankToNull(entry.getLink());
            items.add(new FeedItem(id(blankToNull(entry.getUri()), link, title, summary, content), link, title,
                    date.settled() ? date.date() : romeDate(entry), summary, content));
        }
        return items;
    }

    private static SyndFeed build(SecureFeedInput input, Document document, String feed) throws UnreadableDocumentException {
        try {
            return new SyndFeedImpl(input.build(document));
        } catch (FeedException | IllegalArgumentException e) {
            throw new UnreadableDocumentException(feed + "the XML is not an RSS or Atom feed (root element <"
                    + document.getRootElement().getQualifiedName() + ">: " + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** The item elements in document order, matching Rome's entries (RSS 0.9x/2.0, RSS 1.0, Atom). */
    private static List<Element> itemElements(Element root) {
        List<Element> items = new ArrayList<>();
        collectItems(root, items, 0);
        return items;
    }

    private static void collectItems(Element parent, List<Element> items, int depth) {
        for (Element child : parent.getChildren()) {
            String name = child.getName();
            if (name.equals("item") || name.equals("entry")) {
                items.add(child);
            } else if (depth == 0 && name.equals("channel")) {
                collectItems(child, items, depth + 1);
            }
        }
    }

    /**
     * The date as written in the item (keeping its offset). A date in a form this parser reads but
     * with impossible values ({@code 32 Nov}, {@code 30 Feb}, month 13) is settled as no date: Rome's
     * lenient parse would roll it over into another, invented day. Not settled when the item has no
     * date in a form read here: Rome's parse of it, in UTC, then.
     */
    private static OwnDate ownDate(Element item) {
        boolean impossible = false;
        for (String name : DATE_ELEMENTS) {
            for (Element child : item.getChildren()) {
                if (child.getName().equals(name)) {
                    LocalDate date = date(child.getTextTrim());
                    if (date != null) {
                        return new OwnDate(date, true);
                    }
                    impossible |= readableForm(child.getTextTrim());
                }
            }
        }
        return impossible ? new OwnDate(null, true) : OwnDate.UNREAD;
    }

    /** The elements an item's date is read from, the first that gives one in this order. */
    private static final List<String> DATE_ELEMENTS = List.of("pubDate", "date", "published", "issued", "updated", "modified");

    /**
     * An item's date as this parser reads it: {@code settled} with its day, or with none when a form
     * it reads names no real day; not settled when it found no form it knows (Rome's reading then).
     */
    private record OwnDate(LocalDate date, boolean settled) {
        static final OwnDate UNREAD = new OwnDate(null, false);
    }

    /** Rome's parse of an entry's date, in UTC. */
    private static LocalDate romeDate(SyndEntry entry) {
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * An RFC 822 (zone names such as {@code EST} and {@code +03:00} offsets included) or W3C/ISO 8601
     * date in its own offset, or {@code null} when the format is not one of these or names no real day.
     */
    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toLocalDate();
        } catch (DateTimeParseException notIso) {
            // not a full ISO timestamp; try the other forms
        }
        try {
            return LocalDate.parse(isoDatePart(value));
        } catch (DateTimeParseException notIsoDate) {
            // not ISO; try RFC 822
        }
        try {
            return OffsetDateTime.parse(rfc822(value), RFC_822).toLocalDate();
        } catch (DateTimeParseException notRfc) {
            return null;
        }
    }

    /** Whether the text has the form of a date {@link #date} reads, whatever its values. */
    private static boolean readableForm(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String value = text.strip();
        return parsesAsForm(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                || parsesAsForm(isoDatePart(value), DateTimeFormatter.ISO_LOCAL_DATE)
                || parsesAsForm(rfc822(value), RFC_822);
    }

    private static boolean parsesAsForm(String value, DateTimeFormatter format) {
        ParsePosition position = new ParsePosition(0);
        return format.parseUnresolved(value, position) != null && position.getErrorIndex() < 0
                && position.getIndex() == value.length();
    }

    private static String isoDatePart(String value) {
        return value.length() >= 10 ? value.substring(0, 10) : value;
    }

    /** The text without its day name, a zone name or {@code +03:00} offset written as {@code +0300}. */
    private static String rfc822(String value) {
        String rfc = DAY_NAME.matcher(value).replaceFirst("");
        Matcher zone = RFC_822_ZONE.matcher(rfc);
        if (zone.find()) {
            rfc = rfc.substring(0, zone.start()) + " " + RFC_822_ZONES.get(zone.group(1).toUpperCase(Locale.ROOT));
        }
        return COLON_OFFSET.matcher(rfc).replaceFirst("$1$2");
    }

    private static List<FeedItem> jsonFeed(String feed, String json) throws UnreadableDocumentException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableDocumentException(feed + "the JSON is malformed (" + firstLine(e.getOriginalMessage())
                    + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        }
        String version = root.path("version").asText("");
        if (!version.startsWith("https://jsonfeed.org/version/") || !root.path("items").isArray()) {
            throw new UnreadableDocumentException(feed + "the JSON is not a JSON Feed (no \"version\":"
                    + " \"https://jsonfeed.org/version/1.1\" and \"items\" array)");
        }
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            String link = blankToNull(item.path("url").asText(null));
            String title = blankToNull(item.path("title").asText(null));
            String summary = item.hasNonNull("summary") ? blankToNull(plainText(item.get("summary").asText(), true))
                    : null;
            String content = item.hasNonNull("content_html")
                    ? blankToNull(plainText(item.get("content_html").asText(), false))
                    : item.hasNonNull("content_text") ? blankToNull(paragraphs(item.get("content_text").asText()))
                    : null;
            LocalDate published = date(item.path("date_published").asText(null));
            if (published == null) {
                published = date(item.path("date_modified").asText(null));
            }
            String id = item.hasNonNull("id") ? blankToNull(item.get("id").asText()) : null;
            items.add(new FeedItem(id(id, link, title, summary, content), link, title, published, summary, content));
        }
        return items;
    }

    private static String id(String own, String link, String title, String summary, String content) {
        if (own != null) {
            return own;
        }
        if (link != null) {
            return link;
        }
        String joined = nullToEmpty(title) + "\n" + nullToEmpty(summary) + "\n" + nullToEmpty(content);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String text(SyndContent content) {
        String value = content.getValue();
        if (value == null) {
            return null;
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        boolean plain = type.equals("text") || type.equals("text/plain");
        return blankToNull(plain ? paragraphs(value) : plainText(value, false));
    }

    /**
     * Reduces HTML to plain text: block elements and {@code <br><br>} become paragraph breaks (a blank
     * line), a single {@code <br>} a line break, white space in between is collapsed. Text without
     * markup keeps its own blank lines. With {@code oneLine}, the result is a single line.
     */
    static String plainText(String html, boolean oneLine) {
        String text;
        if (!MARKUP.matcher(html).find()) {
            text = paragraphs(Parser.unescapeEntities(html, false));
        } else {
            StringBuilder out = new StringBuilder();
            NodeTraversor.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if (node instanceof TextNode textNode) {
                        out.append(FeedText.collapseSpaces(textNode.getWholeText()));
                    } else if (node.nodeName().equals("br")) {
                        out.append('\n');
                    } else if (isBlock(node)) {
                        out.append("\n\n");
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    if (isBlock(node)) {
                        out.append("\n\n");
                    }
                }
            }, Jsoup.parseBodyFragment(html).body());
            text = FeedText.tidyLines(out).strip();
        }
        return oneLine ? ANY_SPACE_RUN.matcher(text).replaceAll(" ") : text;
    }

    private static boolean isBlock(Node node) {
        return switch (node.nodeName()) {
            case "p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
                    "section", "article", "figure", "figcaption", "hr" -> true;
            default -> false;
        };
    }

    /** Plain text: white space collapsed within a paragraph, paragraphs (blank-line separated) kept. */
    private static String paragraphs(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : BLANK_LINE.split(text.strip())) {
            String collapsed = FeedText.collapseSpaces(paragraph).strip();
            if (!collapsed.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n\n").append(collapsed);
            }
        }
        return out.toString();
    }

    /**
     * The text up to the last item that ends before {@code errorOffset}, with the elements still open
     * there closed, or {@code null} when no item ends before it.
     */
    private static String completeItemsBefore(String xml, int errorOffset) {
        Matcher end = ITEM_END.matcher(xml);
        int cut = -1;
        while (end.find() && end.end() <= errorOffset) {
            cut = end.end();
        }
        if (cut < 0) {
            return null;
        }
        String head = xml.substring(0, cut);
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(head);
        while (tag.find()) {
            if (tag.group(2) == null || !tag.group(3).isEmpty()) {
                continue;
            }
            if (tag.group(1).isEmpty()) {
                open.push(tag.group(2));
            } else if (!open.isEmpty()) {
                open.pop();
            }
        }
        StringBuilder healed = new StringBuilder(head);
        while (!open.isEmpty()) {
            healed.append("</").append(open.pop()).append('>');
        }
        return healed.toString();
    }

    private static int offset(String text, int line, int column) {
        if (line <= 0) {
            return text.length();
        }
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return text.length();
            }
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }

    /** ISO-8859-1 read as windows-1252, as browsers do (WHATWG Encoding Standard); other charsets as they are. */
    private static Charset asBrowsersRead(Charset declared) {
        return StandardCharsets.ISO_8859_1.equals(declared) ? WINDOWS_1252 : declared;
    }

    private static Charset charset(Matcher matcher) {
        return matcher.find() ? TextDecoder.charsetOrNull(matcher.group(1)) : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static String abbreviate(String text, int max) {
        String line = ANY_SPACE_RUN.matcher(text).replaceAll(" ");
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /**
     * Rome's input with its hardened XML reader exposed, so that the parsed document is at hand for
     * the dates as written. Rome 2.1.0's {@code createSAXBuilder} already defaults to the safe settings
     * (checked in its bytecode): {@code disallow-doctype-decl} on while {@code allowDoctypes} is false
     * (the default), external general and parameter entities off, external DTD loading off, an entity
     * resolver that answers with nothing, entity expansion off. {@code allowDoctypes} is set to false
     * here all the same, so that a change of Rome's default cannot weaken it unnoticed; Rome's XML
     * healer runs in front of a document that is not well-formed.
     */
    private static final class SecureFeedInput extends WireFeedInput {

        SecureFeedInput() {
            super(false, Locale.ROOT);
            setAllowDoctypes(false);
            setXmlHealerOn(true);
        }

        /**
         * The document, read as it is when it is well-formed (the healer changes nothing in well-formed
         * XML, and reads it a character at a time: a third of a feed's parsing), else through the
         * healer, which writes HTML's named entities ({@code &nbsp;}) as numeric references.
         */
        Document parse(String xml) throws JDOMException, IOException {
            SAXBuilder builder = createSAXBuilder();
            try {
                return builder.build(new StringReader(xml));
            } catch (JDOMParseException notWellFormed) {
                return builder.build(new XmlFixerReader(new StringReader(xml)));
            }
        }
    }
}
