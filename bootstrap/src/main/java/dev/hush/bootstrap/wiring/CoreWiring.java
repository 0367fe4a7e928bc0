package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.audit.AuditGroupCommit;
import dev.hush.application.audit.ReadAudit;
import dev.hush.application.port.AuditJournal;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** What every feature uses: the clock, tenancy (who may see which organization, project, environment) and the audit log. */
@Factory
final class CoreWiring {
    @Singleton
    Clock clock() { return Clock.systemUTC(); }

    @Singleton
    Tenancy tenancy(Organizations organizations, Projects projects) {
        return new Tenancy(organizations, projects);
    }

    /** Value reads' audit events, committed in groups of up to 512 by the requests themselves, two groups at a time. */
    @Singleton
    AuditGroupCommit auditGroupCommit(AuditJournal journal, Transactions tx) { return new AuditGroupCommit(journal, tx, 2, 512); }

    @Singleton
    Audit audit(AuditLog log, AuditJournal journal, AuditGroupCommit reads, Transactions tx, Clock clock) {
        return new Audit(log, journal, reads, tx, clock);
    }

    @Singleton
    ReadAudit readAudit(Tenancy tenancy, AuditLog log, Audit audit, Transactions tx) { return new ReadAudit(tenancy, log, audit, tx); }
}
