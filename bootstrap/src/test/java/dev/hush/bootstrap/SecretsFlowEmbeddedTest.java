package dev.hush.bootstrap;

import java.nio.file.Path;

/** The flow on the embedded default: an H2 file database in the data dir. */
class SecretsFlowH2Test extends SecretsFlowContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.h2(dataDir);
    }
}
