package dev.hush.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded default database as the server starts it: durable settings, reachable only with the
 * password from the 0600 file (no trust authentication, IPv4 loopback only), one owner per data directory,
 * and its data kept across a restart.
 */
class EmbeddedDatabaseTest {
    @Test
    void start_isDurable_private_exclusive_andKeepsItsDataAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("hush-embedded");
        try {
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
                EmbeddedDatabase.Connect c = db.connect();
                assertThat(c.url()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/hush");
                assertThat(c.toString()).doesNotContain(c.password());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres.password")))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres-bin")))).isEqualTo("rwx------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres.log")))).isEqualTo("rw-------");
                String superPassword = Files.readString(dir.resolve("postgres.password")).strip();
                try (Connection conn = DriverManager.getConnection(c.url(), "postgres", superPassword); Statement st = conn.createStatement()) {
                    for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                        assertThat(one(st, "SHOW " + setting)).as(setting).isEqualTo("on");
                    }
                    assertThat(one(st, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                    assertThat(one(st, "SHOW unix_socket_directories")).isEmpty();
                    assertThat(one(st, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'")).isEqualTo("0");
                    assertThat(one(st, "SELECT count(*) FROM pg_authid WHERE rolname IN ('postgres', 'hush') AND rolpassword IS NOT NULL")).isEqualTo("2");
                    assertThat(one(st, "SELECT rolsuper FROM pg_roles WHERE rolname = 'hush'")).as("the application role").isEqualTo("f");
                }
                // Hush connects as its own role, the database's owner, not a superuser.
                assertThat(c.user()).isEqualTo("hush");
                assertThat(c.password()).isNotEqualTo(superPassword);
                try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password()); Statement st = conn.createStatement()) {
                    st.execute("CREATE TABLE kept (v TEXT)");
                    st.execute("INSERT INTO kept VALUES ('acknowledged')");
                    assertThatThrownBy(() -> st.execute("COPY (SELECT 1) TO PROGRAM 'true'")).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
                // No password, a wrong one: refused.
                Properties none = new Properties();
                none.setProperty("user", "postgres");
                assertThatThrownBy(() -> DriverManager.getConnection(c.url(), none)).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(c.url(), "hush", "not-the-password")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
                // A second owner of the same data directory is refused.
                assertThatThrownBy(() -> EmbeddedDatabase.start(dir)).isInstanceOf(EmbeddedDatabase.InUse.class);
                // A command (hush db backup) attaches to the running one instead, with the same settings.
                assertThat(EmbeddedDatabase.attach(dir)).hasValueSatisfying(a -> {
                    assertThat(a.url()).isEqualTo(c.url());
                    assertThat(a.password()).isEqualTo(c.password());
                });
            }
            assertThat(dir.resolve("postgres").resolve("postmaster.pid")).as("stopped").doesNotExist();
            try (EmbeddedDatabase again = EmbeddedDatabase.start(dir);
                 Connection conn = DriverManager.getConnection(again.connect().url(), again.connect().user(), again.connect().password());
                 Statement st = conn.createStatement()) {
                assertThat(one(st, "SELECT v FROM kept")).isEqualTo("acknowledged");
            }
            // Without its password file, an existing database is not opened with a new password.
            Files.delete(dir.resolve("postgres.password"));
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir)).isInstanceOf(EmbeddedDatabase.Unavailable.class)
                    .hasMessageContaining("password file");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
