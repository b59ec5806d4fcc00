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
import java.util.stream.Stream;

import org.jdom2.input.JDOMParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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
    void rss090MofaJpFeedHasOnlyTitlesAndLinksSoTheLinkIsTheId() throws Exception {
        List<FeedItem> items = FeedParser.parse("mofa-jp", fixture("rss_0.90_mofa-jp.xml"), "application/rdf+xml");

        assertThat(items).containsExactly(
                new FeedItem("https://www.mofa.go.jp/announce/announce/1999/9/907.html",
                        "https://www.mofa.go.jp/announce/announce/1999/9/907.html",
                        "Statement by the Press Secretary on the Situation in East Timor", null, null, null),
                new FeedItem("https://www.mofa.go.jp/region/n-america/us/meet9909.html",
                        "https://www.mofa.go.jp/region/n-america/us/meet9909.html",
                        "Meeting between Foreign Minister Komura and Secretary of State Albright", null, null, null));
    }

    @Test
    void rss092MfaTrFeedKeepsAnItemWithoutTitleAndDecodesDoublyEscapedHtml() throws Exception {
        List<FeedItem> items = FeedParser.parse("mfa-tr", fixture("rss_0.92_mfa-tr.xml"), "text/xml");

        assertThat(items).containsExactly(
                new FeedItem("https://www.mfa.gov.tr/no_-312_-mogadisu-da-gerceklestirilen-teror-saldirisi-hk.en.mfa",
                        "https://www.mfa.gov.tr/no_-312_-mogadisu-da-gerceklestirilen-teror-saldirisi-hk.en.mfa",
                        "No: 312, 20 November 2026, Press Release Regarding the Terrorist Attack in Mogadishu", null,
                        "We strongly condemn the terrorist attack carried out today in Mogadishu, Somalia.\n\n"
                                + "We wish God’s mercy upon those who lost their lives and a speedy recovery to the wounded.",
                        null),
                // RSS 0.92 makes every item element optional: a release without a title is still an item
                new FeedItem("https://www.mfa.gov.tr/sayin-bakanimizin-azerbaycan-disisleri-bakani-ile-gorusmesi.en.mfa",
                        "https://www.mfa.gov.tr/sayin-bakanimizin-azerbaycan-disisleri-bakani-ile-gorusmesi.en.mfa", null,
                        null, "Minister of Foreign Affairs Hakan Fidan met with Jeyhun Bayramov, Minister of Foreign"
                                + " Affairs of Azerbaijan, in Ankara.", null));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @CsvSource(nullValues = "none", value = {"none", "application/rss+xml", "text/xml; charset=windows-1251"})
    void rss20MidRuFeedInWindows1251AsItsPrologDeclares(String contentType) throws Exception {
        List<FeedItem> items = FeedParser.parse("mid-ru", fixture("rss_2.0_mid-ru.xml"), contentType);

        assertThat(items).containsExactly(
                // 01:15 at +03:00 is still 20 November in UTC: the feed's own offset decides
                new FeedItem("mid-ru-2061234", "https://mid.ru/ru/foreign_policy/news/2061234/",
                        "Заявление МИД России в связи с ситуацией вокруг Венесуэлы", LocalDate.of(2026, 11, 21),
                        "Москва с тревогой следит за развитием ситуации вокруг Венесуэлы.\n\n"
                                + "Призываем к «политико-дипломатическому урегулированию» на основе Устава ООН.", null),
                new FeedItem("https://mid.ru/ru/foreign_policy/news/2061190/",
                        "https://mid.ru/ru/foreign_policy/news/2061190/",
                        "Комментарий официального представителя МИД России М.В.Захаровой в связи с заявлением"
                                + " генсека НАТО", LocalDate.of(2026, 11, 20),
                        "Обратили внимание на очередное заявление — уже № 3 за неделю — генерального секретаря НАТО.",
                        null));
    }

    @Test
    void rss20StateDeptWordPressFeedReadsContentEncodedAndTheDayOfAnEstDate() throws Exception {
        List<FeedItem> items = FeedParser.parse("state-dept", fixture("rss_2.0_state-dept.xml"),
                "application/rss+xml; charset=UTF-8");

        String link = "https://www.state.gov/releases/office-of-the-spokesperson/2026/11/";
        assertThat(items).containsExactly(
                // 21:40 EST is 02:40 UTC on the 21st; the readout is of the 20th
                new FeedItem("https://www.state.gov/?p=612345",
                        link + "secretarys-call-with-egyptian-foreign-minister-abdelatty",
                        "Secretary’s Call with Egyptian Foreign Minister Abdelatty", LocalDate.of(2026, 11, 20),
                        "The following is attributable to the Spokesperson: The Secretary spoke today with Egyptian"
                                + " Foreign Minister Badr Abdelatty about the ceasefire in Gaza. The post Secretary’s"
                                + " Call with Egyptian Foreign Minister Abdelatty appeared first on United States"
                                + " Department of State.",
                        "The following is attributable to the Spokesperson:\n\n"
                                + "The Secretary spoke today with Egyptian Foreign Minister Badr Abdelatty about the"
                                + " ceasefire in Gaza and the return of all hostages’ remains.\n\n"
                                + "The Secretary and Foreign Minister agreed to stay in close contact.\n\n"
                                + "The post Secretary’s Call with Egyptian Foreign Minister Abdelatty appeared first on"
                                + " United States Department of State."),
                new FeedItem("https://www.state.gov/?p=612301", link + "joint-statement-on-sudan-by-the-quad",
                        "Joint Statement on Sudan by the Quad", LocalDate.of(2026, 11, 20),
                        "The text of the following statement was released by the Governments of the United States,"
                                + " Egypt, Saudi Arabia, and the United Arab Emirates.",
                        "The text of the following statement was released by the Governments of the United States,"
                                + " Egypt, Saudi Arabia, and the United Arab Emirates.\n\n"
                                + "Begin text:\n\n"
                                + "A humanitarian truce of three months;\n\n"
                                + "Unhindered access for aid across all front lines.\n\n"
                                + "End text."));
    }

    @Test
    void rss20UnNewsFeedDropsTheImageAndKeepsTheDayOfItsOwnOffset() throws Exception {
        List<FeedItem> items = FeedParser.parse("un-news", fixture("rss_2.0_un-news.xml"), RSS);

        assertThat(items).containsExactly(
                // 21:30 at -05:00 is 02:30 UTC on the 22nd
                new FeedItem("1166210 at https://news.un.org/en", "https://news.un.org/en/story/2026/11/1166210",
                        "Security Council members call for restraint after strikes in southern Lebanon",
                        LocalDate.of(2026, 11, 21),
                        "Council members urged all parties to respect the cessation of hostilities & Resolution 1701.",
                        null),
                new FeedItem("1166198 at https://news.un.org/en", "https://news.un.org/en/story/2026/11/1166198",
                        "Sudan: UN relief chief demands safe passage for aid convoys to El Fasher",
                        LocalDate.of(2026, 11, 21), "Trucks carrying food and medicine have waited for weeks at"
                                + " Tawila.\n\n“Every day of delay costs lives,” the Emergency Relief Coordinator said.",
                        null),
                new FeedItem("1166175 at https://news.un.org/en", "https://news.un.org/en/story/2026/11/1166175",
                        "Ukraine: Türk condemns attacks on energy infrastructure as winter sets in",
                        LocalDate.of(2026, 11, 20),
                        "UN human rights chief Volker Türk said attacks on power plants put millions at risk.", null));
    }

    @Test
    void rss20ChineseMfaFeedInUtf8ReadsACmsDateWithoutOffset() throws Exception {
        List<FeedItem> items = FeedParser.parse("mfa-cn", fixture("rss_2.0_mfa-cn.xml"), "text/xml");

        String list = "https://www.mfa.gov.cn/web/fyrbt_673021/";
        assertThat(items).containsExactly(
                // 07:30 at +08:00 is 23:30 on the 19th in UTC
                new FeedItem(list + "jzhsl_673025/202611/t20261120_11788888.shtml",
                        list + "jzhsl_673025/202611/t20261120_11788888.shtml",
                        "2026年11月20日外交部发言人毛宁主持例行记者会", LocalDate.of(2026, 11, 20),
                        "应国务院总理李强邀请，新西兰总理将于11月23日至26日对中国进行正式访问。\n\n"
                                + "问：中方对朝鲜半岛局势有何评论？\n\n答：中方始终致力于维护半岛和平稳定。", null),
                // "2026-11-19 21:05:00" is no RFC 822 date, but its day is plain
                new FeedItem(list + "dhdw_673027/202611/t20261119_11788500.shtml",
                        list + "dhdw_673027/202611/t20261119_11788500.shtml",
                        "外交部发言人就美方对台军售答记者问", LocalDate.of(2026, 11, 19),
                        "问：美国国务院宣布批准对台军售，中方有何回应？\n\n答：中方对此坚决反对，已向美方提出严正交涉。", null));
    }

    @Test
    void atom10FcdoGovUkFeedDatesEntriesByUpdatedInTheirOwnOffset() throws Exception {
        List<FeedItem> items = FeedParser.parse("fcdo", fixture("atom_1.0_fcdo.xml"), "application/atom+xml");

        String govUk = "https://www.gov.uk/government/";
        assertThat(items).containsExactly(
                new FeedItem(govUk + "news/foreign-secretary-statement-on-the-situation-in-sudan-21-november-2026",
                        govUk + "news/foreign-secretary-statement-on-the-situation-in-sudan-21-november-2026",
                        "Foreign Secretary statement on the situation in Sudan: 21 November 2026",
                        LocalDate.of(2026, 11, 21), "The Foreign Secretary calls on the warring parties to agree a"
                                + " humanitarian truce & allow aid into El Fasher.", null),
                // 23:30 at -05:00 (a statement given in New York) is the 21st in UTC
                new FeedItem(govUk + "speeches/uk-statement-at-the-un-security-council-meeting-on-ukraine-nov-2026",
                        govUk + "speeches/uk-statement-at-the-un-security-council-meeting-on-ukraine-nov-2026",
                        "UK statement at the UN Security Council meeting on Ukraine", LocalDate.of(2026, 11, 20),
                        "Statement by Ambassador James Kariuki at the UN Security Council meeting on Ukraine.", null),
                new FeedItem(govUk + "news/uk-sanctions-network-supplying-drones-to-russia",
                        govUk + "news/uk-sanctions-network-supplying-drones-to-russia",
                        "UK sanctions network supplying drones to Russia", LocalDate.of(2026, 11, 20),
                        "The UK has sanctioned 12 individuals and entities.", null));
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

    /**
     * The malformed fixtures, listed with the same outcomes in feeds/MALFORMED.md for the daemon test
     * that serves them over HTTP: either the exact items recovered or the one-line error, which names
     * the source and the problem. All are served as {@code application/rss+xml} without a charset.
     */
    static Stream<Arguments> malformedFeeds() {
        return Stream.of(
                recovered("malformed_bare-ampersand.xml", new FeedItem("mfat-4411",
                        "https://www.mfat.example/en/media/release?id=4411&lang=en",
                        "Trade & Investment talks with ASEAN partners conclude", LocalDate.of(2025, 11, 4),
                        "Ministers met in Kuala Lumpur & agreed on next steps for 2026.", null)),
                recovered("malformed_wrong-encoding-declared.xml", new FeedItem("mid-ru-1987002",
                        "https://mid.ru/ru/foreign_policy/news/1987002/",
                        "Заявление МИД России в связи с ситуацией на Ближнем Востоке", LocalDate.of(2025, 11, 4),
                        "Москва призывает все стороны к сдержанности и возобновлению переговоров.", null)),
                recovered("malformed_missing-encoding-windows-1251.xml", new FeedItem(
                        "https://germany.mid.ru/ru/press-centre/news/2026-11-15-pamyat/",
                        "https://germany.mid.ru/ru/press-centre/news/2026-11-15-pamyat/",
                        "Посол России принял участие в церемонии памяти жертв войны", LocalDate.of(2026, 11, 15),
                        "Посол возложил венок к советскому воинскому мемориалу в Тиргартене и выступил с речью о"
                                + " значении исторической памяти.", null)),
                recovered("malformed_latin1-declared-cp1252-bytes.xml", new FeedItem(
                        "https://www.diplomatie.gouv.fr/fr/communiques/2026/liban-1117",
                        "https://www.diplomatie.gouv.fr/fr/communiques/2026/liban-1117",
                        "Déclaration de la porte-parole – Liban", LocalDate.of(2026, 11, 17),
                        "La France appelle au respect du cessez-le-feu et à l’application de la résolution 1701"
                                + " – « sans délai ».", null)),
                recovered("malformed_junk-before-prolog.xml", new FeedItem("https://embassy.example/news/credentials",
                        "https://embassy.example/news/credentials", "Ambassador presents credentials",
                        LocalDate.of(2025, 11, 5), "The Ambassador presented his credentials to the President.", null)),
                recovered("malformed_bom-whitespace.xml", new FeedItem("aa-2731442",
                        "https://www.auswaertiges-amt.de/de/newsroom/reise-kyjiw-2026",
                        "Außenministerin reist nach Kyjiw", LocalDate.of(2026, 11, 16),
                        "Die Außenministerin trifft heute in Kyjiw ihren ukrainischen Amtskollegen.", null)),
                recovered("malformed_truncated.xml",
                        new FeedItem("https://tass.com/politics/2040200", "https://tass.com/politics/2040200",
                                "Russian, Chinese diplomats discuss Korean Peninsula", LocalDate.of(2025, 11, 4),
                                "The sides exchanged views on the situation.", null),
                        new FeedItem("https://tass.com/politics/2040199", "https://tass.com/politics/2040199",
                                "Moscow expects clarity from Washington on New START", LocalDate.of(2025, 11, 4),
                                "Deputy Foreign Minister Sergey Ryabkov said", null)),
                recovered("malformed_invalid-dates.xml",
                        undated("https://mfa.example.gov/statements/1201", "Statement on the elections in Moldova"),
                        undated("https://mfa.example.gov/statements/1200",
                                "Statement on the anniversary of the Dayton Agreement"),
                        undated("https://mfa.example.gov/statements/1199", "Minister receives the Ambassador of Chile"),
                        undated("https://mfa.example.gov/statements/1198", "Statement on World Children's Day"),
                        undated("https://mfa.example.gov/statements/1197", "Minister meets the OSCE Secretary General"),
                        new FeedItem("https://mfa.example.gov/statements/1196", "https://mfa.example.gov/statements/1196",
                                "Consultations with the Ministry of Foreign Affairs of Kazakhstan",
                                LocalDate.of(2026, 11, 19), null, null)),
                recovered("malformed_cdata-broken-html.xml", new FeedItem("mofa-qa-41277",
                        "https://www.mofa.gov.qa/en/latest-articles/news/details/2026/11/18/qatar-welcomes-the-agreement",
                        "Qatar welcomes the agreement", LocalDate.of(2026, 11, 18),
                        "Ministers met in Doha\n\nThey agreed on a joint communiqué\n\nThe talks will resume in December.",
                        null)),
                // SHA-256 of title, summary and content joined by line feeds (FeedItem's identity rule)
                recovered("malformed_no-link-no-guid.xml",
                        new FeedItem("sha256:5713e47cf68b4d84e90db90c182857ee8b3d74133d1d905a3ef16a79138cfc52", null,
                                "Note verbale No. 118/2026", LocalDate.of(2026, 11, 17),
                                "The Royal Norwegian Embassy presents its compliments to the Ministry of Foreign Affairs.",
                                null),
                        new FeedItem("sha256:856eb9904486488316189acbba5ee0e8b3c761c7019ab15a03c1bf43f8112e3a", null,
                                "Consular section closed on 24 December", null,
                                "The consular section will be closed on 24 December.", null)),
                rejected("malformed_empty-body.xml", "feed ministry: the server sent an empty body (0 bytes), not a feed"),
                rejected("malformed_html-instead-of-feed.html",
                        "feed ministry: the server sent an HTML page, not a feed (title: 'Access denied')"),
                rejected("malformed_xxe-external-entity.xml", "feed ministry: the feed declares its own DTD entities"
                        + " (<!DOCTYPE ... [ ]>), which dipwatch refuses to expand (XML external entity / entity"
                        + " expansion attack, or a broken feed)"),
                rejected("malformed_billion-laughs.xml", "feed ministry: the feed declares its own DTD entities"
                        + " (<!DOCTYPE ... [ ]>), which dipwatch refuses to expand (XML external entity / entity"
                        + " expansion attack, or a broken feed)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFeeds")
    void malformedFeedGivesTheRecoverableItemsOrOneErrorNamingSourceAndProblem(String fixture, List<FeedItem> items,
            String error) throws Exception {
        byte[] body = fixture(fixture);

        if (error == null) {
            assertThat(FeedParser.parse("ministry", body, RSS)).containsExactlyElementsOf(items);
        } else {
            assertThatThrownBy(() -> FeedParser.parse("ministry", body, RSS))
                    .isInstanceOf(UnreadableDocumentException.class)
                    .hasMessage(error);
        }
    }

    @Test
    void malformedFixturesAreExactlyThoseListedInMalformedMd() throws Exception {
        String listing = new String(fixture("MALFORMED.md"), StandardCharsets.UTF_8);
        List<String> listed = listing.lines().filter(line -> line.startsWith("| `malformed_"))
                .map(line -> line.substring(3, line.indexOf('`', 3))).sorted().toList();

        List<String> tested = malformedFeeds().map(arguments -> (String) arguments.get()[0]).sorted().toList();
        List<String> files;
        try (Stream<Path> folder = Files.list(Path.of(FeedParserTest.class.getResource("/feeds/").toURI()))) {
            files = folder.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("malformed_"))
                    .sorted().toList();
        }

        assertThat(listed).hasSizeGreaterThanOrEqualTo(10).isEqualTo(tested).isEqualTo(files);
    }

    private static Arguments recovered(String fixture, FeedItem... items) {
        return Arguments.of(fixture, List.of(items), null);
    }

    private static Arguments rejected(String fixture, String error) {
        return Arguments.of(fixture, null, error);
    }

    private static FeedItem undated(String link, String title) {
        return new FeedItem(link, link, title, null, null, null);
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
    void aDateInAFormOnlyRomeReadsKeepsRomesDayBesideOnesReadHere() throws Exception {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>MFA</title>
                <link>https://mfa.example.gov/</link><description>Statements</description>
                <item><title>One</title><link>https://mfa.example.gov/s/1</link><pubDate>Tue, 10 Mar 26 08:00:00 GMT</pubDate></item>
                <item><title>Two</title><link>https://mfa.example.gov/s/2</link><pubDate>Wed, 11 Mar 2026 08:00:00 GMT</pubDate></item>
                <item><title>Three</title><link>https://mfa.example.gov/s/3</link><dc:date>2026-03-12T09:00:00+03:00</dc:date></item>
                <item><title>Four</title><link>https://mfa.example.gov/s/4</link></item>
                </channel></rss>
                """;
        assertThat(FeedParser.date("Tue, 10 Mar 26 08:00:00 GMT")).as("a two-digit year: not read here").isNull();

        // the dates read here leave the document before Rome builds it; the one they cannot read is Rome's
        assertThat(FeedParser.parse("mfa", rss.getBytes(StandardCharsets.UTF_8), RSS)).extracting(FeedItem::published)
                .containsExactly(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 12), null);
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
