package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An alert as the outbox keeps it: source notices are their own kind, and alerts written by earlier versions still read. */
class AlertContentTest {

    @Test
    void aSourceNoticeIsKeptAsANoticeNotAsAnArticleVerdict() {
        AlertContent notice = AlertContent.ofSourceNotice("msg_1", Instant.parse("2026-12-07T08:00:00Z"), "ops",
                SourceNotice.SILENT, "mfa", "https://mfa.example/rss", "source mfa has listed no new item");
        AlertContent read = Outbox.read(Outbox.write(notice));
        assertThat(read.isSourceNotice()).isTrue();
        assertThat(read.notice()).isEqualTo(SourceNotice.SILENT);
        assertThat(read.verdict()).isNull();
        assertThat(Outbox.write(notice)).contains("\"notice\":\"source-silent\"").doesNotContain("sourceNotice");
    }

    @Test
    void aNoticeWrittenBeforeNoticesHadTheirOwnFieldReadsAsOne() {
        String before = "{\"messageId\":\"msg_2\",\"createdAt\":\"2026-11-01T10:00:00Z\",\"subscriptionId\":\"ops\","
                + "\"verdict\":\"source-failing\",\"title\":\"source mfa failed 3 polls in a row\",\"url\":\"https://mfa.example/rss\","
                + "\"source\":\"mfa\",\"paragraphs\":[\"source mfa failed 3 polls in a row\"],\"why\":\"sourceHealth: source-failing\"}";
        AlertContent read = Outbox.read(before);
        assertThat(read.notice()).isEqualTo(SourceNotice.FAILING);
        assertThat(read.verdict()).isNull();
        assertThat(AlertMail.subject(read)).isEqualTo("[dipwatch] source mfa is failing: source mfa failed 3 polls in a row");
    }

    @Test
    void anArticlesAlertIsNoNotice() {
        AlertContent article = AlertContent.ofArticle("msg_3", Instant.parse("2026-12-07T08:00:00Z"), "all", "new",
                "005_0123456789abcdef.txt", "0123456789abcdef", "Lavrov calls Fidan", null, null, "inbox",
                java.util.List.of("Text."), null, null, "matched all", java.util.List.of(), 0, false);
        assertThat(Outbox.read(Outbox.write(article)).isSourceNotice()).isFalse();
        assertThat(Outbox.read(Outbox.write(article)).verdict()).isEqualTo("new");
    }
}
