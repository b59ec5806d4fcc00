package org.dipwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dipwatch.alert.SourceNotice;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.alert.AlertMail;
import org.dipwatch.alert.AlertPayload;
import org.dipwatch.alert.Outbox;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source-health notices: once per episode of failures or silence, again on recovery, only to subscriptions that ask. */
class SourceHealthTest {

    @TempDir
    Path home;
    private Pipeline pipeline;
    private SourceStates states;
    private SourceHealth health;

    @BeforeEach
    void open() throws Exception {
        TestHome.create(home);
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: ops
                    filter: { keywords: ["never in any article"] }
                    email: { to: [ops@example.org] }
                    sourceHealth: true
                  - id: desk
                    filter: {}
                    email: { to: [desk@example.org] }
                """);
        pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
        states = new SourceStates(pipeline.stages().corpus().index().dataSource());
        health = new SourceHealth(states, pipeline.stages().alerts(), pipeline.stages().outbox(), pipeline.stages().corpus().index().dataSource(), 3,
                Duration.ofHours(72));
        states.register("mfa", "feed", "https://mfa.example/rss");
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** What the published schema (docs/schemas/source-v1.schema.json) says against a payload. */
    private static java.util.Set<com.networknt.schema.ValidationMessage> schemaProblems(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            com.networknt.schema.JsonSchemaFactory factory = com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012);
            com.networknt.schema.JsonSchema schema = factory.getSchema(mapper.readTree(Path.of("docs", "schemas",
                    "source-v1.schema.json").toFile()), com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            return schema.validate(mapper.readTree(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Outbox.Row> notices(String subscription) {
        return pipeline.stages().outbox().ofSubscription(subscription, 100);
    }

    private void poll(boolean ok, Instant now) {
        if (ok) {
            states.success("mfa", null, null, 0, now);
        } else {
            states.failure("mfa", "source mfa: fetch https://mfa.example/rss: answered 503", now.plusSeconds(60), now);
        }
        health.polled(states.get("mfa").orElseThrow(), null, now);
    }

    @Test
    void aSourceFailingNTimesInARowIsAnnouncedOnceAndItsRecoveryOnce() {
        Instant now = Instant.now();
        poll(false, now);
        poll(false, now);
        assertThat(notices("ops")).isEmpty();
        poll(false, now);
        poll(false, now);
        poll(false, now);
        assertThat(notices("ops")).hasSize(1);
        Outbox.Row failing = notices("ops").get(0);
        assertThat(failing.content().notice()).isEqualTo(SourceNotice.FAILING);
        assertThat(failing.content().verdict()).as("a notice is no article verdict").isNull();
        assertThat(AlertMail.compose(failing.content()).subject()).isEqualTo(
                "[dipwatch] source mfa is failing: source mfa failed 3 polls in a row; last error: source mfa: fetch https://mfa.example/rss: answered 503");
        assertThat(AlertPayload.json(failing.content())).contains("\"type\":\"org.dipwatch.source.v1\"").contains("\"subject\":\"mfa\"")
                .contains("\"event\":\"failing\"");
        assertThat(schemaProblems(AlertPayload.json(failing.content()))).isEmpty();
        assertThat(schemaProblems(AlertPayload.json(failing.content()).replace("\"event\":\"failing\"", "\"event\":\"broken\"")))
                .isNotEmpty();
        poll(true, now);
        poll(true, now);
        assertThat(notices("ops")).extracting(r -> r.content().notice()).containsExactly(SourceNotice.RECOVERED, SourceNotice.FAILING);
        assertThat(notices("desk")).isEmpty();
    }

    @Test
    void aSourceSilentLongerThanExpectedIsAnnouncedOncePerSilence() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(100));
        states.success("mfa", null, null, 3, longAgo);
        poll(true, Instant.now());
        poll(true, Instant.now());
        assertThat(notices("ops")).extracting(r -> r.content().notice()).containsExactly(SourceNotice.SILENT);
        assertThat(notices("ops").get(0).content().title()).contains("source mfa has listed no new item since");
        // new items end the silence; the next one is announced again
        states.success("mfa", null, null, 1, Instant.now());
        poll(true, Instant.now());
        poll(true, Instant.now().plus(Duration.ofHours(80)));
        assertThat(notices("ops")).extracting(r -> r.content().notice()).containsExactly(SourceNotice.SILENT, SourceNotice.SILENT);
    }

    @Test
    void aSourcesOwnSilenceLimitReplacesTheGlobalOne() {
        // 20 hours without a new item: silent for a source expected daily, not under the global 72 h
        states.success("mfa", null, null, 3, Instant.now().minus(Duration.ofHours(20)));
        health.polled(states.get("mfa").orElseThrow(), null, Instant.now());
        assertThat(notices("ops")).isEmpty();
        health.polled(states.get("mfa").orElseThrow(), Duration.ofHours(12), Instant.now());
        assertThat(notices("ops")).extracting(r -> r.content().notice()).containsExactly(SourceNotice.SILENT);
        assertThat(notices("ops").get(0).content().title()).contains("(more than 12 h)");

        // a source that publishes monthly is not silent after 100 h, and 0 means never
        states.register("monthly", "feed", "https://mfa.example/monthly");
        states.success("monthly", null, null, 1, Instant.now().minus(Duration.ofHours(100)));
        health.polled(states.get("monthly").orElseThrow(), Duration.ofHours(24 * 35), Instant.now());
        health.polled(states.get("monthly").orElseThrow(), Duration.ZERO, Instant.now());
        assertThat(notices("ops")).hasSize(1);
        health.polled(states.get("monthly").orElseThrow(), null, Instant.now());
        assertThat(notices("ops")).hasSize(2);
    }

    @Test
    void silentAfterHoursIsReadInHoursEmptyMeansTheGlobalLimitAndANegativeOneIsNamed() {
        SourceSpec daily = SourceSpec.of("feed", Map.of("name", "d", "url", "https://x.example/rss", "silentAfterHours", "24"));
        SourceSpec global = SourceSpec.of("feed", Map.of("name", "g", "url", "https://x.example/rss", "silentAfterHours", ""));
        assertThat(daily.silentAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(global.silentAfter()).isNull();
        assertThat(SourceSpec.problems("feed", Map.of("name", "d", "url", "https://x.example/rss", "silentAfterHours", "24"))).isEmpty();
        assertThat(SourceSpec.problems("feed", Map.of("name", "d", "url", "https://x.example/rss", "silentAfterHours", "-1")))
                .containsExactly("source d (template feed): silentAfterHours '-1' must be a whole number of hours from 0 (never "
                        + "silent) to 8784, or empty for dipwatch.sources.silent-after-hours");
    }
}
