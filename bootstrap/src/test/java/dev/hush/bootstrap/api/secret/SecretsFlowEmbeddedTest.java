package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.TestServer;

import java.nio.file.Path;
import java.util.Map;

/**
 * The flow on the embedded default, as {@code hush server} runs it: PostgreSQL in the data dir. Every file
 * of the data dir, PostgreSQL's data files and log included, is searched for values in clear afterwards.
 */
class SecretsFlowEmbeddedTest extends SecretsFlowContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.embedded(dataDir, Map.of());
    }
}
