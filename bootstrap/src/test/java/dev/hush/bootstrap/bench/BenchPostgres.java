package dev.hush.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL 17 for the API benchmark: zonky's binaries, as Hush's embedded default runs them for {@code ./hush server}
 * (adapters-persistence {@code EmbeddedDatabase}): durable ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on, which zonky's test defaults turn off), 60 connections, C locale, a {@code hush} role
 * that owns a {@code hush} database and is no superuser. Added for measuring: {@code pg_stat_statements}. The servers
 * connect to it as an external PostgreSQL ({@code HUSH_DATABASE_URL}), so two of them can share it; the benchmark's own
 * queries go to the {@code postgres} database and are not counted.
 */
final class BenchPostgres implements AutoCloseable {
    static final String DATABASE = "hush";
    static final String USER = "hush";
    static final String PASSWORD = "benchmark";

    private final EmbeddedPostgres pg;

    private BenchPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static BenchPostgres start(Path dataDirectory) throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                // The embedded default's settings (EmbeddedDatabase.launch):
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "60")
                .setLocaleConfig("locale", "C")
                // The benchmark's: statements per request.
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        BenchPostgres db = new BenchPostgres(pg);
        try (Connection c = db.admin(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION pg_stat_statements");
            st.execute("CREATE ROLE " + USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + PASSWORD + "'");
            st.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            pg.close();
            throw e;
        }
        return db;
    }

    /** The servers' connection: HUSH_DATABASE_URL. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + DATABASE;
    }

    /** The server version and the durability settings in force, as PostgreSQL reports them. */
    String describe() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).split(" ")[0] + " (fsync=" + rs.getString(2) + ", synchronous_commit=" + rs.getString(3)
                    + ", full_page_writes=" + rs.getString(4) + ")";
        }
    }

    /** Forgets the statements counted so far (before a cell). */
    void resetStatements() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Statements the servers ran since the last reset (pg_stat_statements calls in Hush's database only). */
    long statements() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + DATABASE + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A statement's text (normalized by pg_stat_statements, white space folded) and its calls since the last reset. */
    record Counted(long calls, String query) {}

    /** The statements run most often since the last reset, in Hush's database. */
    List<Counted> top(int limit) throws SQLException {
        List<Counted> top = new ArrayList<>();
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.calls, regexp_replace(s.query, '\\s+', ' ', 'g') FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + DATABASE + "' ORDER BY s.calls DESC, s.query LIMIT " + limit)) {
            while (rs.next()) {
                top.add(new Counted(rs.getLong(1), rs.getString(2)));
            }
        }
        return top;
    }

    /** What {@link #watchLocks} saw: samples taken, and in how many a Hush connection waited on a lock (on the audit chain's head row). */
    record LockWaits(int samples, int waiting, int onChainHead) {
        @Override
        public String toString() {
            return String.format("lock waits in %d of %d samples (on the audit chain's head: %d)", waiting, samples, onChainHead);
        }
    }

    /**
     * Samples {@code pg_stat_activity} every 5 ms until the returned handle is closed: how often a connection to Hush's
     * database was waiting on a lock, and how often on a statement naming {@code audit_chains}.
     */
    AutoCloseableWatch watchLocks() throws SQLException {
        return new AutoCloseableWatch(admin());
    }

    static final class AutoCloseableWatch implements AutoCloseable {
        private final Connection c;
        private final Thread sampler;
        private volatile boolean stop;
        private int samples;
        private int waiting;
        private int onChainHead;

        AutoCloseableWatch(Connection c) {
            this.c = c;
            sampler = new Thread(this::sample, "bench-lock-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            try (Statement st = c.createStatement()) {
                while (!stop) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE query ILIKE '%audit_chains%') FROM pg_stat_activity "
                            + "WHERE datname = '" + DATABASE + "' AND wait_event_type = 'Lock'")) {
                        rs.next();
                        samples++;
                        waiting += rs.getInt(1) > 0 ? 1 : 0;
                        onChainHead += rs.getInt(2) > 0 ? 1 : 0;
                    }
                    Thread.sleep(5);
                }
            } catch (SQLException | InterruptedException e) {
                // the watch ends with the cell
            }
        }

        LockWaits result() { return new LockWaits(samples, waiting, onChainHead); }

        @Override
        public void close() throws SQLException {
            stop = true;
            try {
                sampler.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.close();
        }
    }

    private Connection admin() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
