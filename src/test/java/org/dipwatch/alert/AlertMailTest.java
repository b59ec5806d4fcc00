package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The alert e-mail as the subscriber receives it: subject line, text part and HTML part. */
class AlertMailTest {

    private static final AlertContent CALL = TestAlerts.russiaCallsHamas();

    @Test
    void oneLineFoldsBreaksAndRunsOfSpaceAndLeavesCleanTextAsItIs() {
        String[][] cases = {
                {"Sergey Lavrov", "Sergey Lavrov"},
                {"", ""},
                {"Москва · Gaza Strip — “quotes”", "Москва · Gaza Strip — “quotes”"},
                {"Lavrov\nand Wang\r\nYi", "Lavrov and Wang Yi"},
                {"a\tb", "a b"},
                {"two  spaces", "two spaces"},
                {" leading", "leading"},
                {"trailing ", "trailing"},
                {"\u2003em space\u2003", "em space"},
                {"line\u2028separator\u2029paragraph", "line separator paragraph"},
                {"C1\u0085control", "C1 control"},
                {"no-break\u00a0space", "no-break\u00a0space"}};
        for (String[] c : cases) {
            assertThat(AlertMail.oneLine(c[0])).as("oneLine(%s)", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void theSubjectSaysWhoSpeaksToWhomAboutWhere() {
        assertThat(AlertMail.compose(CALL).subject()).isEqualTo(
                "[dipwatch] RUS → HAMAS · Gaza Strip: Russia calls for de-escalation in the Gaza Strip in a call with "
                        + "Hamas's Abu Marzook");
    }

    @Test
    void aLongTitleIsCutAtAWordWithAnEllipsis() {
        AlertContent c = TestAlerts.content("Russia calls for de-escalation in the Gaza Strip, urges an immediate "
                + "humanitarian ceasefire, the release of all hostages and unhindered access for aid convoys across "
                + "the enclave", CALL.paragraphs(), CALL.tags());
        String subject = AlertMail.compose(c).subject();
        assertThat(subject).isEqualTo("[dipwatch] RUS → HAMAS · Gaza Strip: Russia calls for de-escalation in the "
                + "Gaza Strip, urges an immediate humanitarian ceasefire, the release of all hostages…");
        assertThat(subject).hasSizeLessThanOrEqualTo(AlertMail.SUBJECT_CHARS);
    }

    @Test
    void withoutASpeakerTheSubjectStartsWithTheRegion() {
        Classification tags = CALL.tags();
        Classification noSpeaker = new Classification(tags.actors(), null, List.of(), tags.counterparts(),
                tags.regions(), tags.primaryRegion(), tags.kind(), tags.language());
        assertThat(AlertMail.compose(TestAlerts.content("Ceasefire talks resume", CALL.paragraphs(), noSpeaker))
                .subject()).isEqualTo("[dipwatch] Gaza Strip: Ceasefire talks resume");
    }

    @Test
    void withoutCounterpartsTheSubjectHasNoArrow() {
        Classification tags = CALL.tags();
        Classification alone = new Classification(tags.actors(), tags.speaker(), tags.speakers(), List.of(),
                tags.regions(), tags.primaryRegion(), "statement", tags.language());
        assertThat(AlertMail.compose(TestAlerts.content("Moscow urges restraint", CALL.paragraphs(), alone))
                .subject()).isEqualTo("[dipwatch] RUS · Gaza Strip: Moscow urges restraint");
    }

    @Test
    void aSpeakerWithoutASideIsNamedByItsCountry() {
        Classification tags = CALL.tags();
        Classification noSide = new Classification(tags.actors(), new Attribution(TestAlerts.BOGDANOV, null, null),
                tags.speakers(), tags.counterparts(), List.of(), null, tags.kind(), tags.language());
        assertThat(AlertMail.compose(TestAlerts.content("A call", CALL.paragraphs(), noSide)).subject())
                .isEqualTo("[dipwatch] RUS → HAMAS: A call");
    }

    @Test
    void withNoTitleAndNoTagsTheSubjectIsTheFirstParagraph() {
        AlertContent c = TestAlerts.content(null, List.of("  ", "Talks in Doha continued on Tuesday."),
                TestAlerts.noTags());
        assertThat(AlertMail.compose(c).subject()).isEqualTo("[dipwatch] Talks in Doha continued on Tuesday.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r", "\t", "\u0085", "\u2028", "\u0000", "\r\n\r\n"})
    void aTitleCannotAddAHeader(String breakChars) {
        AlertContent c = TestAlerts.content("Ceasefire talks" + breakChars + "Bcc: victim@example.org",
                CALL.paragraphs(), CALL.tags());
        String subject = AlertMail.compose(c).subject();
        assertThat(subject).isEqualTo("[dipwatch] RUS → HAMAS · Gaza Strip: Ceasefire talks Bcc: victim@example.org");
        assertThat(subject).doesNotContain("\r", "\n").matches("\\P{Cc}*");
    }

    @Test
    void aScriptInAParagraphIsEscapedInTheHtml() {
        AlertContent c = TestAlerts.content("<b>Title</b> & co", List.of(
                "Before <script>alert('x')</script> after", "Second \"quoted\" paragraph"), CALL.tags());
        String html = AlertMail.compose(c).html();
        assertThat(html)
                .contains("<p>Before &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; after</p>")
                .contains("<p>Second &quot;quoted&quot; paragraph</p>")
                .contains("<h1>&lt;b&gt;Title&lt;/b&gt; &amp; co</h1>")
                .doesNotContain("<script", "<b>");
    }

    @Test
    void tagsFromTheArticleAreEscapedInTheHtml() {
        Classification tags = CALL.tags();
        Classification hostile = new Classification(tags.actors(), new Attribution(TestAlerts.BOGDANOV,
                "<img src=x onerror=alert(1)>", null), tags.speakers(), tags.counterparts(), tags.regions(),
                tags.primaryRegion(), tags.kind(), "en\"><script>");
        String html = AlertMail.compose(TestAlerts.content("A call", CALL.paragraphs(), hostile)).html();
        assertThat(html).doesNotContain("<img", "<script").startsWith("<!DOCTYPE html>\n<html>\n");
    }

    @Test
    void theWhyLineIsInBothParts() {
        AlertMail.Mail mail = AlertMail.compose(CALL);
        assertThat(mail.text()).contains("\nWhy: region Middle East and actor HAMAS match the subscription gaza-watch\n");
        assertThat(mail.html()).contains(
                "<p><strong>Why:</strong> region Middle East and actor HAMAS match the subscription gaza-watch</p>");
    }

    @Test
    void anHttpsUrlIsALink() {
        assertThat(AlertMail.compose(CALL).html()).contains("<a href=\"https://mid.ru/en/foreign_policy/news/1999999/\">"
                + "https://mid.ru/en/foreign_policy/news/1999999/</a>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
            "//evil.example/x", "https://mid.ru/\"onmouseover=\"alert(1)", "mid.ru/en/news"})
    void anythingButAnHttpUrlIsNotALink(String url) {
        AlertContent c = AlertContent.ofArticle(CALL.messageId(), CALL.createdAt(), CALL.subscriptionId(), CALL.verdict(),
                CALL.articleFile(), CALL.articleId(), CALL.title(), CALL.published(), url, CALL.source(),
                CALL.paragraphs(), CALL.tags(), CALL.story(), CALL.why(), List.of(), 0, false);
        String html = AlertMail.compose(c).html();
        assertThat(html).doesNotContain("<a ", "href").contains("mid-ru · " + AlertMail.escape(url) + "</p>");
    }

    @Test
    void theTextPartHasTheArticleEveryTagAndWhereItCameFrom() {
        assertThat(AlertMail.compose(CALL).text()).isEqualTo("""
                Russia calls for de-escalation in the Gaza Strip in a call with Hamas's Abu Marzook

                Date:   2025-03-04
                Source: mid-ru
                Link:   https://mid.ru/en/foreign_policy/news/1999999/

                Russian Deputy Foreign Minister Mikhail Bogdanov held a telephone conversation with Mousa Abu \
                Marzook, deputy head of the Hamas political bureau.

                The sides discussed the situation in the Gaza Strip. The Russian side stressed the need for an \
                immediate ceasefire and for humanitarian aid to reach the civilian population.

                They also discussed the release of hostages, including citizens of Russia.

                [1 more paragraph at the link]

                Why: region Middle East and actor HAMAS match the subscription gaza-watch

                Tags
                Speaker:      Mikhail Bogdanov [mikhail-bogdanov] for RUS
                Counterparts:
                  - Mousa Abu Marzook [mousa-abu-marzook] for HAMAS
                Actors:
                  - Russia [RUS], state, RUS
                  - Hamas [HAMAS], organisation, PSE
                  - Mikhail Bogdanov [mikhail-bogdanov], official, Deputy Foreign Minister and Special Presidential \
                Envoy for the Middle East, Ministry of Foreign Affairs of Russia, RUS
                  - Mousa Abu Marzook [mousa-abu-marzook], official, deputy head of the Hamas political bureau, Hamas, PSE
                Regions:
                  - Gaza Strip [gaza-strip], primary: gaza-strip › PSE; Western Asia, Middle East
                Kind:         phone_call
                Language:     en

                Subscription: gaza-watch
                Article:      005_0123456789abcdef.txt
                """);
    }

    @Test
    void theHtmlPartHasTheSameContent() {
        String html = AlertMail.compose(CALL).html();
        assertThat(html)
                .startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n")
                .contains("<p>2025-03-04 · mid-ru · <a href=")
                .contains("<p>They also discussed the release of hostages, including citizens of Russia.</p>")
                .doesNotContain("two-state solution")
                .contains("<p><em>1 more paragraph at the link</em></p>")
                .contains("<tr><th align=\"left\" valign=\"top\">Speaker</th><td>Mikhail Bogdanov [mikhail-bogdanov] "
                        + "for RUS</td></tr>")
                .contains("<li>Gaza Strip [gaza-strip], primary: gaza-strip › PSE; Western Asia, Middle East</li>")
                .contains("<td>phone_call</td>")
                .contains("<p>Subscription gaza-watch · article 005_0123456789abcdef.txt</p>")
                .endsWith("</body>\n</html>\n");
    }

    @Test
    void twoLongParagraphsLeaveNoRoomForAThird() {
        String longer = "word ".repeat(120).strip();
        AlertContent c = TestAlerts.content("A long one", List.of(longer, longer, "third", "fourth"), CALL.tags());
        AlertMail.Mail mail = AlertMail.compose(c);
        assertThat(mail.text()).doesNotContain("third").contains("[2 more paragraphs at the link]");
    }

    @Test
    void anArticleWithoutDateOrLinkSaysSo() {
        AlertContent c = AlertContent.ofArticle("msg_1", CALL.createdAt(), "all", "new", "006_fedcba9876543210.txt",
                "fedcba9876543210", "Note verbale", null, null, "inbox", List.of("Text."), TestAlerts.noTags(), null,
                "every article matches the subscription all", List.of(), 0, false);
        AlertMail.Mail mail = AlertMail.compose(c);
        assertThat(mail.subject()).isEqualTo("[dipwatch] Note verbale");
        assertThat(mail.text()).contains("Date:   unknown\n").contains("Link:   none\n").contains("\nTags: none\n\nSubscription: all\n");
        assertThat(mail.html()).contains("<p>unknown · inbox · no link</p>").contains("<h2>Tags</h2>\n<p>none</p>\n")
                .doesNotContain("<table>").startsWith("<!DOCTYPE html>\n<html>\n");
    }

    @Test
    void aDigestGroupsAStorysReportsAndSaysWhoElseReportedIt() {
        AlertContent first = TestAlerts.russiaCallsHamas();
        AlertContent c = first;
        AlertContent later = AlertContent.ofArticle("msg_2", c.createdAt().plusSeconds(60), c.subscriptionId(), "same_story",
                "006_1111111111111111.txt", "1111111111111111", "Hamas ready to stop if Israel does, Moscow says",
                c.published(), "https://www.timesofisrael.com/liveblog-entry/hamas-ready/", "timesofisrael.com", c.paragraphs(),
                c.tags(), "st-0123456789abcdef", c.why(),
                List.of(AlertContent.reportLine("mid.ru", c.title(), "005_0123456789abcdef.txt")), 0, false);
        AlertContent firstInStory = AlertContent.ofArticle(c.messageId(), c.createdAt(), c.subscriptionId(), c.verdict(),
                c.articleFile(), c.articleId(), c.title(), c.published(), c.url(), c.source(), c.paragraphs(), c.tags(),
                "st-0123456789abcdef", c.why(), List.of(), 0, false);
        AlertMail.Mail mail = AlertMail.composeDigest("gaza-watch", List.of(firstInStory, later));
        assertThat(mail.subject()).contains("2 statements").contains("in 1 stories");
        // the earlier report is named once, by its outlet as the story index keeps it (the URL's host), like the
        // later report's own alsoReportedBy line, and the report the group leads with is not named at all
        assertThat(mail.text()).contains("Story of 2 reports:\nAlso reported by: mid.ru: " + c.title() + " (005_0123456789abcdef.txt)\n")
                .doesNotContain("mid-ru: ").doesNotContain("Also reported by: timesofisrael.com");
        assertThat(mail.html()).contains("<p>Also reported by: mid.ru: ");
    }

    @Test
    void aLaterReportNamesTheEarlierOnes() {
        AlertContent c = TestAlerts.russiaCallsHamas();
        AlertContent later = AlertContent.ofArticle(c.messageId(), c.createdAt(), c.subscriptionId(), "same_story", c.articleFile(),
                c.articleId(), c.title(), c.published(), c.url(), c.source(), c.paragraphs(), c.tags(), "st-aaaaaaaaaaaaaaaa",
                c.why(), List.of("tass.com: Bogdanov, Abu Marzook discuss Gaza (000_fbfa5f4836e611d7.txt)"), 0, false);
        AlertMail.Mail mail = AlertMail.compose(later);
        assertThat(mail.text()).contains("Also reported by:\n  - tass.com: Bogdanov, Abu Marzook discuss Gaza (000_fbfa5f4836e611d7.txt)\n\nWhy: ");
        assertThat(mail.html()).contains("<li>tass.com: Bogdanov, Abu Marzook discuss Gaza (000_fbfa5f4836e611d7.txt)</li>");
        assertThat(AlertPayload.json(later)).contains("\"alsoReportedBy\":[\"tass.com: Bogdanov");
    }

    @Test
    void aLaterReportADigestDidNotAskForIsNamedInItsStoryNotSentAsAnItem() {
        AlertContent c = TestAlerts.russiaCallsHamas();
        AlertContent mention = AlertContent.ofArticle("msg_3", c.createdAt().plusSeconds(90), c.subscriptionId(), "same_story",
                "007_2222222222222222.txt", "2222222222222222", "Bogdanov spoke to Abu Marzook, Moscow says", c.published(), null,
                "inbox", c.paragraphs(), c.tags(), "st-0123456789abcdef", "later report of story st-0123456789abcdef",
                List.of(), 0, true);
        AlertContent first = AlertContent.ofArticle(c.messageId(), c.createdAt(), c.subscriptionId(), c.verdict(), c.articleFile(),
                c.articleId(), c.title(), c.published(), c.url(), c.source(), c.paragraphs(), c.tags(), "st-0123456789abcdef", c.why(), List.of(), 0, false);
        AlertMail.Mail both = AlertMail.composeDigest("gaza-watch", List.of(first, mention));
        assertThat(both.subject()).isEqualTo("[dipwatch] 1 statements for gaza-watch");
        assertThat(both.text()).contains("Also reported by: inbox: Bogdanov spoke to Abu Marzook, Moscow says (007_2222222222222222.txt)")
                .doesNotContain("Article: 007_2222222222222222.txt");
        AlertMail.Mail alone = AlertMail.composeDigest("gaza-watch", List.of(mention));
        assertThat(alone.subject()).isEqualTo("[dipwatch] later reports of earlier stories for gaza-watch");
        assertThat(alone.text()).contains("Story st-0123456789abcdef, alerted before:\nAlso reported by: inbox: Bogdanov spoke");
    }
}
