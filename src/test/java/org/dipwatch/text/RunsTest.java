package org.dipwatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunsTest {

    private static List<String> runs(String text, java.util.function.IntPredicate in) {
        List<String> out = new ArrayList<>();
        Runs.of(text, in, (start, end) -> out.add(start + "-" + end + ":" + text.substring(start, end)));
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "war-torn Gaza, 2024             | 0-3:war 4-8:torn 9-13:Gaza 15-19:2024",
        "'  Лавров  сказал'              | 2-8:Лавров 10-16:сказал",
        "Fidan                           | 0-5:Fidan",
        "...                             | ''"})
    void theWordsOfATextAreItsRunsOfLettersAndDigits(String text, String expected) {
        assertThat(String.join(" ", runs(text, Character::isLetterOrDigit))).isEqualTo(expected);
    }

    @Test
    void theDigitRunsOfAWordEndWhereTheNextCharacterIsNoDigit() {
        assertThat(runs("146名3架", Character::isDigit)).containsExactly("0-3:146", "4-5:3");
        assertThat(runs("2024年3月", Character::isDigit)).containsExactly("0-4:2024", "5-6:3");
        assertThat(runs("", Character::isDigit)).isEmpty();
    }
}
