package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeedFileTest {

    @Test
    void parsesAndFormatsTheOriginalsNames() {
        SeedFile f = SeedFile.parse("004_c77918350a6e0771.txt").orElseThrow();
        assertThat(f.seq()).isEqualTo(4);
        assertThat(f.id()).isEqualTo("c77918350a6e0771");
        assertThat(f.fileName()).isEqualTo("004_c77918350a6e0771.txt");
    }

    @Test
    void numbersPast999GrowADigit() {
        assertThat(new SeedFile(1000, "0123456789abcdef").fileName()).isEqualTo("1000_0123456789abcdef.txt");
        assertThat(SeedFile.parse("1000_0123456789abcdef.txt")).map(SeedFile::seq).contains(1000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5_0123456789abcdef.txt", "005_0123456789ABCDEF.txt", "005_0123456789abcde.txt",
            "005_0123456789abcdef.md", "notes.txt", ".005_0123456789abcdef.txt.tmp"})
    void rejectsOtherNames(String name) {
        assertThat(SeedFile.parse(name)).isEmpty();
    }
}
