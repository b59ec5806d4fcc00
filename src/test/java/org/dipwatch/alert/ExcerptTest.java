package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void keepsWholeParagraphsWhileTheyFit() {
        String a = "a".repeat(300);
        String b = "b".repeat(290);
        String c = "c".repeat(10);
        assertThat(Excerpt.of(List.of(a, b, c), 600)).isEqualTo(a + "\n\n" + b);
        assertThat(Excerpt.of(List.of(a, c), 600)).isEqualTo(a + "\n\n" + c);
        assertThat(Excerpt.of(List.of(), 600)).isEmpty();
    }

    @Test
    void cutsALongFirstParagraphAtAWord() {
        String first = "word ".repeat(200).strip();
        assertThat(Excerpt.of(List.of(first, "second"), 600))
                .hasSizeLessThanOrEqualTo(600).endsWith(" word…").doesNotContain("second");
    }

    @Test
    void cutsAtAWordAndDropsTheDanglingPunctuation() {
        assertThat(Excerpt.cut("Lavrov, Wang Yi discuss Ukraine, Gaza", 30)).isEqualTo("Lavrov, Wang Yi discuss…");
        assertThat(Excerpt.cut("Lavrov, Wang Yi discuss Ukraine, Gaza", 34)).isEqualTo("Lavrov, Wang Yi discuss Ukraine…");
        assertThat(Excerpt.cut("short", 30)).isEqualTo("short");
    }

    @Test
    void cutsAWordWithoutSpacesHardButNeverInsideACharacter() {
        assertThat(Excerpt.cut("x".repeat(40), 10)).isEqualTo("xxxxxxxxx…");
        String emoji = "xxxxxxxx\uD83D\uDE00yyyy";
        assertThat(Excerpt.cut(emoji, 10)).isEqualTo("xxxxxxxx…");
    }
}
