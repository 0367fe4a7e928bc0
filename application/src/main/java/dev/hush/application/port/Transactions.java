package dev.hush.application.port;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every multi-row write of a use case goes through
 * {@link #write}, so it commits whole or not at all. Store methods must be called inside one.
 */
public interface Transactions {
    <T> T write(Supplier<T> work);

    <T> T read(Supplier<T> work);
}
