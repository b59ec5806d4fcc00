package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dipwatch.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactDedupTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://tass.com/politics/1234?utm_source=rss&utm_medium=feed | https://tass.com/politics/1234
            HTTPS://TASS.com:443/politics/1234/#comments                    | https://tass.com/politics/1234
            http://www.mid.ru:80/en/news?id=77&fbclid=abc                     | http://www.mid.ru/en/news?id=77
            https://example.org/a?b=2&a=1                                     | https://example.org/a?a=1&b=2
            https://example.org                                               | https://example.org/
            https://example.org:8443/x                                        | https://example.org:8443/x
            ftp://example.org/file                                            | NULL
            not a url                                                         | NULL
            """)
    void canonicalUrlDropsWhatDoesNotNameThePage(String url, String expected) {
        assertThat(ExactDedup.canonicalUrl(url)).isEqualTo(expected);
    }

    @Test
    void fingerprintIgnoresLayoutCaseQuotesAndDashes() {
        Article a = new Article(null, null, List.of("Hamas is ready to \u201cstop any military actions\u201d \u2014 Russia\u2019s ministry"), null);
        Article b = new Article(null, LocalDate.of(2021, 5, 12),
                List.of("HAMAS is ready  to \"stop any military actions\" - Russia's   ministry"), "https://x.org/1");
        assertThat(ExactDedup.fingerprint(a)).isEqualTo(ExactDedup.fingerprint(b));
    }

    @Test
    void asciiTextFoldsAsAnyOtherTextWould() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZ `'-\t\n\r\u000b\u000c\u001c\u001f\u0000\u0007\u007f.,0\"";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // the same text with one letter that is not ASCII after it takes the general way
            String general = ExactDedup.fold(text + "\u00e9");
            String expected = general.substring(0, general.length() - 1).stripTrailing();
            assertThat(ExactDedup.fold(text.toString())).as("fold of %s", text.toString().chars().boxed().toList())
                    .isEqualTo(expected);
        }
        assertThat(ExactDedup.fold("  The `Minister`\tSAID\r\n so.  ")).isEqualTo("the 'minister' said so.");
    }

    @Test
    void fingerprintSeesAChangedWordAndParagraphBreaks() {
        Article a = new Article(null, null, List.of("Russia calls for a ceasefire."), null);
        Article b = new Article(null, null, List.of("Russia calls for a truce."), null);
        Article c = new Article(null, null, List.of("Russia calls", "for a ceasefire."), null);
        assertThat(ExactDedup.fingerprint(a)).isNotEqualTo(ExactDedup.fingerprint(b)).isNotEqualTo(ExactDedup.fingerprint(c));
    }

    @Test
    void aUrlMatchWinsOverTheText() {
        String url = ExactDedup.canonicalUrl("https://tass.com/politics/1");
        Map<String, String> byUrl = Map.of(ExactDedup.sha256(url), "007_aaaaaaaaaaaaaaaa.txt");
        ExactDedup dedup = new ExactDedup(new CorpusLookup() {
            @Override
            public Optional<String> articleWithUrlHash(String urlHash) {
                return Optional.ofNullable(byUrl.get(urlHash));
            }

            @Override
            public Optional<String> articleWithContentHash(String contentHash) {
                return Optional.of("003_bbbbbbbbbbbbbbbb.txt");
            }
        });
        Article edited = new Article("New headline", null, List.of("Edited text"), "https://tass.com/politics/1?utm_campaign=x");
        assertThat(dedup.duplicateOf(ExactDedup.urlHash(ExactDedup.canonicalUrl(edited.url())), ExactDedup.fingerprint(edited)))
                .contains("007_aaaaaaaaaaaaaaaa.txt");
        Article noUrl = new Article(null, null, List.of("Same text"), null);
        assertThat(ExactDedup.urlHash(ExactDedup.canonicalUrl(noUrl.url()))).isNull();
        assertThat(dedup.duplicateOf(null, ExactDedup.fingerprint(noUrl))).contains("003_bbbbbbbbbbbbbbbb.txt");
    }

    @Test
    void sha256LinesIsTheHashOfThePartsJoinedByNewLines() {
        String big = "“Quoted” text, ünïcödé, 中文 and an emoji 😀 ".repeat(400); // longer than the encoder's buffer
        String[][] cases = {{}, {""}, {null, "a"}, {"title", null, big, "https://example.org/x"},
                {"a lone high surrogate \uD83D", "and a lone low one \uDE00 here"}, {big + "\uD83D", "\uDE00" + big}};
        for (String[] parts : cases) {
            String joined = String.join("\n", java.util.Arrays.stream(parts).map(p -> p == null ? "" : p).toList());
            assertThat(ExactDedup.sha256Lines(parts)).as(joined.length() + " chars").isEqualTo(sha256OfBytes(joined));
        }
    }

    @Test
    void theFingerprintOfFoldedParagraphsIsTheFingerprintOfTheArticle() {
        Article a = new Article("A “Headline” — here", null, List.of("First  paragraph.", "Ünïcödé 中文 — second"), null);
        StringBuilder text = new StringBuilder();
        for (String p : a.body()) {
            text.append(ExactDedup.fold(p)).append('\n');
        }
        assertThat(ExactDedup.fingerprint(a)).isEqualTo(sha256OfBytes(text.toString()))
                .isEqualTo(ExactDedup.fingerprint(TextFeatures.text(a).folded()));
    }

    @Test
    void aStringsSha256IsThatOfItsUtf8Bytes() throws Exception {
        // stored keys (URLs, item ids, contents) must stay what they were
        for (String s : new String[] {"", "https://tass.com/politics/1", "Türkiye “quoted” 中文 😀", "lone \uD83D"}) {
            assertThat(ExactDedup.sha256(s)).as(s).isEqualTo(sha256OfBytes(s));
        }
        assertThat(ExactDedup.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** SHA-256 of {@code getBytes(UTF_8)}, as ExactDedup first computed it: what the stored hashes are. */
    private static String sha256OfBytes(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
