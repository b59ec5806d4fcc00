package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.dipwatch.model.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An article posted as JSON: what becomes of each field, and each body refused with what is wrong. */
class ArticlePostTest {

    @Test
    void plainTextBecomesParagraphsWithTheFieldsSent() {
        ArticlePost post = ArticlePost.parse("""
                {"title": " Lavrov meets Wang Yi ", "date": "2025-05-20", "url": "https://example.org/a/1",
                 "text": "First paragraph,\\nstill the first.\\n\\n  Second paragraph.  \\n\\n\\n", "language": "en"}""");
        Draft d = post.draft();
        assertThat(d.title()).isEqualTo("Lavrov meets Wang Yi");
        assertThat(d.published()).isEqualTo(LocalDate.of(2025, 5, 20));
        assertThat(d.url()).isEqualTo("https://example.org/a/1");
        assertThat(d.language()).isEqualTo("en");
        assertThat(d.paragraphs()).containsExactly("First paragraph,\nstill the first.", "Second paragraph.");
        assertThat(post.sourceName()).isEqualTo("api");
    }

    @Test
    void textWithoutBlankLinesIsOneParagraphALine() {
        assertThat(ArticlePost.paragraphs("One.\r\nTwo.\n\nThree.")).containsExactly("One.\r\nTwo.".replace("\r\n", "\n"), "Three.");
        assertThat(ArticlePost.paragraphs("One.\nTwo.\n")).containsExactly("One.", "Two.");
    }

    @Test
    void aWebPageIsExtractedAndTheFieldsSentWin() {
        Draft d = ArticlePost.parse("""
                {"html": "<html><head><title>Page title</title><link rel=canonical href=https://example.org/canonical></head><body><article><h1>Headline</h1><p>Body of the article about the talks.</p></article></body></html>",
                 "title": "Given title", "date": "2024-01-02T23:30:00+02:00"}""").draft();
        assertThat(d.title()).isEqualTo("Given title");
        assertThat(d.published()).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(d.url()).isEqualTo("https://example.org/canonical");
        assertThat(d.paragraphs()).contains("Body of the article about the talks.");
    }

    @Test
    void theSameBodyIsTheSameArrivalAndAnotherIsAnother() {
        String body = "{\"text\": \"Lavrov spoke.\", \"source\": \"desk\"}";
        assertThat(ArticlePost.parse(body).intakeKey()).isEqualTo(ArticlePost.parse(body).intakeKey()).hasSize(64);
        assertThat(ArticlePost.parse(body).intakeKey()).isNotEqualTo(ArticlePost.parse("{\"text\": \"Lavrov spoke.\"}").intakeKey());
        assertThat(ArticlePost.parse("{\"text\": \"a\", \"title\": \"b\"}").intakeKey())
                .isNotEqualTo(ArticlePost.parse("{\"text\": \"b\", \"title\": \"a\"}").intakeKey());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                 | the body is empty",
            "{not json                                          | the body is not valid JSON",
            "{\"text\": \"a\"} trailing                         | the body is not valid JSON",
            "[1, 2]                                             | send the article as a JSON object",
            "null                                               | send the article as a JSON object",
            "{\"text\": \"a\", \"author\": \"b\"}               | unknown field 'author'; an article has \"text\" or \"html\"",
            "{\"text\": 42}                                     | field 'text' must be a string",
            "{\"text\": [\"a\"]}                                | field 'text' must be a string",
            "{\"title\": \"only a title\"}                      | the article has no text",
            "{\"text\": \" \", \"html\": \"\"}                  | the article has no text",
            "{\"text\": \"a\", \"html\": \"<p>b</p>\"}          | not both",
            "{\"text\": \"a\", \"url\": \"example.org/a\"}      | must be an absolute http:// or https:// address",
            "{\"text\": \"a\", \"url\": \"ftp://example.org/\"} | must be an absolute http:// or https:// address",
            "{\"text\": \"a\", \"url\": \"http://exa mple\"}    | is not a URL",
            "{\"text\": \"a\", \"date\": \"20.05.2025\"}        | date '20.05.2025' must be a date (2025-05-20)",
            "{\"text\": \"a\", \"source\": \"../inbox\"}        | source '../inbox' must be a name",
            "{\"text\": \"a\", \"language\": \"English\"}       | language 'English' must be an ISO 639-1 code"})
    void aBodyThatIsNoArticleIsRefusedWithWhatIsWrong(String body, String why) {
        assertThatThrownBy(() -> ArticlePost.parse(body)).isInstanceOf(ArticlePost.Invalid.class).hasMessageContaining(why);
    }

    @Test
    void theFieldsAreThoseTheApiDocuments() {
        assertThat(ArticlePost.FIELDS).isEqualTo(List.of("text", "html", "url", "title", "date", "source", "language"));
    }
}
