package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlArticleExtractorTest {

    private static final String ARTICLE_BODY = """
            <p>The Ministry of Foreign Affairs welcomes the agreement reached between the parties on the exchange of
            prisoners and calls for its full and timely implementation by both sides.</p>
            <p>We hope that this step will contribute to building confidence and to the resumption of a substantive
            dialogue on all the issues on the agenda, including humanitarian ones.</p>
            """;

    private static String page(String head, String articleStart) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Prisoner exchange agreed | MFA</title>"
                + head + "</head><body><nav><a href=\"/\">Home</a></nav><article>" + articleStart
                + "<h1>Prisoner exchange agreed</h1>" + ARTICLE_BODY + "</article><footer>Footer</footer></body></html>";
    }

    private static String fixture(String path) {
        return new String(TextDecoderTest.fixture(path), StandardCharsets.UTF_8);
    }

    @Test
    void newsPageWorldDesk() {
        Draft draft = HtmlArticleExtractor.extract(fixture("html/news_page_world_desk.html"), "https://worldnewsdesk.example.com/world/");

        assertThat(draft.title()).isEqualTo("Lavrov meets Arab League envoy on Gaza truce");
        assertThat(draft.published()).isEqualTo(LocalDate.of(2024, 4, 2));
        assertThat(draft.url()).isNull();
        assertThat(draft.paragraphs()).hasSize(3);
        assertThat(draft.paragraphs().get(0)).startsWith("Russian Foreign Minister Sergey Lavrov met");
        assertThat(draft.paragraphs()).noneMatch(p -> p.contains("Subscribe to our newsletter")
                || p.contains("Celebrity chef") || p.contains("PIXEL-TRACKER") || p.contains("Cookie settings"));
    }

    @Test
    void ministryStatementWithJsonLdGraph() {
        Draft draft = HtmlArticleExtractor.extract(fixture("html/mfa_statement_jsonld.html"), "https://mfa.example.org/en/press/");

        assertThat(draft).isEqualTo(new Draft(
                "Foreign Ministry statement on the escalation in Israel and the Gaza Strip",
                // the NewsArticle's 2023-10-08T01:40:00+03:00, not the WebPage's date nor UTC's 7 October
                LocalDate.of(2023, 10, 8),
                List.of("Moscow is seriously concerned about the sharp escalation of the Palestinian-Israeli conflict,"
                                + " which has resulted in numerous casualties among the civilian population on both sides.",
                        "We call on the Palestinian and Israeli sides to implement an immediate ceasefire, renounce violence,"
                                + " exercise the necessary restraint and establish, with the assistance of the international"
                                + " community, a negotiation process aimed at establishing comprehensive, lasting and"
                                + " long-awaited peace in the Middle East.",
                        "Humanitarian situation",
                        "The Russian side stresses the importance of ensuring safe and unhindered access of humanitarian aid"
                                + " to the civilian population of the Gaza Strip, and of preventing a humanitarian catastrophe.",
                        "“The cycle of violence can only be broken through the implementation of the relevant resolutions"
                                + " of the UN Security Council and the General Assembly,” the statement said.",
                        "Russia is maintaining contacts with the Israeli and Palestinian sides, as well as with the Arab"
                                + " countries, with a view to de-escalating the situation."),
                "https://mfa.example.org/en/foreign_policy/news/1908870/"));
    }

    @Test
    void newsPageWithTimeElementAndListItems() {
        Draft draft = HtmlArticleExtractor.extract(fixture("html/news_page_time_datetime.html"), null);

        assertThat(draft.title()).isEqualTo("EU foreign ministers agree new package of measures");
        // 22:45 in New York is already the 27th in UTC: the page's own offset counts
        assertThat(draft.published()).isEqualTo(LocalDate.of(2023, 6, 26));
        assertThat(draft.url()).isEqualTo("https://courier.example.com/2023/06/27/eu-ministers-package");
        assertThat(draft.paragraphs()).hasSize(6);
        assertThat(draft.paragraphs().get(3)).isEqualTo("Export restrictions on dual-use goods are extended to further entities.");
        assertThat(draft.paragraphs().get(5)).isEqualTo("The decisions still need formal adoption by the Council, which is expected in the coming days.");
        assertThat(String.join("\n", draft.paragraphs()))
                .doesNotContain("privacy", "Subscribe", "Summer fashion", "Celebrity chef", "Anna Kovacs", "Copyright", "top-banner");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "article:published_time          | <meta property=\"article:published_time\" content=\"2022-11-30T23:10:00-08:00\"> | | 2022-11-30",
        "JSON-LD                         | <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-11-29T10:00:00+01:00\"}</script> | | 2022-11-29",
        "JSON-LD @graph                  | <script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\"datePublished\":\"2020-01-01\"},{\"@type\":\"Article\",\"datePublished\":\"2022-11-28\"}]}</script> | | 2022-11-28",
        "broken JSON-LD                  | <script type=\"application/ld+json\">{\"@type\":\"Article\" \"datePublished\":\"2022-11-27\"</script> | | 2022-11-27",
        "time datetime in the article    | | <time datetime=\"2022-11-26T08:00:00+09:00\">26 Nov</time> | 2022-11-26",
        "meta name=date                  | <meta name=\"date\" content=\"2022-11-25\"> | | 2022-11-25",
        "meta name=DC.date.issued        | <meta name=\"DC.date.issued\" content=\"2022-11-24\"> | | 2022-11-24",
        "meta name=pubdate               | <meta name=\"pubdate\" content=\"20221123\"> | | 2022-11-23",
        "itemprop=datePublished          | | <span itemprop=\"datePublished\" content=\"2022-11-22\">22 November</span> | 2022-11-22",
        "article:published_time wins     | <meta name=\"date\" content=\"2001-01-01\"><meta property=\"article:published_time\" content=\"2022-11-21\"> | | 2022-11-21",
        "no date, no fetch date either   | | | "})
    void publicationDateSources(String source, String head, String articleStart, LocalDate expected) {
        Draft draft = HtmlArticleExtractor.extract(page(head == null ? "" : head, articleStart == null ? "" : articleStart), null);

        assertThat(draft.published()).isEqualTo(expected);
        assertThat(draft.title()).isEqualTo("Prisoner exchange agreed");
        assertThat(draft.paragraphs()).hasSize(2);
    }

    @Test
    void timeElementOutsideTheArticleIsNotItsDate() {
        String html = page("", "").replace("<nav>", "<nav><time datetime=\"2030-01-01\">Today</time>");

        assertThat(HtmlArticleExtractor.extract(html, null).published()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "relative canonical resolved | <link rel=\"canonical\" href=\"/news/42\">                                 | https://mfa.example.org/news/42",
        "canonical before og:url     | <link rel=\"canonical\" href=\"https://a.example/1\"><meta property=\"og:url\" content=\"https://b.example/2\"> | https://a.example/1",
        "og:url                      | <meta property=\"og:url\" content=\"https://b.example/2\">                 | https://b.example/2",
        "none                        |                                                                            | "})
    void canonicalUrl(String source, String head, String expected) {
        Draft draft = HtmlArticleExtractor.extract(page(head == null ? "" : head, ""), "https://mfa.example.org/en/press/");

        assertThat(draft.url()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'Lavrov meets Arab League envoy | World News Desk'            | World News Desk | true  | Lavrov meets Arab League envoy",
        "'Talks in Geneva - The Ministry of Foreign Affairs'            | The Ministry of Foreign Affairs | false | Talks in Geneva",
        "'EU foreign ministers agree new package - Courier Online'      |                 | true  | EU foreign ministers agree new package",
        "'Russia – China joint statement on multipolarity'              |                 | false | Russia – China joint statement on multipolarity",
        "'Russia – China joint statement'                               |                 | true  | Russia – China joint statement",
        "'Press release | Ministry'                                     |                 | true  | 'Press release | Ministry'"})
    void siteSuffix(String title, String siteName, boolean generic, String expected) {
        assertThat(HtmlArticleExtractor.withoutSiteSuffix(title, siteName, generic)).isEqualTo(expected);
    }

    @Test
    void ogTitleIsPreferredOverTheHeading() {
        String html = page("<meta property=\"og:title\" content=\"Exchange of prisoners: statement | MFA\">", "");

        assertThat(HtmlArticleExtractor.extract(html, null).title()).isEqualTo("Exchange of prisoners: statement");
    }

    @Test
    void documentTitleWhenThereIsNoHeading() {
        String html = """
                <html><head><title>Statement on the exchange of prisoners - The Ministry</title></head>
                <body><div class="text">%s</div></body></html>
                """.formatted(ARTICLE_BODY);

        Draft draft = HtmlArticleExtractor.extract(html, null);

        assertThat(draft.title()).isEqualTo("Statement on the exchange of prisoners");
        assertThat(draft.paragraphs()).hasSize(2);
    }

    @Test
    void nestedBlocksGiveEachTextOnce() {
        String html = """
                <html><head><title>Briefing</title></head><body><article><h1>Briefing by the Spokeswoman</h1>
                <p>The Spokeswoman answered questions from the media on the following topics of the day.</p>
                <ul><li>Situation in the Middle East<ul><li>Humanitarian pauses in Gaza</li><li>Hostages</li></ul></li>
                <li>Visit of the Foreign Minister to Ankara</li></ul>
                <blockquote><p>“We see no alternative to a political settlement,” she said.</p><p>“None.”</p></blockquote>
                <pre>Q: Will the talks resume?
                A: They will, in October.</pre>
                </article></body></html>
                """;

        assertThat(HtmlArticleExtractor.extract(html, null).paragraphs()).containsExactly(
                "The Spokeswoman answered questions from the media on the following topics of the day.",
                "Situation in the Middle East",
                "Humanitarian pauses in Gaza",
                "Hostages",
                "Visit of the Foreign Minister to Ankara",
                "“We see no alternative to a political settlement,” she said.",
                "“None.”",
                "Q: Will the talks resume?\nA: They will, in October.");
    }

    @Test
    void pageWithoutTextGivesNoParagraphs() {
        String html = "<html><head><title>Loading…</title><script>render()</script></head><body><div id=\"app\"></div></body></html>";

        assertThat(HtmlArticleExtractor.extract(html, null))
                .isEqualTo(new Draft("Loading…", null, List.of(), null));
    }

    @Test
    void emptyMarkupGivesAnEmptyDraft() {
        assertThat(HtmlArticleExtractor.extract("", null)).isEqualTo(new Draft(null, null, List.of(), null));
    }
}
