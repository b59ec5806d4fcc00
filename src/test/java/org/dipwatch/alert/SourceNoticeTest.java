package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The names a source notice goes by in the outbox, the webhook and the mail: outboxes and receivers keep them. */
class SourceNoticeTest {

    @ParameterizedTest
    @CsvSource({
        "FAILING,   source-failing,   failing,   is failing",
        "SILENT,    source-silent,    silent,    is silent",
        "RECOVERED, source-recovered, recovered, has recovered"})
    void eachNoticeKeepsTheNamesAlertsWereWrittenWith(SourceNotice notice, String wire, String event, String phrase) {
        assertThat(notice.wire()).isEqualTo(wire);
        assertThat(notice.event()).isEqualTo(event);
        assertThat(notice.phrase()).isEqualTo(phrase);
        assertThat(SourceNotice.ofWire(wire)).contains(notice);
    }

    @ParameterizedTest
    @CsvSource({"new", "duplicate", "FAILING", "failing", "source-"})
    void anArticleVerdictOrAnyOtherNameIsNoNotice(String name) {
        assertThat(SourceNotice.ofWire(name)).isEmpty();
    }
}
