package org.dipwatch.dedup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A news desk's day, generated: distinct news-like articles on about twenty overlapping themes
 * (Gaza ceasefire talks, the war in Ukraine, Sudan, Red Sea shipping, Iran's nuclear programme…),
 * deterministic from a seed, for the tests and benchmarks that need volume that looks like news.
 *
 * <p>Each theme has its parties (real states, cities and officials that the packaged
 * dictionaries know, so the classifier tags them as on real news), its venues and places, and
 * background sentences that recur across its events. A theme has many <em>events</em> on the same
 * day with the same actors (talks, a strike, a call between two ministers, a vote, sanctions…),
 * each with specifics of its own (place, numbers, named people, what was agreed). An event is
 * reported by one to five outlets (most by one or two), each report worded independently: its own
 * headline, lede, order and choice of sentences, sharing only the facts and sometimes one direct
 * quotation, in the outlet's style (datelines such as {@code MOSCOW, March 3. /TASS/.}, credits
 * such as "Reporting by …; Editing by …") with the stock wire phrases many unrelated articles
 * repeat. {@link Item#eventId()} labels the reports of one event: the truth for same-story tests.
 *
 * <p>No two articles are near-copies unless {@code nearDuplicateShare} asks for some: that share
 * of the items are then light edits of an earlier item (another outlet's reprint), labelled by
 * {@link Item#nearDuplicateOf()}.
 */
public final class NewsDay {

    /**
     * One article as an outlet published it.
     *
     * @param id              unique within a generated day
     * @param outlet          the outlet's name ("Reuters")
     * @param url             the article's address, on the outlet's host
     * @param title           the headline
     * @param date            the publication date
     * @param published       the publication instant
     * @param paragraphs      the body, the dateline in the first paragraph, credits last
     * @param eventId         the event the article reports; reports of one event share it
     * @param theme           the theme's key ("gaza-ceasefire")
     * @param nearDuplicateOf the id of the item this one lightly edits, or {@code null}
     */
    public record Item(String id, String outlet, String url, String title, LocalDate date, Instant published,
            List<String> paragraphs, String eventId, String theme, String nearDuplicateOf) {

        public Item {
            paragraphs = List.copyOf(paragraphs);
        }

        /** The body as a feed item's HTML description: one {@code <p>} per paragraph. */
        public String html() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < paragraphs.size(); i++) {
                String p = escape(paragraphs.get(i));
                out.append(i == paragraphs.size() - 1 && paragraphs.size() > 2 ? "<p><em>" + p + "</em></p>" : "<p>" + p + "</p>")
                        .append('\n');
            }
            return out.toString();
        }

        /** The article in the normalized seed shape of SEED-FORMAT.md: date header, title, paragraphs, one final newline. */
        public String seedText() {
            return " date " + date + " " + title + "\n\n" + String.join("\n\n", paragraphs) + "\n";
        }
    }

    /** An RSS 2.0 document of these items (guid, link, pubDate, title, CDATA HTML description), in the given order. */
    public static String rss(List<Item> items) {
        return rss("NewsDay wire", items);
    }

    /** {@link #rss(List)} with a channel title. */
    public static String rss(String channel, List<Item> items) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>")
                .append(escape(channel)).append("</title>\n<link>https://newsday.invalid/</link>\n<description>")
                .append(escape(channel)).append("</description>\n<language>en</language>\n");
        for (Item it : items) {
            s.append("<item>\n<title>").append(escape(it.title())).append("</title>\n<link>").append(escape(it.url()))
                    .append("</link>\n<guid isPermaLink=\"false\">").append(escape(it.id())).append("</guid>\n<pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(it.published().atOffset(ZoneOffset.UTC)))
                    .append("</pubDate>\n<description><![CDATA[").append(it.html().replace("]]>", "]]]]><![CDATA[>"))
                    .append("]]></description>\n</item>\n");
        }
        return s.append("</channel>\n</rss>\n").toString();
    }

    /** {@code articles} items of one day, no near-duplicates, in order of publication. */
    public static List<Item> generate(long seed, int articles, LocalDate day) {
        return generate(seed, articles, day, 1, 0.0);
    }

    /**
     * {@code articles} items spread over {@code days} days from {@code firstDay}, in order of
     * publication; {@code nearDuplicateShare} (0 to 0.5) of them are light edits of an earlier item.
     */
    public static List<Item> generate(long seed, int articles, LocalDate firstDay, int days, double nearDuplicateShare) {
        if (articles < 0 || days < 1 || nearDuplicateShare < 0 || nearDuplicateShare > 0.5) {
            throw new IllegalArgumentException("NewsDay: articles >= 0, days >= 1, nearDuplicateShare in [0, 0.5]");
        }
        return new Desk(seed, firstDay, days).run(articles, nearDuplicateShare);
    }

    // ----------------------------------------------------------------------------------- model

    private record Person(String name, String shortName, String title) {
    }

    /** A party to a theme: a state, a movement or an organisation, with who speaks for it. */
    private record Side(String name, String adj, String possessive, String ministry, List<Person> people, Person spokesperson) {
    }

    private enum Kind { CALL, TALKS, VISIT, STATEMENT, STRIKE, AID, EXCHANGE, INCIDENT, VOTE, SANCTIONS }

    private record Theme(String key, String names, List<Side> sides, List<String> venues, List<String> sites,
            List<String> topics, List<String> agreed, List<String> background, List<Kind> kinds, String weapon,
            String detainees, String body, String locals) {
    }

    private record Outlet(String name, String host, String section, int style, Set<String> themes) {
    }

    private static Person p(String name, String shortName, String title) {
        return new Person(name, shortName, title);
    }

    private static Side side(String name, String adj, String possessive, String ministry, Person spokesperson, Person... people) {
        return new Side(name, adj, possessive, ministry, List.of(people), spokesperson);
    }

    private static List<String> l(String... s) {
        return List.of(s);
    }

    // ----------------------------------------------------------------------------------- parties

    private static final Side RUSSIA = side("Russia", "Russian", "Russia's", "the Russian Foreign Ministry",
            p("Maria Zakharova", "Zakharova", "Foreign Ministry spokeswoman"),
            p("Sergey Lavrov", "Lavrov", "Foreign Minister"), p("Vladimir Putin", "Putin", "President"),
            p("Dmitry Peskov", "Peskov", "Kremlin spokesman"), p("Sergei Ryabkov", "Ryabkov", "Deputy Foreign Minister"));
    private static final Side UKRAINE = side("Ukraine", "Ukrainian", "Ukraine's", "the Ukrainian Foreign Ministry", null,
            p("Andrii Sybiha", "Sybiha", "Foreign Minister"), p("Volodymyr Zelensky", "Zelensky", "President"),
            p("Yulia Svyrydenko", "Svyrydenko", "Prime Minister"));
    private static final Side USA = side("the United States", "U.S.", "Washington's", "the State Department", null,
            p("Marco Rubio", "Rubio", "Secretary of State"), p("Steve Witkoff", "Witkoff", "special envoy"),
            p("Pete Hegseth", "Hegseth", "Defense Secretary"));
    private static final Side USA_LEADER = side("the United States", "U.S.", "Washington's", "the White House", null,
            p("Donald Trump", "Trump", "President"), p("Marco Rubio", "Rubio", "Secretary of State"));
    private static final Side TURKEY = side("Turkey", "Turkish", "Turkey's", "the Turkish Foreign Ministry", null,
            p("Hakan Fidan", "Fidan", "Foreign Minister"), p("Recep Tayyip Erdoğan", "Erdoğan", "President"));
    private static final Side ISRAEL = side("Israel", "Israeli", "Israel's", "the Israeli Prime Minister's Office", null,
            p("Benjamin Netanyahu", "Netanyahu", "Prime Minister"), p("Gideon Sa'ar", "Sa'ar", "Foreign Minister"),
            p("Israel Katz", "Katz", "Defence Minister"));
    private static final Side HAMAS = side("Hamas", "Hamas", "Hamas's", "Hamas's political bureau", null,
            p("Khalil al-Hayya", "al-Hayya", "Hamas negotiator"), p("Osama Hamdan", "Hamdan", "Hamas official"),
            p("Mousa Abu Marzook", "Abu Marzook", "senior Hamas official"));
    private static final Side QATAR = side("Qatar", "Qatari", "Qatar's", "the Qatari Foreign Ministry",
            p("Majed al-Ansari", "al-Ansari", "Foreign Ministry spokesman"),
            p("Mohammed bin Abdulrahman Al Thani", "Sheikh Mohammed", "Prime Minister and Foreign Minister"));
    private static final Side EGYPT = side("Egypt", "Egyptian", "Egypt's", "the Egyptian Foreign Ministry", null,
            p("Badr Abdelatty", "Abdelatty", "Foreign Minister"), p("Abdel Fattah el-Sisi", "el-Sisi", "President"));
    private static final Side SAUDI = side("Saudi Arabia", "Saudi", "Saudi Arabia's", "the Saudi Foreign Ministry", null,
            p("Faisal bin Farhan Al Saud", "Prince Faisal", "Foreign Minister"));
    private static final Side UN = side("the United Nations", "UN", "the UN's", "the UN Secretariat",
            p("Stéphane Dujarric", "Dujarric", "UN spokesman"),
            p("António Guterres", "Guterres", "Secretary-General"), p("Tom Fletcher", "Fletcher", "UN relief chief"));
    private static final Side SUDAN = side("Sudan", "Sudanese", "Sudan's", "the Sudanese Foreign Ministry", null,
            p("Abdel Fattah al-Burhan", "al-Burhan", "army chief"), p("Kamil Idris", "Idris", "Prime Minister"));
    private static final Side RSF = side("the Rapid Support Forces", "RSF", "the RSF's", "the RSF command", null,
            p("Mohamed Hamdan Dagalo", "Dagalo", "RSF commander"));
    private static final Side AU = side("the African Union", "African Union", "the African Union's", "the AU Commission", null,
            p("Mahmoud Ali Youssouf", "Youssouf", "AU Commission chairperson"));
    private static final Side HOUTHIS = side("the Houthis", "Houthi", "the Houthis'", "the Houthi political council",
            p("Yahya Saree", "Saree", "Houthi military spokesman"),
            p("Abdul-Malik al-Houthi", "Abdul-Malik al-Houthi", "Houthi leader"),
            p("Mohammed Abdulsalam", "Abdulsalam", "Houthi chief negotiator"));
    private static final Side UK = side("Britain", "British", "Britain's", "the Foreign Office", null,
            p("David Lammy", "Lammy", "Foreign Secretary"), p("John Healey", "Healey", "Defence Secretary"),
            p("Keir Starmer", "Starmer", "Prime Minister"));
    private static final Side OMAN = side("Oman", "Omani", "Oman's", "the Omani Foreign Ministry", null,
            p("Badr Albusaidi", "Albusaidi", "Foreign Minister"));
    private static final Side YEMEN = side("Yemen", "Yemeni", "Yemen's", "the Yemeni government", null,
            p("Rashad al-Alimi", "al-Alimi", "Presidential Council head"));
    private static final Side IRAN = side("Iran", "Iranian", "Iran's", "the Iranian Foreign Ministry",
            p("Esmaeil Baghaei", "Baghaei", "Foreign Ministry spokesman"),
            p("Abbas Araghchi", "Araghchi", "Foreign Minister"), p("Masoud Pezeshkian", "Pezeshkian", "President"));
    private static final Side IAEA = side("the International Atomic Energy Agency", "IAEA", "the IAEA's", "the IAEA secretariat", null,
            p("Rafael Grossi", "Grossi", "IAEA Director General"));
    private static final Side FRANCE = side("France", "French", "France's", "the Quai d'Orsay", null,
            p("Jean-Noël Barrot", "Barrot", "Foreign Minister"), p("Emmanuel Macron", "Macron", "President"));
    private static final Side GERMANY = side("Germany", "German", "Germany's", "the German Foreign Office", null,
            p("Johann Wadephul", "Wadephul", "Foreign Minister"), p("Friedrich Merz", "Merz", "Chancellor"));
    private static final Side CHINA = side("China", "Chinese", "China's", "the Chinese Foreign Ministry",
            p("Mao Ning", "Mao", "Foreign Ministry spokeswoman"),
            p("Wang Yi", "Wang", "Foreign Minister"), p("Xi Jinping", "Xi", "President"), p("Li Qiang", "Li", "Premier"));
    private static final Side PHILIPPINES = side("the Philippines", "Philippine", "the Philippines'", "the Department of Foreign Affairs in Manila", null);
    private static final Side JAPAN = side("Japan", "Japanese", "Japan's", "the Japanese Foreign Ministry", null,
            p("Toshimitsu Motegi", "Motegi", "Foreign Minister"), p("Sanae Takaichi", "Takaichi", "Prime Minister"));
    private static final Side TAIWAN = side("Taiwan", "Taiwanese", "Taiwan's", "Taiwan's Foreign Ministry", null,
            p("Lai Ching-te", "Lai", "President"), p("Lin Chia-lung", "Lin", "Foreign Minister"));
    private static final Side MALI = side("Mali", "Malian", "Mali's", "the Malian transitional government", null);
    private static final Side NIGER = side("Niger", "Nigerien", "Niger's", "the authorities in Niamey", null);
    private static final Side BURKINA = side("Burkina Faso", "Burkinabe", "Burkina Faso's", "the government in Ouagadougou", null);
    private static final Side ECOWAS = side("ECOWAS", "ECOWAS", "ECOWAS's", "the ECOWAS Commission", null);
    private static final Side DRC = side("the Democratic Republic of the Congo", "Congolese", "Congo's", "the Congolese government", null);
    private static final Side RWANDA = side("Rwanda", "Rwandan", "Rwanda's", "the Rwandan government", null);
    private static final Side M23 = side("the M23", "M23", "the M23's", "the AFC/M23 alliance", null);
    private static final Side ARMENIA = side("Armenia", "Armenian", "Armenia's", "the Armenian Foreign Ministry", null);
    private static final Side AZERBAIJAN = side("Azerbaijan", "Azerbaijani", "Azerbaijan's", "the Azerbaijani Foreign Ministry", null);
    private static final Side EU = side("the European Union", "EU", "the EU's", "the European External Action Service", null,
            p("Kaja Kallas", "Kallas", "EU foreign policy chief"), p("Ursula von der Leyen", "von der Leyen", "European Commission President"),
            p("António Costa", "Costa", "European Council President"));
    private static final Side VENEZUELA = side("Venezuela", "Venezuelan", "Venezuela's", "the Venezuelan government", null,
            p("Nicolás Maduro", "Maduro", "President"));
    private static final Side GUYANA = side("Guyana", "Guyanese", "Guyana's", "the Guyanese Foreign Ministry", null);
    private static final Side BRAZIL = side("Brazil", "Brazilian", "Brazil's", "Itamaraty", null,
            p("Mauro Vieira", "Vieira", "Foreign Minister"), p("Luiz Inácio Lula da Silva", "Lula", "President"));
    private static final Side INDIA = side("India", "Indian", "India's", "India's External Affairs Ministry", null,
            p("Subrahmanyam Jaishankar", "Jaishankar", "External Affairs Minister"), p("Narendra Modi", "Modi", "Prime Minister"));
    private static final Side PAKISTAN = side("Pakistan", "Pakistani", "Pakistan's", "the Pakistani Foreign Office", null);
    private static final Side NORTH_KOREA = side("North Korea", "North Korean", "North Korea's", "the North Korean Foreign Ministry", null,
            p("Kim Jong Un", "Kim Jong Un", "leader"), p("Kim Yo Jong", "Kim Yo Jong", "senior official"),
            p("Choe Son Hui", "Choe", "Foreign Minister"));
    private static final Side SOUTH_KOREA = side("South Korea", "South Korean", "South Korea's", "the South Korean Foreign Ministry", null,
            p("Lee Jae-myung", "Lee Jae-myung", "President"), p("Cho Hyun", "Cho Hyun", "Foreign Minister"));
    private static final Side NATO = side("NATO", "NATO", "NATO's", "NATO headquarters", null,
            p("Mark Rutte", "Rutte", "NATO Secretary General"));
    private static final Side POLAND = side("Poland", "Polish", "Poland's", "the Polish Foreign Ministry", null,
            p("Donald Tusk", "Tusk", "Prime Minister"));
    private static final Side LEBANON = side("Lebanon", "Lebanese", "Lebanon's", "the Lebanese presidency", null,
            p("Joseph Aoun", "Aoun", "President"), p("Nawaf Salam", "Salam", "Prime Minister"),
            p("Youssef Rajji", "Rajji", "Foreign Minister"), p("Nabih Berri", "Berri", "Parliament Speaker"));
    private static final Side HEZBOLLAH = side("Hezbollah", "Hezbollah", "Hezbollah's", "Hezbollah's media office", null,
            p("Naim Qassem", "Qassem", "Hezbollah leader"));
    private static final Side SYRIA = side("Syria", "Syrian", "Syria's", "the Syrian Foreign Ministry", null,
            p("Ahmed al-Sharaa", "al-Sharaa", "President"), p("Asaad al-Shaibani", "al-Shaibani", "Foreign Minister"));
    private static final Side PALESTINE = side("the Palestinian Authority", "Palestinian", "the Palestinian Authority's",
            "the Palestinian Foreign Ministry", null,
            p("Mahmoud Abbas", "Abbas", "President"), p("Mohammad Mustafa", "Mustafa", "Prime Minister"),
            p("Varsen Aghabekian Shahin", "Aghabekian Shahin", "Foreign Minister"));
    private static final Side JORDAN = side("Jordan", "Jordanian", "Jordan's", "the Jordanian Foreign Ministry", null,
            p("Ayman Safadi", "Safadi", "Foreign Minister"));
    private static final Side UAE = side("the United Arab Emirates", "Emirati", "the UAE's", "the Emirati Foreign Ministry", null,
            p("Abdullah bin Zayed Al Nahyan", "Sheikh Abdullah", "Foreign Minister"));
    private static final Side UNRWA = side("UNRWA", "UNRWA", "UNRWA's", "the UN agency for Palestinian refugees", null,
            p("Philippe Lazzarini", "Lazzarini", "UNRWA Commissioner-General"));

    // ----------------------------------------------------------------------------------- themes

    private static final List<Kind> TALKY = List.of(Kind.CALL, Kind.TALKS, Kind.VISIT, Kind.STATEMENT);

    private static List<Kind> kinds(Kind... extra) {
        List<Kind> k = new ArrayList<>(TALKY);
        k.addAll(Arrays.asList(extra));
        return List.copyOf(k);
    }

    private static final List<Theme> THEMES = List.of(
            new Theme("gaza-ceasefire", "Gaza", List.of(ISRAEL, HAMAS, QATAR, EGYPT, USA, UNRWA),
                    l("Doha", "Cairo", "Sharm el-Sheikh"),
                    l("Gaza City", "Khan Younis", "Rafah", "Deir al-Balah", "Jabalia", "Nuseirat refugee camp", "Beit Lahia", "Al-Mawasi"),
                    l("a phased ceasefire in Gaza", "the release of the remaining hostages", "the withdrawal of Israeli troops from the Philadelphi Corridor",
                            "the entry of aid through the Kerem Shalom crossing", "the reopening of the Rafah crossing", "postwar governance of the Gaza Strip"),
                    l("a 42-day first phase", "the exchange of lists of detainees", "a joint monitoring cell in Cairo",
                            "a timetable for the return of displaced people to northern Gaza", "a new round of technical talks", "daily aid quotas"),
                    l("The war began after the Hamas-led attack on southern Israel on October 7, 2023.",
                            "Gaza's health ministry says more than 60,000 Palestinians have been killed in the Israeli campaign.",
                            "Qatar, Egypt and the United States have mediated between the two sides for months.",
                            "Most of Gaza's 2.1 million people have been displaced at least once, according to the United Nations.",
                            "Previous rounds of talks in Doha and Cairo stalled over the sequencing of a permanent truce.",
                            "Aid agencies have repeatedly warned of famine conditions across the Gaza Strip."),
                    kinds(Kind.STRIKE, Kind.AID, Kind.EXCHANGE, Kind.STRIKE), "air strikes", "Palestinian prisoners", "the UN Security Council", "arab"),
            new Theme("ukraine-war", "Ukraine", List.of(RUSSIA, UKRAINE, USA_LEADER, TURKEY, UAE, USA),
                    l("Istanbul", "Abu Dhabi", "Riyadh", "Geneva"),
                    l("Kharkiv", "Odesa", "Dnipro", "Sumy", "Zaporizhzhia", "Kherson", "Pokrovsk", "Kursk", "Belgorod", "Bryansk"),
                    l("a ceasefire along the front line", "the exchange of prisoners of war", "the return of deported children",
                            "security guarantees for Ukraine", "the safety of the Zaporizhzhia nuclear power plant", "shipping in the Black Sea"),
                    l("an all-for-all exchange of the seriously wounded", "the return of the bodies of fallen soldiers",
                            "a technical working group on energy infrastructure", "a moratorium on strikes on power plants",
                            "a memorandum on humanitarian corridors", "a further meeting of the delegations"),
                    l("Russia launched its full-scale invasion of Ukraine in February 2022.",
                            "Moscow controls about a fifth of Ukraine's territory, including Crimea, annexed in 2014.",
                            "Prisoner exchanges have been one of the few areas of cooperation between Moscow and Kyiv during the war.",
                            "The United Arab Emirates and Turkey have mediated several previous exchanges.",
                            "Kyiv and its Western allies have rejected Moscow's demand that Ukraine cede the rest of the Donbas.",
                            "Both sides have intensified long-range drone attacks on each other's energy facilities."),
                    kinds(Kind.STRIKE, Kind.EXCHANGE, Kind.STRIKE), "drones and missiles", "prisoners of war", "the UN Security Council", "slavic"),
            new Theme("sudan-war", "Sudan", List.of(SUDAN, RSF, SAUDI, EGYPT, USA, UN, AU),
                    l("Jeddah", "Cairo", "Addis Ababa", "Port Sudan", "London"),
                    l("El Fasher", "Khartoum", "Omdurman", "Port Sudan", "El Geneina", "Zamzam camp", "Wad Madani", "Kordofan"),
                    l("a humanitarian truce in Sudan", "the protection of civilians in Darfur", "aid access to El Fasher",
                            "the Jeddah declaration", "a political process after the war", "famine relief in Kordofan"),
                    l("a 72-hour humanitarian pause", "the opening of the Adre border crossing for another three months",
                            "a civilian protection mechanism", "the release of detained aid workers", "a joint committee on aid corridors",
                            "a follow-up meeting of the Quad"),
                    l("The war between the army and the Rapid Support Forces broke out in April 2023.",
                            "The United Nations calls Sudan the world's largest humanitarian crisis, with more than 12 million people displaced.",
                            "Famine has been confirmed in several areas of Darfur and Kordofan.",
                            "The RSF has been accused of ethnic killings in West Darfur, which it denies.",
                            "Several rounds of talks in Jeddah brokered by Saudi Arabia and the United States have failed to end the fighting."),
                    kinds(Kind.STRIKE, Kind.AID, Kind.VOTE), "drone strikes and shelling", "detained aid workers", "the UN Security Council", "arab"),
            new Theme("red-sea", "Red Sea", List.of(HOUTHIS, USA, UK, OMAN, YEMEN, SAUDI),
                    l("Muscat", "Riyadh", "Aden", "Sanaa"),
                    l("Hodeidah", "Sanaa", "the Red Sea", "Bab el-Mandeb", "the Gulf of Aden", "Aden", "Saada", "Marib"),
                    l("attacks on commercial shipping in the Red Sea", "freedom of navigation through Bab el-Mandeb",
                            "the release of the crew of a seized vessel", "the truce between Washington and the Houthis",
                            "rerouting of container traffic away from the Suez Canal", "naval escorts in the Gulf of Aden"),
                    l("a pause in attacks on U.S. vessels", "the release of the Galaxy Leader crew", "a prisoner release list",
                            "inspections at Hodeidah port", "a de-escalation channel through Oman", "safe passage for fuel tankers"),
                    l("The Houthis began attacking ships in the Red Sea in November 2023, saying they acted in solidarity with Gaza.",
                            "Shipping through the Suez Canal has fallen by more than half since the attacks began.",
                            "Oman has mediated between the Houthis and Washington.",
                            "The Houthis control Sanaa and much of northern Yemen.",
                            "Insurers have sharply raised war-risk premiums for vessels calling at Red Sea ports."),
                    kinds(Kind.STRIKE, Kind.INCIDENT, Kind.INCIDENT), "missiles and drones", "crew members", "the UN Security Council", "arab"),
            new Theme("iran-nuclear", "Iran", List.of(IRAN, IAEA, FRANCE, GERMANY, UK, USA, OMAN, RUSSIA),
                    l("Vienna", "Muscat", "Geneva", "Tehran", "Rome"),
                    l("Natanz", "Fordow", "Isfahan", "Bushehr", "Tehran"),
                    l("Iran's stockpile of highly enriched uranium", "the return of IAEA inspectors", "the snapback of UN sanctions",
                            "monitoring at Fordow", "a new nuclear agreement", "Iran's cooperation with the IAEA"),
                    l("a new framework for inspections", "access for inspectors to Isfahan", "a technical meeting in Vienna",
                            "a further round of indirect talks in Muscat", "an inventory of enriched material", "the reinstallation of cameras at Natanz"),
                    l("Iran suspended cooperation with the IAEA after Israeli and U.S. strikes on its nuclear sites in June 2025.",
                            "The IAEA estimates Iran holds more than 400 kilograms of uranium enriched to 60 percent.",
                            "Britain, France and Germany triggered the snapback of UN sanctions under the 2015 nuclear deal.",
                            "Tehran denies seeking nuclear weapons and says its programme is peaceful.",
                            "Oman has hosted several rounds of indirect talks between Iran and the United States."),
                    kinds(Kind.VOTE, Kind.SANCTIONS), "strikes", "detained dual nationals", "the IAEA Board of Governors", "persian"),
            new Theme("south-china-sea", "South China Sea", List.of(CHINA, PHILIPPINES, USA, JAPAN),
                    l("Manila", "Beijing", "Jakarta", "Tokyo"),
                    l("Second Thomas Shoal", "Scarborough Shoal", "the Spratly Islands", "the Paracel Islands", "the South China Sea"),
                    l("resupply missions to Second Thomas Shoal", "the code of conduct for the South China Sea", "fishing rights near Scarborough Shoal",
                            "coast guard conduct at sea", "joint patrols with allies", "the 2016 arbitration ruling"),
                    l("a hotline between the two coast guards", "a provisional arrangement for resupply", "a new round of consultations",
                            "a joint patrol schedule", "the exchange of liaison officers", "a review of maritime incidents"),
                    l("China claims almost all of the South China Sea, a claim an international tribunal rejected in 2016.",
                            "The Philippines keeps a handful of marines on a grounded warship at Second Thomas Shoal.",
                            "Confrontations between Chinese and Philippine vessels have grown more frequent.",
                            "Washington has a mutual defence treaty with Manila dating from 1951."),
                    kinds(Kind.INCIDENT, Kind.INCIDENT), "water cannon", "fishermen", "the UN Security Council", "asian"),
            new Theme("taiwan", "Taiwan", List.of(CHINA, TAIWAN, USA, JAPAN),
                    l("Taipei", "Beijing", "Washington", "Tokyo"),
                    l("the Taiwan Strait", "Kinmen", "Taipei", "the waters east of Taiwan"),
                    l("arms sales to Taiwan", "military drills around Taiwan", "Taiwan's participation in international bodies",
                            "transits of the Taiwan Strait", "cross-strait exchanges", "the one-China policy"),
                    l("a package of air defence systems", "a new trade dialogue", "a review of transit rules",
                            "additional coast guard patrols near Kinmen", "a parliamentary exchange programme", "a joint statement on stability"),
                    l("Beijing regards Taiwan as part of China and has not ruled out the use of force to bring it under its control.",
                            "Taiwan's government rejects Beijing's sovereignty claims.",
                            "The United States is Taiwan's most important arms supplier despite having no formal ties.",
                            "China has staged several large-scale military drills around the island since 2022."),
                    kinds(Kind.INCIDENT, Kind.SANCTIONS), "warships and aircraft", "detained citizens", "the UN General Assembly", "asian"),
            new Theme("sahel", "Sahel", List.of(MALI, NIGER, BURKINA, ECOWAS, RUSSIA, FRANCE, UN),
                    l("Bamako", "Niamey", "Ouagadougou", "Abuja", "Dakar"),
                    l("Bamako", "Niamey", "Ouagadougou", "the Menaka region", "the Tillaberi region", "the tri-border area"),
                    l("the joint force of the Alliance of Sahel States", "relations with ECOWAS", "security along the tri-border area",
                            "fuel supplies to Bamako", "the withdrawal of foreign troops", "the free movement of people"),
                    l("a joint command headquarters in Niamey", "a transition period for trade with ECOWAS", "escorts for fuel convoys",
                            "a common passport", "a security cooperation agreement", "the return of ambassadors"),
                    l("Mali, Niger and Burkina Faso, all run by military governments, formed the Alliance of Sahel States in 2023.",
                            "The three countries left ECOWAS in January 2025.",
                            "Jihadist groups linked to al-Qaeda and the Islamic State control large rural areas of the Sahel.",
                            "French forces left the region after the coups, and Russian instructors arrived."),
                    kinds(Kind.STRIKE, Kind.SANCTIONS), "an attack by gunmen", "hostages", "the UN Security Council", "african"),
            new Theme("drc-m23", "DRC", List.of(DRC, RWANDA, M23, QATAR, USA, AU, UN),
                    l("Doha", "Washington", "Kinshasa", "Addis Ababa"),
                    l("Goma", "North Kivu", "Bukavu", "Kinshasa", "Masisi", "Rutshuru"),
                    l("the Doha framework between Kinshasa and the M23", "the Washington peace agreement", "the withdrawal of Rwandan troops",
                            "the reopening of Goma airport", "mineral supply chains in eastern Congo", "the return of refugees"),
                    l("a prisoner exchange mechanism", "a ceasefire verification mission", "a regional economic integration framework",
                            "a timetable for the reopening of Goma airport", "a joint security coordination committee", "humanitarian access to Masisi"),
                    l("The M23, which the UN says is backed by Rwanda, seized Goma in January 2025.",
                            "Rwanda denies supporting the rebels and says it is defending itself against militias.",
                            "Qatar and the United States have led parallel mediation efforts.",
                            "Eastern Congo holds some of the world's largest deposits of coltan and cobalt."),
                    kinds(Kind.STRIKE, Kind.EXCHANGE), "fighting", "captured soldiers", "the UN Security Council", "african"),
            new Theme("armenia-azerbaijan", "South Caucasus", List.of(ARMENIA, AZERBAIJAN, USA_LEADER, RUSSIA, EU, TURKEY),
                    l("Washington", "Abu Dhabi", "Baku", "Yerevan"),
                    l("Yerevan", "Baku", "Nagorno-Karabakh", "the Lachin corridor", "the Syunik region"),
                    l("the peace treaty between Armenia and Azerbaijan", "the transit route through Syunik", "border delimitation",
                            "the reopening of regional transport links", "the fate of detained Armenians", "the EU monitoring mission"),
                    l("a delimitation commission meeting", "the initialling of the peace treaty", "a transit corridor arrangement",
                            "the release of four detainees", "a customs working group", "a timetable for border demarcation"),
                    l("Azerbaijan retook Nagorno-Karabakh in a September 2023 offensive, prompting the exodus of its Armenian population.",
                            "The two countries initialled a peace agreement at the White House in August 2025.",
                            "Russia's influence in the South Caucasus has waned since its invasion of Ukraine.",
                            "Armenia has frozen its participation in the Russian-led CSTO."),
                    kinds(Kind.EXCHANGE), "shooting", "detainees", "the UN Security Council", "slavic"),
            new Theme("venezuela-guyana", "Venezuela", List.of(VENEZUELA, GUYANA, USA, BRAZIL),
                    l("Brasília", "Caracas", "The Hague", "Georgetown"),
                    l("Essequibo", "Caracas", "the Cuyuni river", "the Caribbean"),
                    l("the Essequibo border dispute", "the case before the International Court of Justice", "oil exploration off Guyana",
                            "U.S. naval deployments in the Caribbean", "elections in Venezuela", "migration across the border"),
                    l("a commitment not to use force", "a joint commission on the border", "a new round of talks in Brasília",
                            "a review of oil licences", "consular access for detainees", "a mechanism for incidents at sea"),
                    l("Venezuela claims the oil-rich Essequibo region, which makes up about two-thirds of Guyana.",
                            "The International Court of Justice has ordered Caracas not to change the status quo in the region.",
                            "Guyana has become one of the world's fastest-growing oil producers.",
                            "Brazil has positioned itself as a mediator between its two neighbours."),
                    kinds(Kind.INCIDENT, Kind.SANCTIONS), "armed incidents", "detained citizens", "the UN Security Council", "latin"),
            new Theme("india-pakistan", "India-Pakistan", List.of(INDIA, PAKISTAN, USA, SAUDI, CHINA),
                    l("New Delhi", "Islamabad", "Riyadh", "Washington"),
                    l("Kashmir", "Jammu and Kashmir", "the Line of Control", "Islamabad", "New Delhi", "Ladakh"),
                    l("the ceasefire along the Line of Control", "the Indus Waters Treaty", "cross-border terrorism",
                            "trade between India and Pakistan", "visas for pilgrims", "talks between the military operations directors"),
                    l("a hotline call between the directors general of military operations", "the release of fishermen",
                            "a pilgrim corridor schedule", "a review of the Indus water data exchange", "the return of a captured pilot",
                            "a flag meeting of local commanders"),
                    l("India and Pakistan have fought three wars over Kashmir since independence in 1947.",
                            "The neighbours exchanged missile and drone strikes in May 2025 before agreeing to a ceasefire.",
                            "India suspended the Indus Waters Treaty after the Pahalgam attack in April 2025.",
                            "Both countries claim Kashmir in full but rule it in part."),
                    kinds(Kind.STRIKE, Kind.EXCHANGE), "cross-border firing", "fishermen", "the UN Security Council", "southasian"),
            new Theme("korea", "Korea", List.of(NORTH_KOREA, SOUTH_KOREA, JAPAN, USA, RUSSIA),
                    l("Seoul", "Tokyo", "Pyongyang", "Washington"),
                    l("Pyongyang", "Seoul", "the Korean Demilitarized Zone", "the Yellow Sea", "the Sea of Japan", "Yongbyon"),
                    l("North Korea's missile launches", "the denuclearisation of the Korean Peninsula", "military cooperation between Pyongyang and Moscow",
                            "joint drills by Seoul and Washington", "humanitarian exchanges across the border", "the Yongbyon nuclear complex"),
                    l("a trilateral missile warning data sharing arrangement", "a new round of joint drills", "the repatriation of fishermen",
                            "a hotline between the two Koreas", "a visit by a parliamentary delegation", "a joint statement on sanctions enforcement"),
                    l("North Korea has conducted dozens of missile tests in recent years in defiance of UN Security Council resolutions.",
                            "Pyongyang and Moscow signed a mutual defence treaty in June 2024.",
                            "The two Koreas remain technically at war since the 1950-53 conflict ended in an armistice.",
                            "Seoul and Washington hold regular joint military exercises that Pyongyang calls invasion rehearsals."),
                    kinds(Kind.INCIDENT, Kind.INCIDENT, Kind.SANCTIONS), "ballistic missiles", "detained citizens", "the UN Security Council", "asian"),
            new Theme("eu-sanctions", "EU sanctions", List.of(EU, RUSSIA, UKRAINE, GERMANY, FRANCE),
                    l("Brussels", "Luxembourg", "Berlin", "Paris"),
                    l("Brussels", "Moscow", "the Baltic Sea", "Kyiv"),
                    l("a new package of sanctions on Russia", "the shadow fleet of oil tankers", "frozen Russian central bank assets",
                            "a loan to Ukraine backed by frozen assets", "the price cap on Russian oil", "Russian liquefied natural gas imports"),
                    l("listing another 120 shadow fleet vessels", "a lower oil price cap", "a phase-out of Russian LNG",
                            "a reparations loan framework", "new export curbs on dual-use goods", "travel bans on officials"),
                    l("The European Union has adopted multiple sanctions packages against Russia since 2022.",
                            "Hungary and Slovakia have repeatedly delayed new sanctions packages.",
                            "About 210 billion euros of Russian central bank assets are frozen in the EU, most of it at Euroclear in Brussels.",
                            "Moscow says the sanctions are illegal and have failed to damage its economy."),
                    kinds(Kind.SANCTIONS, Kind.SANCTIONS), "sanctions", "detainees", "the Council of the European Union", "european"),
            new Theme("nato", "NATO", List.of(NATO, USA, GERMANY, UK, FRANCE, POLAND, TURKEY, RUSSIA),
                    l("Brussels", "The Hague", "Warsaw", "Washington"),
                    l("Brussels", "Warsaw", "the Baltic Sea", "The Hague"),
                    l("defence spending targets", "air defence for Ukraine", "NATO's eastern flank", "drone incursions into allied airspace",
                            "the Eastern Sentry mission", "arms production in Europe"),
                    l("a defence spending target of five percent of GDP", "new Patriot batteries for Ukraine", "a drone wall along the eastern flank",
                            "additional fighter jets for air policing", "a joint procurement plan", "a new rotation of troops in Poland"),
                    l("NATO allies agreed at The Hague summit in June 2025 to raise defence spending to five percent of GDP by 2035.",
                            "Russian drones have repeatedly violated the airspace of NATO members on the eastern flank.",
                            "The alliance has 32 members since Sweden joined in 2024.",
                            "Moscow calls NATO's expansion a threat to its security."),
                    kinds(Kind.STATEMENT), "drones", "detainees", "the North Atlantic Council", "european"),
            new Theme("un-security-council", "UN Security Council", List.of(UN, RUSSIA, USA, CHINA, FRANCE, UK),
                    l("New York", "Geneva"),
                    l("New York", "Haiti", "Libya", "Syria", "Somalia"),
                    l("the mandate of the UN mission in Haiti", "sanctions on Libya", "humanitarian access in Syria", "the UN mission in Somalia",
                            "the reform of the Security Council", "the selection of the next Secretary-General"),
                    l("a twelve-month extension of the mandate", "a gang suppression force", "an arms embargo renewal",
                            "a presidential statement", "an open debate", "a cross-border aid mechanism"),
                    l("The Security Council has fifteen members, five of them permanent with a veto.",
                            "Russia and the United States have vetoed several draft resolutions in recent years.",
                            "The General Assembly will begin the selection of the next Secretary-General next year.",
                            "Humanitarian funding for UN agencies has fallen sharply this year."),
                    kinds(Kind.VOTE, Kind.VOTE, Kind.VOTE), "attacks", "peacekeepers", "the UN Security Council", "european"),
            new Theme("trade-talks", "trade", List.of(USA_LEADER, CHINA, EU, JAPAN, INDIA, BRAZIL),
                    l("Geneva", "Madrid", "London", "Washington", "Beijing"),
                    l("Geneva", "Washington", "Beijing", "Brussels"),
                    l("tariffs on Chinese goods", "export controls on semiconductors", "rare earth exports", "a trade deal with the European Union",
                            "soybean purchases", "tariffs on Indian goods"),
                    l("a 90-day tariff truce", "a reduction of tariffs to 15 percent", "licences for rare earth exports",
                            "purchases of 12 million tonnes of soybeans", "a working group on export controls", "a framework agreement on trade"),
                    l("Washington imposed sweeping tariffs on most trading partners in April 2025.",
                            "China has restricted exports of rare earth elements used in magnets and chips.",
                            "The World Trade Organization has warned that the tariff war could shrink global trade.",
                            "The European Union agreed a framework deal with Washington in July 2025."),
                    kinds(Kind.TALKS, Kind.SANCTIONS), "tariffs", "detained executives", "the World Trade Organization", "asian"),
            new Theme("lebanon-israel", "Lebanon", List.of(LEBANON, HEZBOLLAH, ISRAEL, FRANCE, USA, UN),
                    l("Beirut", "Paris", "Naqoura"),
                    l("Southern Lebanon", "Tyre", "Nabatieh", "Dahiyeh", "the Bekaa Valley", "Sidon", "the Litani River"),
                    l("the ceasefire between Israel and Hezbollah", "the disarmament of Hezbollah", "the withdrawal of Israeli troops from five hills",
                            "the deployment of the Lebanese army south of the Litani River", "reconstruction aid for southern Lebanon",
                            "the mandate of UNIFIL"),
                    l("a timetable for the army deployment", "a reconstruction conference in Paris", "a monitoring committee meeting in Naqoura",
                            "the handover of weapons depots", "the release of Lebanese detainees", "a border demarcation track"),
                    l("A US- and French-brokered ceasefire ended more than a year of fighting between Israel and Hezbollah in November 2024.",
                            "Israel has kept troops at five positions inside southern Lebanon.",
                            "The Lebanese government has tasked the army with bringing all weapons under state control.",
                            "UNIFIL has been deployed in southern Lebanon since 1978."),
                    kinds(Kind.STRIKE, Kind.STRIKE), "air strikes", "Lebanese detainees", "the UN Security Council", "arab"),
            new Theme("syria", "Syria", List.of(SYRIA, TURKEY, ISRAEL, RUSSIA, USA, SAUDI, EU),
                    l("Damascus", "Riyadh", "Ankara", "Paris", "Baku"),
                    l("Damascus", "Aleppo", "Suwayda", "Latakia", "Idlib", "Deir ez-Zor", "Homs", "Daraa"),
                    l("the lifting of sanctions on Syria", "security arrangements in southern Syria", "the integration of the SDF",
                            "the return of refugees", "reconstruction financing", "Russia's bases at Hmeimim and Tartus"),
                    l("a de-escalation arrangement in the south", "a reconstruction fund", "the reopening of embassies",
                            "a timetable for the integration of the SDF", "the return of 1,000 refugee families", "an energy supply agreement"),
                    l("Bashar al-Assad was toppled in December 2024 after an offensive led by Ahmed al-Sharaa's forces.",
                            "Washington and Brussels have lifted most of their sanctions on Syria.",
                            "Israel has carried out hundreds of strikes in Syria since the fall of Assad.",
                            "More than half of Syria's prewar population was displaced during the civil war."),
                    kinds(Kind.STRIKE, Kind.SANCTIONS), "air strikes", "detainees", "the UN Security Council", "arab"),
            new Theme("west-bank", "West Bank", List.of(PALESTINE, ISRAEL, JORDAN, EU, UN),
                    l("Ramallah", "Amman", "Brussels", "Paris"),
                    l("Jenin", "Tulkarm", "Nablus", "Hebron", "the Jordan Valley", "Huwara", "Masafer Yatta", "Ramallah", "Nur Shams refugee camp"),
                    l("settler violence in the West Bank", "the recognition of a Palestinian state", "Palestinian Authority finances",
                            "Israeli raids in northern West Bank camps", "settlement expansion in the E1 area", "the two-state solution"),
                    l("an emergency funding package for the Palestinian Authority", "a donor meeting in Brussels", "a joint Arab-European declaration",
                            "the release of withheld tax revenues", "a protection presence in Masafer Yatta", "a reform plan for the Authority"),
                    l("Israel captured the West Bank in the 1967 war; most of the world considers its settlements illegal.",
                            "Tens of thousands of Palestinians have been displaced by Israeli operations in northern West Bank camps this year.",
                            "Several Western countries recognised a Palestinian state in September 2025.",
                            "The Palestinian Authority exercises limited self-rule in parts of the West Bank."),
                    kinds(Kind.STRIKE, Kind.AID), "a military raid", "Palestinian detainees", "the UN Security Council", "arab"));

    // ----------------------------------------------------------------------------------- outlets

    private static final int REUTERS = 0, TASS = 1, AP = 2, AFP = 3, XINHUA = 4, PLAIN = 5, YONHAP = 6, ANADOLU = 7, UNNEWS = 8;

    private static final Set<String> ALL = Set.of();

    private static final List<Outlet> OUTLETS = List.of(
            new Outlet("Reuters", "www.reuters.com", "world", REUTERS, ALL),
            new Outlet("TASS", "tass.com", "politics", TASS, ALL),
            new Outlet("Associated Press", "apnews.com", "article", AP, ALL),
            new Outlet("AFP", "www.france24.com", "en/live-news", AFP, ALL),
            new Outlet("Xinhua", "english.news.cn", "world", XINHUA, ALL),
            new Outlet("Al Jazeera", "www.aljazeera.com", "news", PLAIN,
                    Set.of("gaza-ceasefire", "sudan-war", "red-sea", "lebanon-israel", "syria", "west-bank", "iran-nuclear", "drc-m23", "sahel")),
            new Outlet("Anadolu Agency", "www.aa.com.tr", "en/world", ANADOLU, ALL),
            new Outlet("Yonhap", "en.yna.co.kr", "view", YONHAP, Set.of("korea", "trade-talks", "taiwan", "south-china-sea")),
            new Outlet("UN News", "news.un.org", "en/story", UNNEWS,
                    Set.of("gaza-ceasefire", "sudan-war", "un-security-council", "drc-m23", "sahel", "west-bank", "ukraine-war")),
            new Outlet("Kyiv Independent", "kyivindependent.com", "news", PLAIN, Set.of("ukraine-war", "eu-sanctions", "nato")),
            new Outlet("Dawn", "www.dawn.com", "news", PLAIN, Set.of("india-pakistan", "trade-talks", "iran-nuclear")),
            new Outlet("The Hindu", "www.thehindu.com", "news/international", PLAIN, Set.of("india-pakistan", "trade-talks")),
            new Outlet("Sudan Tribune", "sudantribune.com", "article", PLAIN, Set.of("sudan-war")),
            new Outlet("Arab News", "www.arabnews.com", "node", PLAIN,
                    Set.of("gaza-ceasefire", "red-sea", "syria", "lebanon-israel", "west-bank", "sudan-war")),
            new Outlet("DW", "www.dw.com", "en", PLAIN, Set.of("ukraine-war", "eu-sanctions", "nato", "iran-nuclear", "syria")),
            new Outlet("Times of Israel", "www.timesofisrael.com", "liveblog", PLAIN, Set.of("gaza-ceasefire", "lebanon-israel", "west-bank", "iran-nuclear", "syria")),
            new Outlet("Focus Taiwan", "focustaiwan.tw", "politics", PLAIN, Set.of("taiwan", "south-china-sea")),
            new Outlet("Inquirer", "globalnation.inquirer.net", "news", PLAIN, Set.of("south-china-sea")),
            new Outlet("Armenpress", "armenpress.am", "en/article", PLAIN, Set.of("armenia-azerbaijan")),
            new Outlet("Stabroek News", "www.stabroeknews.com", "news", PLAIN, Set.of("venezuela-guyana")),
            new Outlet("Africanews", "www.africanews.com", "news", PLAIN, Set.of("sahel", "drc-m23", "sudan-war")));

    // ----------------------------------------------------------------------------------- names

    private static final Map<String, String[][]> LOCAL_NAMES = Map.of(
            "arab", new String[][] {{"Ahmed", "Mahmoud", "Yousef", "Khaled", "Omar", "Rania", "Samir", "Layla", "Hussein", "Nadia", "Tariq", "Faris", "Huda", "Bilal", "Mona"},
                    {"Abu Shamala", "al-Masri", "Haddad", "Nasser", "al-Zein", "Barakat", "Shaheen", "Qudra", "Saleh", "Hamdi", "Awad", "Khatib", "Darwish", "Mansour", "Odeh"}},
            "slavic", new String[][] {{"Oleksandr", "Iryna", "Dmytro", "Natalia", "Sergei", "Yevgeny", "Olena", "Andriy", "Maxim", "Svetlana", "Ruslan", "Tetiana", "Igor", "Vadim"},
                    {"Kovalenko", "Melnyk", "Shevchuk", "Bondarenko", "Orlov", "Sokolov", "Lysenko", "Tkachenko", "Morozov", "Hrytsenko", "Volkov", "Petrenko", "Savchenko"}},
            "persian", new String[][] {{"Reza", "Mohammad", "Ali", "Hossein", "Maryam", "Kazem", "Behrouz", "Nasrin", "Hamid", "Parisa"},
                    {"Najafi", "Gharibabadi", "Kamalvandi", "Rezaei", "Tavakoli", "Safavi", "Moradi", "Ahmadi", "Jafari", "Karimi"}},
            "asian", new String[][] {{"Chen", "Liu", "Zhang", "Jay Tarriela", "Kenji", "Park Min", "Hsiao", "Tanaka", "Lee Sung", "Huang", "Kim Dong", "Wu"},
                    {"Wei", "Jian", "Hong", "Ming", "Yu", "Tao", "Jun", "Hao", "Ping", "Lin"}},
            "african", new String[][] {{"Moussa", "Aminata", "Ibrahim", "Patrick", "Jean-Pierre", "Fatoumata", "Corneille", "Grace", "Boubacar", "Christian", "Aissata", "Olivier"},
                    {"Traoré", "Diallo", "Koné", "Mbuyi", "Nangaa", "Kabuya", "Ouedraogo", "Sawadogo", "Maiga", "Nduwimana", "Kalonji", "Cissé"}},
            "latin", new String[][] {{"Carlos", "María", "Luis", "Andrea", "Hugh", "Gail", "José", "Ricardo", "Ana", "Robert"},
                    {"Todd", "Teixeira", "Pérez", "Rodríguez", "Ramjattan", "Gómez", "Persaud", "Alvarado", "Singh", "Mendoza"}},
            "southasian", new String[][] {{"Rajesh", "Asim", "Priya", "Imran", "Vikram", "Sana", "Arvind", "Bilal", "Meena", "Faisal"},
                    {"Sharma", "Qureshi", "Menon", "Chaudhry", "Iyer", "Rizvi", "Kapoor", "Malik", "Nair", "Hussain"}},
            "european", new String[][] {{"Anna", "Pierre", "Katarzyna", "Jan", "Sophie", "Luca", "Henrik", "Maria", "Thomas", "Elena", "Marek", "Claire"},
                    {"Schmidt", "Dubois", "Nowak", "de Vries", "Rossi", "Lindholm", "Kowalczyk", "Müller", "Laurent", "Varga", "Jensen", "Moreau"}});

    private static final String[] JOURNALISTS = {"Nidal al-Mughrabi", "Andrew Osborn", "Guy Faulconbridge", "Maggie Fick", "Parisa Hafezi",
            "Humeyra Pamuk", "Michelle Nichols", "John Irish", "Andrew Gray", "Tom Balmforth", "Olena Harmash", "Ryan Woo",
            "Ben Blanchard", "Karen Lema", "Ju-min Park", "Krishn Kaushik", "Ariba Shahid", "Sudip Kar-Gupta", "Daniel Flynn",
            "Alex Richardson", "Mark Heinrich", "William Maclean", "Timothy Heritage", "Peter Graff", "Gareth Jones", "Toby Chopra",
            "Samia Nakhoul", "Aidan Lewis", "Jonathan Saul", "Francois Murphy", "Kate Abnett", "Lili Bayer", "Edith Lederer",
            "Jon Gambrell", "Samy Magdy", "Hanna Arhirova", "Hyung-jin Kim", "Jim Gomez", "Munir Ahmed", "Cara Anna"};

    private static final String[] SHIP_A = {"Aegean", "Sounion", "Tutor", "Galaxy", "Marlin", "Eternity", "Magic", "Zografia", "Minervagracht",
            "Chios", "Pacific", "Nordic", "Golden", "Silver", "Ocean", "Blue", "Star", "Coral", "Cyclades", "Andromeda"};
    private static final String[] SHIP_B = {"Star", "Pride", "Voyager", "Spirit", "Trader", "Lion", "Seas", "Horizon", "Fortune", "Dawn",
            "Carrier", "Express", "Venture", "Glory", "Wind", "Light", "Breeze", "Crest"};
    private static final String[] FLAGS = {"Liberian-flagged", "Panama-flagged", "Marshall Islands-flagged", "Greek-owned", "Malta-flagged",
            "Singapore-flagged", "Dutch-flagged", "Barbados-flagged"};
    private static final String[] VESSEL = {"bulk carrier", "oil tanker", "container ship", "chemical tanker", "cargo ship", "LPG carrier"};
    private static final String[] FIRMS_A = {"Sovcomflot", "Ocean Gate", "Baltic Crest", "Gulf Meridian", "Nordstern", "Arctic Line",
            "Silk Route", "Caspian Bridge", "Eastern Falcon", "Polar Star", "Red Anchor", "Golden Delta"};
    private static final String[] FIRMS_B = {"Shipping LLC", "Trading FZE", "Logistics Ltd", "Marine Services", "Holdings", "Petroleum DMCC",
            "Technologies Company", "Industrial Group"};

    // ----------------------------------------------------------------------------------- events

    /** One event's facts; every report of it draws on these and nothing else. */
    private static final class Event {
        final String id;
        final Theme theme;
        final Kind kind;
        final Instant when;
        final LocalDate date;
        final Map<String, String> facts = new HashMap<>();
        final String quote;
        final Side speakerSide;
        final Person speaker;
        final int[] leadPerm, headPerm, detailPerm, quotePerm, reactPerm, backPerm, extraPerm;

        Event(String id, Theme theme, Kind kind, Instant when, LocalDate date, String quote, Side speakerSide, Person speaker, Random r,
                int leads, int heads, int details, int quotes, int reacts) {
            this.id = id;
            this.theme = theme;
            this.kind = kind;
            this.when = when;
            this.date = date;
            this.quote = quote;
            this.speakerSide = speakerSide;
            this.speaker = speaker;
            this.leadPerm = perm(r, leads);
            this.headPerm = perm(r, heads);
            this.detailPerm = perm(r, details);
            this.quotePerm = perm(r, quotes);
            this.reactPerm = perm(r, reacts);
            this.backPerm = perm(r, theme.background().size());
            this.extraPerm = perm(r, EXTRA.length);
        }
    }

    private static int[] perm(Random r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    // Templates. {A}… are filled from an event's facts; "A" is the first party's person (the
    // actor), "B" the second's, "S" the speaker of the quotation. Variants of one slot are worded
    // differently on purpose: reports of one event take different variants.

    private static final Map<Kind, String[]> HEADLINES = new HashMap<>();
    private static final Map<Kind, String[]> LEADS = new HashMap<>();
    private static final Map<Kind, String[]> DETAILS = new HashMap<>();

    static {
        HEADLINES.put(Kind.CALL, new String[] {
            "{A.short} and {B.short} discuss {topic} by phone",
            "{A.country} and {B.country} top officials hold call on {topic}",
            "{A.short} tells {B.short} {A.country} is ready to work on {agreed}",
            "{B.short}, {A.short} agree to pursue {agreed} in phone talks",
            "Phone call between {A.short} and {B.short} focuses on {topic}",
            "{A.short} urges {B.adj} counterpart to move on {topic}",
            "{A.adj} and {B.adj} officials speak as pressure builds over {topic}"});
        LEADS.put(Kind.CALL, new String[] {
            "{A.full} held a telephone conversation with {B.full} on {day}, discussing {topic}, {A.ministry} said.",
            "{B.full} and {A.full} spoke by phone on {day} and agreed to work towards {agreed}.",
            "In a phone call on {day}, {A.alt}, and {B.alt}, reviewed {topic} and what a deal on {agreed} would require.",
            "{A.full} called {B.full} on {day} evening, the {n}-minute conversation centring on {topic}.",
            "{A.short} and {B.short} discussed {topic} during a telephone call initiated by the {A.adj} side, officials said on {day}.",
            "The top officials of {A.country} and {B.country} talked on the phone on {day}, and {A.short} pressed for {agreed}."});
        DETAILS.put(Kind.CALL, new String[] {
            "According to a readout, the two also touched on {topic2}.",
            "It was their {ordinal} conversation this month.",
            "The call lasted about {n} minutes, an official familiar with it said.",
            "{B.short} briefed {A.short} on his recent contacts in {venue}.",
            "Both sides agreed to keep in close contact, the statement said.",
            "{A.short} stressed the need to settle {topic} through dialogue.",
            "Neither side gave details of any agreement on {agreed}.",
            "{B.ministry} said its minister had raised {topic2} as well."});

        HEADLINES.put(Kind.TALKS, new String[] {
            "Talks in {venue} on {topic} end {outcomeShort}",
            "Negotiators meet in {venue} as {topic} stays on table",
            "{venue} round yields {agreed}, officials say",
            "Delegations meet for {hours} hours in {venue} over {topic}",
            "Mediators push {agreed} at {venue} talks",
            "New round of talks on {topic} opens in {venue}",
            "{A.country} and {B.country} hold talks in {venue}"});
        LEADS.put(Kind.TALKS, new String[] {
            "Delegations from {A.country} and {B.country} met in {venue} on {day} for talks on {topic}, with {mediator} mediating.",
            "Negotiators gathered in {venue} on {day} for a new round of talks on {topic}, and sources said they discussed {agreed}.",
            "The {ordinal} round of talks on {topic} ended in {venue} on {day} after {hours} hours, {outcome}.",
            "Talks in {venue} on {topic} made {progress} progress on {day}, mediators said, as the sides weighed {agreed}.",
            "{mediator} hosted {A.adj} and {B.adj} negotiators in {venue} on {day}, seeking agreement on {agreed}.",
            "The sides sat down in {venue} on {day} to discuss {topic}, a meeting officials said lasted {hours} hours."});
        DETAILS.put(Kind.TALKS, new String[] {
            "The {A.adj} delegation was led by {local}.",
            "A source briefed on the talks said the sides had exchanged written proposals on {agreed}.",
            "The next meeting is expected in {venue2} within {days} days.",
            "Mediators presented a {pages}-page draft, according to two people familiar with the matter.",
            "The talks lasted {hours} hours, with several breaks for consultations.",
            "{B.adj} negotiators asked for guarantees on {topic2}.",
            "Officials declined to say whether {agreed} had been settled.",
            "A technical team will stay behind in {venue} to work on the details."});

        HEADLINES.put(Kind.VISIT, new String[] {
            "{A.short} arrives in {venue} for talks with {B.short}",
            "{A.short} visits {venue}, signs {n} agreements",
            "{B.short} hosts {A.short} in {venue} amid {topic}",
            "{A.adj} {A.role} in {venue} on {ordinal} visit",
            "{A.short}'s visit to {venue} puts {topic} on agenda",
            "{A.short} and {B.short} meet in {venue}"});
        LEADS.put(Kind.VISIT, new String[] {
            "{A.full} arrived in {venue} on {day} for talks with {B.full} on {topic}.",
            "{B.full} received {A.full} in {venue} on {day}, and the two signed {n} agreements, including one on {agreed}.",
            "On a visit to {venue} on {day}, {A.alt}, met {B.short} and discussed {topic}.",
            "{A.short} began a {days}-day visit to {venue} on {day} with a meeting with {B.short}, who pressed him on {topic}.",
            "{A.full} held talks with {B.full} in {venue} on {day}, the {ordinal} such visit this year.",
            "{A.short} landed in {venue} on {day} morning and went straight into a meeting with {B.short} on {agreed}."});
        DETAILS.put(Kind.VISIT, new String[] {
            "The visit had not been announced in advance.",
            "The two sides signed {n} memorandums, covering trade and {agreed}.",
            "{A.short} also met {local}, during the trip.",
            "He is due to travel on to {venue2} on {nextDay}.",
            "The meeting lasted about {hours} hours, according to the {B.adj} side.",
            "A joint press conference was cancelled at short notice.",
            "Officials said the talks covered {topic2} as well.",
            "{A.short} laid a wreath at a memorial before the talks."});

        HEADLINES.put(Kind.STATEMENT, new String[] {
            "{S.side} says {topic} cannot wait",
            "{S.short} warns over {topic}",
            "{S.side} rejects criticism over {topic}",
            "{S.side} calls for {agreed}",
            "{S.short}: {topic} must be settled by dialogue",
            "{S.side} spokesperson comments on {topic}",
            "{S.side} demands action on {topic}"});
        LEADS.put(Kind.STATEMENT, new String[] {
            "{S.full} said on {day} that {S.sideName} would not accept delays on {topic}.",
            "{S.sideName} called on {day} for {agreed}, {S.full} told a news briefing.",
            "Speaking at a briefing on {day}, {S.full} warned that {topic} risked further escalation.",
            "{S.full} issued a statement on {day} urging all parties to agree on {agreed}.",
            "{S.sideName} rejected criticism of its position on {topic}, {S.full} said on {day}.",
            "{S.ministry} said on {day} it was following {topic} closely and called for {agreed}."});
        DETAILS.put(Kind.STATEMENT, new String[] {
            "The remarks came at the {ordinal} briefing of the week.",
            "{S.short} did not take questions on {topic2}.",
            "The statement was published on the ministry's website and channels.",
            "{S.short} repeated the call for {agreed}.",
            "The comments followed reports of new contacts in {venue}.",
            "Asked about {topic2}, {S.short} said there was nothing to add.",
            "The statement named {local}, as the official in charge of the file.",
            "{S.short} said details would be made public in {days} days."});

        HEADLINES.put(Kind.STRIKE, new String[] {
            "{casualties} killed in {weapon} on {site}",
            "{site} hit by {weapon}, officials say",
            "Attack on {site} kills {casualties}, wounds {wounded}",
            "{casualties} dead after overnight {weapon} on {site}",
            "Rescuers search rubble in {site} after {weapon}",
            "{site}: death toll rises to {casualties}"});
        LEADS.put(Kind.STRIKE, new String[] {
            "At least {casualties} people were killed and {wounded} wounded in {weapon} on {site} on {day}, local officials said.",
            "{weapon} hit {site} overnight into {day}, killing {casualties} people, according to {local}.",
            "Rescuers in {site} pulled bodies from the rubble on {day} after {weapon} that officials said killed {casualties} and wounded {wounded}.",
            "The death toll from {weapon} on {site} rose to {casualties} on {day}, with {wounded} more people in hospital.",
            "A strike on {site} early on {day} destroyed {target} and killed {casualties} people, officials said.",
            "Officials in {site} said on {day} that {casualties} people had been killed when {target} was hit."});
        DETAILS.put(Kind.STRIKE, new String[] {
            "Among the dead were {children} children, {local}, said.",
            "The attack damaged {target} and several nearby buildings.",
            "{wounded} people were taken to hospital, {n} of them in serious condition.",
            "Witnesses said they heard {blasts} explosions shortly before dawn.",
            "Emergency crews worked for {hours} hours to put out the fires.",
            "The {A.adj} side said it had targeted military infrastructure, a claim that could not be independently verified.",
            "It was the deadliest attack on {site} in {days} days.",
            "Power was cut to about {thousands},000 homes after the strike."});

        HEADLINES.put(Kind.AID, new String[] {
            "{trucks} aid trucks reach {site}",
            "Aid convoy enters {site} after days of delays",
            "UN says {tonnes} tonnes of food delivered to {site}",
            "Relief reaches {site} as agencies warn of shortages",
            "Convoy of {trucks} trucks arrives in {site}"});
        LEADS.put(Kind.AID, new String[] {
            "A convoy of {trucks} trucks carrying food and medicine reached {site} on {day}, {UNref} said.",
            "Aid agencies delivered {tonnes} tonnes of supplies to {site} on {day}, the first convoy in {days} days.",
            "{trucks} lorries loaded with flour, fuel and medical supplies entered {site} on {day}, officials said.",
            "Humanitarian workers reached {site} on {day} with {tonnes} tonnes of food, according to {local}.",
            "Relief supplies arrived in {site} on {day} aboard {trucks} trucks after negotiations over {topic}."});
        DETAILS.put(Kind.AID, new String[] {
            "The convoy included {fuel} trucks of fuel for hospitals and water pumps.",
            "Agencies say at least {need} trucks a day are needed.",
            "The trucks waited {hours} hours at checkpoints, drivers said.",
            "{local}, said warehouses in {site} had been empty for weeks.",
            "The World Food Programme said it aimed to reach {thousands},000 people with the supplies.",
            "A second convoy is expected on {nextDay}.",
            "Some of the trucks were looted on the way, aid officials said.",
            "The delivery followed talks on {topic}."});

        HEADLINES.put(Kind.EXCHANGE, new String[] {
            "{A.country} and {B.country} swap {count} {detainees}",
            "{count} {detainees} freed in exchange mediated by {mediator}",
            "Exchange brings home {count} {detainees}",
            "{mediator} brokers release of {count} {detainees}",
            "{count} {detainees} return home in swap"});
        LEADS.put(Kind.EXCHANGE, new String[] {
            "{A.country} and {B.country} exchanged {count} {detainees} each on {day} in a swap mediated by {mediator}.",
            "{count} {detainees} were released on {day} under a deal brokered by {mediator}, officials on both sides said.",
            "In an exchange mediated by {mediator}, {count} {detainees} returned home on {day}, {A.ministry} said.",
            "The {A.adj} and {B.adj} sides swapped {count} {detainees} on {day}, the {ordinal} such exchange this year.",
            "Buses carrying {count} freed {detainees} crossed back on {day} after {mediator} brokered a deal."});
        DETAILS.put(Kind.EXCHANGE, new String[] {
            "Among those released were {wounded} who were seriously wounded.",
            "Some had been held for more than {years} years, relatives said.",
            "The handover took place near {site}.",
            "{local}, thanked {mediator} for its efforts.",
            "The freed men will undergo medical checks and rehabilitation.",
            "It was the {ordinal} exchange mediated by {mediator}.",
            "Relatives waited for hours at the reception point holding photographs.",
            "Both sides also handed over the remains of {bodies} people."});

        HEADLINES.put(Kind.INCIDENT, new String[] {
            "{vesselName} {incidentShort} near {site}",
            "{A.country} accuses {B.country} over incident near {site}",
            "Incident near {site} raises tension over {topic}",
            "{incidentNoun} reported near {site}",
            "{B.adj} military reports {incidentNoun} near {site}"});
        LEADS.put(Kind.INCIDENT, new String[] {
            "The {flag} {vessel} {vesselName} {incident} near {site} on {day}, {B.ministry} said.",
            "{A.adj} forces were involved in {incidentNoun} near {site} on {day}, according to officials, the {ordinal} this month.",
            "The {vessel} {vesselName} reported {incidentNoun} near {site} on {day}, with {crew} crew on board.",
            "Officials said on {day} that {incidentNoun} had taken place near {site}, involving the {vessel} {vesselName}.",
            "{B.country} said on {day} that {A.adj} forces had been behind {incidentNoun} near {site}."});
        DETAILS.put(Kind.INCIDENT, new String[] {
            "The vessel had {crew} crew members on board, none of whom were reported hurt.",
            "Satellite images showed {n} ships in the area at the time.",
            "The incident happened about {miles} nautical miles from the coast.",
            "{local}, said the crew had been told to change course.",
            "The vessel was sailing from {venue2} when it was approached.",
            "Maritime security firms advised ships in the area to report any suspicious activity.",
            "{A.adj} officials said their forces acted in line with the law.",
            "It was the {ordinal} such incident near {site} this year."});

        HEADLINES.put(Kind.VOTE, new String[] {
            "{body} adopts resolution on {topic}",
            "{body} vote on {topic}: {yes} in favour",
            "Resolution {res} passes with {abstain} abstentions",
            "{body} backs {agreed}",
            "Vote on {topic} splits {body}"});
        LEADS.put(Kind.VOTE, new String[] {
            "{body} adopted resolution {res} on {day} on {topic}, with {yes} votes in favour, {no} against and {abstain} abstentions.",
            "By a vote of {yes} to {no}, {body} on {day} approved a text on {topic} that provides for {agreed}.",
            "Members of {body} voted on {day} to back {agreed}, passing resolution {res} with {abstain} abstentions.",
            "{body} on {day} passed a resolution on {topic}; {yes} members voted for it and {abstain} abstained.",
            "A resolution on {topic} drafted by {A.country} was adopted by {body} on {day} with {yes} votes."});
        DETAILS.put(Kind.VOTE, new String[] {
            "{B.country} voted against the text, its envoy saying it was unbalanced.",
            "The resolution was drafted by {A.country} and co-sponsored by {n} states.",
            "Several members said they abstained because the text ignored {topic2}.",
            "Diplomats had negotiated the text for {days} days.",
            "{local}, said the vote sent a clear signal.",
            "The text asks for a report on {topic} within {days} days.",
            "An amendment on {topic2} failed to pass.",
            "The vote followed a closed-door briefing by {local}."});

        HEADLINES.put(Kind.SANCTIONS, new String[] {
            "{A.country} sanctions {individuals} individuals, {entities} entities over {topic}",
            "New {A.adj} sanctions target {firm}",
            "{A.country} widens sanctions linked to {topic}",
            "{firm} among {entities} firms hit by {A.adj} sanctions",
            "Sanctions package adds {individuals} names over {topic}"});
        LEADS.put(Kind.SANCTIONS, new String[] {
            "{A.country} imposed sanctions on {individuals} individuals and {entities} entities over {topic} on {day}, including {firm}.",
            "{firm} was among {entities} companies added to {A.possessive} sanctions list on {day} in a move linked to {topic}.",
            "{A.full} announced on {day} new sanctions targeting {individuals} people and {entities} firms tied to {topic}.",
            "New sanctions announced by {A.country} on {day} freeze the assets of {individuals} people and bar dealings with {firm}.",
            "{A.country} on {day} adopted measures against {entities} entities, among them {firm}, citing {topic}."});
        DETAILS.put(Kind.SANCTIONS, new String[] {
            "The listed companies are registered in {venue2} and two other jurisdictions.",
            "The measures include asset freezes and travel bans.",
            "{B.country} said it would respond to the measures.",
            "The package also covers {agreed}.",
            "{local}, was named among the individuals listed.",
            "Officials said the listings took effect immediately.",
            "The list now includes more than {thousands},000 names.",
            "{firm} did not respond to a request for comment."});
    }

    private static final String[] REACTIONS = {
        "{B.ministry} did not immediately comment.",
        "There was no immediate reaction from {B.country}.",
        "{B.country} has previously rejected similar accounts.",
        "A spokesperson for {B.side} said the matter was under review.",
        "{B.adj} officials declined to comment when contacted.",
        "{B.country} has not publicly responded.",
        "{B.adj} officials said they would study the proposal.",
        "{B.adj} state media made no mention of it."};

    private static final String[] QUOTE_FORMS = {
        "“{quote},” {S.full} said.",
        "{S.full} told reporters: “{quote}.”",
        "“{quote},” {S.short} said in a statement.",
        "{S.short} said: “{quote}.”",
        "In remarks carried by state media, {S.short} said: “{quote}.”",
        "“{quote},” {S.short} wrote on social media."};

    private static final String[] PARAPHRASES = {
        "{S.short} said {S.sideName} remained committed to {agreed}.",
        "According to {S.short}, {S.sideName} wants progress on {topic} soon.",
        "{S.short} signalled that {S.sideName} would not give up on {topic}.",
        "{S.short} argued that {agreed} was within reach.",
        "{S.short} later said the issue of {topic} was at a decisive stage."};

    private static final String[] QUOTE_BODIES = {
        "We will not accept any arrangement on {topic} that ignores {whom}",
        "The ball is now in the other side's court on {agreed}",
        "There can be no lasting solution without {agreed}",
        "What happened in {site} shows why {topic} cannot wait",
        "We have made clear that {agreed} is the minimum",
        "Our position on {topic} has not changed and will not change",
        "We are ready to work on {agreed}, but not under pressure",
        "The next {days} days will decide whether {topic} moves forward",
        "Nobody should doubt our commitment to {topic}",
        "This is a step, not a solution, and {agreed} must follow",
        "We call on all parties to show restraint and to respect {whom}",
        "The people of {site} deserve better than empty promises"};

    private static final String[] WHOM = {"the rights of civilians", "international law", "our security interests", "the will of the people",
            "the agreements already signed", "humanitarian principles"};

    /** Recurring wire phrases, the glue of news copy: they recur across unrelated articles. */
    private static final String[] WIRE = {
        "{X} said in a statement.",
        "according to the ministry.",
        "amid growing international pressure.",
        "officials said, speaking on condition of anonymity because they were not authorised to brief the media.",
        "the statement said, without giving further details.",
        "according to a statement released on {day}.",
        "as diplomatic efforts intensified."};

    private static final String[] CONTEXT = {
        "The development comes amid growing international pressure over {topic}.",
        "It was not immediately possible to verify the account independently.",
        "Diplomatic activity has intensified in recent weeks as mediators try to narrow the gaps.",
        "The issue is expected to be discussed at the next meeting of {body}.",
        "Analysts said {topic} would remain the main obstacle to any broader agreement.",
        "Western diplomats said the coming days would be critical.",
        "The announcement came hours after {B.short} made public remarks on {topic2}.",
        "Officials have given few details of the timetable.",
        "{A.country} and {B.country} have traded accusations over {topic2} in recent weeks.",
        "Markets showed little reaction to the news.",
        "Human rights groups have called for an independent investigation.",
        "The talks are being closely watched in {venue2}."};

    /** Facts beyond the lead and details, worded for any kind of event; each report takes its own slice. */
    private static final String[] EXTRA = {
        "{local2} said the next steps would be decided in {venue2} within {days2} days.",
        "The {A.adj} side put the cost of {agreed} at about {amount}.",
        "Officials said {count2} people had been involved in preparing the meeting.",
        "A document seen by reporters lists {n2} points, the first of them on {topic2}.",
        "{local2} described the mood as tense but businesslike.",
        "The figure of {n2} could not be confirmed from other sources.",
        "By {time} local time, no further statement had been issued.",
        "{B.sideName} is expected to present its own proposal on {topic2} by {date2}.",
        "Sources close to {A.ministry} said a follow-up was pencilled in for {date2}.",
        "Earlier, {local2} had said that {pct} percent of the work on {agreed} was done.",
        "The {ordinal2} item on the agenda was {topic2}, officials said.",
        "The issue of {topic2} was raised by {B.short}, according to one participant.",
        "{A.short} is expected to brief partners in {venue2} on {date2}.",
        "A delegation of {n2} officials travelled with {A.short}.",
        "Local television showed footage from {site} recorded at {time}.",
        "{local2} told reporters that about {amount} had already been pledged.",
        "The {B.adj} side asked for written guarantees, {local2} said.",
        "Preparations took {days2} days, diplomats said.",
        "Turnout at the briefing was high, with {n2} foreign correspondents present.",
        "At {time}, officials had still not confirmed the figures.",
        "The previous such contact took place on {date3}.",
        "A senior official said {n2} proposals were on the table.",
        "An aide to {A.short} said the priority remained {topic2}.",
        "Some {count2} people were moved away from {site} as a precaution.",
        "{B.short} is due to respond by {date2}, officials said.",
        "The schedule allowed {hours2} hours for the discussions.",
        "{local2} said {agreed} would cost about {amount} to carry out.",
        "Diplomats in {venue2} said they had been briefed by {local2}.",
        "A joint working group of {n2} experts will meet on {date2}.",
        "{A.adj} media quoted {local2} as calling the contacts useful.",
        "Three people familiar with the matter said {topic2} had been the hardest point.",
        "The statement ran to {n2} paragraphs and did not mention {topic2}.",
        "The timing was linked to {date2}, when {agreed} is due to be reviewed.",
        "{local2} put the number of people affected at {count2}.",
        "A first assessment is due by {date2}, {local2} said.",
        "The text of the agreement has not been published.",
        "Observers from {n2} countries followed the proceedings.",
        "Security was tight around {site}, with {count2} police deployed.",
        "{A.short} later posted photographs online.",
        "The {B.adj} embassy in {venue2} did not answer questions."};

    private static final String[] ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"};

    // ----------------------------------------------------------------------------------- the desk

    private static final class Desk {
        private final Random r;
        private final LocalDate firstDay;
        private final int days;
        private final Map<String, Integer> urlSerial = new HashMap<>();
        private int eventSerial;
        /** The identities of the events generated so far (see {@link #identity}). */
        private final Set<String> identities = new java.util.HashSet<>();
        private int itemSerial;
        private final long seed;

        Desk(long seed, LocalDate firstDay, int days) {
            this.seed = seed;
            this.r = new Random(seed);
            this.firstDay = firstDay;
            this.days = days;
        }

        List<Item> run(int articles, double nearDuplicateShare) {
            int copies = (int) Math.round(articles * nearDuplicateShare);
            List<Item> items = new ArrayList<>();
            while (items.size() < articles - copies) {
                int reports = reportCount();
                reports = Math.min(reports, articles - copies - items.size());
                items.addAll(event(reports));
            }
            for (int c = 0; c < copies; c++) {
                items.add(nearDuplicate(items.get(r.nextInt(articles - copies))));
            }
            items.sort(java.util.Comparator.comparing(Item::published).thenComparing(Item::id));
            return items;
        }

        private int reportCount() {
            double x = r.nextDouble();
            return x < 0.45 ? 1 : x < 0.75 ? 2 : x < 0.87 ? 3 : x < 0.95 ? 4 : 5;
        }

        private <T> T pick(List<T> list) {
            return list.get(r.nextInt(list.size()));
        }

        private String pick(String[] a) {
            return a[r.nextInt(a.length)];
        }

        private int between(int lo, int hi) {
            return lo + r.nextInt(hi - lo + 1);
        }

        private String localName(Theme t) {
            String[][] n = LOCAL_NAMES.get(t.locals());
            return n[0][r.nextInt(n[0].length)] + " " + n[1][r.nextInt(n[1].length)];
        }

        private String localRole(Theme t, String site) {
            String[] roles = {"the head of the local administration", "a spokesman for the health ministry", "the regional governor",
                "the head of the civil defence in " + site, "a senior negotiator", "an adviser to the delegation", "the director of the main hospital",
                "a senior diplomat", "the deputy head of mission", "a military spokesman"};
            return localName(t) + ", " + pick(roles);
        }

        private List<Item> event(int reports) {
            // what makes an event this event: its kind, its parties, its place or subject and its day;
            // drawn again while another event of the day already has them (two calls between the
            // same two ministers on one day are one call, whatever each report stresses)
            Theme t;
            Kind kind;
            LocalDate date;
            Side a;
            Side b;
            String site;
            String topic;
            List<Side> withPeople;
            int attempt = 0;
            do {
                t = THEMES.get(r.nextInt(THEMES.size()));
                kind = pick(t.kinds());
                date = firstDay.plusDays(r.nextInt(days));
                // parties: A acts, B is the other side; for calls and visits both need a person
                withPeople = t.sides().stream().filter(x -> !x.people().isEmpty()).toList();
                if (kind == Kind.CALL || kind == Kind.VISIT) {
                    a = pick(withPeople);
                    do {
                        b = pick(withPeople);
                    } while (b.name().equals(a.name()) && withPeople.size() > 1);
                } else {
                    a = kind == Kind.SANCTIONS || kind == Kind.STATEMENT || kind == Kind.TALKS ? pick(withPeople) : pick(t.sides());
                    do {
                        b = pick(t.sides());
                    } while (b.name().equals(a.name()));
                }
                site = pick(t.sites());
                topic = pick(t.topics());
            } while (!identities.add(identity(kind, date, a, b, site, topic)) && ++attempt < 1000);
            String id = String.format("e%05d", ++eventSerial);
            Instant when = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(between(4 * 3600, 20 * 3600));
            Person pa = a.people().isEmpty() ? null : pick(a.people());
            Person pb = b.people().isEmpty() ? null : pick(b.people());
            Side sSide = kind == Kind.STATEMENT ? a : pick(withPeople);
            Person s = sSide.spokesperson() != null && (kind == Kind.STATEMENT || r.nextBoolean()) ? sSide.spokesperson() : pick(sSide.people());
            if (sSide == a && pa != null && kind != Kind.STATEMENT) {
                s = pa;
            }
            String venue = pick(t.venues());
            String venue2 = pick(t.venues());
            String topic2;
            do {
                topic2 = pick(t.topics());
            } while (topic2.equals(topic));
            String agreed = pick(t.agreed());
            Map<String, String> f = new HashMap<>();
            person(f, "A", a, pa);
            person(f, "B", b, pb);
            person(f, "S", sSide, s);
            f.put("site", site);
            f.put("venue", venue);
            f.put("venue2", venue2.equals(venue) ? pick(t.sites()) : venue2);
            f.put("topic", topic);
            f.put("topic2", topic2);
            f.put("agreed", agreed);
            f.put("day", date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            f.put("nextDay", date.plusDays(between(1, 3)).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            f.put("n", Integer.toString(between(3, 95)));
            f.put("hours", Integer.toString(between(2, 14)));
            f.put("days", Integer.toString(between(2, 45)));
            f.put("pages", Integer.toString(between(4, 60)));
            f.put("ordinal", pick(ORDINALS));
            List<Side> mediators = new ArrayList<>();
            for (Side x : t.sides().subList(2, t.sides().size())) {
                if (!x.name().equals(a.name()) && !x.name().equals(b.name())) {
                    mediators.add(x);
                }
            }
            f.put("mediator", mediators.isEmpty() ? "the United Nations" : pick(mediators).name());
            String[] outcomes = {"without a breakthrough", "with agreement on " + agreed, "with both sides saying gaps remained",
                "with a promise to meet again", "in what mediators called a constructive atmosphere"};
            String[] outcomesShort = {"without breakthrough", "with partial deal", "with gaps remaining", "with plan to meet again",
                "on constructive note"};
            int o = r.nextInt(outcomes.length);
            f.put("outcome", outcomes[o]);
            f.put("outcomeShort", outcomesShort[o]);
            f.put("progress", new String[] {"slow", "some", "limited", "little"}[r.nextInt(4)]);
            f.put("local", localRole(t, site));
            String local2 = localName(t);
            f.put("local2", local2.equals(f.get("local").split(",")[0]) ? localName(t) : local2);
            int hundreds = between(2, 95);
            f.put("amount", hundreds < 10 ? hundreds * 100 + " million dollars" : hundreds / 10 + "." + hundreds % 10 + " billion dollars");
            f.put("count2", Integer.toString(between(40, 2400)));
            f.put("n2", Integer.toString(between(4, 40)));
            f.put("days2", Integer.toString(between(3, 21)));
            f.put("hours2", Integer.toString(between(3, 11)));
            f.put("pct", Integer.toString(between(11, 88)));
            f.put("time", String.format("%02d:%02d", between(6, 23), between(0, 11) * 5));
            f.put("date2", date.plusDays(between(4, 40)).format(DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH)));
            f.put("date3", date.minusDays(between(6, 120)).format(DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH)));
            f.put("ordinal2", pick(ORDINALS));
            f.put("casualties", Integer.toString(between(2, 60)));
            f.put("wounded", Integer.toString(between(5, 140)));
            f.put("children", Integer.toString(between(1, 12)));
            f.put("blasts", Integer.toString(between(2, 9)));
            f.put("thousands", Integer.toString(between(2, 180)));
            f.put("weapon", t.weapon());
            f.put("target", pick(new String[] {"a residential building", "a school used as a shelter", "a market", "a power substation",
                "a hospital courtyard", "a fuel depot", "a bridge on the main road", "an apartment block", "a warehouse", "a water pumping station"}));
            f.put("trucks", Integer.toString(between(12, 240)));
            f.put("tonnes", Integer.toString(between(80, 4000)));
            f.put("fuel", Integer.toString(between(2, 20)));
            f.put("need", Integer.toString(between(300, 600)));
            f.put("UNref", pick(new String[] {"the United Nations", "the World Food Programme", "UN relief chief Tom Fletcher", "OCHA",
                "the UN humanitarian office"}));
            f.put("count", Integer.toString(between(6, 390)));
            f.put("detainees", t.detainees());
            f.put("years", Integer.toString(between(2, 4)));
            f.put("bodies", Integer.toString(between(4, 900)));
            f.put("vesselName", pick(SHIP_A) + " " + pick(SHIP_B));
            f.put("flag", pick(FLAGS));
            f.put("vessel", pick(VESSEL));
            f.put("crew", Integer.toString(between(9, 31)));
            f.put("miles", Integer.toString(between(8, 140)));
            String[][] incidents = {{"was hit by a missile", "hit by missile", "a missile strike on a merchant ship"},
                {"was struck by a drone", "struck by drone", "a drone attack"},
                {"was blocked by coast guard ships", "blocked at sea", "a standoff between coast guard ships"},
                {"was fired on with water cannon", "hit by water cannon", "the use of water cannon"},
                {"reported a close approach by fighter jets", "buzzed by jets", "an unsafe intercept by fighter jets"},
                {"was tracked by a missile launch", "tracks missile launch", "a ballistic missile launch"}};
            String[] inc = incidents[r.nextInt(incidents.length)];
            f.put("incident", inc[0]);
            f.put("incidentShort", inc[1]);
            f.put("incidentNoun", inc[2]);
            f.put("body", t.body());
            f.put("res", Integer.toString(between(2760, 2899)));
            f.put("yes", Integer.toString(t.body().contains("Security Council") ? between(9, 15) : between(19, 140)));
            f.put("no", Integer.toString(between(0, 3)));
            f.put("abstain", Integer.toString(between(0, 5)));
            f.put("individuals", Integer.toString(between(3, 80)));
            f.put("entities", Integer.toString(between(2, 60)));
            f.put("firm", pick(FIRMS_A) + " " + pick(FIRMS_B));
            f.put("whom", pick(WHOM));
            f.put("X", a.ministry());
            String quote = null;
            if (r.nextDouble() < 0.7) {
                quote = fill(pick(QUOTE_BODIES), f);
                f.put("quote", quote);
            }
            Event e = new Event(id, t, kind, when, date, quote, sSide, s, r, LEADS.get(kind).length, HEADLINES.get(kind).length,
                    DETAILS.get(kind).length, QUOTE_FORMS.length, REACTIONS.length);
            e.facts.putAll(f);
            List<Outlet> outlets = outletsFor(t, reports);
            List<Item> out = new ArrayList<>();
            for (int i = 0; i < outlets.size(); i++) {
                out.add(report(e, outlets.get(i), i));
            }
            return out;
        }

        /**
         * Who, what and where make an event, with its day: one contact (call, visit or talks) between
         * two parties, one exchange between them, one statement of a party on a subject, one strike,
         * aid delivery or incident at a place, one vote on a subject, one sanctions package of a
         * party on a subject.
         */
        private static String identity(Kind kind, LocalDate date, Side a, Side b, String site, String topic) {
            String pair = a.name().compareTo(b.name()) < 0 ? a.name() + "|" + b.name() : b.name() + "|" + a.name();
            String what = switch (kind) {
                case CALL, VISIT, TALKS -> "contact|" + pair;
                case EXCHANGE -> "exchange|" + pair;
                case STATEMENT, SANCTIONS -> kind + "|" + a.name() + "|" + topic;
                case STRIKE, AID, INCIDENT -> kind + "|" + site;
                case VOTE -> "vote|" + topic;
            };
            return date + "|" + what;
        }

        private static void person(Map<String, String> f, String k, Side side, Person p) {
            f.put(k + ".country", side.name());
            f.put(k + ".adj", side.adj());
            f.put(k + ".possessive", side.possessive());
            f.put(k + ".ministry", side.ministry());
            f.put(k + ".side", capital(side.name()));
            f.put(k + ".sideName", side.name());
            if (p == null) {
                f.put(k + ".full", capital(side.ministry()));
                f.put(k + ".short", capital(side.ministry()));
                f.put(k + ".alt", side.ministry());
                f.put(k + ".role", "officials");
                return;
            }
            String lowered = Character.isUpperCase(p.title().charAt(0)) && !p.title().startsWith("UN") && !p.title().startsWith("IAEA")
                    && !p.title().startsWith("Hamas") && !p.title().startsWith("Houthi") && !p.title().startsWith("RSF")
                    && !p.title().startsWith("NATO") && !p.title().startsWith("EU") && !p.title().startsWith("European")
                    && !p.title().startsWith("AU") && !p.title().startsWith("Hezbollah") && !p.title().startsWith("UNRWA")
                    && !p.title().startsWith("Kremlin") && !p.title().startsWith("Secretary-General") && !p.title().startsWith("Presidential")
                    && !p.title().startsWith("Parliament") && !p.title().startsWith("External") && !p.title().startsWith("Foreign Ministry")
                    ? p.title().toLowerCase(Locale.ROOT) : p.title();
            boolean withAdj = !p.title().startsWith("UN") && !p.title().startsWith("IAEA") && !p.title().startsWith("Hamas")
                    && !p.title().startsWith("Houthi") && !p.title().startsWith("RSF") && !p.title().startsWith("NATO")
                    && !p.title().startsWith("EU") && !p.title().startsWith("European") && !p.title().startsWith("AU")
                    && !p.title().startsWith("Hezbollah") && !p.title().startsWith("UNRWA") && !p.title().startsWith("Kremlin")
                    && !p.title().startsWith("senior");
            f.put(k + ".full", (withAdj ? side.adj() + " " : "") + p.title() + " " + p.name());
            f.put(k + ".short", p.shortName());
            f.put(k + ".alt", p.name() + ", " + side.possessive() + " " + lowered);
            f.put(k + ".role", lowered);
        }

        private List<Outlet> outletsFor(Theme t, int reports) {
            List<Outlet> fit = new ArrayList<>();
            for (Outlet o : OUTLETS) {
                if (o.themes().isEmpty() || o.themes().contains(t.key())) {
                    fit.add(o);
                    if (!o.themes().isEmpty()) {
                        fit.add(o); // regional outlets cover their region more often
                    }
                }
            }
            LinkedHashSet<Outlet> chosen = new LinkedHashSet<>();
            while (chosen.size() < reports) {
                chosen.add(fit.get(r.nextInt(fit.size())));
            }
            return new ArrayList<>(chosen);
        }

        private Item report(Event e, Outlet o, int k) {
            Map<String, String> f = e.facts;
            Instant published = e.when.plusSeconds(k == 0 ? between(600, 3600) : between(900, 6 * 3600));
            LocalDate date = e.date;
            String title = capital(fill(HEADLINES.get(e.kind)[e.headPerm[k % e.headPerm.length]], f));
            if (o.style() == TASS && r.nextBoolean()) {
                title = title.replace(" says ", " — ");
            }
            List<String> paragraphs = new ArrayList<>();
            String lead = fill(LEADS.get(e.kind)[e.leadPerm[k % e.leadPerm.length]], f);
            paragraphs.add(dateline(o, e, date) + lead);
            // the body: details, quote or paraphrase, reaction, more facts, context, background, in a
            // per-report order; reports of one event take different slices of the event's shuffled pools
            String[] details = DETAILS.get(e.kind);
            List<String> sentences = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                sentences.add(fill(details[e.detailPerm[(k * 3 + j) % details.length]], f));
            }
            String said = e.quote != null && (k == 0 || r.nextDouble() < 0.55)
                    ? fill(QUOTE_FORMS[e.quotePerm[k % QUOTE_FORMS.length]], f)
                    : fill(PARAPHRASES[(e.quotePerm[0] + k) % PARAPHRASES.length], f);
            sentences.add(r.nextInt(sentences.size() + 1), said);
            sentences.add(fill(REACTIONS[e.reactPerm[k % REACTIONS.length]], f));
            int target = between(1150, 2700);
            List<String> bg = e.theme.background();
            int start = e.backPerm[k % bg.size()];
            String back = bg.get(start) + (r.nextInt(3) == 0 ? " " + bg.get(e.backPerm[(k + 2) % bg.size()]) : "");
            String credit = credit(o, e);
            int size = title.length() + paragraphs.get(0).length() + back.length() + (credit == null ? 0 : credit.length());
            for (String x : sentences) {
                size += x.length() + 1;
            }
            for (int j = 0; j < 10 && size < target - 100; j++) {
                String more = fill(EXTRA[e.extraPerm[(k * 8 + j) % EXTRA.length]], f);
                sentences.add(1 + r.nextInt(sentences.size()), more);
                size += more.length() + 1;
            }
            int contexts = size < target ? 2 : 1;
            int c = r.nextInt(CONTEXT.length);
            for (int j = 0; j < contexts; j++) {
                String more = fill(CONTEXT[(c + j * (1 + CONTEXT.length / 3)) % CONTEXT.length], f);
                if (r.nextInt(3) == 0) {
                    more = more.substring(0, more.length() - 1) + ", " + fillRaw(pick(WIRE), f);
                }
                sentences.add(more);
                size += more.length() + 1;
            }
            // sentences into paragraphs of one to three sentences, as wire copy runs
            int at = 0;
            while (at < sentences.size()) {
                int n = Math.min(sentences.size() - at, r.nextInt(10) < 5 ? 1 : r.nextInt(10) < 8 ? 2 : 3);
                paragraphs.add(String.join(" ", sentences.subList(at, at + n)));
                at += n;
            }
            paragraphs.add(paragraphs.size() - (r.nextBoolean() ? 0 : 1), back);
            if (credit != null) {
                paragraphs.add(credit);
            }
            while (size > 2700 && paragraphs.size() > 4) {
                size -= paragraphs.remove(paragraphs.size() - (credit != null ? 3 : 2)).length() + 2;
            }
            String id = "newsday-" + Long.toHexString(seed) + "-" + String.format("%06d", ++itemSerial);
            String slug = slug(title);
            int serial = urlSerial.merge(o.host(), 1, Integer::sum);
            String url = "https://" + o.host() + "/" + o.section() + "/" + date.toString().replace("-", "/") + "/" + slug + "-" + serial;
            return new Item(id, o.name(), url, title, date, published, paragraphs, e.id, e.theme.key(), null);
        }

        private String dateline(Outlet o, Event e, LocalDate d) {
            String city = e.kind == Kind.STRIKE || e.kind == Kind.AID || e.kind == Kind.INCIDENT ? cityOf(e.facts.get("site"), e.facts.get("venue"))
                    : e.facts.get("venue");
            String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String mon = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            String up = city.toUpperCase(Locale.ROOT);
            return switch (o.style()) {
                case REUTERS -> up + ", " + mon + " " + d.getDayOfMonth() + " (Reuters) - ";
                case TASS -> up + ", " + month + " " + d.getDayOfMonth() + ". /TASS/. ";
                case AP -> up + " (AP) — ";
                case AFP -> city + " (AFP) - ";
                case XINHUA -> up + ", " + mon + ". " + d.getDayOfMonth() + " (Xinhua) -- ";
                case YONHAP -> up + ", " + month + " " + d.getDayOfMonth() + " (Yonhap) -- ";
                case ANADOLU -> up + " ";
                default -> "";
            };
        }

        private static String cityOf(String site, String venue) {
            return site.startsWith("the ") ? venue : site;
        }

        private String credit(Outlet o, Event e) {
            String j1 = pick(JOURNALISTS);
            String j2 = pick(JOURNALISTS);
            String j3 = pick(JOURNALISTS);
            return switch (o.style()) {
                case REUTERS -> "Reporting by " + j1 + " in " + e.facts.get("venue") + " and " + j2 + "; Editing by " + j3;
                case TASS -> r.nextBoolean() ? null : "Based on materials from TASS";
                case AP -> "Associated Press writer " + j1 + " in " + e.facts.get("venue2") + " contributed to this report.";
                case AFP -> j1.substring(0, 2).toLowerCase(Locale.ROOT) + "/" + j2.substring(0, 2).toLowerCase(Locale.ROOT) + " © Agence France-Presse";
                case XINHUA -> "Enditem";
                case YONHAP -> "(END)";
                case ANADOLU -> "Writing by " + j1;
                case UNNEWS -> "Follow UN News for the latest updates.";
                default -> r.nextInt(3) == 0 ? "With reporting from news agencies" : null;
            };
        }

        private Item nearDuplicate(Item original) {
            // another outlet's reprint: same body, its own headline wording, dateline and credit trimmed
            Outlet o = OUTLETS.get(r.nextInt(OUTLETS.size()));
            List<String> paragraphs = new ArrayList<>(original.paragraphs());
            if (paragraphs.size() > 4 && r.nextBoolean()) {
                paragraphs.remove(paragraphs.size() - 1);
            }
            String first = paragraphs.get(0);
            for (String marker : new String[] {" (Reuters) - ", ". /TASS/. ", " (AP) — ", " (AFP) - ", " (Xinhua) -- ", " (Yonhap) -- "}) {
                int at = first.indexOf(marker);
                if (at >= 0) {
                    first = first.substring(at + marker.length());
                }
            }
            paragraphs.set(0, first);
            if (r.nextBoolean()) {
                paragraphs.add("Based on materials from " + original.outlet());
            }
            String title = r.nextBoolean() ? "UPDATE: " + original.title() : original.title() + " (updated)";
            String id = "newsday-" + Long.toHexString(seed) + "-" + String.format("%06d", ++itemSerial);
            int serial = urlSerial.merge(o.host(), 1, Integer::sum);
            String url = "https://" + o.host() + "/" + o.section() + "/" + original.date().toString().replace("-", "/") + "/"
                    + slug(original.title()) + "-" + serial;
            return new Item(id, o.name(), url, title, original.date(), original.published().plusSeconds(between(300, 7200)), paragraphs,
                    original.eventId(), original.theme(), original.id());
        }
    }

    // ----------------------------------------------------------------------------------- text helpers

    private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z0-9.]+)\\}");

    private static String fill(String template, Map<String, String> facts) {
        return capital(fillRaw(template, facts));
    }

    private static String fillRaw(String template, Map<String, String> facts) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = facts.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("NewsDay: no fact " + m.group(1) + " for template " + template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String slug(String title) {
        String s = java.text.Normalizer.normalize(title.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.length() > 60 ? s.substring(0, 60).replaceAll("-[^-]*$", "") : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private NewsDay() {
    }
}
