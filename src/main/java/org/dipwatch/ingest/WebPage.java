package org.dipwatch.ingest;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.model.Draft;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * Reads fetched web pages for the sources: an article page into a {@link Draft} through the same
 * extraction as a page dropped into the inbox, and a ministry's list page into the links it lists.
 * jsoup types stay in this class: callers get drafts, {@link Link} records and messages.
 *
 * <p>Charset, in order: the Content-Type header's charset, else the page's {@code <meta charset>},
 * each only when the bytes decode under it without error; else strict UTF-8; else detection.
 */
public final class WebPage {

    /**
     * One entry of a list page.
     *
     * @param url       the absolute address of the article page
     * @param title     the entry's title (the {@code titleSelector}'s text, else the link's text), or {@code null}
     * @param published the date the entry shows ({@code dateSelector}), or {@code null}
     */
    public record Link(String url, String title, LocalDate published) {
    }

    /** The CSS selectors that find the entries of a list page; title and date selectors may be {@code null}. */
    public record Selectors(String item, String link, String title, String date) {
    }

    private WebPage() {
    }

    /** Decodes a fetched HTML page: header charset, else meta charset, else UTF-8, else detection. */
    public static String decode(String name, byte[] body, String contentType) throws UnreadableDocumentException {
        Charset declared = TextDecoder.headerCharset(contentType);
        if (declared != null) {
            return TextDecoder.decode(name, body, declared);
        }
        return TextDecoder.decodeHtml(name, body);
    }

    /**
     * The article of a fetched page, or a draft without paragraphs when the page holds no readable text.
     *
     * @param url the page's address: the draft's URL when the page names no canonical one
     */
    public static Draft article(String name, byte[] body, String contentType, String url) throws UnreadableDocumentException {
        Draft draft = HtmlArticleExtractor.extract(decode(name, body, contentType), url);
        return draft.url() == null ? draft.withUrl(url) : draft;
    }

    /**
     * The entries of a list page, in page order, each link resolved against {@code baseUrl}; an
     * entry without a link that resolves to http(s) is skipped, and a link listed twice counts once.
     */
    public static List<Link> links(String name, byte[] body, String contentType, String baseUrl, Selectors selectors)
            throws UnreadableDocumentException {
        Document page = Jsoup.parse(decode(name, body, contentType), baseUrl);
        Map<String, Link> out = new LinkedHashMap<>();
        for (Element item : page.select(selectors.item())) {
            Element a = item.is(selectors.link()) ? item : item.selectFirst(selectors.link());
            if (a == null) {
                continue;
            }
            String href = a.hasAttr("href") ? a.absUrl("href") : a.text();
            if (!href.startsWith("http://") && !href.startsWith("https://")) {
                continue;
            }
            href = href.replaceFirst("#.*$", "");
            String title = text(item, selectors.title());
            if (title == null) {
                title = a.text().isBlank() ? null : a.text().strip();
            }
            LocalDate date = null;
            if (selectors.date() != null && !selectors.date().isBlank()) {
                Element d = item.selectFirst(selectors.date());
                if (d != null) {
                    date = PublicationDate.parse(d.hasAttr("datetime") ? d.attr("datetime") : d.text());
                }
            }
            out.putIfAbsent(href, new Link(href, title, date));
        }
        return new ArrayList<>(out.values());
    }

    /** Why a CSS selector is not valid for jsoup, or {@code null} when it is. */
    public static String selectorProblem(String selector) {
        if (selector == null || selector.isBlank()) {
            return "is empty";
        }
        try {
            Selector.evaluatorOf(selector);
            return null;
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            return "is not a CSS selector jsoup understands (" + e.getMessage() + ")";
        }
    }

    private static String text(Element item, String selector) {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        Element e = item.selectFirst(selector);
        return e == null || e.text().isBlank() ? null : e.text().strip();
    }
}
