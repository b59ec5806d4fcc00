package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An applied migration never changes: homes out there hold it with its checksum, and Flyway
 * refuses to open an index whose applied migration was edited ("Migration checksum mismatch").
 * Each packaged migration is held to the digest recorded in {@code db/migration-digests.txt}; a new
 * migration is recorded there once (its line: {@code sha256sum} of the file, then its name), and a
 * change goes into a new migration.
 */
class MigrationsUnchangedTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void everyPackagedMigrationIsTheOneRecorded() throws Exception {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/db/migration-digests.txt"))) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split("\\s+");
                recorded.put(parts[1], parts[0]);
            }
        }
        Map<String, String> packaged = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".sql")).toList()) {
                packaged.put(f.getFileName().toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f))));
            }
        }
        assertThat(packaged.keySet()).as("every recorded migration is still packaged, and every packaged one recorded "
                + "(a new one: add `sha256sum FILE` to db/migration-digests.txt)").containsExactlyInAnyOrderElementsOf(recorded.keySet());
        List<String> changed = packaged.keySet().stream().filter(name -> !packaged.get(name).equals(recorded.get(name))).toList();
        assertThat(changed).as("applied migrations edited (put the change in a new migration instead)").isEmpty();
    }
}
