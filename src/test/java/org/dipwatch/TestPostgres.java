package org.dipwatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started from the binaries zonky's artifact ships (nothing to
 * install), on 127.0.0.1 and a free port; one per test class, a fresh database per {@link #newDatabase}.
 */
public final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server; {@link #close()} stops it and removes its data folder. */
    public static TestPostgres start() {
        try {
            return new TestPostgres(EmbeddedPostgres.builder().setPort(TestHome.freePort())
                    .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "100").start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** Creates an empty database and returns its JDBC URL (user {@value #USER}, no password). */
    public String newDatabase() {
        String name = "dipwatch" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
    }

    /** The server's superuser, which the tests connect as. */
    public static final String USER = "postgres";

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
