package dev.hush.application.audit;

import dev.hush.application.port.AuditJournal;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit of value-read audit events. Requests hand their event to one of a few writer threads and
 * wait; a writer takes everything waiting (up to {@code maxBatch} events), adds it to the journal in one
 * statement that commits by itself (one round trip), and then wakes those requests. Concurrent reads thus share a commit (and its
 * WAL flush) instead of each paying for one, and no lock is taken: reads of one organization never queue
 * behind each other, on one node or many. Fail closed: a request is told "durable" only after its commit
 * returned; if it failed or did not finish within the timeout, the request is refused with 503.
 *
 * <p>With no writer threads ({@link #inline}), each event is committed in the calling thread: for tests.
 */
public final class AuditGroupCommit implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final AuditJournal journal;
    private final Transactions tx;
    private final int maxBatch;
    private final LinkedBlockingQueue<Waiter> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    private record Waiter(AuditJournal.Pending event, CompletableFuture<Boolean> done) {}

    public AuditGroupCommit(AuditJournal journal, Transactions tx, int writerThreads, int maxBatch) {
        this.journal = journal;
        this.tx = tx;
        this.maxBatch = maxBatch;
        for (int i = 0; i < writerThreads; i++) {
            Thread t = new Thread(this::run, "hush-audit-commit-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Commits each event in the calling thread. */
    public static AuditGroupCommit inline(AuditJournal journal, Transactions tx) { return new AuditGroupCommit(journal, tx, 0, 1); }

    /**
     * Adds the event to the journal and returns once it is committed: true, or false when its token guard
     * refused it ({@link AuditJournal#add}). Throws 503 {@code audit_unavailable} when it could not be written.
     */
    public boolean add(AuditJournal.Pending event) {
        if (writers.isEmpty()) {
            try {
                return tx.write(() -> journal.add(event));
            } catch (RuntimeException e) {
                throw unavailable(e);
            }
        }
        if (closed) {
            throw unavailable(null);
        }
        Waiter w = new Waiter(event, new CompletableFuture<>());
        queue.add(w);
        try {
            return w.done().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(null);
        }
    }

    private void run() {
        List<Waiter> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Waiter first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Waiter> batch) {
        List<AuditJournal.Pending> events = new ArrayList<>(batch.size());
        for (Waiter w : batch) {
            events.add(w.event());
        }
        try {
            List<Boolean> added = tx.statement(() -> journal.addAll(events));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(added.get(i));
            }
        } catch (RuntimeException | Error e) {
            for (Waiter w : batch) {
                w.done().completeExceptionally(e);
            }
        }
    }

    private static Rejection unavailable(Throwable cause) {
        // The cause stays out of the answer; a database rejection already says what it is.
        if (cause instanceof Rejection r && r.kind() == Rejection.Kind.UNAVAILABLE) {
            return r;
        }
        return Rejection.unavailable("audit_unavailable",
                "The read could not be recorded in the audit log, so no value was returned; try again shortly.", 5);
    }

    /** Lets the writers finish what was handed to them, then stops them. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
