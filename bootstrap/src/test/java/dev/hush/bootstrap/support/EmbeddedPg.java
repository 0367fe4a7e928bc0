package dev.hush.bootstrap.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL 17 server for tests (zonky embedded binaries), with its data files in a known folder. */
public final class EmbeddedPg implements AutoCloseable {
    public final EmbeddedPostgres pg;
    public final Path dataDirectory;

    public EmbeddedPg(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        try {
            this.pg = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() { return pg.getJdbcUrl("postgres", "postgres"); }

    /** Flushes everything to the data files, so a search of them sees all rows. */
    public void checkpoint() {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
