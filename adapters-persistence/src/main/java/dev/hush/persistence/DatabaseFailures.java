package dev.hush.persistence;

import dev.hush.domain.Rejection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Database failures that are the database's state, not a bug: it cannot be reached (stopped, restarting,
 * the pool timed out waiting for a connection) or its disk is full. They answer 503 with Retry-After,
 * and, as any failure inside a transaction, change nothing.
 */
final class DatabaseFailures {
    static final long RETRY_AFTER_SECONDS = 5;

    private DatabaseFailures() {}

    static Optional<Rejection> classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rejection) {
                return Optional.empty();
            }
            if (t instanceof SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException
                    || t instanceof io.micronaut.data.connection.exceptions.ConnectionException) {
                return Optional.of(unavailable());
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08xxx connection exceptions; 57P01-57P03 admin/crash shutdown, cannot connect now.
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300")) { // too_many_connections: the server is full for now
                    return Optional.of(unavailable());
                }
                // 53100 disk_full (PostgreSQL could not extend a file or write its WAL).
                if (state.equals("53100")) {
                    return Optional.of(Rejection.unavailable("storage_full",
                            "The database's disk is full: nothing was stored. The operator must free space.", 60));
                }
            }
        }
        return Optional.empty();
    }

    static Rejection unavailable() {
        // Not "nothing was changed": a connection lost during a commit leaves that unknown. Every write is
        // a whole transaction, so a retry finds it done or not done, never half done.
        return Rejection.unavailable("database_unavailable",
                "The database cannot be reached right now; try again shortly. A change is either stored whole or not at all.",
                RETRY_AFTER_SECONDS);
    }
}
