package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.audit.ReadAudit;
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

    @Singleton
    Audit audit(AuditLog log, Transactions tx, Clock clock) { return new Audit(log, tx, clock); }

    @Singleton
    ReadAudit readAudit(Tenancy tenancy, AuditLog log, Transactions tx) { return new ReadAudit(tenancy, log, tx); }
}
