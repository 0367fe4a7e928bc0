package dev.hush.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default database: a real PostgreSQL 17 server (zonky's binaries for the build platform),
 * with its binaries in {@code <data-dir>/postgres-bin}, its data in {@code <data-dir>/postgres} and its
 * log in {@code <data-dir>/postgres.log}.
 *
 * <p>Durable: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are on (zonky's test
 * defaults turn them off). Reachable only by Hush: it listens on 127.0.0.1 only, with no Unix socket, and
 * every connection needs the superuser's random password, kept 0600 in {@code <data-dir>/postgres.password}
 * (initdb sets it; trust authentication is never on).
 *
 * <p>One server owns a data directory at a time ({@code <data-dir>/hush.lock}). A server killed with
 * SIGKILL leaves its PostgreSQL running: the next start stops that orphan (fast shutdown, which loses
 * nothing committed) and starts it again; a PostgreSQL killed as well recovers from its WAL. Another
 * process ({@code hush db backup}, {@code hush kms rotate}) {@linkplain #attach attaches} to a running
 * server's database instead of starting its own.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** The database Hush's schema lives in. */
    public static final String DATABASE = "hush";
    /** The role Hush connects as: owner of its database, not a superuser (no COPY ... PROGRAM, no other databases). */
    public static final String USER = "hush";
    /** The superuser: used only here, to create the role and the database. */
    static final String SUPERUSER = "postgres";

    private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

    private final Layout layout;
    private volatile EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final int port;
    private final String password;
    private final java.util.concurrent.ScheduledExecutorService watchdog;
    private volatile boolean closing;

    private EmbeddedDatabase(Layout layout, EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, int port, String password) {
        this.layout = layout;
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.port = port;
        this.password = password;
        this.watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::restartIfDead, 2, 2, TimeUnit.SECONDS);
    }

    /** Where the embedded database's files are, below a Hush data directory. */
    public record Layout(Path dataDir) {
        public Path pgData() { return dataDir.resolve("postgres"); }
        public Path binaries() { return dataDir.resolve("postgres-bin"); }
        public Path passwordFile() { return dataDir.resolve("postgres.password"); }
        public Path log() { return dataDir.resolve("postgres.log"); }
        public Path lockFile() { return dataDir.resolve("hush.lock"); }
    }

    /** The embedded database cannot be used; the message is the whole explanation, for one line on the console. */
    public static class Unavailable extends IllegalStateException {
        Unavailable(String message, Throwable cause) { super(message, cause); }
    }

    /** Another process already owns the data directory. */
    public static final class InUse extends Unavailable {
        InUse(Path dir) {
            super("another Hush process is using the data directory " + dir + " (stop it first, or give this one another --data-dir)", null);
        }
    }

    /**
     * Starts the embedded PostgreSQL of {@code dataDir} (creating it on first use) and takes the data
     * directory's lock until {@link #close()}.
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Layout layout = new Layout(dataDir.toAbsolutePath().normalize());
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new InUse(layout.dataDir());
            }
            String password = password(layout);
            stopOrphan(layout);
            Files.createDirectories(layout.binaries());
            ownerOnly(layout.log(), "rw-------", true);
            EmbeddedPostgres pg = launch(layout, password, 0);
            ownerOnly(layout.binaries(), "rwx------", false); // zonky makes its working directory world-writable
            EmbeddedDatabase db = new EmbeddedDatabase(layout, pg, channel, lock, pg.getPort(), password);
            db.createDatabase();
            LOG.log(System.Logger.Level.INFO, "Embedded PostgreSQL 17 is serving {0} on 127.0.0.1:{1,number,#}", layout.pgData(), pg.getPort());
            return db;
        } catch (IOException | RuntimeException e) {
            release(channel, lock);
            if (e instanceof InUse in) {
                throw in;
            }
            throw new Unavailable("the embedded PostgreSQL in " + layout.pgData() + " did not start: " + reason(e)
                    + " (its log is " + layout.log() + ")", e);
        }
    }

    /** Starts PostgreSQL on the data directory ({@code port} 0: a free one), durable and password-only. */
    private static EmbeddedPostgres launch(Layout layout, String password, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(layout.pgData())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setOverrideWorkingDirectory(layout.binaries().toFile())
                .setPGStartupWait(Duration.ofMinutes(2)) // crash recovery after a kill can take a while
                // zonky's test defaults trade durability for speed (-F, synchronous_commit=off): undo that.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("max_connections", "60")
                .setServerConfig("password_encryption", "scram-sha-256")
                // initdb only (zonky passes these as --key=value after its own "-A trust", so they win):
                // password authentication from the first start, with the password from the 0600 file.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", layout.passwordFile().toString())
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", password)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(layout.log().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(layout.log().toFile()))
                .start();
    }

    /**
     * The watchdog: a PostgreSQL that died under the server (killed, out of memory, a PANIC it could not
     * recover from at once) is started again on the same port, so the pool reconnects by itself; until then
     * requests answer 503. Tried every 2 s while it fails (a disk still full, say).
     */
    private void restartIfDead() {
        if (closing) {
            return;
        }
        try {
            Path pidFile = layout.pgData().resolve("postmaster.pid");
            boolean alive = Files.exists(pidFile) && ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip()))
                    .map(ProcessHandle::isAlive).orElse(false);
            if (alive) {
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "The embedded PostgreSQL on {0} is not running: starting it again", layout.pgData());
            try {
                postgres.close(); // releases zonky's lock on the data directory; its stop finds nothing to stop
            } catch (IOException | RuntimeException ignored) {
                // it is gone already
            }
            synchronized (this) {
                if (!closing) {
                    postgres = launch(layout, password, port);
                    LOG.log(System.Logger.Level.WARNING, "The embedded PostgreSQL on {0} is serving again on 127.0.0.1:{1,number,#}", layout.pgData(), port);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The embedded PostgreSQL on {0} could not be started again ({1}); trying again in 2 s (its log is {2})",
                    layout.pgData(), reason(e), layout.log());
        }
    }

    /**
     * Connection settings of a data directory's embedded database that another running process (the
     * server) owns, read from PostgreSQL's {@code postmaster.pid} and the password file; empty when no
     * server holds the directory.
     */
    public static Optional<Connect> attach(Path dataDir) {
        Layout layout = new Layout(dataDir.toAbsolutePath().normalize());
        if (!Files.exists(layout.lockFile())) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                probe = null;
            }
            if (probe != null) {
                probe.release();
                return Optional.empty(); // nobody owns it
            }
            List<String> pid = Files.readAllLines(layout.pgData().resolve("postmaster.pid"), StandardCharsets.UTF_8);
            int port = Integer.parseInt(pid.get(3).strip());
            String password = Files.readString(layout.passwordFile(), StandardCharsets.UTF_8).strip();
            return Optional.of(new Connect(url(port), USER, rolePassword(password)));
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("cannot reach the database of the Hush server running on " + layout.dataDir() + ": " + reason(e), e);
        }
    }

    /** JDBC settings. */
    public record Connect(String url, String user, String password) {
        @Override
        public String toString() { return "Connect[" + url + ", user " + user + "]"; }
    }

    public Connect connect() { return new Connect(url(port), USER, rolePassword(password)); }

    /**
     * The application role's password, derived from the superuser's (HMAC-SHA256): one secret file, and
     * knowing the role's password does not give the superuser's.
     */
    static String rolePassword(String superuserPassword) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(superuserPassword.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("hush application role".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public int port() { return port; }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /**
     * The application role (its password set each start, from the password file) and its database, made on
     * first start. A database made by an earlier version, owned by the superuser, is handed to the role.
     */
    private void createDatabase() throws IOException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        String role = rolePassword(password).replace("'", "''");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
             Statement st = c.createStatement()) {
            boolean roleExists;
            try (var rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                roleExists = rs.next();
            }
            st.execute((roleExists ? "ALTER ROLE " : "CREATE ROLE ") + USER
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '" + role + "'");
            boolean exists;
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
                return;
            }
            st.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + USER);
        } catch (SQLException e) {
            throw new IOException("cannot create the database role (SQLState " + e.getSQLState() + ")", e);
        }
        // An existing database: its schema and tables belong to the role too (idempotent).
        try (Connection c = DriverManager.getConnection(url(port), props); Statement st = c.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO " + USER);
            st.execute("DO $$ DECLARE r record; BEGIN "
                    + "FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '" + USER + "' LOOP "
                    + "EXECUTE 'ALTER TABLE public.' || quote_ident(r.tablename) || ' OWNER TO " + USER + "'; END LOOP; "
                    + "FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' AND sequenceowner <> '" + USER + "' LOOP "
                    + "EXECUTE 'ALTER SEQUENCE public.' || quote_ident(r.sequencename) || ' OWNER TO " + USER + "'; END LOOP; END $$");
        } catch (SQLException e) {
            throw new IOException("cannot hand the database to its role (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static void ownerOnly(Path path, String permissions, boolean create) throws IOException {
        try {
            if (create && !Files.exists(path)) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            } else if (Files.exists(path)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            }
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file system: the data directory's own protection applies
        }
    }

    /** The superuser's password: made on first use (before initdb reads it), then read back. */
    private static String password(Layout layout) throws IOException {
        Path file = layout.passwordFile();
        if (Files.exists(file)) {
            String pw = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (pw.isEmpty()) {
                throw new IOException(file + " is empty");
            }
            return pw;
        }
        if (Files.exists(layout.pgData().resolve("PG_VERSION"))) {
            throw new IOException("the database exists but its password file " + file + " is missing; restore it from your backup");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, pw + "\n", StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return pw;
    }

    /**
     * A PostgreSQL left running on this data directory by a server that was killed: stop it (fast
     * shutdown: open transactions roll back, everything committed stays). A pid file whose process is
     * gone, or is not PostgreSQL, is left to PostgreSQL's own stale-lock handling or removed.
     */
    private static void stopOrphan(Layout layout) throws IOException {
        Path pidFile = layout.pgData().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
        } catch (RuntimeException unreadable) {
            return; // PostgreSQL itself reports a corrupt lock file
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        String command = process.get().info().command().orElse("");
        Optional<String[]> arguments = process.get().info().arguments();
        boolean ours = command.endsWith("postgres") && arguments.isPresent()
                && java.util.Arrays.asList(arguments.get()).contains(layout.pgData().toString());
        if (!ours) {
            if (command.endsWith("postgres") && arguments.isEmpty()) {
                throw new IOException("process " + pid + " (PostgreSQL) holds " + pidFile + " and it cannot be told whether it serves this "
                        + "data directory: stop it, or remove the file if it does not");
            }
            // The pid was reused by another process since a crash: the lock file is stale.
            LOG.log(System.Logger.Level.WARNING, "Removing the stale {0}: process {1,number,#} is not this data directory''s PostgreSQL", pidFile, pid);
            Files.delete(pidFile);
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "Stopping the PostgreSQL (pid {0,number,#}) left running on {1} by a Hush server that did not stop cleanly",
                pid, layout.pgData());
        // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, everything committed stays. (pg_ctl
        // refuses to run as root, and the postmaster may run in a user namespace: a signal works everywhere.)
        signal("INT", pid);
        try {
            process.get().onExit().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            signal("QUIT", pid); // immediate shutdown: the next start recovers from the WAL
            try {
                process.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new IOException("the orphaned PostgreSQL (pid " + pid + ") did not exit", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("the orphaned PostgreSQL (pid " + pid + ") did not exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void signal(String signal, long pid) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                return "cannot write " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
            }
        }
        Throwable deepest = e;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }

    /** Stops PostgreSQL (fast shutdown, after Hush has finished its work) and releases the data directory. */
    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
        try {
            synchronized (this) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(lockChannel, lock);
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing a lock file cannot lose data
        }
    }
}
