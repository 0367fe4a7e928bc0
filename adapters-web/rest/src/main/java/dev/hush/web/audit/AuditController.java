package dev.hush.web.audit;

import dev.hush.application.audit.ReadAudit;
import dev.hush.application.auth.Caller;
import dev.hush.application.port.AuditLog;
import dev.hush.domain.Rejection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code /v1/audit/{orgId}}: the organization's audit log (owner/admin), newest first, and its chain verification. */
@Controller("/v1/audit/{orgId}")
@ExecuteOn("blocking")
@Tag(name = "audit")
final class AuditController {
    private final ReadAudit audit;

    AuditController(ReadAudit audit) {
        this.audit = audit;
    }

    @Serdeable
    record Event(long seq, Instant at, @Nullable UUID actorUserId, @Nullable UUID actorTokenId, String action, String resource, String result, @Nullable String clientIp,
                 @Nullable String userAgent, @Nullable String detail, String hash) {}

    @Serdeable
    record Pagination(int limit, int offset, long total) {}

    @Serdeable
    record Events(List<Event> events, @Nullable Pagination pagination) {}

    @Serdeable
    record Verification(boolean valid, long events, @Nullable Long brokenAt, @Nullable String headHash) {}

    @Get
    @Operation(summary = "Audit events, newest first; filters: action (exact, or a prefix ending in '.'), actor (user id), from, to (ISO-8601)")
    Events query(Caller caller, @PathVariable String orgId, @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset,
                 @Nullable @QueryValue String action, @Nullable @QueryValue String actor, @Nullable @QueryValue String from,
                 @Nullable @QueryValue String to) {
        var filter = new AuditLog.Filter(Optional.ofNullable(action).filter(a -> !a.isBlank()), Optional.ofNullable(actor).map(AuditController::uuid),
                Optional.ofNullable(from).map(f -> instant("from", f)), Optional.ofNullable(to).map(t -> instant("to", t)));
        var page = audit.query(caller, orgId, filter, limit, offset);
        return new Events(page.events().stream().map(e -> new Event(e.seq(), e.at(), e.actorUser().orElse(null), e.actorToken().orElse(null),
                e.action(), e.resource(), e.result(), e.clientIp(), e.userAgent(), e.detail(), e.hash())).toList(),
                new Pagination(page.limit(), page.offset(), page.total()));
    }

    @Get("/verify")
    @Operation(summary = "Walk the organization's hash chain and report whether it is intact")
    Verification verify(Caller caller, @PathVariable String orgId) {
        var v = audit.verify(caller, orgId);
        return new Verification(v.valid(), v.events(), v.brokenAt().orElse(null), v.headHash());
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("actor", "must be a user id");
        }
    }

    private static Instant instant(String field, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
