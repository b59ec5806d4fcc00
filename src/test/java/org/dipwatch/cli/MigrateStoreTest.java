package org.dipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dipwatch.TestHome;
import org.dipwatch.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate-store} (issue #13, acceptance 4): a home on H2 with the five originals, stories, pending
 * alerts and a source's state moves to a real PostgreSQL; there it holds the same rows, and {@code ingest}
 * of known files answers what it answers on the H2 home. A PostgreSQL home's {@code backup} restores into H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateStoreTest {

    /** Judged after the move: an exact copy, a rewrite of 004 (near-duplicate), a wire report of 000's call (same story). */
    private static final List<Path> KNOWN = Stream.of("seeds/" + TestHome.ORIGINALS.get(2),
            "src/test/resources/dedup/seeds-rewritten/rewritten-004.txt", "src/test/resources/dedup/restart/marzook-call-wire.txt")
            .map(p -> Path.of(p).toAbsolutePath()).toList();
    /** The corpus, its stories and the outbox, as a user reads them. */
    private static final List<String> VIEWS = List.of(
            "SELECT seq, file_name, content_hash, verdict, source, stored_at, classification FROM article ORDER BY seq",
            "SELECT seq, story, verdict, duplicate_of, signature FROM article_story ORDER BY seq",
            "SELECT id, intake_key, verdict, article_file, story FROM arrival ORDER BY id",
            "SELECT o.id, o.message_id, o.subscription_id, o.status, c.content FROM alert_outbox o JOIN alert_content c "
                    + "ON c.message_id = o.message_id ORDER BY o.id",
            "SELECT name, url, etag, consecutive_failures, last_success_at FROM source_state ORDER BY name",
            "SELECT source, item_key, versions FROM source_item ORDER BY source, item_key");

    @TempDir
    Path home;
    @TempDir
    Path twin;
    @TempDir
    Path backups;
    private TestPostgres postgres;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeAll
    void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    void stopPostgres() {
        postgres.close();
    }

    @AfterEach
    void clearProperties() {
        for (String key : List.of("dipwatch.home", "dipwatch.index.url", "dipwatch.index.user", "dipwatch.webhook.allow-private")) {
            System.clearProperty(key);
        }
    }

    private int run(Path at, String... args) {
        System.setProperty("dipwatch.home", at.toString());
        out = new StringWriter();
        err = new StringWriter();
        return App.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String ingestKnown(Path at) throws Exception {
        String[] args = Stream.concat(Stream.of("ingest"), KNOWN.stream().map(Path::toString)).toArray(String[]::new);
        assertThat(run(at, args)).as(err.toString()).isZero();
        return out.toString();
    }

    private static List<String> rows(String url, String user, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
                            : v instanceof java.sql.Timestamp || v instanceof java.time.OffsetDateTime
                            ? rs.getObject(i, java.time.OffsetDateTime.class).toInstant() : v).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static String h2(Path at) {
        return "jdbc:h2:file:" + at.resolve("data").resolve("index");
    }

    /** An H2 home with the originals' stories, a near-duplicate, two pending alerts (the webhook's port is closed) and a source's state and items. */
    private void h2HomeWithHistory() throws Exception {
        TestHome.create(home);
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: hook
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                """.formatted(TestHome.freePort()));
        System.setProperty("dipwatch.webhook.allow-private", "true");
        Path libya = Files.writeString(backups.resolve("libya.txt"), """
                Moscow hosts talks on Libya

                Deputy Foreign Minister Mikhail Bogdanov held consultations in Moscow with a delegation of the Libyan Presidential Council.
                """);
        Path wang = Files.writeString(backups.resolve("wang.txt"), """
                Wang Yi in Jakarta

                Chinese Foreign Minister Wang Yi met his Indonesian counterpart in Jakarta to discuss trade in the South China Sea region.
                """);
        assertThat(run(home, "ingest", Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-000.txt").toAbsolutePath().toString(),
                libya.toString(), wang.toString())).as(err.toString()).isZero();
        try (Connection c = DriverManager.getConnection(h2(home), "dipwatch", ""); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO source_state (name, kind, url, etag, last_success_at, consecutive_failures) VALUES "
                    + "('mid', 'feed', 'https://mid.example/rss', '\"v7\"', TIMESTAMP WITH TIME ZONE '2024-04-02 10:00:00+02', 1)");
            st.executeUpdate("INSERT INTO source_item (source, item_key, content_hash, item_id, first_seen, last_changed, versions) "
                    + "VALUES ('mid', 'k1', 'h1', 'guid-1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 2)");
        }
    }

    @Test
    void anH2HomeMovedToPostgresqlKeepsItsRowsAndJudgesKnownFilesAlike() throws Exception {
        h2HomeWithHistory();
        assertThat(rows(h2(home), "dipwatch", "SELECT COUNT(*) FROM alert_outbox WHERE status = 'pending'").get(0)).startsWith("2 ");
        assertThat(rows(h2(home), "dipwatch", "SELECT verdict FROM arrival ORDER BY id")).containsExactly("near_duplicate | ", "new | ", "new | ");
        // the twin stays on H2: what the moved home must answer
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.toList()) {
                Path to = twin.resolve(home.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        String url = postgres.newDatabase();
        List<List<String>> before = new ArrayList<>();
        for (String view : VIEWS) {
            before.add(rows(h2(home), "dipwatch", view));
        }

        assertThat(run(home, "migrate-store", "--to", url, "--user", TestPostgres.USER)).as(err.toString()).isZero();
        JsonNode printed = CommandsTest.jsonLines(out.toString()).get(0);
        assertThat(printed.path("rows").path("article").asLong()).isEqualTo(7);
        assertThat(printed.path("rows").path("alert_outbox").asLong()).isEqualTo(2);
        assertThat(printed.path("rows").path("source_state").asLong()).isEqualTo(1);
        assertThat(err.toString()).contains("set dipwatch.index.url=" + url);
        for (int i = 0; i < VIEWS.size(); i++) {
            assertThat(rows(url, TestPostgres.USER, VIEWS.get(i))).as(VIEWS.get(i)).isNotEmpty().isEqualTo(before.get(i));
        }
        // a second copy would mix two corpora: refused unless told
        assertThat(run(home, "migrate-store", "--to", url, "--user", TestPostgres.USER)).isEqualTo(1);
        assertThat(err.toString()).contains("already holds rows in").contains("--replace");

        // the home now on PostgreSQL judges as its H2 twin does, and numbers new files after the copied ones
        String onH2 = ingestKnown(twin);
        System.setProperty("dipwatch.index.url", url);
        System.setProperty("dipwatch.index.user", TestPostgres.USER);
        String onPostgres = ingestKnown(home);
        assertThat(onPostgres).isEqualTo(onH2);
        List<String> verdicts = CommandsTest.jsonLines(onPostgres).stream().map(l -> l.path("verdict").asText()).toList();
        assertThat(verdicts).containsExactly("duplicate", "near_duplicate", "same_story");
        assertThat(rows(url, TestPostgres.USER, "SELECT MAX(id) FROM arrival").get(0)).startsWith("6 ");

        // a PostgreSQL home's backup restores into a new H2 home, which judges alike too
        Path dir = backups.resolve("b1");
        assertThat(run(home, "backup", dir.toString())).as(err.toString()).isZero();
        assertThat(CommandsTest.jsonLines(out.toString()).get(0).path("files").asInt()).isEqualTo(8);
        System.clearProperty("dipwatch.index.url");
        System.clearProperty("dipwatch.index.user");
        Path fresh = backups.resolve("fresh");
        assertThat(run(fresh, "restore", dir.toString())).as(err.toString()).isZero();
        assertThat(TestHome.list(fresh.resolve("seeds"))).isEqualTo(TestHome.list(home.resolve("seeds")));
        Path again = KNOWN.get(2);
        System.setProperty("dipwatch.index.url", url);
        System.setProperty("dipwatch.index.user", TestPostgres.USER);
        assertThat(run(home, "ingest", again.toString())).isZero();
        String onPostgresAgain = out.toString();
        clearProperties();
        assertThat(run(fresh, "ingest", again.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(onPostgresAgain).contains("\"verdict\":\"duplicate\"");
    }
}
