package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.jdom2.input.JDOMParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedParserTest {

    private static final String RSS = "application/rss+xml";

    @Test
    void rss20MinistryFeedGivesItemsWithGuidOrLinkAsIdAndDatesInTheirOwnOffset() throws Exception {
        List<FeedItem> items = FeedParser.parse("mid-en", fixture("rss_2.0_mid-en.xml"), RSS + "; charset=UTF-8");

        assertThat(items).containsExactly(
                new FeedItem("mid-1987001", "https://mid.ru/en/foreign_policy/news/1987001/",
                        "Foreign Minister Sergey Lavrov’s statement on the situation in the Middle East",
                        LocalDate.of(2025, 11, 3),
                        "Moscow calls on all parties to exercise restraint.\n\n"
                                + "The Minister stressed the need for a «political and diplomatic settlement».",
                        "Moscow calls on all parties to exercise restraint.\n\n"
                                + "The Minister stressed the need for a political and diplomatic settlement based on"
                                + " the relevant UN Security Council resolutions.\n\n"
                                + "Russia is ready to contribute to such efforts."),
                new FeedItem("https://mid.ru/en/foreign_policy/news/1986950/",
                        "https://mid.ru/en/foreign_policy/news/1986950/",
                        "Comment by Foreign Ministry Spokeswoman Maria Zakharova on the OSCE meeting in Vienna",
                        LocalDate.of(2025, 11, 2), "The OSCE Permanent Council met in Vienna on 31 October.", null),
                // 00:30 at +08:00 is still 31 October in UTC: the item's own offset decides
                new FeedItem("https://mid.ru/en/foreign_policy/news/1986800/",
                        "https://mid.ru/en/foreign_policy/news/1986800/",
                        "Press release on consultations between Russia and China on Asia-Pacific affairs",
                        LocalDate.of(2025, 11, 1),
                        "On 31 October, Deputy Foreign Minister Andrey Rudenko held consultations\n"
                                + "with Assistant Minister of Foreign Affairs of China.", null));
    }

    @Test
    void rss10RdfAgencyFeed() throws Exception {
        List<FeedItem> items = FeedParser.parse("tass-en", fixture("rss_1.0_tass.xml"), "application/rdf+xml");

        assertThat(items).containsExactly(
                new FeedItem("https://tass.com/politics/2040101", "https://tass.com/politics/2040101",
                        "Kremlin says talks with Washington will continue", LocalDate.of(2025, 11, 4),
                        "Presidential Spokesman Dmitry Peskov said the contacts \"are being maintained at the"
                                + " working level\".", null),
                new FeedItem("https://tass.com/politics/2040088", "https://tass.com/politics/2040088",
                        "Lavrov to visit Minsk next week", LocalDate.of(2025, 11, 3),
                        "The Foreign Minister will take part in the Eurasian security conference.", null));
    }

    @Test
    void atom10UnFeedReadsHtmlSummaryXhtmlContentAndFallsBackToUpdated() throws Exception {
        List<FeedItem> items = FeedParser.parse("un-news", fixture("atom_1.0_un-news.xml"), "application/atom+xml");

        assertThat(items).containsExactly(
                new FeedItem("tag:news.un.org,2025:1165432", "https://news.un.org/en/story/2025/11/1165432",
                        "Security Council extends UN mission in South Sudan", LocalDate.of(2025, 11, 3),
                        "The Council voted 13 in favour, with 2 abstentions.",
                        "The Security Council on Monday extended the mandate of UNMISS for one year.\n\n"
                                + "Ambassadors welcomed the decision."),
                new FeedItem("tag:news.un.org,2025:1165400", "https://news.un.org/en/story/2025/11/1165400",
                        "Guterres calls for ceasefire & humanitarian access", LocalDate.of(2025, 11, 2),
                        "The Secretary-General spoke to reporters in New York.", null));
    }

    @Test
    void atom03OldFeedUsesIssuedDate() throws Exception {
        List<FeedItem> items = FeedParser.parse("um-fi", fixture("atom_0.3_um-fi.xml"), null);

        assertThat(items).containsExactly(new FeedItem("tag:um.fi,2009:press-release-159",
                "https://um.fi/press-releases/2009/05/cbss",
                "Foreign Minister Stubb to attend the Council of the Baltic Sea States meeting",
                LocalDate.of(2009, 5, 12), "The meeting takes place in Elsinore, Denmark, on 3-4 June.", null));
    }

    @Test
    void rss091WithNetscapeDoctypeAndLatin1IsReadWithoutFetchingTheDtd() throws Exception {
        List<FeedItem> items = FeedParser.parse("diplomatie-fr", fixture("rss_0.91_diplomatie-fr.xml"), "text/xml");

        assertThat(items).containsExactly(new FeedItem("https://www.diplomatie.gouv.fr/fr/communiques/2003/soudan",
                "https://www.diplomatie.gouv.fr/fr/communiques/2003/soudan",
                "Déclaration du porte-parole – Situation au Soudan", null,
                "La France condamne les violences au Darfour.", null));
    }

    @Test
    void jsonFeed11PresidencyIsDetectedByContentTypeAndByBody() throws Exception {
        List<FeedItem> expected = List.of(
                new FeedItem("statement-2025-1104",
                        "https://presidency.example.gov/statements/2025/11/04/un-general-assembly",
                        "Statement by the President on the UN General Assembly resolution", LocalDate.of(2025, 11, 4),
                        "The President welcomed the adoption of the resolution.",
                        "The President welcomed the adoption of the resolution.\n\nHe thanked the co-sponsors."),
                new FeedItem("statement-2025-1101", "https://presidency.example.gov/statements/2025/11/01/phone-call",
                        "Telephone conversation with the Chancellor of Germany", LocalDate.of(2025, 11, 1), null,
                        "The leaders discussed bilateral relations.\n\nThey agreed to stay in contact."));

        assertThat(FeedParser.parse("presidency", fixture("json_feed_1.1_presidency.json"), "application/feed+json"))
                .isEqualTo(expected);
        assertThat(FeedParser.parse("presidency", fixture("json_feed_1.1_presidency.json"), null))
                .isEqualTo(expected);
    }

    @Test
    void itemWithoutGuidOrLinkIsIdentifiedByTheHashOfItsText() throws Exception {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Embassy</title><link>https://embassy.example/</link>
                <description>Notes</description>
                <item><title>Note verbale No. 12/2025</title>
                <description>The Embassy presents its compliments to the Ministry.</description></item>
                </channel></rss>
                """;

        List<FeedItem> items = FeedParser.parse("embassy", rss.getBytes(StandardCharsets.UTF_8), RSS);

        assertThat(items).extracting(FeedItem::id)
                .containsExactly("sha256:5f4c32c3ada44a84cb0c2d81c5435dcf125f0a224efcb749fd16dfd070a2e414");
    }

    @Test
    void bareAmpersandsAreEscapedInsteadOfFailingTheFeed() throws Exception {
        List<FeedItem> items = FeedParser.parse("mfat", fixture("malformed_bare-ampersand.xml"), RSS);

        assertThat(items).containsExactly(new FeedItem("mfat-4411",
                "https://www.mfat.example/en/media/release?id=4411&lang=en",
                "Trade & Investment talks with ASEAN partners conclude", LocalDate.of(2025, 11, 4),
                "Ministers met in Kuala Lumpur & agreed on next steps for 2026.", null));
    }

    @Test
    void bomAndPhpWarningBeforeThePrologAreDropped() throws Exception {
        List<FeedItem> items = FeedParser.parse("embassy", fixture("malformed_junk-before-prolog.xml"), "text/xml");

        assertThat(items).containsExactly(new FeedItem("https://embassy.example/news/credentials",
                "https://embassy.example/news/credentials", "Ambassador presents credentials",
                LocalDate.of(2025, 11, 5), "The Ambassador presented his credentials to the President.", null));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @CsvSource(nullValues = "none", value = {"none", "text/xml", "application/rss+xml; charset=windows-1251"})
    void windows1251BytesUnderAPrologClaimingUtf8AreRecovered(String contentType) throws Exception {
        List<FeedItem> items = FeedParser.parse("mid-ru", fixture("malformed_wrong-encoding-declared.xml"), contentType);

        assertThat(items).containsExactly(new FeedItem("mid-ru-1987002",
                "https://mid.ru/ru/foreign_policy/news/1987002/",
                "Заявление МИД России в связи с ситуацией на Ближнем Востоке", LocalDate.of(2025, 11, 4),
                "Москва призывает все стороны к сдержанности и возобновлению переговоров.", null));
    }

    @Test
    void truncatedFeedYieldsTheCompleteItemsBeforeTheCut() throws Exception {
        List<FeedItem> items = FeedParser.parse("tass-en", fixture("malformed_truncated.xml"), RSS);

        assertThat(items).extracting(FeedItem::id, FeedItem::title, FeedItem::published).containsExactly(
                org.assertj.core.groups.Tuple.tuple("https://tass.com/politics/2040200",
                        "Russian, Chinese diplomats discuss Korean Peninsula", LocalDate.of(2025, 11, 4)),
                org.assertj.core.groups.Tuple.tuple("https://tass.com/politics/2040199",
                        "Moscow expects clarity from Washington on New START", LocalDate.of(2025, 11, 4)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            // RFC 822 zone names: Rome reads them in UTC, which put a 21:40 EST readout on the next day
            "Fri, 20 Nov 2026 21:40:00 EST   | 2026-11-20",
            "Fri, 20 Nov 2026 22:40:00 EDT   | 2026-11-20",
            "20 NOV 2026 21:30 pdt           | 2026-11-20",
            "Sat, 21 Nov 2026 10:00:00 GMT   | 2026-11-21",
            // an ISO-style offset in an RFC 822 date was no date at all
            "Sat, 21 Nov 2026 01:15:00 +03:00 | 2026-11-21",
            "Fri, 20 Nov 2026 23:30:00 -0500 | 2026-11-20"})
    void rfc822DateWithAZoneNameOrAColonOffsetKeepsItsOwnDay(String written, LocalDate day) {
        assertThat(FeedParser.date(written)).isEqualTo(day);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'32 Nov 2026 10:00:00 +0000'", "'Mon, 30 Feb 2026 10:00:00 GMT'", "'2026-13-45T25:61:00+02:00'"})
    void impossibleDateIsNoDateRatherThanAnInventedOne(String written) throws Exception {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>MFA</title><link>https://mfa.example.gov/</link>
                <description>Statements</description>
                <item><title>Statement</title><link>https://mfa.example.gov/s/1</link><pubDate>%s</pubDate></item>
                </channel></rss>
                """.formatted(written);

        // Rome's lenient parse rolled these over (2 December, 2 March, 15 February 2027); 30 February
        // was resolved to 28 February
        assertThat(FeedParser.parse("mfa", rss.getBytes(StandardCharsets.UTF_8), RSS))
                .extracting(FeedItem::published).containsExactly((LocalDate) null);
    }

    @Test
    void latin1DeclaredOverWindows1252BytesKeepsTheQuotesAndDashes() throws Exception {
        String rss = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>MAE</title><link>https://mae.example.fr/</link>
                <description>Communiqués</description>
                <item><title>Déclaration – Liban</title><link>https://mae.example.fr/c/1</link>
                <description>L’application de la résolution 1701.</description></item>
                </channel></rss>
                """;

        // read as Latin-1, the dash and the apostrophe became the control characters U+0096 and U+0092
        assertThat(FeedParser.parse("mae", rss.getBytes("windows-1252"), "text/xml"))
                .extracting(FeedItem::title, FeedItem::summary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Déclaration – Liban",
                        "L’application de la résolution 1701."));
    }

    @Test
    void feedCutBeforeItsFirstItemIsRejectedWithTheLineOfTheError() {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>TASS</title>
                <item><title>Kremlin comments on""";

        assertThatThrownBy(() -> FeedParser.parse("tass-en", rss.getBytes(StandardCharsets.UTF_8), RSS))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("feed tass-en: the feed is not well-formed XML and has no complete item"
                        + " before the error (line 3");
    }

    @Test
    void htmlPageInsteadOfFeedIsRejectedWithItsTitle() {
        assertThatThrownBy(() -> FeedParser.parse("tass-en", fixture("malformed_html-instead-of-feed.html"), "text/html"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("feed tass-en: the server sent an HTML page, not a feed (title: 'Access denied')");
        assertThatThrownBy(() -> FeedParser.parse("tass-en", fixture("malformed_html-instead-of-feed.html"), RSS))
                .hasMessage("feed tass-en: the server sent an HTML page, not a feed (title: 'Access denied')");
    }

    @Test
    void externalEntityNeverReadsTheLocalFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-4242");
        String xxe = new String(fixture("malformed_xxe-external-entity.xml"), StandardCharsets.UTF_8)
                .replace("SECRET_PATH", secret.toAbsolutePath().toString());

        assertThatThrownBy(() -> FeedParser.parse("attacker", xxe.getBytes(StandardCharsets.UTF_8), RSS))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("feed attacker: the feed declares its own DTD entities (<!DOCTYPE ... [ ]>), which"
                        + " dipwatch refuses to expand (XML external entity / entity expansion attack, or a broken feed)")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("TOP-SECRET-4242"));
        // the XML reader itself refuses the DOCTYPE too, should the check before it ever miss one
        assertThatThrownBy(() -> FeedParser.xmlDocument(xxe))
                .isInstanceOf(JDOMParseException.class)
                .hasMessageContaining("DOCTYPE is disallowed")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("TOP-SECRET-4242"));
    }

    @Test
    void billionLaughsFailsFastWithoutExpandingEntities() throws Exception {
        byte[] bomb = fixture("malformed_billion-laughs.xml");

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThatThrownBy(() -> FeedParser.parse("bomb", bomb, RSS))
                    .isInstanceOf(UnreadableDocumentException.class)
                    .hasMessageStartingWith("feed bomb: the feed declares its own DTD entities");
            assertThatThrownBy(() -> FeedParser.xmlDocument(new String(bomb, StandardCharsets.UTF_8)))
                    .hasMessageContaining("DOCTYPE is disallowed");
        });
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "''                                      | text/xml         | feed s: the server sent an empty body (0 bytes), not a feed",
            "'{\"title\": \"status\", \"ok\": true}' | application/json | feed s: the JSON is not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\" and \"items\" array)",
            "'Service Unavailable'                   | text/plain       | feed s: the server sent text without any markup, not a feed (starts with 'Service Unavailable')",
            "'<html><p>x</p></html>'                 | text/html        | feed s: the server sent an HTML page, not a feed",
            "'<opml version=\"2.0\"><body/></opml>'  | text/xml         | feed s: the XML is not an RSS or Atom feed (root element <opml>: Invalid document)"})
    void bodiesThatAreNotFeedsAreRejectedWithOneLine(String body, String contentType, String message) {
        assertThatThrownBy(() -> FeedParser.parse("s", body.getBytes(StandardCharsets.UTF_8), contentType))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage(message);
    }

    private static String stackText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture feeds/" + name);
            }
            return in.readAllBytes();
        }
    }
}
