package org.dipwatch.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dipwatch.ingest.FeedParser;
import org.dipwatch.ingest.UnreadableDocumentException;
import org.dipwatch.model.Article;
import org.dipwatch.model.Draft;

/**
 * Properties of the seed-format reader, the normalizer and the feed parser over generated input
 * (jqwik; issue #11, item 5, docs/RELIABILITY.md): no exception but the documented ones escapes,
 * and normalizing twice, or reading back what was written, changes nothing.
 */
class SeedFormatPropertiesTest {

    /** Text with the characters that make seed files hard: line breaks of three kinds, tabs, NBSP, BOM, zero-width, controls, surrogates. */
    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("\n\r\t \u00a0\u200b\ufeff\u2028\u0000\u001f\"'").ofMaxLength(6),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of(" date 2023-07-04 ", "date", "04 July 2023", "\n\n", "\r\n\r\n", "# ", "---", "\ud83c\udff3", "\ud800"),
                Arbitraries.strings().all().ofMaxLength(8));
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void theSeedReaderNeverThrowsOnAnyText(@ForAll("hostileText") String text) {
        Draft draft = SeedText.parse(text);
        assertThat(draft).isNotNull();
        assertThat(draft.paragraphs()).doesNotContainNull();
    }

    @Property(tries = 500)
    void normalizingTwiceChangesNothing(@ForAll("hostileText") String title, @ForAll("hostileText") String a,
            @ForAll("hostileText") String b) {
        Article once;
        try {
            once = Normalizer.normalize(new Draft(title, null, List.of(a, b), null));
        } catch (IllegalArgumentException e) {
            // the one documented refusal: nothing left once cleaned
            assertThat(e).hasMessageContaining("has no text left");
            return;
        }
        Article twice = Normalizer.normalize(new Draft(once.title(), once.published(), once.paragraphs(), once.url()));
        assertThat(twice).isEqualTo(once);
    }

    @Property(tries = 300)
    void aNormalizedArticleWrittenAsASeedReadsBackTheSame(@ForAll("hostileText") String title, @ForAll("hostileText") String a) {
        Article article;
        try {
            article = Normalizer.normalize(new Draft(title, java.time.LocalDate.of(2023, 7, 4), List.of(a), null));
        } catch (IllegalArgumentException e) {
            return;
        }
        Article again = Normalizer.normalize(SeedText.parse(article.text()));
        assertThat(Normalizer.normalize(SeedText.parse(again.text()))).isEqualTo(again);
        assertThat(again.text()).isEqualTo(Normalizer.normalize(SeedText.parse(again.text())).text());
    }

    @Provide
    Arbitrary<String> feedish() {
        Arbitrary<String> text = hostileText();
        return Combinators.combine(Arbitraries.of("<rss version=\"2.0\"><channel>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[",
                "<!DOCTYPE rss [<!ENTITY a \"b\">]><rss>", "<html><body>", ""), text, text,
                Arbitraries.of("</channel></rss>", "</feed>", "]}", "", "</rdf:RDF>", "<item><title>"))
                .as((open, title, body, close) -> open + "<item><title>" + title + "</title><link>https://e.org/" + title.length()
                        + "</link><description>" + body + "</description><pubDate>" + body + "</pubDate></item>" + close);
    }

    @Property(tries = 500)
    void theFeedParserEitherReadsOrSaysWhyNeverAnythingElse(@ForAll("feedish") String feed,
            @ForAll boolean asBytesOfAnotherCharset) {
        byte[] body = feed.getBytes(asBytesOfAnotherCharset ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
        try {
            assertThat(FeedParser.parse("generated", body, null)).doesNotContainNull();
        } catch (UnreadableDocumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
