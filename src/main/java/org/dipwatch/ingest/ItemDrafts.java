package org.dipwatch.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.dipwatch.model.Draft;

/**
 * The draft of each item a source lists: a feed item's from the feed's own text, or from its article
 * page when the source asks for full text and the page has some; a list page's link's from its
 * article page. An article page is fetched with the same {@link FeedFetcher} as the feed (one request
 * at a time per host) and read by {@link WebPage#article} like a page dropped in the inbox; the title
 * and date of the feed item or list entry stand in where the page shows none.
 */
public final class ItemDrafts {

    /**
     * The draft of a feed item.
     *
     * @param draft     the article: the page's text, or the feed's when the page had none or failed
     * @param pageError why the page's full text could not be used (naming the page), or {@code null}
     */
    public record FromFeed(Draft draft, String pageError) {
    }

    private final FeedFetcher fetcher;

    /** Drafts whose article pages are fetched with {@code fetcher}. */
    public ItemDrafts(FeedFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * The article of a feed item: its page's text when {@code fullText} is asked and the page has one,
     * else the feed's content (or summary), one paragraph per blank-line-separated block. A page that
     * cannot be fetched or read leaves the feed's text, with the reason in {@link FromFeed#pageError}.
     */
    public FromFeed ofFeedItem(FeedItem item, boolean fullText) throws InterruptedException {
        Draft fromFeed = new Draft(item.title(), item.published(), paragraphs(item.content() != null ? item.content() : item.summary()),
                item.link());
        if (!fullText || item.link() == null) {
            return new FromFeed(fromFeed, null);
        }
        try {
            Draft fromPage = article(item.link(), item.title(), item.published());
            return new FromFeed(fromPage.paragraphs().isEmpty() ? fromFeed : fromPage, null);
        } catch (IOException e) {
            return new FromFeed(fromFeed, FeedFetcher.describe(URI.create(item.link()), e));
        } catch (UnreadableDocumentException | IllegalArgumentException e) {
            return new FromFeed(fromFeed, e.getMessage());
        }
    }

    /**
     * The article page a list page links to, with the title and date of the list's entry where the
     * page shows none.
     *
     * @throws IOException                 the page could not be fetched
     * @throws UnreadableDocumentException the page holds no readable text
     * @throws IllegalArgumentException    the link is no address
     */
    public Draft ofLink(WebPage.Link link) throws IOException, InterruptedException, UnreadableDocumentException {
        return article(link.url(), link.title(), link.published());
    }

    private Draft article(String link, String title, LocalDate published)
            throws IOException, InterruptedException, UnreadableDocumentException {
        FeedFetcher.Fetched page = fetcher.fetch(URI.create(link), FeedFetcher.Validators.NONE);
        Draft fromPage = WebPage.article(link, page.body(), page.contentType(), link);
        return new Draft(fromPage.title() != null ? fromPage.title() : title,
                fromPage.published() != null ? fromPage.published() : published, fromPage.paragraphs(), link);
    }

    private static final java.util.regex.Pattern BLANK_LINE = java.util.regex.Pattern.compile("\\n\\s*\\n");

    private static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(BLANK_LINE.split(text)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
