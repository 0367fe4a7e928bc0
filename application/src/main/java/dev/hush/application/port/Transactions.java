package dev.hush.application.port;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every multi-row write of a use case goes through
 * {@link #write}, so it commits whole or not at all. Store methods must be called inside one.
 */
public interface Transactions {
    <T> T write(Supplier<T> work);

    <T> T read(Supplier<T> work);

    /**
     * Runs work that makes one statement (however many rows it writes), committed on its own: atomic like any
     * statement, one round trip instead of three. For hot paths only (the audit group commit); inside a write it
     * joins the write.
     */
    default <T> T statement(Supplier<T> work) { return write(work); }
}
