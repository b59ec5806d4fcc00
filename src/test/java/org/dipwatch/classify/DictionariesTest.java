package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionariesTest {

    @TempDir
    Path dir;

    @Test
    void thePackagedDictionariesLoadWithoutProblems() {
        Dictionaries d = Dictionaries.load(null);
        assertThat(d.problems()).isEmpty();
        assertThat(d.counts().get("state")).isGreaterThanOrEqualTo(195);
        assertThat(d.entry("PSE").name()).isNotBlank();
        assertThat(d.entry("TWN")).isNotNull();
        assertThat(d.entry("VAT")).isNotNull();
        assertThat(d.country("RUS").subregion()).isEqualTo("Eastern Europe");
        assertThat(d.country("PSE").subregion()).isEqualTo("Western Asia");
    }

    @Test
    void aHomeFileAddsEntriesAndReplacesOnesWithTheSameId() throws IOException {
        Files.writeString(dir.resolve("places.yaml"), """
                places:
                  - id: bani-suheila
                    name: Bani Suheila
                    kind: area
                    parent: gaza-strip
                """);
        Files.writeString(dir.resolve("officials.yaml"), """
                officials:
                  - id: sergey-lavrov
                    name: Sergey Lavrov
                    country: RUS
                    organisation: RUS-MFA
                    aliases: [Sergei Lavrov]
                    short: [Lavrov]
                    roles:
                      - {title: Chief Diplomat of Test, kind: foreign_minister, from: 2004-03-09}
                """);
        assertThat(Dictionaries.load(null).entry("bani-suheila")).as("not packaged: the home file adds it").isNull();
        Dictionaries d = Dictionaries.load(dir);
        assertThat(d.problems()).isEmpty();
        Classifier c = new Classifier(d, List.of("en", "ru"));
        Classification result = c.classify(new Article(null, LocalDate.of(2024, 2, 1),
                List.of("Lavrov said strikes near Bani Suheila must stop."), null), false);
        assertThat(result.regions()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo("bani-suheila");
            assertThat(r.path()).containsExactly("bani-suheila", "gaza-strip", "PSE");
        });
        assertThat(result.speaker().actor().role()).isEqualTo("Chief Diplomat of Test");
    }

    @Test
    void aHomeStatementsFileAddsCountryRoleCues() throws IOException {
        String text = "The minister said the hostages were flown out via Doha and onwards to Egypt by way of Jordan.";
        Classifier packaged = new Classifier(Dictionaries.load(null), List.of("en", "ru"));
        assertThat(packaged.classify(new Article(null, null, List.of(text), null), false, "en").actors())
                .extracting(org.dipwatch.model.ActorTag::country).contains("JOR");
        Files.writeString(dir.resolve("statements.yaml"), """
                country_roles:
                  region_before: [by way of]
                """);
        Dictionaries d = Dictionaries.load(dir);
        assertThat(d.problems()).isEmpty();
        Classification c = new Classifier(d, List.of("en", "ru")).classify(new Article(null, null, List.of(text), null), true, "en");
        assertThat(c.actors()).extracting(org.dipwatch.model.ActorTag::country).doesNotContain("JOR");
        assertThat(c.regions()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo("JOR");
            assertThat(r.cues()).extracting(org.dipwatch.model.RoleCue::cue).containsExactly("'by way of' before it");
        });
        // the packaged cues stay: "to Egypt" is still a place
        assertThat(c.regions()).extracting(org.dipwatch.model.RegionTag::id).contains("EGY");
    }

    @Test
    void problemsNameTheFileAndTheEntry() throws IOException {
        Files.writeString(dir.resolve("places.yaml"), """
                places:
                  - id: nowhere
                    name: Nowhere Town
                    parent: atlantis
                  - id: unnamed
                """);
        Files.writeString(dir.resolve("officials.yaml"), """
                officials:
                  - id: someone
                    name: Some One
                    country: XXX
                    roles: [{title: Minister, kind: other, from: 2024-05-01, to: 2023-01-01}]
                """);
        Files.writeString(dir.resolve("regions.yaml"), "regions: [ {id: BROKEN\n");
        List<String> problems = Dictionaries.load(dir).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("places.yaml").contains("'nowhere'").contains("atlantis"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("places.yaml").contains("'unnamed'").contains("'name' is missing"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("officials.yaml").contains("'someone'").contains("ends"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("regions.yaml").contains("not valid YAML"));
    }
}
