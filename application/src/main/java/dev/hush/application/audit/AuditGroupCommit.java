package dev.hush.application.audit;

import dev.hush.application.port.AuditJournal;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit of value-read audit events, led by the requests themselves. A request queues its event, then
 * tries to become one of at most {@code committers} leaders: a leader takes everything queued (up to
 * {@code maxBatch} events, its own among them), adds it to the journal in one statement that commits by itself
 * (one round trip), and completes those requests. A request that finds every leader busy waits for one of them
 * to take its event. An idle server thus commits a lone read in the request's own thread, with no hand-off,
 * while under load concurrent reads share one commit (and its WAL flush) instead of each paying for one. No
 * lock is taken in the database: reads of one organization never queue behind each other, on one node or many.
 *
 * <p>Fail closed: a request is told "durable" only after the statement carrying its event returned; if it failed,
 * or the event was not committed within 30 s, the request is refused with 503.
 */
public final class AuditGroupCommit {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long LOOK_AGAIN_MICROS = 2_000;

    private final AuditJournal journal;
    private final Transactions tx;
    private final int maxBatch;
    private final Semaphore leaders;
    private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();

    private record Waiter(AuditJournal.Pending event, CompletableFuture<Boolean> done) {}

    /** {@code committers}: how many groups may be committing at once (one can commit while the next gathers). */
    public AuditGroupCommit(AuditJournal journal, Transactions tx, int committers, int maxBatch) {
        if (committers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("committers and maxBatch must be positive");
        }
        this.journal = journal;
        this.tx = tx;
        this.maxBatch = maxBatch;
        this.leaders = new Semaphore(committers);
    }

    /**
     * Adds the event to the journal and returns once it is committed: true, or false when its token guard
     * refused it ({@link AuditJournal#add}). Throws 503 {@code audit_unavailable} when it could not be written.
     */
    public boolean add(AuditJournal.Pending event) {
        Waiter mine = new Waiter(event, new CompletableFuture<>());
        queue.add(mine);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            leadUntilDone(mine);
            try {
                return mine.done().get(LOOK_AGAIN_MICROS, TimeUnit.MICROSECONDS);
            } catch (ExecutionException e) {
                throw unavailable(e.getCause());
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    queue.remove(mine);
                    throw unavailable(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(null);
            }
        }
    }

    /**
     * Leads group after group while this request's event is not committed and a leader's place is free; a leader
     * stops once its own event is in, so its answer never waits for later requests. An event queued just as
     * every leader stopped is taken by its own request when that request looks again (every 2 ms).
     */
    private void leadUntilDone(Waiter mine) {
        while (!mine.done().isDone() && !queue.isEmpty() && leaders.tryAcquire()) {
            try {
                commit(takeGroup());
            } finally {
                leaders.release();
            }
        }
    }

    /** Up to {@code maxBatch} queued events, oldest first. */
    private List<Waiter> takeGroup() {
        List<Waiter> batch = new ArrayList<>();
        for (Waiter w = queue.poll(); w != null; w = batch.size() < maxBatch ? queue.poll() : null) {
            batch.add(w);
        }
        return batch;
    }

    private void commit(List<Waiter> batch) {
        if (batch.isEmpty()) {
            return;
        }
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
}
