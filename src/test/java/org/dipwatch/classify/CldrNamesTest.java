package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The packaged {@code names-cldr.csv} is what {@link CldrNames} writes from the CLDR of the ICU4J in the build. */
class CldrNamesTest {

    @Test
    void packagedFileIsWhatCldrSays() throws Exception {
        String packaged = Files.readString(CldrNames.FILE, StandardCharsets.UTF_8);
        assertThat(packaged).as("names-cldr.csv differs from CLDR: regenerate it with CldrNames").isEqualTo(CldrNames.generate());
    }

    @Test
    void countriesAndCapitalsAreNamedInEachLanguage() throws Exception {
        String file = CldrNames.generate();
        assertThat(file).contains("RUS,ru,country,Russia,Россия\n", "EGY,ar,country,Egypt,مصر\n", "ISR,zh,country,Israel,以色列\n",
                "RUS,ru,capital,Moscow,Москва\n", "EGY,fr,capital,Cairo,Le Caire\n");
        for (String lang : CldrNames.LANGUAGES) {
            assertThat(file).contains("USA," + lang + ",country,");
        }
    }
}
