package org.dipwatch.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.dipwatch.model.Draft;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Extracts the article from a web page: its title, publication date, canonical URL and the
 * paragraphs of its text, without navigation, related-article lists, scripts, cookie banners or
 * footers.
 *
 * <p>The text comes from Readability4J (a port of Firefox's reader view) run on jsoup: first cookie
 * and consent banners are removed, then Readability picks the element that holds the article, and
 * its block elements ({@code p}, {@code h2}–{@code h6}, {@code li}, {@code blockquote},
 * {@code pre}) become the paragraphs in document order; a block that repeats the title is left out.
 * When Readability finds nothing, the paragraphs come from the body with its header, navigation,
 * asides, forms and footer removed. When that finds nothing either, the draft has no paragraphs: the
 * caller decides whether a title alone is worth keeping ({@link DocumentReader} rejects a draft with
 * neither).
 *
 * <p>Metadata is read from the whole page. Title: {@code og:title}, else the {@code h1} of the
 * article, else Readability's title (from {@code <title>}), with a site suffix
 * ({@code " | World News Desk"}, {@code " - Site"}) removed. Date, first found wins:
 * {@code meta property=article:published_time}, JSON-LD {@code datePublished} (also in
 * {@code @graph}, an article's before any other type's), {@code <time datetime>} in the article,
 * {@code meta name=date|dc.date|dc.date.issued|pubdate}, {@code itemprop=datePublished}; a timestamp
 * with an offset gives the date in its own offset. URL: {@code link rel=canonical}, else
 * {@code og:url}, resolved against the base URI, else {@code null}.
 */
public final class HtmlArticleExtractor {

    private static final Set<String> BLOCKS = Set.of("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre");
    private static final Set<String> DATE_META_NAMES = Set.of("date", "dc.date", "dc.date.issued", "pubdate");
    private static final String PAGE_CHROME = "script, style, noscript, template, iframe, svg, nav, header, footer,"
            + " aside, form, button, [hidden], [aria-hidden=true]";
    private static final Pattern CONSENT_BANNER = Pattern.compile("cookie|consent|gdpr|onetrust");
    private static final Pattern SEPARATOR = Pattern.compile("\\s+(\\||::|·|»|-|–|—)\\s+");
    private static final Pattern JSON_DATE_PUBLISHED = Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private HtmlArticleExtractor() {
    }

    /**
     * Extracts the article from a page.
     *
     * @param html    the page's markup, already decoded
     * @param baseUri the address the page came from, to resolve a relative canonical link; may be {@code null}
     * @return the draft; its paragraphs are empty when the page holds no readable text, and title,
     *         date and URL are {@code null} when the page does not state them
     */
    public static Draft extract(String html, String baseUri) {
        String base = baseUri == null ? "" : baseUri;
        Document page = Jsoup.parse(html, base);
        Element content = readableContent(page, base);
        String title = title(page, content);
        List<String> paragraphs = new ArrayList<>();
        if (content != null) {
            collectBlocks(content, title, paragraphs);
        }
        if (paragraphs.isEmpty() && page.body() != null) {
            Element body = page.body().clone();
            body.select(PAGE_CHROME).remove();
            removeConsentBanners(body);
            collectBlocks(body, title, paragraphs);
        }
        return new Draft(title, publishedDate(page, content), paragraphs, canonicalUrl(page));
    }

    /** The element Readability takes for the article, or {@code null} when it finds none or fails. */
    private static Element readableContent(Document page, String base) {
        Document copy = page.clone();
        removeConsentBanners(copy);
        // Readability keeps a serialized copy of the page for its retries; jsoup's pretty printer
        // takes quadratic time over long runs of siblings (100,000 nested <div>s flattened below
        // the parser's depth limit took minutes and held the pipeline), the plain one linear time
        copy.outputSettings().prettyPrint(false);
        try {
            // Readability resolves the content's links and logs an error for a base without a scheme;
            // only the text is used, so a page without an address gets a reserved placeholder one
            String readabilityBase = base.isEmpty() ? "https://document.invalid/" : base;
            Article article = new Readability4JExtended(readabilityBase, copy).parse();
            return article.getArticleContent();
        } catch (RuntimeException e) {
            // Readability gives up on some malformed pages; the body fallback still reads them
            return null;
        }
    }

    private static void removeConsentBanners(Element root) {
        for (Element element : root.select("[id], [class]")) {
            String tag = element.normalName();
            if (tag.equals("html") || tag.equals("body") || tag.equals("main") || tag.equals("article")) {
                continue;
            }
            String names = (element.id() + " " + element.className()).toLowerCase(Locale.ROOT);
            if (CONSENT_BANNER.matcher(names).find() && element.selectFirst("article, main") == null) {
                element.remove();
            }
        }
    }

    private static void collectBlocks(Element parent, String title, List<String> paragraphs) {
        for (Element child : parent.children()) {
            collect(child, title, paragraphs);
        }
    }

    private static void collect(Element element, String title, List<String> paragraphs) {
        String tag = element.normalName();
        if (!BLOCKS.contains(tag)) {
            collectBlocks(element, title, paragraphs);
        } else if (tag.equals("pre")) {
            add(element.wholeText(), title, paragraphs);
        } else if (hasBlockDescendant(element)) {
            collectMixed(element, title, paragraphs);
        } else {
            add(element.text(), title, paragraphs);
        }
    }

    private static boolean hasBlockDescendant(Element element) {
        for (Element descendant : element.getAllElements()) {
            if (descendant != element && BLOCKS.contains(descendant.normalName())) {
                return true;
            }
        }
        return false;
    }

    /** A block holding other blocks (a list item with a sub-list, a quote of paragraphs): its loose text is a paragraph too. */
    private static void collectMixed(Element block, String title, List<String> paragraphs) {
        StringBuilder loose = new StringBuilder();
        for (Node node : block.childNodes()) {
            if (node instanceof Element element && (BLOCKS.contains(element.normalName()) || hasBlockDescendant(element))) {
                add(loose.toString(), title, paragraphs);
                loose.setLength(0);
                collect(element, title, paragraphs);
            } else if (node instanceof Element element) {
                loose.append(element.normalName().equals("br") ? " " : element.text());
            } else if (node instanceof TextNode text) {
                loose.append(text.text());
            }
        }
        add(loose.toString(), title, paragraphs);
    }

    private static void add(String text, String title, List<String> paragraphs) {
        String paragraph = text.strip();
        if (!paragraph.isEmpty() && !paragraph.equalsIgnoreCase(title)) {
            paragraphs.add(paragraph);
        }
    }

    private static String title(Document page, Element content) {
        String siteName = meta(page, "meta[property=og:site_name]", "meta[name=application-name]");
        String ogTitle = meta(page, "meta[property=og:title]", "meta[name=og:title]");
        if (ogTitle != null) {
            return withoutSiteSuffix(ogTitle, siteName, true);
        }
        Element heading = page.selectFirst("article h1");
        if (heading == null && content != null) {
            heading = content.selectFirst("h1");
        }
        if (heading != null && !heading.text().isBlank()) {
            // a headline may well contain " - ": only a suffix naming the site is cut from it
            return withoutSiteSuffix(heading.text().strip(), siteName, false);
        }
        String documentTitle = page.title();
        return documentTitle.isBlank() ? null : withoutSiteSuffix(documentTitle.strip(), siteName, true);
    }

    /**
     * The title without a trailing {@code " | Site"}: always when the suffix is the site's name, and
     * when {@code generic} also when it is a short phrase after the last separator.
     */
    static String withoutSiteSuffix(String title, String siteName, boolean generic) {
        if (siteName != null && !siteName.isBlank()) {
            Matcher matcher = SEPARATOR.matcher(title);
            while (matcher.find()) {
                if (title.substring(matcher.end()).strip().equalsIgnoreCase(siteName.strip())) {
                    return title.substring(0, matcher.start()).strip();
                }
            }
        }
        if (!generic) {
            return title;
        }
        Matcher matcher = SEPARATOR.matcher(title);
        int start = -1;
        int end = -1;
        while (matcher.find()) {
            start = matcher.start();
            end = matcher.end();
        }
        if (start <= 0) {
            return title;
        }
        String head = title.substring(0, start).strip();
        String suffix = title.substring(end).strip();
        if (words(suffix) <= 4 && words(head) >= 3) {
            return head;
        }
        return title;
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static LocalDate publishedDate(Document page, Element content) {
        Stream<Supplier<String>> candidates = Stream.of(
                () -> meta(page, "meta[property=article:published_time]", "meta[name=article:published_time]"),
                () -> jsonLdDatePublished(page),
                () -> attribute(page.selectFirst("article time[datetime]"), "datetime"),
                () -> content == null ? null : attribute(content.selectFirst("time[datetime]"), "datetime"),
                () -> namedDateMeta(page),
                () -> itemPropDate(page));
        return candidates.map(Supplier::get)
                .map(PublicationDate::parse)
                .filter(date -> date != null)
                .findFirst()
                .orElse(null);
    }

    private static String namedDateMeta(Document page) {
        for (Element meta : page.select("meta[name][content]")) {
            if (DATE_META_NAMES.contains(meta.attr("name").strip().toLowerCase(Locale.ROOT))
                    && PublicationDate.parse(meta.attr("content")) != null) {
                return meta.attr("content");
            }
        }
        return null;
    }

    private static String itemPropDate(Document page) {
        Element element = page.selectFirst("[itemprop=datePublished]");
        if (element == null) {
            return null;
        }
        for (String name : List.of("content", "datetime")) {
            if (element.hasAttr(name)) {
                return element.attr(name);
            }
        }
        return element.text();
    }

    /** The {@code datePublished} of the JSON-LD blocks, an article's (any {@code *Article}, {@code BlogPosting}) first. */
    private static String jsonLdDatePublished(Document page) {
        String fallback = null;
        for (Element script : page.select("script[type=application/ld+json]")) {
            String json = script.data();
            try {
                List<JsonNode> nodes = new ArrayList<>();
                collectDated(JSON.readTree(json), nodes);
                for (JsonNode node : nodes) {
                    if (isArticle(node.get("@type"))) {
                        return text(node.get("datePublished"));
                    }
                    if (fallback == null) {
                        fallback = text(node.get("datePublished"));
                    }
                }
            } catch (JsonProcessingException e) {
                // pages ship broken JSON-LD often enough; the value itself is usually still plain to see
                Matcher matcher = JSON_DATE_PUBLISHED.matcher(json);
                if (fallback == null && matcher.find()) {
                    fallback = matcher.group(1);
                }
            }
        }
        return fallback;
    }

    private static void collectDated(JsonNode node, List<JsonNode> dated) {
        if (node == null) {
            return;
        }
        if (node.isObject() && node.hasNonNull("datePublished")) {
            dated.add(node);
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collectDated(child, dated);
            }
        }
    }

    private static boolean isArticle(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (isArticle(each)) {
                    return true;
                }
            }
            return false;
        }
        String name = type.asText();
        return name.endsWith("Article") || name.equals("BlogPosting") || name.equals("Report");
    }

    private static String text(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : text(value.get(0));
        }
        if (value.isObject()) {
            return text(value.get("@value"));
        }
        return value.asText();
    }

    private static String canonicalUrl(Document page) {
        Element canonical = page.selectFirst("link[rel=canonical][href]");
        String url = canonical == null ? "" : canonical.absUrl("href");
        if (url.isEmpty()) {
            Element ogUrl = page.selectFirst("meta[property=og:url][content]");
            url = ogUrl == null ? "" : ogUrl.absUrl("content");
        }
        return url.isEmpty() ? null : url;
    }

    /** The content of the first of these meta tags that has a non-blank one. */
    private static String meta(Document page, String... selectors) {
        for (String selector : selectors) {
            Element meta = page.selectFirst(selector);
            if (meta != null && !meta.attr("content").isBlank()) {
                return meta.attr("content").strip();
            }
        }
        return null;
    }

    private static String attribute(Element element, String name) {
        return element == null ? null : element.attr(name);
    }
}
