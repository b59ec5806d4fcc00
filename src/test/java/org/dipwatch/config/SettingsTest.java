package org.dipwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsApplyAndNameTheHome() {
        Settings s = Settings.of(home, Map.of());
        assertThat(s.home()).isEqualTo(home.toAbsolutePath());
        assertThat(s.intValue("dipwatch.http.port")).isEqualTo(8080);
        assertThat(s.get("dipwatch.index.url")).isEqualTo("jdbc:h2:file:" + home.toAbsolutePath() + "/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(s.origin("dipwatch.http.port")).isEqualTo("defaults");
    }

    @Test
    void fileThenEnvironmentThenSystemPropertyWin() throws IOException {
        Files.writeString(home.resolve("dipwatch.properties"), """
                # a user's settings
                dipwatch.http.port=9000
                dipwatch.inbox.poll-delay=900
                dipwatch.ingest.max-bytes=1000
                """);
        Properties system = new Properties();
        system.setProperty("dipwatch.home", home.toString());
        system.setProperty("dipwatch.ingest.max-bytes", "3000");
        Settings s = Settings.load(Map.of("DIPWATCH_INBOX_POLL_DELAY", "700", "DIPWATCH_INGEST_MAX_BYTES", "2000"), system);
        assertThat(s.get("dipwatch.http.port")).isEqualTo("9000");
        assertThat(s.origin("dipwatch.http.port")).endsWith("dipwatch.properties");
        assertThat(s.get("dipwatch.inbox.poll-delay")).isEqualTo("700");
        assertThat(s.origin("dipwatch.inbox.poll-delay")).isEqualTo("environment DIPWATCH_INBOX_POLL_DELAY");
        assertThat(s.get("dipwatch.ingest.max-bytes")).isEqualTo("3000");
    }

    @Test
    void theHomeComesFromTheEnvironmentWhenNotGivenAsProperty() {
        Settings s = Settings.load(Map.of("DIPWATCH_HOME", home.toString()), new Properties());
        assertThat(s.home()).isEqualTo(home.toAbsolutePath());
    }

    @Test
    void aBadNumberNamesTheKeyAndWhereItWasSet() throws IOException {
        Files.writeString(home.resolve("dipwatch.properties"), "dipwatch.http.port=eighty\n");
        Settings s = Settings.of(home, Map.of());
        assertThatThrownBy(() -> s.intValue("dipwatch.http.port"))
                .hasMessageContaining("dipwatch.http.port=eighty").hasMessageContaining("dipwatch.properties");
        assertThat(SettingsCheck.problems(s)).singleElement().asString()
                .contains("dipwatch.http.port=eighty").contains("must be a whole number");
    }

    @Test
    void aDecimalSettingMustBeANumber() {
        Settings s = Settings.of(home, Map.of("dipwatch.dedup.near-threshold", "high", "dipwatch.dedup.story-threshold", "0.3"));
        assertThat(SettingsCheck.problems(s)).singleElement().asString()
                .contains("dipwatch.dedup.near-threshold=high").contains("must be a number (like 0.36)");
    }

    @Test
    void checkNamesUnknownKeysAndImpossiblePorts() {
        Settings s = Settings.of(home, Map.of("dipwatch.htpp.port", "80", "dipwatch.http.port", "70000"));
        assertThat(SettingsCheck.problems(s)).containsExactlyInAnyOrder(
                "dipwatch.htpp.port (from system property) is not a dipwatch setting; see dipwatch-defaults.properties in the README for the keys",
                "dipwatch.http.port=70000 (from system property) is not a port (1-65535)");
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(SettingsCheck.problems(Settings.of(home, Map.of()))).isEmpty();
    }

    @Test
    void envNamesAreUpperCaseWithUnderscores() {
        assertThat(Settings.envName("dipwatch.ingest.max-bytes")).isEqualTo("DIPWATCH_INGEST_MAX_BYTES");
    }
}
