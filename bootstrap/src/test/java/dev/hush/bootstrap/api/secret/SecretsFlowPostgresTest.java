package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.EmbeddedPg;
import dev.hush.bootstrap.support.TestServer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The flow on an external PostgreSQL; after all tests PostgreSQL's own data files are searched for every value,
 * token and password the tests wrote.
 */
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

    /** Called by the contract's @AfterAll once the database has been searched (a subclass's own @AfterAll would run first). */
    @Override
    void stopDatabase() {
        if (pg != null) {
            pg.close();
        }
    }
}
