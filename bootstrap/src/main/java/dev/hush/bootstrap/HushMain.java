package dev.hush.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code hush} command: {@code hush server [--port N] [--data-dir DIR]}, {@code hush kms rotate|migrate}, {@code hush db backup|restore}. */
@Command(name = "hush", mixinStandardHelpOptions = true, versionProvider = HushMain.Version.class,
        description = "Hush: secrets management.", subcommands = {HushMain.Server.class, KmsCommand.class, DbCommand.class})
public final class HushMain extends CommandGroup {

    public static void main(String[] args) {
        int code = new CommandLine(new HushMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Run the Hush server (embedded defaults: a PostgreSQL database and a local root key in the data dir).")
    static final class Server implements Callable<Integer> {
        @Option(names = "--port", description = "port to listen on (default 8080, or MICRONAUT_SERVER_PORT)")
        Integer port;

        @Option(names = "--host", description = "address to listen on (default 127.0.0.1)")
        String host;

        @Option(names = "--data-dir", description = "data directory (default ./hush-data, or HUSH_DATA_DIR)")
        Path dataDir;

        @Override
        public Integer call() throws InterruptedException {
            Path dir = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("HUSH_DATA_DIR", "hush-data"));
            HushServer server;
            try {
                server = HushServer.start(dir, port, host, System.getenv(), Map.of());
            } catch (RuntimeException e) {
                System.err.println("hush: the server could not start: " + StartupFailure.describe(e));
                return 1;
            }
            // One shutdown hook, so the order holds: HTTP drains, statistics flush, then the database stops.
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } finally {
                    stopped.countDown();
                }
            }, "hush-shutdown"));
            System.out.println("Hush is listening on " + server.http().getURL() + " (data: " + dir.toAbsolutePath().normalize()
                    + (server.database.embedded() ? ", embedded PostgreSQL" : ", PostgreSQL at HUSH_DATABASE_URL") + ")");
            stopped.await();
            return 0;
        }
    }

    /** {@code hush --version}: the project version the build wrote into {@code version.properties}, as the CLI prints it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream resource = HushMain.class.getResourceAsStream("version.properties")) {
                if (resource == null) {
                    throw new java.io.IOException("version.properties is missing from the hush server jar");
                }
                build.load(resource);
            }
            return new String[] {"hush " + build.getProperty("version")};
        }
    }
}
