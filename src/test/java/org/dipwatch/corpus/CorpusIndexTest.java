package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.Collections;
import java.util.Optional;
import org.dipwatch.TestHome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the index is opened: H2's settings for a clean stop, and the daemon sharing it with the CLI on 127.0.0.1 only. */
class CorpusIndexTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the daemon closes the database, not H2's shutdown hook
            "jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0 | jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            "jdbc:h2:mem:test | jdbc:h2:mem:test;DB_CLOSE_ON_EXIT=FALSE",
            // a URL written for H2's AUTO_SERVER: it would listen on every interface, and H2 refuses it beside DB_CLOSE_ON_EXIT=FALSE
            "jdbc:h2:file:/srv/dw/data/index;AUTO_SERVER=TRUE;AUTO_SERVER_PORT=9090;WRITE_DELAY=0 | jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            // what the user set explicitly stays
            "jdbc:h2:file:/srv/dw/data/index;DB_CLOSE_ON_EXIT=TRUE | jdbc:h2:file:/srv/dw/data/index;DB_CLOSE_ON_EXIT=TRUE",
            // not an embedded H2 database: left as it is
            "jdbc:h2:tcp://db.example.org/dw;AUTO_SERVER=TRUE | jdbc:h2:tcp://db.example.org/dw;AUTO_SERVER=TRUE",
            "jdbc:postgresql://db.example.org/dw | jdbc:postgresql://db.example.org/dw"})
    void embeddedH2UrlsAreClosedByTheDaemonAndNeverAutoServed(String configured, String opened) {
        assertThat(CorpusIndex.embeddedSettings(configured)).isEqualTo(opened);
    }

    @Test
    void anIndexOpensWithoutFlywayOnlyWhenItHasEveryPackagedMigration() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2)) {
            assertThat(CorpusIndex.hasEveryMigration(index.dataSource())).as("every migration applied by the first open").isTrue();
            try (java.sql.Connection c = index.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                // as if the newest migration came with this release: Flyway must run (and does, at the next open)
                st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" = "
                        + "(SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")");
            }
            assertThat(CorpusIndex.hasEveryMigration(index.dataSource())).isFalse();
            try (java.sql.Connection c = index.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP TABLE \"flyway_schema_history\"");
            }
            assertThat(CorpusIndex.hasEveryMigration(index.dataSource())).as("no history at all").isFalse();
        }
        String fresh = "jdbc:h2:file:" + dir.resolve("other/index") + ";WRITE_DELAY=0";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(fresh, "dipwatch", "")) {
            com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
            ds.setJdbcUrl(fresh + ";DB_CLOSE_ON_EXIT=FALSE");
            ds.setUsername("dipwatch");
            try (ds) {
                assertThat(CorpusIndex.hasEveryMigration(ds)).as("a new, empty database").isFalse();
            }
        }
        assertThat(Files.exists(dir.resolve("other/index.trace.db"))).as("no failed statement traced").isFalse();
    }

    @Test
    void onlyAnEmbeddedH2FileHasAFileToServe() {
        assertThat(CorpusIndex.h2File("jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0")).isEqualTo(Path.of("/srv/dw/data/index"));
        assertThat(CorpusIndex.h2File("jdbc:h2:/srv/dw/data/../data/index")).isEqualTo(Path.of("/srv/dw/data/index"));
        assertThat(CorpusIndex.h2File("jdbc:h2:mem:test")).isNull();
        assertThat(CorpusIndex.h2File("jdbc:h2:tcp://localhost/dw")).isNull();
        assertThat(CorpusIndex.h2File("jdbc:postgresql://db.example.org/dw")).isNull();
    }

    @Test
    void theDaemonServesTheIndexToTheCliOn127001OnlyAndStopsWhenItCloses() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        Path served = dir.resolve("data/index.server");
        try (CorpusIndex daemon = CorpusIndex.open(url, "dipwatch", "", 2)) {
            assertThat(daemon.othersMayWrite()).as("alone with its file").isFalse();
            daemon.serve();
            assertThat(daemon.othersMayWrite()).as("the CLI may store articles now").isTrue();
            assertThat(Files.getPosixFilePermissions(served)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String serverUrl = Files.readString(served).lines().filter(l -> l.startsWith("url=")).findFirst().orElseThrow();
            assertThat(serverUrl).matches("url=jdbc:h2:tcp://127\\.0\\.0\\.1:\\d+/[0-9a-f]{48}");
            int port = Integer.parseInt(serverUrl.replaceAll(".*:(\\d+)/.*", "$1"));
            Optional<InetAddress> outside = nonLoopbackAddress();
            Assumptions.assumeTrue(outside.isPresent(), "this machine has no address but the loopback");
            assertThat(connects(outside.get(), port)).as("the server on " + outside.get().getHostAddress()).isFalse();
            assertThat(connects(InetAddress.getByName("127.0.0.1"), port)).isTrue();

            try (CorpusIndex cli = CorpusIndex.open(url, "dipwatch", "", 2)) {
                assertThat(cli.othersMayWrite()).isTrue();
                assertThat(jdbcUrl(cli)).startsWith("jdbc:h2:tcp://127.0.0.1:" + port + "/");
                assertThat(cli.articleCount()).isZero();
            }
            try (CorpusIndex second = CorpusIndex.open(url, "dipwatch", "", 2)) {
                assertThatThrownBy(second::serve).as("a second daemon on the same home").isInstanceOf(IndexException.class)
                        .hasMessageContaining("is open in a dipwatch daemon that already runs on this home");
            }
        }
        assertThat(served).as("removed when the daemon stops").doesNotExist();
    }

    @Test
    void aServerFileLeftByAKilledDaemonIsRemovedByTheNextToOpenTheIndex() throws Exception {
        TestHome.create(dir);
        Path served = Files.createDirectories(dir.resolve("data")).resolve("index.server");
        Files.writeString(served, "url=jdbc:h2:tcp://127.0.0.1:" + TestHome.freePort() + "/0123456789abcdef\n");
        try (CorpusIndex cli = CorpusIndex.open("jdbc:h2:file:" + dir.resolve("data/index"), "dipwatch", "", 2)) {
            assertThat(jdbcUrl(cli)).startsWith("jdbc:h2:file:");
            assertThat(served).doesNotExist();
        }
    }

    private static String jdbcUrl(CorpusIndex index) throws Exception {
        try (Connection c = index.dataSource().getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
