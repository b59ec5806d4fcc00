package org.dipwatch.daemon;

import org.dipwatch.TestHome;
import org.dipwatch.pipeline.Pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;
import org.dipwatch.source.SourceStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route-file watcher at a start: sources the index knows but no file declares any more are
 * marked removed; every declared source, packaged or the home's, is listed before its first poll.
 */
class SourceRoutesTest {

    @TempDir
    Path home;

    @Test
    void aSourceDeletedWhileTheDaemonWasDownIsMarkedRemovedAtTheStartAndOneStillDeclaredIsNot() throws Exception {
        TestHome.create(home);
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("mine.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-kept
                    parameters:
                      - {name: name, value: kept}
                      - {name: url, value: "http://127.0.0.1:9/rss"}
                """);
        try (Pipeline pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
             DefaultCamelContext context = new DefaultCamelContext()) {
            SourceStates states = new SourceStates(pipeline.stages().corpus().index().dataSource());
            states.register("kept", "feed", "http://127.0.0.1:9/rss");
            states.register("gone", "feed", "http://127.0.0.1:9/gone");
            states.success("gone", "\"e1\"", null, 2, java.time.Instant.now());
            try (SourceRoutes watcher = SourceRoutes.watch(context, routes, states, java.util.List.of())) {
                assertThat(states.get("gone").orElseThrow().removed()).isTrue();
                assertThat(states.get("gone").orElseThrow().summary()).containsEntry("status", "removed");
                assertThat(states.get("kept").orElseThrow().removed()).isFalse();
                // polled again (added back), it is active with the state it had
                states.register("gone", "feed", "http://127.0.0.1:9/gone");
                assertThat(states.get("gone").orElseThrow().removed()).isFalse();
                assertThat(states.get("gone").orElseThrow().etag()).isEqualTo("\"e1\"");
                assertThat(states.get("gone").orElseThrow().summary()).containsEntry("status", "up").containsEntry("itemsSeen", 2L);
            }
        }
    }

    @Test
    void everySourceDeclaredAtTheStartIsListedAsWaitingAndAPackagedOneIsNeverTakenForRemoved() throws Exception {
        TestHome.create(home);
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("mine.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: page
                    routeId: source-mine
                    parameters:
                      - {name: name, value: mine}
                      - {name: url, value: "http://127.0.0.1:9/news"}
                      - {name: itemSelector, value: "li"}
                      - {name: linkSelector, value: "a"}
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-off
                    parameters:
                      - {name: name, value: "off"}
                      - {name: url, value: "http://127.0.0.1:9/off"}
                      - {name: enabled, value: "false"}
                """);
        java.util.List<SourceRoutes.Entry> packaged = SourceRoutes.packaged(java.util.List.of("routes/sources.camel.yaml"));
        assertThat(packaged).hasSizeGreaterThanOrEqualTo(10);
        String curated = packaged.get(0).parameters().get("name");
        try (Pipeline pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()));
             DefaultCamelContext context = new DefaultCamelContext()) {
            SourceStates states = new SourceStates(pipeline.stages().corpus().index().dataSource());
            try (SourceRoutes watcher = SourceRoutes.watch(context, routes, states, packaged)) {
                assertThat(states.get("mine").orElseThrow().summary()).containsEntry("status", "waiting").containsEntry("kind", "page");
                assertThat(states.get(curated).orElseThrow().summary()).containsEntry("status", "waiting");
                assertThat(states.all()).hasSize(packaged.size() + 1);
                assertThat(states.get("off")).isEmpty();
            }
            // the next start: a curated source that has state is declared by the jar, not the home, and stays
            try (SourceRoutes watcher = SourceRoutes.watch(context, routes, states, packaged)) {
                assertThat(states.get(curated).orElseThrow().removed()).isFalse();
            }
        }
    }
}
