package dev.hush.persistence;

import dev.hush.domain.Rejection;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC on the connection of the current transaction (Micronaut Data's transaction manager).
 * SQL errors become {@link PersistenceException} without the statement's parameters, so no value can
 * reach a log through an exception message.
 */
@Singleton
final class Jdbc {
    /**
     * The revision of the environment {@code environmentId} names (migration V18: the sum of its counters), as a column
     * expression: {@code "e.id"} in a query that joins {@code environments e}, or {@code "?"} for a parameter (then not
     * correlated, so computed once per statement).
     */
    static String revisionOf(String environmentId) {
        return "(SELECT COALESCE(SUM(r.revision), 0) FROM environment_revisions r WHERE r.environment_id = " + environmentId + ")";
    }

    static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL deadlock_detected and serialization_failure. */
    static final java.util.Set<String> RETRYABLE = java.util.Set.of("40P01", "40001");

    private final TransactionOperations<Connection> tx;

    Jdbc(TransactionOperations<Connection> tx) { this.tx = tx; }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A typed SQL NULL. */
    record Null(int sqlType) {}

    static final Null NULL_TIMESTAMP = new Null(Types.TIMESTAMP_WITH_TIMEZONE);
    static final Null NULL_UUID = new Null(Types.OTHER);
    static final Null NULL_STRING = new Null(Types.VARCHAR);

    int update(String sql, Object... args) {
        try (PreparedStatement ps = tx.getConnection().prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs {@code sql} once per argument row as one JDBC batch (one round trip); the update count of each. */
    int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = tx.getConnection().prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw translate(e.getNextException() != null ? e.getNextException() : e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = tx.getConnection().prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A {@code text[]} parameter (elements may be null); cast it in SQL ({@code ?::text[]}, then {@code ::uuid} etc.). */
    java.sql.Array textArray(List<String> values) {
        try {
            return tx.getConnection().createArrayOf("text", values.toArray(new String[0]));
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int p = i + 1;
            if (a instanceof Null n) {
                ps.setNull(p, n.sqlType());
            } else if (a instanceof Instant t) {
                ps.setObject(p, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (a instanceof byte[] b) {
                ps.setBytes(p, b);
            } else {
                ps.setObject(p, a);
            }
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /**
     * A PostgreSQL array of {@code type} ({@code uuid}, {@code int4}, {@code bytea}, ...) on the current
     * transaction's connection, to bind as one parameter: a statement over {@code unnest} of arrays handles
     * any number of rows in one round trip, with one statement text (prepared once).
     */
    java.sql.Array array(String type, Object[] elements) {
        try {
            return tx.getConnection().createArrayOf(type, elements);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** {@code n} comma-separated placeholders, for an {@code IN (...)} list. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** {@code all} in slices of at most 500, to keep {@code IN} lists and their parameters bounded. */
    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }

    static Object orNull(Optional<Instant> t) { return t.isPresent() ? t.get() : NULL_TIMESTAMP; }

    static RuntimeException translate(SQLException e) {
        Optional<Rejection> down = DatabaseFailures.classify(e);
        if (down.isPresent()) {
            return down.get();
        }
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return Rejection.conflict("conflict", "The resource already exists.");
        }
        if (RETRYABLE.contains(e.getSQLState())) {
            return Rejection.conflict("conflict", "A concurrent change got in the way; try again.");
        }
        return new PersistenceException("database error (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")");
    }

    /** A database failure, described without statement parameters. */
    static final class PersistenceException extends RuntimeException {
        PersistenceException(String message) { super(message); }
    }
}
