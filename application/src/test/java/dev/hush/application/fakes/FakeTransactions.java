package dev.hush.application.fakes;

import dev.hush.application.port.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions over the in-memory stores: one at a time (serializable, like the row locks the adapters
 * take), nested calls join the outer one (as {@code JdbcTransactions} does), and a transaction that throws
 * is rolled back: every registered store gets its state from before it back.
 */
public final class FakeTransactions implements Transactions {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<InMemoryStore> stores = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> readOnly = ThreadLocal.withInitial(() -> false);
    private int writes;
    private int reads;
    private int rollbacks;

    void register(InMemoryStore store) { stores.add(store); }

    @Override
    public <T> T write(Supplier<T> work) { return run(work, false); }

    @Override
    public <T> T read(Supplier<T> work) { return run(work, true); }

    private <T> T run(Supplier<T> work, boolean asRead) {
        if (lock.isHeldByCurrentThread()) {
            if (readOnly.get() && !asRead) {
                throw new AssertionError("write transaction nested in a read-only one");
            }
            return work.get();
        }
        lock.lock();
        try {
            if (asRead) {
                reads++;
            } else {
                writes++;
            }
            readOnly.set(asRead);
            List<List<Map<Object, Object>>> before = new ArrayList<>();
            for (InMemoryStore s : stores) {
                before.add(s.snapshot());
            }
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < before.size(); i++) {
                    stores.get(i).restore(before.get(i));
                }
                rollbacks++;
                throw e;
            }
        } finally {
            readOnly.set(false);
            lock.unlock();
        }
    }

    /** Whether the current thread is inside a transaction. */
    public boolean active() { return lock.isHeldByCurrentThread(); }

    boolean readOnly() { return readOnly.get(); }

    public synchronized int writes() { return writes; }

    public synchronized int reads() { return reads; }

    public synchronized int rollbacks() { return rollbacks; }
}
