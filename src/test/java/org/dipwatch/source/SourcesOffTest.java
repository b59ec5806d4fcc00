package org.dipwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dipwatch.sources.enabled=false}, as every other daemon test runs: source routes load but never fetch. */
class SourcesOffTest {

    @TempDir
    Path home;

    @Test
    void withSourcesOffTheirRoutesLoadButNothingIsFetched() throws Exception {
        TestHome.create(home);
        Path routes = Files.createDirectories(home.resolve("routes"));
        try (Stream<Path> packaged = Files.list(Path.of("routes")); FixtureServer server = new FixtureServer()) {
            for (Path p : packaged.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(p, routes.resolve(p.getFileName()));
            }
            server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", SourcePollerTest.rss(
                    SourcePollerTest.item(1, "Statement", "Text of the statement on the talks."))));
            Files.writeString(routes.resolve("s.camel.yaml"), SourcesDaemonTest.feed("off", "/rss", server));
            int port = TestHome.freePort();
            Daemon daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false",
                    "dipwatch.http.port", Integer.toString(port), "dipwatch.http.host", "127.0.0.1")), CommandApi::new);
            daemon.start();
            try {
                // two of its triggers' times pass without one exchange: the route exists, stopped
                NotifyBuilder any = new NotifyBuilder(daemon.main().getCamelContext()).fromRoute("source-off").whenDone(1).create();
                assertThat(any.matches(4, java.util.concurrent.TimeUnit.SECONDS)).as("source-off never runs").isFalse();
                assertThat(daemon.main().getCamelContext().getRoute("source-off")).isNotNull();
                assertThat(daemon.main().getCamelContext().getRouteController().getRouteStatus("source-off"))
                        .isEqualTo(ServiceStatus.Stopped);
                assertThat(server.requests()).isEmpty();
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            } finally {
                daemon.stop();
            }
        }
    }
}
