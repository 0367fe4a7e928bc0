package dev.hush.persistence;

import dev.hush.application.port.Users;
import dev.hush.domain.access.User;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcUsers implements Users {
    private final Jdbc jdbc;
    private final PgCredentialChanges changes;

    JdbcUsers(Jdbc jdbc, PgCredentialChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Override
    public Optional<User> byEmail(String normalizedEmail) {
        return jdbc.one("SELECT * FROM users WHERE email = ?", JdbcUsers::map, normalizedEmail);
    }

    @Override
    public Optional<User> byId(UUID id) {
        return jdbc.one("SELECT * FROM users WHERE id = ?", JdbcUsers::map, id);
    }

    @Override
    public void insert(User u) {
        jdbc.update("INSERT INTO users (id, email, name, password_hash, platform_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                u.id(), u.email(), u.name(), u.passwordHash(), u.platformAdmin(), u.createdAt());
    }

    @Override
    public void updatePasswordHash(UUID userId, String passwordHash) {
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    @Override
    public void markEmailVerified(UUID userId, java.time.Instant at) {
        if (jdbc.update("UPDATE users SET email_verified_at = ? WHERE id = ? AND email_verified_at IS NULL", at, userId) == 1) {
            // A verified address on HUSH_ADMIN_EMAILS makes its owner a platform admin: cached callers must see it.
            changes.announce(jdbc, new dev.hush.application.port.CredentialChanges.Change(java.util.Optional.empty(),
                    java.util.Optional.of(userId)));
        }
    }

    @Override
    public long count() { return jdbc.count("SELECT COUNT(*) FROM users"); }

    @Override
    public boolean emailVerified(UUID userId) {
        return jdbc.count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NOT NULL", userId) > 0;
    }

    @Override
    public void claimFirstAdmin(UUID userId) {
        jdbc.update("INSERT INTO platform_claims (claim, user_id) VALUES ('first_admin', ?)", userId);
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(Jdbc.uuid(rs, "id"), rs.getString("email"), rs.getString("name"), rs.getString("password_hash"),
                rs.getBoolean("platform_admin"), Jdbc.instant(rs, "created_at"));
    }
}
