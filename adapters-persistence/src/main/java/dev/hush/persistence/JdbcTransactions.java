package dev.hush.persistence;

import dev.hush.application.port.Transactions;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/** The {@link Transactions} port on Micronaut Data's JDBC transaction manager; nested calls join the outer transaction. */
@Singleton
final class JdbcTransactions implements Transactions {
    private final TransactionOperations<Connection> tx;

    JdbcTransactions(TransactionOperations<Connection> tx) { this.tx = tx; }

    @Override
    public <T> T write(Supplier<T> work) {
        return run(TransactionDefinition.DEFAULT, work);
    }

    @Override
    public <T> T read(Supplier<T> work) {
        return run(TransactionDefinition.READ_ONLY, work);
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
