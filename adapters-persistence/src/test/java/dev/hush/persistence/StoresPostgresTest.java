package dev.hush.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The stores on real PostgreSQL 17 (embedded binaries). */
class StoresPostgresTest extends StoresContract {
    EmbeddedPostgres pg;

    @Override
    Map<String, Object> datasource() {
        try {
            pg = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("datasources.default.url", pg.getJdbcUrl("postgres", "postgres"), "datasources.default.username", "postgres",
                "datasources.default.password", "", "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    @AfterAll
    void stopPostgres() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }
}
