package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.EmbeddedPg;
import dev.hush.bootstrap.support.TestServer;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** The flow on real PostgreSQL; afterwards PostgreSQL's own data files are searched for values in clear. */
class SecretsFlowPostgresTest extends SecretsFlowContract {
    EmbeddedPg pg;

    @Override
    TestServer startServer(Path dataDir) {
        if (pg == null) {
            pg = new EmbeddedPg(dataDir.getParent().resolve("pgdata"));
        }
        return TestServer.postgres(dataDir, pg.jdbcUrl(), "postgres");
    }

    @Override
    void assertNoCanaryInDatabase() throws IOException {
        pg.checkpoint();
        assertNoCanaryIn(pg.dataDirectory);
    }

    @AfterAll
    void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }
}
