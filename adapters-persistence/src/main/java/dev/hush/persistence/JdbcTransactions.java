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
        return tx.execute(TransactionDefinition.DEFAULT, status -> work.get());
    }

    @Override
    public <T> T read(Supplier<T> work) {
        return tx.execute(TransactionDefinition.READ_ONLY, status -> work.get());
    }
}
