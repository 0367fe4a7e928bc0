package dev.hush.persistence;

import dev.hush.application.port.Transactions;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * The {@link Transactions} port on Micronaut Data's JDBC transaction manager; nested calls join the outer
 * transaction. A read outside a write runs its statements in autocommit mode: under PostgreSQL's READ
 * COMMITTED each statement sees its own snapshot either way, so a read-only transaction adds no consistency,
 * only a round trip for its COMMIT (a pull's lookups are on the hot path).
 */
@Singleton
final class JdbcTransactions implements Transactions {
    private final TransactionOperations<Connection> tx;

    JdbcTransactions(TransactionOperations<Connection> tx) { this.tx = tx; }

    @Override
    public <T> T write(Supplier<T> work) {
        return run(TransactionDefinition.DEFAULT, work);
    }

    private static final TransactionDefinition READ = TransactionDefinition.of(TransactionDefinition.Propagation.SUPPORTS);

    @Override
    public <T> T read(Supplier<T> work) {
        return run(READ, work);
    }

    /** Autocommit, as a read: the one statement commits by itself. */
    @Override
    public <T> T statement(Supplier<T> work) {
        return run(READ, work);
    }

    /** Runs {@code work} in a transaction; a database that is down or full becomes a 503 rejection, without its cause. */
    private <T> T run(TransactionDefinition definition, Supplier<T> work) {
        try {
            return tx.execute(definition, status -> work.get());
        } catch (RuntimeException e) {
            throw DatabaseFailures.classify(e).map(r -> (RuntimeException) r).orElse(e);
        }
    }
}
