package dev.hush.application.audit;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.Transactions;
import dev.hush.application.secret.Paging;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.audit.AuditEvent;
import java.util.List;
import java.util.Optional;

/**
 * An organization's audit log for its owners and admins: filtered pages, and a verification of the whole chain.
 * Both first seal the chain ({@link Audit#seal}), so they include every event committed before the request.
 */
public final class ReadAudit {
    private static final int BATCH = 1000;
    private final Tenancy tenancy;
    private final AuditLog log;
    private final Audit audit;
    private final Transactions tx;

    public ReadAudit(Tenancy tenancy, AuditLog log, Audit audit, Transactions tx) {
        this.tenancy = tenancy;
        this.log = log;
        this.audit = audit;
        this.tx = tx;
    }

    public record Page(List<AuditEvent> events, int limit, int offset, long total) {}

    /** The result of walking a chain: valid, or the first event whose hash does not match. */
    public record Verification(boolean valid, long events, Optional<Long> brokenAt, String headHash) {}

    public Page query(Caller caller, String orgRef, AuditLog.Filter filter, Integer limit, Integer offset) {
        Paging paging = Paging.of(limit == null ? 100 : limit, offset);
        sealFor(caller, orgRef, "read the audit log");
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireAdmin("read the audit log");
            int l = paging.limit().orElse(100);
            return new Page(log.find(in.org().id(), filter, l, paging.offset()), l, paging.offset(), log.count(in.org().id(), filter));
        });
    }

    public Verification verify(Caller caller, String orgRef) {
        sealFor(caller, orgRef, "verify the audit log");
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireAdmin("verify the audit log");
            return walk(log, in.org().id());
        });
    }

    /** Seals the organization's chain once the caller is known to be one of its admins. */
    private void sealFor(Caller caller, String orgRef, String what) {
        java.util.UUID chain = tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireAdmin(what);
            return in.org().id();
        });
        audit.seal(chain);
    }

    /**
     * Walks a chain from its first event up to the head as it was when the walk began; also used by operators
     * for the platform chain. Reading the head first keeps events appended meanwhile (committed while the
     * walk reads) out of it, so a busy chain is not reported broken; a missing or changed event still is.
     */
    public static Verification walk(AuditLog log, java.util.UUID chain) {
        AuditLog.Head head = log.lockHeadForRead(chain);
        String prev = AuditEvent.GENESIS;
        long seq = 0;
        while (seq < head.seq()) {
            List<AuditEvent> batch = log.range(chain, seq, (int) Math.min(BATCH, head.seq() - seq));
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent e : batch) {
                if (e.seq() != seq + 1 || !e.verify(prev)) {
                    return new Verification(false, seq, Optional.of(seq + 1), prev);
                }
                prev = e.hash();
                seq = e.seq();
            }
        }
        boolean complete = head.seq() == seq && head.hash().equals(prev);
        return new Verification(complete, seq, complete ? Optional.empty() : Optional.of(seq + 1), prev);
    }
}
