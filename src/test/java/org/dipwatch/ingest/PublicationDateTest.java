package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicationDateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024-04-02T09:30:00Z                 | 2024-04-02",
        "2024-04-02T23:30:00-05:00            | 2024-04-02",
        "2023-10-08T01:40:00+03:00            | 2023-10-08",
        "2023-10-08T01:40:00.000+0300         | 2023-10-08",
        "2023-07-04                           | 2023-07-04",
        "2023/07/04 10:15                     | 2023-07-04",
        "20230704                             | 2023-07-04",
        "Tue, 04 Jul 2023 10:15:00 +0300      | 2023-07-04",
        "Tue, 4 Jul 23 00:15:00 +0300 (MSK)   | 2023-07-04",
        "'Tue, Jul 4, 2023 at 10:15 AM'       | 2023-07-04",
        "'Tuesday, July 4, 2023 10:15 AM'     | 2023-07-04",
        "4 July 2023 at 10:15:00 EEST         | 2023-07-04",
        "'September 3rd, 2023'                | 2023-09-03",
        "3 Sept 2023                          | 2023-09-03",
        "04.07.2023 10:15                     | 2023-07-04",
        "4 июля 2023 года                     | 2023-07-04",
        "Posted on 12 May 2022 by the Press Office | 2022-05-12",
        "'Updated August 5, 2023: the 4 July 2023 statement' | 2023-08-05",
        "'4 July 2023, updated August 5, 2023'     | 2023-07-04",
        "'Sent 05.08.2023 about 4 July 2023'       | 2023-08-05",
        "'4 July 2023, sent 05.08.2023'            | 2023-07-04",
        "'31 February 2023, read 4 July 2023'      | 2023-07-04",
        "'31 May 23 or 1 June 2023'                | 2023-05-31"})
    void statedDates(String text, LocalDate expected) {
        assertThat(PublicationDate.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"yesterday", "2023-13-45", "31 February 2023", "Monday 10:15", "Tuesday afternoon 2023"})
    void noDate(String text) {
        assertThat(PublicationDate.parse(text)).isNull();
    }
}
