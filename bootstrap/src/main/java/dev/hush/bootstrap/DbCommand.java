package dev.hush.bootstrap;

import dev.hush.persistence.backup.DatabaseBackup;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hush db backup FILE} and {@code hush db restore FILE}: a consistent logical backup of the database
 * (embedded or external) while the server keeps serving, and its restore into an empty database, which is
 * also how a deployment moves from the embedded PostgreSQL to an external one.
 */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Back up and restore the database.",
        subcommands = {DbCommand.Backup.class, DbCommand.Restore.class})
public final class DbCommand extends CommandGroup {

    abstract static class Base implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "FILE", description = "the backup file")
        Path file;

        Path dir() { return dataDir.dir(); }

        @Override
        public Integer call() {
            return run(dir(), System.getenv(), file, this instanceof Backup);
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Write a consistent backup of the database to FILE (0600); the server may keep running.",
                    "It holds ciphertext only: back up the root key (or your KMS key) separately."})
    static final class Backup extends Base {}

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore FILE into an empty database: a new --data-dir's embedded one, or HUSH_DATABASE_URL's.",
                    "Then give the server the same root key (copy root.key, or configure the same KMS key)."})
    static final class Restore extends Base {}

    public static int run(Path dataDir, Map<String, String> env, Path file, boolean backup) {
        try {
            if (!backup) {
                if (!java.nio.file.Files.isRegularFile(file)) {
                    System.err.println("hush db: no such backup file: " + file);
                    return 1;
                }
                DatabaseBackup.check(file);
            }
            DataDir.prepare(dataDir);
            try (Database database = Database.forCommand(dataDir, env)) {
                var c = database.connect();
                DatabaseBackup tool = new DatabaseBackup(c.url(), c.user(), c.password());
                DatabaseBackup.Summary s = backup ? tool.backup(file) : tool.restore(file);
                System.out.printf("%s %s: %d rows in %d tables (schema version %s)%n", backup ? "Backed up to" : "Restored from",
                        file, s.totalRows(), s.rows().size(), s.schemaVersion());
                return 0;
            }
        } catch (Exception e) {
            // A database error's text can quote row data: only its SQLState is shown.
            String why = e instanceof java.io.IOException ? e.getMessage()
                    : e instanceof java.sql.SQLException s ? "database error (SQLState " + s.getSQLState() + ")" : StartupFailure.describe(e);
            System.err.println("hush db: " + (backup ? "backup" : "restore") + " failed: " + why);
            return 1;
        }
    }
}
