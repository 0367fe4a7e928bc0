package dev.hush.persistence.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A logical backup of Hush's database, and its restore: what {@code hush db backup} and {@code hush db
 * restore} run, on the embedded PostgreSQL or an external one (pg_dump needs a client as new as the
 * server; this needs only the JDBC driver).
 *
 * <p>A backup is a zip file: {@code manifest.properties} (format, schema version, tables, row counts,
 * time) and one {@code tables/<name>.copy} per table in PostgreSQL's COPY text format, all read in one
 * REPEATABLE READ transaction, so it is a consistent snapshot taken while the server keeps serving. It
 * holds what the database holds: ciphertext, wrapped keys and token hashes, never a value in clear, and
 * never the root key (back that up separately: without it nothing in the backup can be read). The file
 * is written 0600 and renamed into place only when complete.
 *
 * <p>A restore migrates an empty database to the backup's schema version, loads every table in
 * foreign-key order in one transaction, and moves identity sequences past the restored rows. A database
 * that already holds an account or an organization is refused.
 */
public final class DatabaseBackup {
    public static final String FORMAT = "hush-backup-1";
    private static final String HISTORY = "flyway_schema_history";

    private final String url;
    private final Properties credentials;

    public DatabaseBackup(String url, String user, String password) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
    }

    /** What a backup holds. */
    public record Summary(String schemaVersion, Map<String, Long> rows) {
        public long totalRows() { return rows.values().stream().mapToLong(Long::longValue).sum(); }
    }

    /** Writes a consistent backup of the database to {@code file} (replaced only when the backup is complete). */
    public Summary backup(Path file) throws IOException, SQLException {
        Path tmp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Summary summary;
        try {
            summary = writeSnapshot(tmp);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(tmp); // no partial backup is left behind
            throw e;
        }
        return summary;
    }

    private Summary writeSnapshot(Path tmp) throws IOException, SQLException {
        Summary summary;
        try (Connection c = DriverManager.getConnection(url, credentials)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String version = schemaVersion(c);
            List<String> tables = tablesInLoadOrder(c);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new LinkedHashMap<>();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (String table : tables) {
                    zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
                    rows.put(table, copy.copyOut("COPY " + table + " TO STDOUT", new FilterOutputStream(zip) {
                        @Override
                        public void close() {
                            // the zip stays open for the next table
                        }
                    }));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("manifest.properties"));
                Properties manifest = new Properties();
                manifest.setProperty("format", FORMAT);
                manifest.setProperty("schemaVersion", version);
                manifest.setProperty("createdAt", Instant.now().toString());
                manifest.setProperty("tables", String.join(",", tables));
                rows.forEach((t, n) -> manifest.setProperty("rows." + t, Long.toString(n)));
                manifest.store(zip, "Hush database backup: ciphertext only; restore with hush db restore, and keep the root key separately");
                zip.closeEntry();
            }
            c.rollback();
            summary = new Summary(version, rows);
        }
        return summary;
    }

    /** Checks that {@code file} is a Hush backup before anything is touched; its manifest. */
    public static Properties check(Path file) throws IOException {
        Properties manifest = manifest(file);
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new IOException(file + " is not a Hush backup (format " + manifest.getProperty("format") + ")");
        }
        return manifest;
    }

    /** Restores {@code file} into this (empty) database. */
    public Summary restore(Path file) throws IOException, SQLException {
        Properties manifest = check(file);
        String version = manifest.getProperty("schemaVersion");
        Flyway.configure().dataSource(url, credentials.getProperty("user"), credentials.getProperty("password"))
                .locations("classpath:db/migration").target(version).load().migrate();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, credentials)) {
            c.setAutoCommit(false);
            for (String table : List.of("users", "organizations", "projects", "secrets", "audit_events")) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new IOException("the target database already holds data (" + table + "): restore into an empty database");
                    }
                }
            }
            List<String> order = tablesInLoadOrder(c);
            Set<String> inBackup = new LinkedHashSet<>(List.of(manifest.getProperty("tables").split(",")));
            if (!order.containsAll(inBackup)) {
                throw new IOException("the backup's tables do not match schema version " + version);
            }
            Map<String, Path> extracted = extract(file);
            try {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                try (Statement st = c.createStatement()) {
                    // Tables a migration filled (plans and the like) take the backup's rows instead.
                    List<String> reverse = new ArrayList<>(order);
                    java.util.Collections.reverse(reverse);
                    for (String table : reverse) {
                        if (inBackup.contains(table)) {
                            st.execute("DELETE FROM " + table);
                        }
                    }
                }
                for (String table : order) {
                    if (!inBackup.contains(table)) {
                        continue;
                    }
                    try (InputStream in = Files.newInputStream(extracted.get(table))) {
                        long n = copy.copyIn("COPY " + table + " FROM STDIN", in);
                        long expected = Long.parseLong(manifest.getProperty("rows." + table, "-1"));
                        if (n != expected) {
                            throw new IOException("table " + table + ": restored " + n + " rows, the backup says " + expected);
                        }
                        rows.put(table, n);
                    }
                }
                resetIdentities(c);
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                for (Path p : extracted.values()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return new Summary(version, rows);
    }

    private static Properties manifest(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("manifest.properties")) {
                    Properties p = new Properties();
                    p.load(new java.io.InputStreamReader(zip, StandardCharsets.ISO_8859_1));
                    return p;
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a Hush backup (" + e.getMessage() + ")", e);
        }
        throw new IOException(file + " is not a Hush backup (no manifest)");
    }

    /** The table files, extracted to private temporary files (a zip is read in order; tables load in FK order). */
    private static Map<String, Path> extract(Path file) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.startsWith("tables/") && name.endsWith(".copy")) {
                    String table = name.substring("tables/".length(), name.length() - ".copy".length());
                    Path tmp = Files.createTempFile("hush-restore-", ".copy",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.copy(new FilterInputStream(zip) {
                        @Override
                        public void close() {
                            // keep the zip open
                        }
                    }, tmp, StandardCopyOption.REPLACE_EXISTING);
                    out.put(table, tmp);
                }
            }
        }
        return out;
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL "
                     + "ORDER BY installed_rank DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new SQLException("the database has no Hush schema");
            }
            return rs.getString(1);
        }
    }

    /** The schema's tables (without Flyway's history), each after the tables it references. */
    private static List<String> tablesInLoadOrder(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(HISTORY)) {
                    tables.add(rs.getString(1));
                }
            }
        }
        Map<String, Set<String>> references = new LinkedHashMap<>();
        tables.forEach(t -> references.put(t, new LinkedHashSet<>()));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
                     + "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace")) {
            while (rs.next()) {
                String from = rs.getString(1);
                String to = rs.getString(2);
                if (references.containsKey(from) && !from.equals(to)) {
                    references.get(from).add(to);
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String t : tables) {
            visit(t, references, visiting, order);
        }
        return order;
    }

    private static void visit(String table, Map<String, Set<String>> references, Set<String> visiting, List<String> order) throws SQLException {
        if (order.contains(table)) {
            return;
        }
        if (!visiting.add(table)) {
            throw new SQLException("foreign keys form a cycle through " + table);
        }
        for (String dependency : references.getOrDefault(table, Set.of())) {
            visit(dependency, references, visiting, order);
        }
        visiting.remove(table);
        order.add(table);
    }

    /** Identity and serial columns continue after the restored rows. */
    private static void resetIdentities(Connection c) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
                     + "WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')")) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] col : columns) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + col[0] + "', '" + col[1] + "'), "
                        + "COALESCE((SELECT max(" + col[1] + ") FROM " + col[0] + "), 0) + 1, false)");
            }
        }
    }
}
