package org.dipwatch.corpus;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.dipwatch.sql.Rows;
import org.dipwatch.dedup.CorpusLookup;
import org.dipwatch.model.Verdict;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index beside the corpus: article metadata and the record of every arrival, in an embedded
 * H2 file by default (any JDBC database Flyway knows works). Opening it applies the schema
 * migrations in {@code db/migration}.
 *
 * <p>An embedded H2 file is open in one process at a time, and no port is opened for it: while the
 * daemon runs, the CLI asks the daemon for the commands that use the index (see
 * {@code org.dipwatch.daemon.RunningDaemon}). H2's {@code AUTO_SERVER} is taken out of the URL: it
 * listens on every interface, and H2 refuses it beside {@code DB_CLOSE_ON_EXIT=FALSE}, which every
 * embedded H2 URL gets here unless it sets it, so that the database is closed by {@link #close()}
 * and never by H2's shutdown hook while the daemon's last batch still commits on SIGTERM.
 */
public final class CorpusIndex implements CorpusLookup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndex.class);

    private static final String ARTICLE_COLUMNS = "seq, file_name, article_id, title, published, content_hash, paragraphs, "
            + "characters, source, origin, url, url_hash, verdict, received_at, stored_at, file_missing";

    private final HikariDataSource dataSource;
    /** What the index holds of URLs, texts and intake keys, so that most look-ups need no query. */
    private final KnownKeys known = new KnownKeys();
    /** Whether the URL names a database only the process that opens it reaches: an embedded H2 file or memory. */
    private final boolean exclusive;
    /** Whether the index is a PostgreSQL database, which several nodes share (cluster mode). */
    private final boolean postgres;

    /** The index in the database {@code dataSource} pools, which {@code url} names. */
    private CorpusIndex(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.exclusive = isEmbeddedH2(url);
        this.postgres = isPostgres(url);
    }

    /**
     * The key of the PostgreSQL advisory lock that makes the judge-and-store step serial across the
     * nodes sharing the database ("dipwatch" in ASCII); other programs on the same database must not use it.
     */
    static final long JUDGE_LOCK = 0x6469707761746368L;

    /**
     * Whether a JDBC URL names an embedded H2 database, a file or memory, which only the process that
     * opens it reaches (not one of an H2 server: {@code jdbc:h2:tcp:}, {@code jdbc:h2:ssl:}).
     */
    static boolean isEmbeddedH2(String jdbcUrl) {
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        return upper.startsWith("JDBC:H2:") && !upper.startsWith("JDBC:H2:TCP:") && !upper.startsWith("JDBC:H2:SSL:");
    }

    /** Whether a JDBC URL names a PostgreSQL database: dipwatch's cluster mode. */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /**
     * Whether several dipwatch nodes may share this index: a PostgreSQL database. Then the judge-and-store
     * step takes the cluster's lock, inbox files are claimed, alert lanes are locked and Quartz keeps its
     * triggers in the database; on H2 none of this is needed (one process holds the file).
     */
    public boolean clustered() {
        return postgres;
    }

    /**
     * Makes the transaction of {@code c} the only one of the cluster that judges and stores until it
     * commits or rolls back: a PostgreSQL transaction-level advisory lock, waited for. Nothing to do on
     * H2, where the pipeline's one thread is already the only writer.
     */
    void judgeAlone(Connection c) throws SQLException {
        if (!postgres) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, JUDGE_LOCK);
            ps.execute();
        }
    }

    /** {@link #known}, read from the index the first time it is asked. */
    private KnownKeys keys() {
        if (!known.loaded()) {
            catchUp();
        }
        return known;
    }

    /**
     * Reads into the filter of known hashes what another process sharing the index (a second
     * program on a database server) wrote since it last looked; nothing to do when none can. The pipeline calls it
     * before each batch it judges: one query a batch, not three an article.
     */
    public void catchUp() {
        if (known.loaded() && !othersMayWrite()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            known.catchUp(c);
        } catch (SQLException e) {
            throw new IndexException("index: cannot read the known hashes: " + e.getMessage(), e);
        }
    }

    /** Opens (and creates or migrates) the index at a JDBC URL. */
    public static CorpusIndex open(String jdbcUrl, String user, String password, int poolSize) {
        String url = embeddedSettings(jdbcUrl);
        HikariDataSource ds;
        try {
            ds = pool(url, user, password, poolSize);
        } catch (RuntimeException e) {
            throw new IndexException("index: cannot open " + jdbcUrl + ": " + rootMessage(e)
                    + " (check dipwatch.index.url, that data/ is writable and that no other program holds the file: a daemon"
                    + " that is starting or stopping on this home does)", e);
        }
        try {
            if (!hasEveryMigration(ds)) {
                // nodes starting together on a new PostgreSQL database: Flyway's advisory lock lets one migrate at a time
                Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
                if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
                    // after migrating only: a migration may add an identity column, and every home of this release has
                    // migrated once (V14), so a start without migrations has nothing to set
                    cacheIdentities(ds);
                }
            }
        } catch (RuntimeException | SQLException e) {
            ds.close();
            throw new IndexException("index: cannot migrate " + jdbcUrl + ": " + rootMessage(e), e);
        }
        return new CorpusIndex(ds, url);
    }

    /** Parsed statements H2 keeps per connection ({@code QUERY_CACHE_SIZE}, added to an embedded URL that does not set it). */
    static final int QUERY_CACHE_SIZE = 64;

    /** How many values of an identity column H2 hands out before it writes the column's sequence again. */
    static final int IDENTITY_CACHE = 4096;

    /**
     * Gives H2's identity columns (the outbox's, the deliveries', the arrivals' ids) a cache of
     * {@value #IDENTITY_CACHE} values. H2's default, 32, writes the sequence every 32 rows, and each such
     * write commits and stores the whole database apart from the transaction that took the value:
     * a first poll of 10,000 articles made over 600 extra stores of the file (a fifth of the judge
     * thread's time, a tenth of delivery's). The cost is a gap of up to that many ids after a crash;
     * nothing counts on ids without gaps. Not on PostgreSQL, whose cache is per connection and would
     * hand the nodes' connections ids out of order (an outbox lane is read in id order).
     */
    static void cacheIdentities(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> alter = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES' AND IDENTITY_CACHE < " + IDENTITY_CACHE)) {
                while (rs.next()) {
                    alter.add("ALTER TABLE \"" + rs.getString(1) + "\" ALTER COLUMN \"" + rs.getString(2) + "\" SET CACHE "
                            + IDENTITY_CACHE);
                }
            }
            for (String sql : alter) {
                st.execute(sql);
            }
        }
    }

    /**
     * Whether the index has every packaged migration ({@code db/migration/V<n>__*.sql}) applied
     * successfully, by Flyway's own history table: then opening it needs no Flyway at all, whose
     * start (its classes, its scan of the jar for the migrations, the checksums) costs more than the
     * rest of opening an index. Any doubt (no history, a failed migration, a packaged version not
     * applied, the packaged files not listable) answers {@code false}, and Flyway migrates and
     * validates as always.
     */
    static boolean hasEveryMigration(DataSource ds) {
        List<String> packaged;
        try {
            packaged = org.dipwatch.config.PackagedFiles.in("db/migration", ".sql");
        } catch (IOException e) {
            return false;
        }
        java.util.Set<String> versions = new java.util.HashSet<>();
        for (String file : packaged) {
            java.util.regex.Matcher m = MIGRATION.matcher(file.substring(file.lastIndexOf('/') + 1));
            if (!m.matches()) {
                return false;
            }
            versions.add(m.group(1).replace('_', '.'));
        }
        if (versions.isEmpty()) {
            return false;
        }
        try (Connection c = ds.getConnection()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (!tables.next()) {
                    return false; // a new index (asked, not queried: a failed query leaves H2's trace file behind)
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) {
                        return false;
                    }
                    versions.remove(rs.getString(1));
                }
            }
            return versions.isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    /** A versioned migration's file name, its version in group 1. */
    private static final java.util.regex.Pattern MIGRATION = java.util.regex.Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password == null ? "" : password);
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setMinimumIdle(1);
        config.setPoolName("dipwatch-index");
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    /**
     * An embedded H2 URL as the daemon needs it: {@code DB_CLOSE_ON_EXIT=FALSE} added unless it is
     * set (H2 would otherwise close the database from a JVM shutdown hook while the daemon still
     * commits its last batch: "Database is already closed"), and {@code AUTO_SERVER} taken out (it
     * listens on every interface, H2 refuses it beside {@code DB_CLOSE_ON_EXIT=FALSE}, and the CLI
     * asks the running daemon instead). Other URLs (a server database, another product) are returned
     * as they are.
     */
    static String embeddedSettings(String jdbcUrl) {
        if (!isEmbeddedH2(jdbcUrl)) {
            return jdbcUrl;
        }
        String url = jdbcUrl.replaceAll("(?i);AUTO_SERVER(_PORT)?=[^;]*", "");
        if (!url.equals(jdbcUrl)) {
            LOG.warn("index: dipwatch.index.url sets AUTO_SERVER, which dipwatch leaves out: it would open a port on every "
                    + "interface, and the CLI asks the running daemon instead; take it out of the URL");
        }
        if (!url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            url += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!url.toUpperCase(Locale.ROOT).contains(";QUERY_CACHE_SIZE=")) {
            // each connection keeps this many parsed statements: H2's 8 is fewer than one batch's judging and storing
            // uses (articles, tags, arrivals, stories, alerts, sources), so every statement was parsed again for each
            // article (6 % of the judge thread in a first poll)
            url += ";QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;
        }
        return url;
    }

    /**
     * Whether another process may store articles in the index while this one has it open: a
     * database server. An embedded H2 file or memory database is this process's alone (the CLI
     * beside the daemon asks the daemon).
     */
    public boolean othersMayWrite() {
        return !exclusive;
    }

    /** The data source, for components that keep their own tables in the index. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A connection in a transaction (auto-commit off) that the caller commits or rolls back. */
    public Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public Optional<String> articleWithUrlHash(String urlHash) {
        if (!keys().mayHaveUrl(urlHash)) {
            return Optional.empty();
        }
        return firstString("SELECT file_name FROM article WHERE url_hash = ? ORDER BY seq", urlHash);
    }

    @Override
    public Optional<String> articleWithContentHash(String contentHash) {
        if (!keys().mayHaveText(contentHash)) {
            return Optional.empty();
        }
        return firstString("SELECT file_name FROM article WHERE content_hash = ? ORDER BY seq", contentHash);
    }

    /** The recorded arrival with this intake key, if a document with it was processed before. */
    public Optional<Arrival> arrival(String intakeKey) {
        try (Connection c = dataSource.getConnection()) {
            return arrival(c, intakeKey);
        } catch (SQLException e) {
            throw new IndexException("index: cannot look up arrival " + intakeKey + ": " + e.getMessage(), e);
        }
    }

    /** {@link #arrival(String)} within a transaction, which sees the arrivals it recorded itself. */
    public Optional<Arrival> arrival(Connection c, String intakeKey) throws SQLException {
        if (!keys().mayHaveArrival(intakeKey)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT intake_key, source, origin, verdict, article_file, reason, "
                + "content_hash, url, received_at, processed_at, similarity, story FROM arrival WHERE intake_key = ?")) {
            ps.setString(1, intakeKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(arrival(rs)) : Optional.empty();
            }
        }
    }

    /** Every arrival, oldest first. */
    public List<Arrival> arrivals() {
        return Rows.list(dataSource, "SELECT intake_key, source, origin, verdict, article_file, reason, "
                + "content_hash, url, received_at, processed_at, similarity, story FROM arrival ORDER BY id", 0,
                e -> new IndexException("index: cannot list arrivals: " + e.getMessage(), e), CorpusIndex::arrival);
    }

    /** Every indexed article by file name, in sequence order. */
    public Map<String, IndexedArticle> articles() {
        return Rows.map(dataSource, "SELECT " + ARTICLE_COLUMNS + " FROM article ORDER BY seq", CorpusIndex::unlisted,
                rs -> rs.getString("file_name"), CorpusIndex::article);
    }

    /** Every indexed article's file name and whether its file is missing: what a start compares with {@code seeds/}. */
    Map<String, Boolean> fileStates() {
        Map<String, Boolean> out = new java.util.HashMap<>();
        Rows.eachLazily(dataSource, "SELECT file_name, file_missing FROM article", CorpusIndex::unlisted,
                rs -> out.put(rs.getString(1), rs.getBoolean(2)));
        return out;
    }

    private static RuntimeException unlisted(SQLException e) {
        return new IndexException("index: cannot list articles: " + e.getMessage(), e);
    }

    /** The highest sequence number ever given out, or -1 for an empty index. */
    long maxSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM article");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? -1 : max;
        }
    }

    void insert(Connection c, IndexedArticle a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO article (" + ARTICLE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, a);
            ps.executeUpdate();
        }
        known.article(a.urlHash(), a.contentHash());
    }

    /**
     * Inserts a new article's row with its classification and tags in one statement: what
     * {@link #insert} then {@link #saveClassification} write, without the update a new row does not
     * need (the serial store's hot path).
     */
    void insertClassified(Connection c, IndexedArticle a, Classification cl, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO article (" + ARTICLE_COLUMNS
                + ", classification, language, statement_kind, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, a);
            ps.setString(17, json);
            ps.setString(18, cl.language());
            ps.setString(19, cl.kind());
            ps.setString(20, tagColumn(cl));
            ps.executeUpdate();
        }
        known.article(a.urlHash(), a.contentHash());
    }

    void update(Connection c, IndexedArticle a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE article SET seq = ?, file_name = ?, article_id = ?, title = ?, "
                + "published = ?, content_hash = ?, paragraphs = ?, characters = ?, source = ?, origin = ?, url = ?, "
                + "url_hash = ?, verdict = ?, received_at = ?, stored_at = ?, file_missing = ? WHERE file_name = ?")) {
            bind(ps, a);
            ps.setString(17, a.fileName());
            ps.executeUpdate();
        }
        known.reset(); // the row's hashes may have changed: read every row again
    }

    void markMissing(Connection c, String fileName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE article SET file_missing = TRUE WHERE file_name = ?")) {
            ps.setString(1, fileName);
            ps.executeUpdate();
        }
    }

    void insert(Connection c, Arrival a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO arrival (intake_key, source, origin, verdict, article_file, "
                + "reason, content_hash, url, received_at, processed_at, similarity, story) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.intakeKey());
            ps.setString(2, a.source());
            ps.setString(3, clip(a.origin(), 2000));
            ps.setString(4, a.verdict().label());
            ps.setString(5, a.articleFile());
            ps.setString(6, clip(a.reason(), 4000));
            ps.setString(7, a.contentHash());
            ps.setString(8, clip(a.url(), 4000));
            ps.setTimestamp(9, Timestamp.from(a.receivedAt()));
            ps.setTimestamp(10, Timestamp.from(a.processedAt()));
            if (a.similarity() == null) {
                ps.setNull(11, Types.DOUBLE);
            } else {
                ps.setDouble(11, a.similarity());
            }
            ps.setString(12, a.story());
            ps.executeUpdate();
        }
        known.arrival(a.intakeKey());
    }

    /** How long a count of the articles is reused (the articles this process stores are added to it meanwhile). */
    private static final long COUNT_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    private final java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
    private volatile long countedAt;

    /**
     * The number of articles whose file is in {@code seeds/}: counted in the index at most once a
     * minute (a count reads every row; the metrics gauge asks at every scrape), with the articles
     * this process committed since added; what another process stored shows at the next count.
     */
    public long articleCount() {
        long now = System.nanoTime();
        if (countedAt == 0 || now - countedAt > COUNT_TTL_NANOS) {
            counted.set(countArticles());
            countedAt = now;
        }
        return counted.get();
    }

    /** Adds articles this process just committed to the count {@link #articleCount} shows until it counts again. */
    void stored(int articles) {
        counted.addAndGet(articles);
    }

    /** Makes the next {@link #articleCount} count again (after a sync added or lost articles). */
    void recount() {
        countedAt = 0;
    }

    private long countArticles() {
        // the table's size, which the database keeps, less the few missing rows found through V10's index
        // article_present: a count with the condition read every row (0.7 s at 10,000 articles, at every
        // scrape that counted)
        try (Connection c = dataSource.getConnection();
             PreparedStatement all = c.prepareStatement("SELECT COUNT(*) FROM article");
             PreparedStatement missing = c.prepareStatement("SELECT COUNT(*) FROM article WHERE file_missing = TRUE");
             ResultSet a = all.executeQuery();
             ResultSet m = missing.executeQuery()) {
            a.next();
            m.next();
            return a.getLong(1) - m.getLong(1);
        } catch (SQLException e) {
            throw new IndexException("index: cannot count articles: " + e.getMessage(), e);
        }
    }

    /** Records that an article's language is the one its source declares, so a reindex keeps it. */
    public void markLanguageDeclared(Connection c, String fileName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE article SET language_declared = TRUE WHERE file_name = ?")) {
            ps.setString(1, fileName);
            ps.executeUpdate();
        }
    }

    /** The languages their sources declared, by article file: what a reindex classifies them in. */
    Map<String, String> declaredLanguages() {
        return Rows.map(dataSource, "SELECT file_name, language FROM article WHERE language_declared",
                e -> new IndexException("index: cannot read the declared languages: " + e.getMessage(), e),
                rs -> rs.getString(1), rs -> rs.getString(2));
    }

    /** Replaces what the index holds of an article's classification: the JSON and the tags. */
    void saveClassification(Connection c, String fileName, Classification cl, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE article SET classification = ?, language = ?, statement_kind = ?, tags = ? WHERE file_name = ?")) {
            ps.setString(1, json);
            ps.setString(2, cl.language());
            ps.setString(3, cl.kind());
            ps.setString(4, tagColumn(cl));
            ps.setString(5, fileName);
            ps.executeUpdate();
        }
    }

    /**
     * The {@code tags} column of a classification: {@code dimension:id} of each actor, the speaker
     * (its actor and its side), each counterpart (actor and side) and each region, once each,
     * sorted, separated by a space; {@code null} when it has none. An id is clipped to 100
     * characters, and a space in it (none of the dictionaries' ids has one) becomes {@code _}, so
     * that the space parts the tags.
     */
    static String tagColumn(Classification cl) {
        java.util.SortedSet<String> tags = new java.util.TreeSet<>();
        for (ActorTag a : cl.actors()) {
            addTag(tags, "actor", a.id());
        }
        if (cl.speaker() != null) {
            addTag(tags, "speaker", cl.speaker().actor().id());
            addTag(tags, "speaker", cl.speaker().side());
        }
        for (Attribution cp : cl.counterparts()) {
            addTag(tags, "counterpart", cp.actor().id());
            addTag(tags, "counterpart", cp.side());
        }
        for (RegionTag r : cl.regions()) {
            addTag(tags, "region", r.id());
        }
        return tags.isEmpty() ? null : String.join(" ", tags);
    }

    private static void addTag(java.util.Set<String> tags, String dimension, String id) {
        if (id != null && !id.isBlank()) {
            tags.add(dimension + ":" + clip(id.strip(), 100).replace(' ', '_'));
        }
    }

    /** The tags of a {@link #tagColumn}: {@code dimension:id} each, in order. */
    static List<String> tagsOf(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(" "));
    }

    /** The stored classification JSON of an article, if it has one. */
    public Optional<String> classificationJson(String fileName) {
        return firstString("SELECT classification FROM article WHERE file_name = ? AND classification IS NOT NULL", fileName);
    }

    /**
     * An article's tags as {@code dimension:id} ({@code actor:RUS}, {@code region:gaza-strip}, …), then
     * its language and kind of statement as {@code language:ru} and {@code kind:phone_call} when known:
     * who and what the story judgement compares when it judges an article again.
     */
    public List<String> tags(String fileName) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement row = c.prepareStatement("SELECT tags, language, statement_kind FROM article WHERE file_name = ?")) {
            row.setString(1, fileName);
            try (ResultSet rs = row.executeQuery()) {
                if (rs.next()) {
                    out.addAll(tagsOf(rs.getString(1)));
                    if (rs.getString(2) != null) {
                        out.add("language:" + rs.getString(2));
                    }
                    if (rs.getString(3) != null) {
                        out.add("kind:" + rs.getString(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read tags of " + fileName + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The columns of {@link StoredArticle}: the article's row with how its story judgement saw it
     * (the verdict of an original found in {@code seeds/} is its story verdict, {@code same_story}
     * when it joined an earlier one).
     */
    private static final String STORED = "SELECT a.seq, a.file_name, a.title, a.published, a.source, a.url, "
            + "COALESCE(s.verdict, a.verdict), s.story, s.similarity, s.duplicate_of, a.stored_at, a.classification "
            + "FROM article a LEFT JOIN article_story s ON s.seq = a.seq WHERE NOT a.file_missing";

    /** The stored articles with these file names whose files are in {@code seeds/}, in sequence order. */
    public List<StoredArticle> stored(java.util.Collection<String> fileNames) {
        return storedWhere("a.file_name", fileNames);
    }

    /** The stored articles with these sequence numbers whose files are in {@code seeds/}, in sequence order. */
    public List<StoredArticle> storedBySeq(java.util.Collection<Long> seqs) {
        return storedWhere("a.seq", seqs);
    }

    private List<StoredArticle> storedWhere(String column, java.util.Collection<?> values) {
        List<StoredArticle> out = new ArrayList<>();
        if (values.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(STORED + " AND " + column + " IN (" + marks + ") ORDER BY a.seq")) {
            int i = 1;
            for (Object v : values) {
                ps.setObject(i++, v);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs));
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read articles " + values + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Every stored article whose file is in {@code seeds/} numbered above {@code afterSeq}, in
     * sequence order, handed over in chunks of at most {@code chunk}: what the search index is
     * filled from, read without holding all of them in memory.
     */
    public void forEachStored(long afterSeq, int chunk, java.util.function.Consumer<List<StoredArticle>> each) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(STORED + " AND a.seq > ? ORDER BY a.seq")) {
            ps.setLong(1, afterSeq);
            ps.setFetchSize(chunk);
            List<StoredArticle> batch = new ArrayList<>(chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.add(stored(rs));
                    if (batch.size() == chunk) {
                        each.accept(batch);
                        batch = new ArrayList<>(chunk);
                    }
                }
            }
            if (!batch.isEmpty()) {
                each.accept(batch);
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read the stored articles: " + e.getMessage(), e);
        }
    }

    /**
     * The highest sequence number of an article, its file in {@code seeds/} or not, or -1 when none:
     * read from the primary key's end (with {@code NOT file_missing} the database reads every row,
     * a second of a 100k home's start).
     */
    public long maxSeq() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM article");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? -1 : max;
        } catch (SQLException e) {
            throw new IndexException("index: cannot read the highest article number: " + e.getMessage(), e);
        }
    }

    private static StoredArticle stored(ResultSet rs) throws SQLException {
        Date published = rs.getDate(4);
        return new StoredArticle(rs.getLong(1), rs.getString(2), rs.getString(3), published == null ? null : published.toLocalDate(),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9) == null ? null : rs.getDouble(9), rs.getString(10), instant(rs.getTimestamp(11)), rs.getString(12));
    }

    /**
     * How many articles stored since {@code since} carry each tag of one dimension ({@code actor},
     * {@code region}, {@code speaker}, {@code counterpart}), by the UTC day they were stored: what
     * the status page charts. It reads only the rows of those days: articles are numbered in the
     * order they are stored, so the first number stored since then is found by a binary search on
     * the primary key and the rows above it are read (a cost that follows the articles of those
     * days, not the corpus).
     */
    public List<DayCount> tagsPerDay(String dimension, Instant since) {
        List<DayCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            long from = firstSeqStoredSince(c, since);
            // the day is taken in Java: H2 and PostgreSQL cast a zoned timestamp to a date in different zones
            Map<LocalDate, Map<String, Long>> counts = new java.util.TreeMap<>();
            String prefix = dimension + ":";
            try (PreparedStatement ps = c.prepareStatement("SELECT stored_at, tags FROM article "
                    + "WHERE seq >= ? AND stored_at >= ? AND NOT file_missing AND tags IS NOT NULL")) {
                ps.setLong(1, from);
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), java.time.ZoneOffset.UTC);
                        for (String tag : tagsOf(rs.getString(2))) {
                            if (tag.startsWith(prefix)) {
                                counts.computeIfAbsent(day, d -> new java.util.TreeMap<>()).merge(tag.substring(prefix.length()), 1L,
                                        Long::sum);
                            }
                        }
                    }
                }
            }
            counts.forEach((day, tags) -> tags.forEach((tag, n) -> out.add(new DayCount(day, tag, n))));
        } catch (SQLException e) {
            throw new IndexException("index: cannot count the " + dimension + " tags stored since " + since + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * One bar of a chart: how many articles stored on a day carry a tag.
     *
     * @param day      the UTC day they were stored
     * @param tag      the tag's id ({@code RUS}, {@code sergey-lavrov}, {@code gaza-strip})
     * @param articles how many articles
     */
    public record DayCount(LocalDate day, String tag, long articles) {
    }

    /** The lowest article number stored at or after {@code since} (one past the highest when none is). */
    private static long firstSeqStoredSince(Connection c, Instant since) throws SQLException {
        try (PreparedStatement bounds = c.prepareStatement("SELECT MIN(seq), MAX(seq) FROM article");
             PreparedStatement at = c.prepareStatement("SELECT stored_at FROM article WHERE seq >= ? ORDER BY seq LIMIT 1")) {
            long low;
            long high;
            try (ResultSet rs = bounds.executeQuery()) {
                rs.next();
                low = rs.getLong(1);
                high = rs.getLong(2) + 1;
            }
            while (low < high) { // stored_at grows with seq: the first seq whose row is that recent
                long mid = low + (high - low) / 2;
                at.setLong(1, mid);
                try (ResultSet rs = at.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1).toInstant().isBefore(since)) {
                        low = mid + 1;
                    } else {
                        high = mid;
                    }
                }
            }
            return low;
        }
    }

    /** How many arrivals the index holds (each document taken, whatever became of it): the health report's. */
    public long arrivalCount() {
        // the table's size, which H2 keeps: no scan, whatever the number of arrivals
        return Rows.first(dataSource, "SELECT COUNT(*) FROM arrival", e -> new IndexException("index: cannot count arrivals: "
                + e.getMessage(), e), rs -> rs.getLong(1)).orElse(0L);
    }

    /** Closes the pool; the embedded database closes with its last connection. */
    @Override
    public synchronized void close() {
        dataSource.close();
    }

    private Optional<String> firstString(String sql, String value) {
        return Rows.first(dataSource, sql, e -> new IndexException("index: query failed: " + e.getMessage(), e),
                rs -> rs.getString(1), value);
    }

    private static void bind(PreparedStatement ps, IndexedArticle a) throws SQLException {
        ps.setLong(1, a.seq());
        ps.setString(2, a.fileName());
        ps.setString(3, a.articleId());
        ps.setString(4, clip(a.title(), 4000));
        setDate(ps, 5, a.published());
        ps.setString(6, a.contentHash());
        ps.setInt(7, a.paragraphs());
        ps.setInt(8, a.characters());
        ps.setString(9, a.source());
        ps.setString(10, clip(a.origin(), 2000));
        ps.setString(11, clip(a.url(), 4000));
        ps.setString(12, a.urlHash());
        ps.setString(13, a.verdict());
        ps.setTimestamp(14, Timestamp.from(a.receivedAt()));
        ps.setTimestamp(15, Timestamp.from(a.storedAt()));
        ps.setBoolean(16, a.fileMissing());
    }

    private static IndexedArticle article(ResultSet rs) throws SQLException {
        Date published = rs.getDate("published");
        return new IndexedArticle(rs.getLong("seq"), rs.getString("file_name"), rs.getString("article_id"),
                rs.getString("title"), published == null ? null : published.toLocalDate(), rs.getString("content_hash"),
                rs.getInt("paragraphs"), rs.getInt("characters"), rs.getString("source"), rs.getString("origin"),
                rs.getString("url"), rs.getString("url_hash"), rs.getString("verdict"),
                instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("stored_at")), rs.getBoolean("file_missing"));
    }

    private static Arrival arrival(ResultSet rs) throws SQLException {
        return new Arrival(rs.getString(1), rs.getString(2), rs.getString(3), Verdict.of(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                rs.getObject(11) == null ? null : rs.getDouble(11), rs.getString(12));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A string cut to a column's width. */
    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Binds a date, or SQL NULL for {@code null}. */
    static void setDate(PreparedStatement ps, int index, java.time.LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(date));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

}
