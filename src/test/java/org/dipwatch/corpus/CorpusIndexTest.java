package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dipwatch.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the index is opened: H2's settings for a clean stop, and no server for anyone else. */
class CorpusIndexTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the daemon closes the database, not H2's shutdown hook
            "jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0 | jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64",
            "jdbc:h2:mem:test | jdbc:h2:mem:test;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64",
            // a URL written for H2's AUTO_SERVER: it would listen on every interface, and H2 refuses it beside DB_CLOSE_ON_EXIT=FALSE
            "jdbc:h2:file:/srv/dw/data/index;AUTO_SERVER=TRUE;AUTO_SERVER_PORT=9090;WRITE_DELAY=0 | jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64",
            // what the user set explicitly stays
            "jdbc:h2:file:/srv/dw/data/index;DB_CLOSE_ON_EXIT=TRUE;QUERY_CACHE_SIZE=16 | jdbc:h2:file:/srv/dw/data/index;DB_CLOSE_ON_EXIT=TRUE;QUERY_CACHE_SIZE=16",
            // not an embedded H2 database: left as it is
            "jdbc:h2:tcp://db.example.org/dw;AUTO_SERVER=TRUE | jdbc:h2:tcp://db.example.org/dw;AUTO_SERVER=TRUE",
            "jdbc:postgresql://db.example.org/dw | jdbc:postgresql://db.example.org/dw"})
    void embeddedH2UrlsAreClosedByTheDaemonAndNeverAutoServed(String configured, String opened) {
        assertThat(CorpusIndex.embeddedSettings(configured)).isEqualTo(opened);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0 | true  | false",
            "JDBC:H2:mem:test                              | true  | false",
            "jdbc:h2:tcp://db.example.org/dw               | false | false",
            "jdbc:h2:ssl://db.example.org/dw               | false | false",
            "jdbc:postgresql://db.example.org/dw           | false | true"})
    void whatAnIndexUrlNamesIsTheProcessesAloneOrShared(String url, boolean embeddedH2, boolean postgres) {
        assertThat(CorpusIndex.isEmbeddedH2(url)).isEqualTo(embeddedH2);
        assertThat(CorpusIndex.isPostgres(url)).isEqualTo(postgres);
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
    void h2IdentityColumnsHandOutIdsFromACacheAndKeepGrowingAcrossRestarts() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        long before;
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2);
             java.sql.Connection c = index.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES' ORDER BY TABLE_NAME")) {
                java.util.Map<String, Long> caches = new java.util.TreeMap<>();
                while (rs.next()) {
                    caches.put(rs.getString(1), rs.getLong(2));
                }
                assertThat(caches).as("every identity column").containsKeys("ALERT_OUTBOX", "ALERT_DELIVERY")
                        .allSatisfy((table, cache) -> assertThat(cache).as(table).isEqualTo(CorpusIndex.IDENTITY_CACHE));
            }
            st.execute("INSERT INTO alert_delivery (outbox_id, subscription_id, channel, attempt, at, outcome, latency_ms)"
                    + " VALUES (1, 's', 'email', 1, CURRENT_TIMESTAMP, 'delivered', 1)");
            try (java.sql.ResultSet rs = st.executeQuery("SELECT MAX(id) FROM alert_delivery")) {
                rs.next();
                before = rs.getLong(1);
            }
        }
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2);
             java.sql.Connection c = index.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("INSERT INTO alert_delivery (outbox_id, subscription_id, channel, attempt, at, outcome, latency_ms)"
                    + " VALUES (2, 's', 'email', 1, CURRENT_TIMESTAMP, 'delivered', 1)");
            try (java.sql.ResultSet rs = st.executeQuery("SELECT MAX(id) FROM alert_delivery")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the id after a restart").isGreaterThan(before);
            }
        }
    }

    @Test
    void anEmbeddedIndexIsThisProcessesAloneAndServedToNobody() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2)) {
            assertThat(index.othersMayWrite()).as("the CLI beside the daemon asks the daemon").isFalse();
            assertThat(index.articleCount()).isZero();
            assertThat(TestHome.list(dir.resolve("data"))).containsExactly("index.mv.db");
        }
    }

    @Test
    void theTagColumnHoldsEveryDimensionsIdsOnceSortedAndReadsBackAsTheTags() {
        org.dipwatch.model.ActorTag lavrov = new org.dipwatch.model.ActorTag("sergey-lavrov", "official", "Sergey Lavrov", "RUS", null,
                null, 2, 0.9, null);
        org.dipwatch.model.ActorTag hamas = new org.dipwatch.model.ActorTag("HAMAS", "organisation", "Hamas", "PSE", null, null, 1, 0.5, null);
        org.dipwatch.model.ActorTag russia = new org.dipwatch.model.ActorTag("RUS", "state", "Russia", "RUS", null, null, 1, 0.8, null);
        org.dipwatch.model.Attribution speaker = new org.dipwatch.model.Attribution(lavrov, "RUS", null);
        org.dipwatch.model.Classification cl = new org.dipwatch.model.Classification(java.util.List.of(lavrov, hamas, russia, hamas),
                speaker, java.util.List.of(speaker), java.util.List.of(new org.dipwatch.model.Attribution(hamas, "HAMAS", null)),
                java.util.List.of(new org.dipwatch.model.RegionTag("gaza strip", "place", "Gaza Strip", "PSE", null, null, 1, 0.7, null, null)),
                "gaza strip", null, "en");
        String column = CorpusIndex.tagColumn(cl);
        assertThat(column).isEqualTo("actor:HAMAS actor:RUS actor:sergey-lavrov counterpart:HAMAS region:gaza_strip speaker:RUS "
                + "speaker:sergey-lavrov");
        assertThat(CorpusIndex.tagsOf(column)).containsExactly("actor:HAMAS", "actor:RUS", "actor:sergey-lavrov", "counterpart:HAMAS",
                "region:gaza_strip", "speaker:RUS", "speaker:sergey-lavrov");
        assertThat(CorpusIndex.tagsOf(null)).isEmpty();
    }

    @Test
    void anIndexOfTagRowsMigratesToTheTagColumn() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "dipwatch", "")) {
            org.flywaydb.core.Flyway.configure().dataSource(url, "dipwatch", "").locations("classpath:db/migration").target("13").load()
                    .migrate();
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO article (seq, file_name, article_id, source, content_hash, paragraphs, characters, verdict, "
                        + "received_at, stored_at, file_missing, language) VALUES (0, '000_a.txt', 'a', 'seeds', 'h0', 1, 10, 'new', "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE, 'en'), (1, '001_b.txt', 'b', 'seeds', 'h1', 1, 10, 'new', "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE, NULL)");
                st.execute("INSERT INTO article_tag (file_name, dimension, tag_id, tag_type, salience) VALUES "
                        + "('000_a.txt', 'region', 'gaza-strip', 'place', 1), ('000_a.txt', 'actor', 'RUS', 'state', 1), "
                        + "('000_a.txt', 'speaker', 'sergey-lavrov', 'official', 1), ('000_a.txt', 'actor', 'HAMAS', 'organisation', 1)");
            }
        }
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2)) {
            assertThat(index.tags("000_a.txt")).containsExactly("actor:HAMAS", "actor:RUS", "region:gaza-strip", "speaker:sergey-lavrov",
                    "language:en");
            assertThat(index.tags("001_b.txt")).as("an article without tags").isEmpty();
            try (java.sql.Connection c = index.dataSource().getConnection();
                 java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "ARTICLE_TAG", null)) {
                assertThat(rs.next()).as("the table of tag rows is gone").isFalse();
            }
        }
    }

    @Test
    void tagsPerDayCountsTheArticlesStoredSinceByUtcDayAndTag() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        java.time.Instant day1 = java.time.Instant.parse("2026-11-30T23:30:00Z");
        java.time.Instant day2 = java.time.Instant.parse("2026-12-01T00:30:00Z");
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2)) {
            try (java.sql.Connection c = index.dataSource().getConnection();
                 java.sql.PreparedStatement a = c.prepareStatement("INSERT INTO article (seq, file_name, article_id, source, content_hash, "
                         + "paragraphs, characters, verdict, received_at, stored_at, file_missing, tags) "
                         + "VALUES (?, ?, ?, 'seeds', ?, 1, 10, 'new', ?, ?, ?, ?)")) {
                Object[][] rows = {
                        // seq, stored at, missing from seeds/, actor tags, region tags
                        {0L, day1.minus(java.time.Duration.ofDays(40)), false, "RUS", "PSE"}, // before the window
                        {1L, day1, false, "RUS,ISR", "PSE"},
                        {2L, day2, false, "RUS", "ISR"},
                        {3L, day2, true, "RUS", "ISR"},                                   // its file was deleted
                        {4L, day2.plusSeconds(60), false, "HAMAS", ""}};
                for (Object[] r : rows) {
                    String file = String.format("%03d_%016d.txt", (Long) r[0], (Long) r[0]);
                    a.setLong(1, (Long) r[0]);
                    a.setString(2, file);
                    a.setString(3, String.format("%016d", (Long) r[0]));
                    a.setString(4, "hash" + r[0]);
                    a.setTimestamp(5, java.sql.Timestamp.from((java.time.Instant) r[1]));
                    a.setTimestamp(6, java.sql.Timestamp.from((java.time.Instant) r[1]));
                    a.setBoolean(7, (Boolean) r[2]);
                    java.util.List<String> tags = new java.util.ArrayList<>();
                    for (int d = 3; d <= 4; d++) {
                        for (String tag : ((String) r[d]).split(",")) {
                            if (!tag.isEmpty()) {
                                tags.add((d == 3 ? "actor:" : "region:") + tag);
                            }
                        }
                    }
                    a.setString(8, String.join(" ", tags));
                    a.executeUpdate();
                }
            }
            java.time.Instant since = java.time.Instant.parse("2026-11-20T00:00:00Z");
            java.time.LocalDate nov30 = java.time.LocalDate.of(2026, 11, 30);
            java.time.LocalDate dec1 = java.time.LocalDate.of(2026, 12, 1);
            assertThat(index.tagsPerDay("actor", since)).containsExactlyInAnyOrder(new CorpusIndex.DayCount(nov30, "ISR", 1),
                    new CorpusIndex.DayCount(nov30, "RUS", 1), new CorpusIndex.DayCount(dec1, "RUS", 1), new CorpusIndex.DayCount(dec1, "HAMAS", 1));
            assertThat(index.tagsPerDay("region", since)).containsExactlyInAnyOrder(new CorpusIndex.DayCount(nov30, "PSE", 1),
                    new CorpusIndex.DayCount(dec1, "ISR", 1));
            assertThat(index.tagsPerDay("actor", day2)).containsExactlyInAnyOrder(new CorpusIndex.DayCount(dec1, "RUS", 1),
                    new CorpusIndex.DayCount(dec1, "HAMAS", 1));
            assertThat(index.tagsPerDay("actor", day2.plusSeconds(3600))).isEmpty();
        }
    }
}
