package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each single-pass clean-up of {@link FeedText} gives what the regular expression it replaces gives. */
class FeedTextTest {

    private static final Pattern SPACE_RUN = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern LINE_EDGES = Pattern.compile("[ \\t]*\\n[ \\t]*");
    private static final Pattern THREE_BREAKS = Pattern.compile("\\n{3,}");
    private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9._-]*;)");
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);

    /** Random text over an alphabet that meets every branch: spaces of each kind, breaks, references, markup. */
    private static String random(Random r, String alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) {
            out.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Test
    void spacesCollapseAsThePatternCollapsesThem() {
        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            String s = random(r, "ab  \t\n\r\f\u000B\u00A0\u2003é");
            assertThat(FeedText.collapseSpaces(s)).as("%s", s.replace("\n", "\\n")).isEqualTo(SPACE_RUN.matcher(s).replaceAll(" "));
        }
    }

    @Test
    void linesAreTidiedAsThePatternsTidyThem() {
        Random r = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            String s = random(r, "ab \t\n\n\n\r\u00A0");
            String expected = THREE_BREAKS.matcher(LINE_EDGES.matcher(s).replaceAll("\n")).replaceAll("\n\n");
            assertThat(FeedText.tidyLines(new StringBuilder(s))).as("%s", s.replace("\n", "\\n")).isEqualTo(expected);
        }
    }

    @Test
    void bareAmpersandsAreEscapedAsThePatternEscapesThem() {
        Random r = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            String s = random(r, "&&&#;;;xXaF09g._-Z é<");
            assertThat(FeedText.escapeBareAmpersands(s)).as(s).isEqualTo(BARE_AMPERSAND.matcher(s).replaceAll("&amp;"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<rss>", "<!-- x --><!doctype rss>", "<!DocType html>", "<!<!DOCTYPE", "<!DOCTYP", "a<!DOCTYPE"})
    void aDoctypeIsFoundWhereThePatternFindsIt(String xml) {
        var m = DOCTYPE.matcher(xml);
        assertThat(FeedText.doctype(xml)).isEqualTo(m.find() ? m.start() : -1);
    }
}
