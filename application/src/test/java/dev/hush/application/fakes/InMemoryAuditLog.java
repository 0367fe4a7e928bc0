package dev.hush.application.fakes;

import dev.hush.application.port.AuditJournal;
import dev.hush.application.port.AuditLog;
import dev.hush.domain.audit.AuditEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Audit chains (events keyed by chain and sequence number; the head is the last event) and the journal of
 * events not yet sealed into them. The test views seal first, as the log's readers do.
 */
public final class InMemoryAuditLog extends InMemoryStore implements AuditLog, AuditJournal {
    private final Map<String, AuditEvent> events = table();
    private final Map<Long, Pending> journal = table();
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
    private final InMemoryCredentials credentials;
    private java.util.function.Consumer<UUID> sealer = chain -> {};

    public InMemoryAuditLog(FakeTransactions tx, InMemoryCredentials credentials) {
        super(tx);
        this.credentials = credentials;
    }

    /** What the test views call first: {@code Audit::seal}. */
    public void sealWith(java.util.function.Consumer<UUID> sealer) { this.sealer = sealer; }

    @Override
    public boolean add(Pending event) {
        writing();
        boolean active = event.activeToken().map(id -> credentials.allTokens().stream()
                .anyMatch(t -> t.id().equals(id) && t.activeAt(event.at()))).orElse(true);
        if (active) {
            journal.put(ids.incrementAndGet(), event);
        }
        return active;
    }

    @Override
    public List<Boolean> addAll(List<Pending> pending) {
        return pending.stream().map(this::add).toList();
    }

    @Override
    public List<UUID> chainsWaiting(int max) {
        reading();
        return journal.values().stream().map(Pending::chain).distinct().limit(max).toList();
    }

    @Override
    public List<Waiting> waiting(UUID chain, int max) {
        reading();
        return journal.entrySet().stream().filter(e -> e.getValue().chain().equals(chain)).sorted(Map.Entry.comparingByKey()).limit(max)
                .map(e -> new Waiting(e.getKey(), e.getValue().at(), e.getValue().entry())).toList();
    }

    @Override
    public void remove(List<Long> sealed) {
        writing();
        sealed.forEach(journal::remove);
    }

    /** Test view: the events waiting in the journal. */
    public int journaled() { return journal.size(); }

    private List<AuditEvent> chain(UUID chain) {
        return events.values().stream().filter(e -> e.chain().equals(chain)).sorted(Comparator.comparingLong(AuditEvent::seq)).toList();
    }

    private Head head(UUID chain) {
        List<AuditEvent> c = chain(chain);
        return c.isEmpty() ? new Head(0, AuditEvent.GENESIS) : new Head(c.get(c.size() - 1).seq(), c.get(c.size() - 1).hash());
    }

    @Override
    public Head lockHead(UUID chain) {
        writing();
        return head(chain);
    }

    @Override
    public java.util.Optional<Head> tryLockHead(UUID chain) { return java.util.Optional.of(lockHead(chain)); }

    @Override
    public Head lockHeadForRead(UUID chain) {
        reading();
        return head(chain);
    }

    @Override
    public void appendAll(List<AuditEvent> appended) {
        writing();
        for (AuditEvent event : appended) {
            if (event.seq() != head(event.chain()).seq() + 1) {
                throw new AssertionError("audit event appended out of order");
            }
            events.put(event.chain() + "#" + event.seq(), event);
        }
    }

    private static Predicate<AuditEvent> matches(Filter f) {
        return e -> f.action().map(a -> a.endsWith(".") ? e.action().startsWith(a) : e.action().equals(a)).orElse(true)
                && f.actor().map(u -> e.actorUser().map(u::equals).orElse(false)).orElse(true)
                && f.from().map(t -> !e.at().isBefore(t)).orElse(true)
                && f.to().map(t -> e.at().isBefore(t)).orElse(true);
    }

    @Override
    public List<AuditEvent> find(UUID chain, Filter filter, int limit, int offset) {
        reading();
        return chain(chain).stream().filter(matches(filter)).sorted(Comparator.comparingLong(AuditEvent::seq).reversed())
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count(UUID chain, Filter filter) {
        reading();
        return chain(chain).stream().filter(matches(filter)).count();
    }

    @Override
    public List<AuditEvent> range(UUID chain, long afterSeq, int max) {
        reading();
        return chain(chain).stream().filter(e -> e.seq() > afterSeq).limit(max).toList();
    }

    @Override
    public void deleteChain(UUID chain) {
        writing();
        events.values().removeIf(e -> e.chain().equals(chain));
        journal.values().removeIf(e -> e.chain().equals(chain));
    }

    /** Test view: the chain's events, oldest first. */
    public List<AuditEvent> events(UUID chain) {
        sealer.accept(chain);
        return chain(chain);
    }

    /** Test view: the actions of the chain, oldest first. */
    public List<String> actions(UUID chain) { return events(chain).stream().map(AuditEvent::action).toList(); }

    /** Test hook: replaces a stored event (tampering, as someone with database access could). */
    public void tamper(AuditEvent replacement) { events.put(replacement.chain() + "#" + replacement.seq(), replacement); }
}
