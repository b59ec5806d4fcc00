package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.dipwatch.model.Draft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feed items and list entries into drafts, their article pages served by a real HTTP server on 127.0.0.1. */
class ItemDraftsTest {

    private static final String ARTICLE = """
            <html><head><title>Talks in Doha</title></head><body><article><h1>Talks in Doha</h1>
            <p>The delegations met in Doha on Friday to discuss the exchange of prisoners and the ceasefire.</p>
            <p>Both sides agreed to meet again next week, the mediators said in a statement.</p></article></body></html>
            """;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private HttpServer server;
    private String base;
    private ItemDrafts drafts;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/news/7", exchange -> send(exchange, 200, ARTICLE));
        server.createContext("/empty", exchange -> send(exchange, 200, ""));
        server.createContext("/gone", exchange -> send(exchange, 404, "not here"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        drafts = new ItemDrafts(new FeedFetcher("dipwatch-test", Duration.ofSeconds(10), 3, Duration.ZERO));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private FeedItem item(String path, String summary, String content) {
        return new FeedItem("id-1", path == null ? null : base + path, "Doha talks (feed)", DAY, summary, content);
    }

    @Test
    void withoutFullTextAFeedItemsContentIsItsTextOneParagraphPerBlock() throws Exception {
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item("/news/7", "A summary.", "First paragraph.\n\n  Second one.\n \n"), false);

        assertThat(d.draft()).isEqualTo(new Draft("Doha talks (feed)", DAY, List.of("First paragraph.", "Second one."), base + "/news/7"));
        assertThat(d.pageError()).isNull();
    }

    @Test
    void aFeedItemWithoutContentHasItsSummaryAndOneWithNeitherNoParagraphs() throws Exception {
        assertThat(drafts.ofFeedItem(item("/news/7", "Only a summary.", null), false).draft().paragraphs())
                .containsExactly("Only a summary.");
        assertThat(drafts.ofFeedItem(item("/news/7", " ", null), false).draft().paragraphs()).isEmpty();
    }

    @Test
    void withFullTextTheArticlePageIsTheTextWithThePagesTitleAndTheItemsDate() throws Exception {
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item("/news/7", "A summary.", null), true);

        assertThat(d.pageError()).isNull();
        assertThat(d.draft().title()).isEqualTo("Talks in Doha");
        assertThat(d.draft().published()).isEqualTo(DAY);
        assertThat(d.draft().url()).isEqualTo(base + "/news/7");
        assertThat(d.draft().paragraphs()).anySatisfy(p -> assertThat(p).contains("exchange of prisoners"));
    }

    @Test
    void aPageThatCannotBeFetchedLeavesTheFeedsTextAndSaysWhy() throws Exception {
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item("/gone", "A summary.", null), true);

        assertThat(d.draft().paragraphs()).containsExactly("A summary.");
        assertThat(d.draft().title()).isEqualTo("Doha talks (feed)");
        assertThat(d.pageError()).isEqualTo("fetch " + base + "/gone: answered 404");
    }

    @Test
    void aPageWithoutTextLeavesTheFeedsTextAndSaysWhy() throws Exception {
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item("/empty", "A summary.", null), true);

        assertThat(d.draft().paragraphs()).containsExactly("A summary.");
        assertThat(d.pageError()).isNotBlank();
    }

    @Test
    void aFeedItemWithoutALinkKeepsTheFeedsTextEvenWithFullText() throws Exception {
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item(null, "A summary.", null), true);

        assertThat(d.draft().paragraphs()).containsExactly("A summary.");
        assertThat(d.draft().url()).isNull();
        assertThat(d.pageError()).isNull();
    }

    @Test
    void aListEntrysPageIsItsArticleAndAPageThatIsGoneIsAnError() throws Exception {
        Draft d = drafts.ofLink(new WebPage.Link(base + "/news/7", "Entry title", DAY));

        assertThat(d.title()).isEqualTo("Talks in Doha");
        assertThat(d.published()).isEqualTo(DAY);
        assertThat(d.url()).isEqualTo(base + "/news/7");
        assertThatThrownBy(() -> drafts.ofLink(new WebPage.Link(base + "/gone", "Entry title", DAY)))
                .isInstanceOf(IOException.class).hasMessage("fetch " + base + "/gone: answered 404");
    }

    @Test
    void aRefusedConnectionIsDescribedForAPerson() throws Exception {
        server.stop(0);
        ItemDrafts.FromFeed d = drafts.ofFeedItem(item("/news/7", "A summary.", null), true);

        assertThat(d.draft().paragraphs()).containsExactly("A summary.");
        assertThat(d.pageError()).isEqualTo("fetch " + base + "/news/7: the connection was refused or could not be made");
    }
}
