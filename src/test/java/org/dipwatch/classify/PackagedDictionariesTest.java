package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's JSON of the packaged dictionaries: the same trees as their YAML, and never used for another YAML. */
class PackagedDictionariesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path classes;

    @Test
    void theJsonWrittenAtBuildTimeHoldsTheSameTreeAsEachYamlFile() throws IOException {
        Files.createDirectories(classes.resolve("classify"));
        for (String file : Dictionaries.FILES) {
            Files.copy(Path.of("src/main/resources/classify").resolve(file), classes.resolve("classify").resolve(file));
        }
        PackagedDictionaries.main(new String[] {classes.toString()});
        for (String file : Dictionaries.FILES) {
            JsonNode json = new ObjectMapper().readTree(classes.resolve("classify").resolve(file + ".json").toFile());
            assertThat(json.get("tree")).as(file).isEqualTo(YAML.readTree(classes.resolve("classify").resolve(file).toFile()));
        }
    }

    @Test
    void theBuildsJsonIsReadForThePackagedYamlAndNotForAYamlEditedSince() throws IOException {
        byte[] packaged;
        try (InputStream in = PackagedDictionariesTest.class.getResourceAsStream("/classify/states.yaml")) {
            packaged = in.readAllBytes();
        }
        assertThat(PackagedDictionaries.tree("states.yaml", packaged)).as("made by this build (process-classes)")
                .contains(YAML.readTree(packaged));
        byte[] edited = (new String(packaged, StandardCharsets.UTF_8) + "\n# edited after the build\n").getBytes(StandardCharsets.UTF_8);
        assertThat(PackagedDictionaries.tree("states.yaml", edited)).isEmpty();
        assertThat(PackagedDictionaries.tree("no-such.yaml", packaged)).isEmpty();
    }
}
