package dev.hush.application.audit;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.FakeTransactions;
import dev.hush.application.fakes.InMemoryAuditLog;
import dev.hush.application.fakes.InMemoryCredentials;
import dev.hush.application.port.AuditJournal;
import dev.hush.domain.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditGroupCommitTest {
    private final FakeTransactions tx = new FakeTransactions();
    private final InMemoryAuditLog log = new InMemoryAuditLog(tx, new InMemoryCredentials(tx));
    private final UUID chain = UUID.randomUUID();

    private AuditJournal.Pending event(Optional<UUID> token) {
        return new AuditJournal.Pending(chain, Instant.parse("2026-11-30T12:00:00Z"),
                new AuditEvent.Entry(Optional.empty(), token, "secret.read", "org/x", "success", null, null, "1 value"), token);
    }

    @Test
    void concurrentReads_areEachCommittedOnce_inSharedGroups() throws Exception {
        AtomicInteger statements = new AtomicInteger();
        AuditJournal counting = new Counting(log, statements);
        AuditGroupCommit commit = new AuditGroupCommit(counting, tx, 2, 512);
        int requests = 400;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return commit.add(event(Optional.empty()));
            }));
        }
        start.countDown();
        for (Future<Boolean> a : answers) {
            assertThat(a.get()).isTrue();
        }
        pool.shutdown();
        assertThat(log.journaled()).as("every event, once").isEqualTo(requests);
        assertThat(statements.get()).as("statements for %d events", requests).isBetween(1, requests);
    }

    @Test
    void aRevokedToken_isRefusedByItsGuard_andAFailedStatement_refusesEveryRequestOfItsGroup() {
        AuditGroupCommit commit = new AuditGroupCommit(log, tx, 2, 512);
        assertThat(commit.add(event(Optional.of(UUID.randomUUID())))).as("a token the credentials do not know").isFalse();
        assertThat(log.journaled()).isZero();

        AuditGroupCommit failing = new AuditGroupCommit(new Counting(log, null), tx, 1, 512);
        rejected("audit_unavailable", () -> failing.add(event(Optional.empty())));
        assertThat(log.journaled()).isZero();
    }

    /** Counts addAll calls; with no counter, fails every statement (a database that refuses the insert). */
    private record Counting(AuditJournal inner, AtomicInteger calls) implements AuditJournal {
        @Override
        public boolean add(Pending event) { return addAll(List.of(event)).get(0); }

        @Override
        public List<Boolean> addAll(List<Pending> events) {
            if (calls == null) {
                throw new IllegalStateException("insert refused");
            }
            calls.incrementAndGet();
            return inner.addAll(events);
        }

        @Override
        public List<UUID> chainsWaiting(int max) { return inner.chainsWaiting(max); }

        @Override
        public List<Waiting> waiting(UUID chain, int max) { return inner.waiting(chain, max); }

        @Override
        public void remove(List<Long> ids) { inner.remove(ids); }
    }
}
