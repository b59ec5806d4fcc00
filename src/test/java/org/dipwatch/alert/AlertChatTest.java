package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a chat message says for an alert, in Slack's mrkdwn, Telegram's HTML and an ntfy publish. */
class AlertChatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An alert like Bogdanov's call with these title, URL and source, no earlier reports. */
    private static AlertContent alert(String title, String url, String source, List<String> paragraphs) {
        AlertContent a = TestAlerts.russiaCallsHamas();
        return AlertContent.ofArticle(a.messageId(), a.createdAt(), a.subscriptionId(), a.verdict(), a.articleFile(), a.articleId(), title,
                a.published(), url, source, paragraphs, a.tags(), a.story(), a.why(), List.of(), 0, false);
    }

    @Test
    void slackSaysTitleAsLinkWhoToWhomWhereBylineAndExcerpt() {
        assertThat(AlertChat.slack(TestAlerts.russiaCallsHamas())).isEqualTo("""
                *<https://mid.ru/en/foreign_policy/news/1999999/|Russia calls for de-escalation in the Gaza Strip in a call with Hamas's Abu Marzook>*
                RUS → HAMAS · Gaza Strip
                _2025-03-04 · mid-ru_
                > Russian Deputy Foreign Minister Mikhail Bogdanov held a telephone conversation with Mousa Abu Marzook, deputy head of the Hamas political bureau.""");
    }

    @Test
    void articleTextCannotMakeASlackLinkOrMention() {
        String slack = AlertChat.slack(alert("Talks <!channel> & <https://evil.example|click>", "https://example.org/a?x=1&y=2",
                "desk", List.of("Body.")));
        assertThat(slack.lines().findFirst().orElseThrow()).isEqualTo(
                "*<https://example.org/a?x=1&amp;y=2|Talks &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;>*");
    }

    @Test
    void withoutALinkOrTagsTheTitleStandsAloneAndNoLedeLineIsLeftEmpty() {
        AlertContent a = TestAlerts.russiaCallsHamas();
        AlertContent bare = AlertContent.ofArticle(a.messageId(), a.createdAt(), a.subscriptionId(), a.verdict(), a.articleFile(),
                a.articleId(), "Statement on Gaza", null, "file:///etc/passwd", "inbox", List.of("Statement on Gaza", "The text."),
                TestAlerts.noTags(), null, a.why(), List.of(), 0, false);
        // the first paragraph repeats the title: it is not quoted again
        assertThat(AlertChat.slack(bare)).isEqualTo("""
                *Statement on Gaza*
                _undated · inbox_""");
        assertThat(AlertChat.telegram(bare)).isEqualTo("""
                <b>Statement on Gaza</b>
                <i>undated · inbox</i>""");
    }

    @Test
    void telegramSaysTheSameInItsHtmlEscaped() {
        assertThat(AlertChat.telegram(alert("Talks <b>now</b> & \"then\"", "https://example.org/a?x=1&y=2", "desk",
                List.of("Body <i>text</i>.")))).isEqualTo("""
                <b><a href="https://example.org/a?x=1&amp;y=2">Talks &lt;b&gt;now&lt;/b&gt; &amp; &quot;then&quot;</a></b>
                RUS → HAMAS · Gaza Strip
                <i>2025-03-04 · desk</i>
                Body &lt;i&gt;text&lt;/i&gt;.""");
    }

    @Test
    void ntfyPublishesJsonThatKeepsATitleInAnyScriptWithTheLinkAsItsClick() throws Exception {
        JsonNode n = JSON.readTree(AlertChat.ntfy(alert("Лавров провёл переговоры с Аббасом", "https://mid.ru/ru/1", "mid-ru",
                List.of("Министр иностранных дел России С.В.Лавров провёл телефонный разговор.")), "dipwatch-desk"));
        assertThat(n.path("topic").asText()).isEqualTo("dipwatch-desk");
        assertThat(n.path("title").asText()).isEqualTo("Лавров провёл переговоры с Аббасом");
        assertThat(n.path("click").asText()).isEqualTo("https://mid.ru/ru/1");
        assertThat(n.path("message").asText()).isEqualTo("""
                RUS → HAMAS · Gaza Strip
                2025-03-04 · mid-ru
                Министр иностранных дел России С.В.Лавров провёл телефонный разговор.""");
        assertThat(n.path("tags").toString()).isEqualTo("[\"newspaper\"]");
    }

    @Test
    void aLongFirstParagraphIsCutAtAWord() {
        String longer = "word ".repeat(100).strip();
        String slack = AlertChat.slack(alert("Title", null, "desk", List.of(longer)));
        String quote = slack.lines().filter(l -> l.startsWith("> ")).findFirst().orElseThrow();
        assertThat(quote).endsWith("word…").hasSizeLessThanOrEqualTo(2 + AlertChat.EXCERPT_CHARS);
    }

    @Test
    void aSourceNoticeIsOneLineWithTheSourcesAddress() throws Exception {
        AlertContent failing = AlertContent.ofSourceNotice("msg_1", Instant.parse("2025-03-04T09:15:02Z"), "desk",
                SourceNotice.FAILING, "mid-ru", "https://mid.ru/rss", "mid-ru failed 5 times: answered 503");
        assertThat(AlertChat.slack(failing)).isEqualTo("*<https://mid.ru/rss|source mid-ru is failing: mid-ru failed 5 times: answered 503>*");
        assertThat(AlertChat.telegram(failing))
                .isEqualTo("<b><a href=\"https://mid.ru/rss\">source mid-ru is failing: mid-ru failed 5 times: answered 503</a></b>");
        JsonNode n = JSON.readTree(AlertChat.ntfy(failing, "ops"));
        assertThat(n.path("title").asText()).isEqualTo("source mid-ru is failing: mid-ru failed 5 times: answered 503");
        assertThat(n.path("message").asText()).isEqualTo(n.path("title").asText());
        assertThat(n.path("tags").toString()).isEqualTo("[\"warning\"]");
    }
}
