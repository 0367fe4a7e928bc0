package dev.hush.application.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake store's state: tables of immutable rows, copied by {@link FakeTransactions} when a transaction
 * begins and put back when it fails, so a refused or failed use case leaves nothing behind, as on the
 * database. Store methods check that they run inside a transaction, and writes that it is not a read-only one.
 */
public abstract class InMemoryStore {
    private final List<Map<Object, Object>> tables = new ArrayList<>();
    protected final FakeTransactions tx;

    protected InMemoryStore(FakeTransactions tx) {
        this.tx = tx;
        tx.register(this);
    }

    /** A new table; rows must be immutable values (records), so a snapshot is a shallow copy. */
    @SuppressWarnings("unchecked")
    protected final <K, V> Map<K, V> table() {
        Map<Object, Object> m = new LinkedHashMap<>();
        tables.add(m);
        return (Map<K, V>) (Map<?, ?>) m;
    }

    /** For look-ups: must run inside a transaction. */
    protected final void reading() {
        if (!tx.active()) {
            throw new AssertionError(getClass().getSimpleName() + ": store called outside a transaction");
        }
    }

    /** For changes (and row locks): must run inside a write transaction. */
    protected final void writing() {
        reading();
        if (tx.readOnly()) {
            throw new AssertionError(getClass().getSimpleName() + ": write or lock inside a read-only transaction");
        }
    }

    final List<Map<Object, Object>> snapshot() {
        List<Map<Object, Object>> copy = new ArrayList<>();
        for (Map<Object, Object> t : tables) {
            copy.add(new LinkedHashMap<>(t));
        }
        return copy;
    }

    final void restore(List<Map<Object, Object>> snapshot) {
        for (int i = 0; i < tables.size(); i++) {
            tables.get(i).clear();
            tables.get(i).putAll(snapshot.get(i));
        }
    }
}
