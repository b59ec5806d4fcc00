package org.dipwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dipwatch.TestHome;
import org.dipwatch.TestPostgres;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.config.Settings;
import org.dipwatch.daemon.Daemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One daemon whose index is a real PostgreSQL (dipwatch.index.url=jdbc:postgresql://…): the
 * packaged migrations create every table there, the originals are indexed, dropped files become
 * articles with their stories and arrivals, alerts go out from the outbox, and a restart keeps it all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresModeTest {

    @TempDir
    static Path home;
    private TestPostgres postgres;
    private HttpServer http;
    private final List<String> hooks = Collections.synchronizedList(new ArrayList<>());
    private String url;

    @BeforeAll
    void start() throws IOException {
        postgres = TestPostgres.start();
        url = postgres.newDatabase();
        TestHome.create(home);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            hooks.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: all
                    webhook: { url: "http://127.0.0.1:%d/all", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                """.formatted(http.getAddress().getPort()));
    }

    @AfterAll
    void stop() {
        http.stop(0);
        postgres.close();
    }

    private Daemon daemon() throws Exception {
        Daemon d = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port",
                Integer.toString(TestHome.freePort()), "dipwatch.index.url", url, "dipwatch.index.user", TestPostgres.USER,
                "dipwatch.webhook.allow-private", "true", "dipwatch.alert.poll-ms", "50")), CommandApi::new);
        d.start();
        return d;
    }

    private void drop(String name, String text) throws IOException {
        Path temp = home.resolve("inbox").resolve("." + name + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, text);
        Files.move(temp, home.resolve("inbox").resolve(name));
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyTableLivesInPostgresqlAndARestartKeepsIt() throws Exception {
        Daemon d = daemon();
        try {
            drop("lavrov.txt", " date 2024-04-02 Lavrov on Gaza\n\nRussian Foreign Minister Sergey Lavrov said in Moscow that a "
                    + "lasting truce in the Gaza Strip was urgent, after a telephone conversation with Mahmoud Abbas.\n");
            drop("wang.txt", " date 2024-04-03 Wang Yi in Jakarta\n\nChinese Foreign Minister Wang Yi met his Indonesian "
                    + "counterpart in Jakarta to discuss trade in the South China Sea region and the port of Surabaya.\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> TestHome.list(home.resolve("inbox").resolve(".done")).size() == 2
                    && hooks.size() == 2);
        } finally {
            d.stop();
        }
        assertThat(TestHome.list(home.resolve("seeds"))).hasSize(7).noneMatch(n -> n.startsWith("."));
        // the index, stories, outbox and delivery log, and the intake journal are PostgreSQL's tables
        assertThat(count("SELECT COUNT(*) FROM article")).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM article_story")).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM article WHERE tags LIKE '%actor:%'")).isGreaterThan(5);
        assertThat(count("SELECT COUNT(*) FROM arrival")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM alert_outbox WHERE status = 'delivered'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM alert_delivery WHERE outcome = 'delivered'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'source_state'")).isEqualTo(1);

        // the same drop again after a restart: an exact copy, no new file, no new alert
        Daemon again = daemon();
        try {
            drop("lavrov-again.txt", " date 2024-04-02 Lavrov on Gaza\n\nRussian Foreign Minister Sergey Lavrov said in Moscow that a "
                    + "lasting truce in the Gaza Strip was urgent, after a telephone conversation with Mahmoud Abbas.\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> TestHome.list(home.resolve("inbox").resolve(".done")).size() == 3);
        } finally {
            again.stop();
        }
        assertThat(TestHome.list(home.resolve("seeds"))).hasSize(7);
        assertThat(count("SELECT COUNT(*) FROM arrival WHERE verdict = 'duplicate'")).isEqualTo(1);
        assertThat(hooks).hasSize(2).doesNotHaveDuplicates();
    }
}
