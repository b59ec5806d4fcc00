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
        assertThat(SettingsCheck.problems(s)).containsExactly(new ConfigProblem(home.resolve("dipwatch.properties").toString(), 1,
                "dipwatch.http.port", "'eighty' must be a whole number (like 8080)"));
    }

    @Test
    void aDecimalSettingMustBeANumber() {
        Settings s = Settings.of(home, Map.of("dipwatch.dedup.near-threshold", "high", "dipwatch.dedup.story-threshold", "0.3"));
        assertThat(SettingsCheck.problems(s)).singleElement().hasToString(
                "dipwatch.dedup.near-threshold: 'high' must be a number (like 0.36) (from system property)");
        assertThatThrownBy(() -> s.decimalValue("dipwatch.dedup.near-threshold"))
                .hasMessage("dipwatch.dedup.near-threshold=high (from system property) must be a number");
        assertThat(s.decimalValue("dipwatch.dedup.story-threshold")).isEqualTo(0.3);
    }

    @Test
    void checkNamesUnknownKeysWithTheNearestKnownOneAndImpossiblePorts() {
        Settings s = Settings.of(home, Map.of("dipwatch.htpp.port", "80", "dipwatch.http.port", "70000", "dipwatch.colour", "blue"));
        assertThat(SettingsCheck.problems(s)).extracting(ConfigProblem::text).containsExactly(
                "dipwatch.colour: is not a dipwatch setting; see dipwatch-defaults.properties in the README for the keys (from system property)",
                "dipwatch.htpp.port: is not a dipwatch setting; did you mean 'dipwatch.http.port' or 'dipwatch.http.host'? (from system property)",
                "dipwatch.http.port: 70000 is not a port (1-65535) (from system property)");
    }

    @Test
    void theBacklogHeapFreeRatiosAreMinDashMaxPercentOrOff() {
        for (String fine : new String[] {"40-70", "10 - 30", "OFF", "0-100"}) {
            assertThat(SettingsCheck.problems(Settings.of(home, Map.of("dipwatch.pipeline.backlog-heap-free", fine)))).as(fine).isEmpty();
        }
        assertThat(SettingsCheck.problems(Settings.of(home, Map.of("dipwatch.pipeline.backlog-heap-free", "70-40"))))
                .extracting(ConfigProblem::text).containsExactly("dipwatch.pipeline.backlog-heap-free: '70-40' must be MIN-MAX in "
                        + "percent with MIN <= MAX <= 100 (like 40-70), or off (from system property)");
        assertThat(SettingsCheck.problems(Settings.of(home, Map.of("dipwatch.pipeline.backlog-heap-free", "40-170")))).hasSize(1);
        assertThat(SettingsCheck.problems(Settings.of(home, Map.of("dipwatch.pipeline.backlog-heap-free", "roomy")))).hasSize(1);
    }

    @Test
    void everyProblemOfTheFileIsNamedWithItsLine() throws IOException {
        Files.writeString(home.resolve("dipwatch.properties"), """
                # mail through the relay
                dipwatch.mail.host=relay.example.org
                dipwatch.mail.security=ssl
                dipwatch.webhook.allow-private=yes
                dipwatch.alert.max-atempts=3
                dipwatch.log.level=verbose
                """);
        String file = home.resolve("dipwatch.properties").toString();
        assertThat(SettingsCheck.problems(Settings.of(home, Map.of()))).containsExactly(
                new ConfigProblem(file, 5, "dipwatch.alert.max-atempts", "is not a dipwatch setting; did you mean 'dipwatch.alert.max-attempts'?"),
                new ConfigProblem(file, 6, "dipwatch.log.level", "'verbose' must be one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL"),
                new ConfigProblem(file, 3, "dipwatch.mail.security", "'ssl' must be one of none, starttls, tls"),
                new ConfigProblem(file, 4, "dipwatch.webhook.allow-private", "'yes' must be true or false"));
    }

    @Test
    void theLogLevelIsASettingFromTheEnvironment() {
        Settings s = Settings.load(Map.of("DIPWATCH_LOG_LEVEL", "debug"), props("dipwatch.home", home.toString()));
        assertThat(s.get("dipwatch.log.level")).isEqualTo("debug");
        assertThat(s.origin("dipwatch.log.level")).isEqualTo("environment DIPWATCH_LOG_LEVEL");
        assertThat(SettingsCheck.problems(s)).isEmpty();
        assertThat(Settings.of(home, Map.of()).get("dipwatch.log.level")).isEqualTo("INFO");
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
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
