package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** List pages into links and article pages into drafts, with the charset from the header or the page. */
class WebPageTest {

    private static final String LIST = """
            <html><head><meta charset="windows-1251"><title>Новости</title></head><body>
            <nav><a href="/">Главная</a></nav>
            <div class="news">
              <article><h3>Заявление МИД</h3><a href="/ru/news/101#top">подробнее</a><span class="d">20.11.2026</span></article>
              <article><h3>Брифинг</h3><a href="https://mid.example/ru/news/102">подробнее</a><time datetime="2026-11-19T10:00:00+03:00">19 ноября</time></article>
              <article><h3>Повтор</h3><a href="/ru/news/101">подробнее</a></article>
              <article><h3>Почта</h3><a href="mailto:press@mid.example">написать</a></article>
              <article><h3>Без ссылки</h3></article>
            </div></body></html>
            """;

    @Test
    void aListPageGivesEachEntrysAbsoluteLinkTitleAndDateOnce() throws Exception {
        List<WebPage.Link> links = WebPage.links("mid", LIST.getBytes(Charset.forName("windows-1251")), "text/html",
                "https://mid.example/ru/news", new WebPage.Selectors("div.news article", "a", "h3", "span.d, time"));
        assertThat(links).containsExactly(
                new WebPage.Link("https://mid.example/ru/news/101", "Заявление МИД", LocalDate.of(2026, 11, 20)),
                new WebPage.Link("https://mid.example/ru/news/102", "Брифинг", LocalDate.of(2026, 11, 19)));
    }

    @Test
    void theHeadersCharsetWinsOverAMetaThatLies() throws Exception {
        String page = LIST.replace("windows-1251", "iso-8859-1");
        List<WebPage.Link> links = WebPage.links("mid", page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "https://mid.example/ru/news", new WebPage.Selectors("div.news article", "a", "h3", null));
        assertThat(links).extracting(WebPage.Link::title).containsExactly("Заявление МИД", "Брифинг");
    }

    @Test
    void aHeaderSayingIso88591IsReadAsWindows1252AsBrowsersDo() throws Exception {
        String page = "<html><head><title>x</title></head><body><ul class=\"news\"><li><a href=\"/n/1\">\u201cTalks\u201d \u2013 Doha</a>"
                + "</li></ul></body></html>";
        List<WebPage.Link> links = WebPage.links("mfa", page.getBytes(Charset.forName("windows-1252")),
                "text/html; charset=ISO-8859-1", "https://mfa.example/", new WebPage.Selectors("ul.news li", "a", null, null));
        assertThat(links).extracting(WebPage.Link::title).containsExactly("\u201cTalks\u201d \u2013 Doha");
    }

    @Test
    void anArticlePageWithoutACanonicalLinkTakesTheAddressItCameFrom() throws Exception {
        Draft d = WebPage.article("a", """
                <html><head><title>Talks in Doha</title></head><body><article><h1>Talks in Doha</h1>
                <p>The delegations met in Doha on Friday to discuss the exchange of prisoners and the ceasefire.</p>
                <p>Both sides agreed to meet again next week, the mediators said in a statement.</p></article></body></html>
                """.getBytes(StandardCharsets.UTF_8), "text/html", "https://mfa.example/news/7");
        assertThat(d.url()).isEqualTo("https://mfa.example/news/7");
        assertThat(d.title()).isEqualTo("Talks in Doha");
        assertThat(d.paragraphs()).anySatisfy(p -> assertThat(p).contains("exchange of prisoners"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ul.news > li", "a[href]", "div.list article:has(time)", "h3"})
    void validSelectorsHaveNoProblem(String selector) {
        assertThat(WebPage.selectorProblem(selector)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ul.news >> li[", "a[href", ":nonsense(x)", ""})
    void invalidSelectorsAreNamed(String selector) {
        assertThat(WebPage.selectorProblem(selector)).isNotNull();
    }
}
