package dev.hush.application.fakes;

import dev.hush.application.port.AuditLog;
import dev.hush.domain.audit.AuditEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Audit chains: events keyed by chain and sequence number; the head is the last event. */
public final class InMemoryAuditLog extends InMemoryStore implements AuditLog {
    private final Map<String, AuditEvent> events = table();

    public InMemoryAuditLog(FakeTransactions tx) { super(tx); }

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
    public Head lockHeadForRead(UUID chain) {
        reading();
        return head(chain);
    }

    @Override
    public void append(AuditEvent event) {
        writing();
        if (event.seq() != head(event.chain()).seq() + 1) {
            throw new AssertionError("audit event appended out of order");
        }
        events.put(event.chain() + "#" + event.seq(), event);
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
    }

    /** Test view: the chain's events, oldest first. */
    public List<AuditEvent> events(UUID chain) { return chain(chain); }

    /** Test view: the actions of the chain, oldest first. */
    public List<String> actions(UUID chain) { return chain(chain).stream().map(AuditEvent::action).toList(); }

    /** Test hook: replaces a stored event (tampering, as someone with database access could). */
    public void tamper(AuditEvent replacement) { events.put(replacement.chain() + "#" + replacement.seq(), replacement); }
}
