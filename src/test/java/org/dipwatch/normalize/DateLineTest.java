package org.dipwatch.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateLineTest {

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            04 July 2023        | 2023-07-04
            4 Jul 2023          | 2023-07-04
            4 JULY 2023         | 2023-07-04
            12 sep 2021         | 2021-09-12
            May 12, 2021        | 2021-05-12
            May 12 2021         | 2021-05-12
            december 1, 2023    | 2023-12-01
            Feb 29 2024         | 2024-02-29
            2021-05-12          | 2021-05-12
            12.05.2021          | 2021-05-12
            1.2.2022            | 2022-02-01
            """)
    void acceptsALineThatIsOneDate(String line, LocalDate expected) {
        assertThat(DateLine.parse(line)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "  04 July 2023\t",
        "\u00a004\u00a0July\u00a02023\u00a0",
        "04   July \t 2023",
        "July\t4,  2023",
    })
    void toleratesWhiteSpaceAroundAndBetweenTheParts(String line) {
        assertThat(DateLine.parse(line)).contains(LocalDate.of(2023, 7, 4));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "",
        "   ",
        "May 12",
        "12 May",
        "MOSCOW, May 12. /TASS/.",
        "12/05/2021",
        "2021/05/12",
        "31 February 2023",
        "29 Feb 2023",
        "2021-13-01",
        "2021-5-12",
        "32.01.2021",
        "12 Mai 2021",
        "May 12 ,2021",
        "12 Ju 2021",
        "Tuesday, 04 July 2023",
        "The talks were held on 04 July 2023 in Moscow.",
        "04 July 2023.",
        "04 July 2023 12:30",
    })
    void refusesWhatIsNotExactlyOneDate(String line) {
        assertThat(DateLine.parse(line)).isEmpty();
    }
}
