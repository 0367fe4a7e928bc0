package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.ApiToken;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.tenant.Names;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates an API token ({@code hush_tok_} + 256 random bits). The token is returned once and stored
 * only as its SHA-256. Its scope narrows, never widens, what its creator's role allows.
 */
public final class CreateToken {
    private final Audit audit;
    private final PlanPolicy limits;
    private final Credentials credentials;
    private final Tenancy tenancy;
    private final Transactions tx;
    private final Clock clock;

    public CreateToken(Credentials credentials, Tenancy tenancy, Transactions tx, Clock clock, PlanPolicy limits, Audit audit) {
        this.limits = limits;
        this.audit = audit;
        this.credentials = credentials;
        this.tenancy = tenancy;
        this.tx = tx;
        this.clock = clock;
    }

    public record Request(String name, String orgRef, List<String> projects, List<String> environments,
                          List<String> permissions, Integer expiresInDays) {}

    public record Created(UUID id, String name, String token, Optional<Instant> expiresAt) {
        @Override
        public String toString() { return "Created[" + id + ", " + name + "]"; }
    }

    public Created create(Caller caller, Request request) {
        if (caller.viaToken()) {
            throw Rejection.forbidden("API tokens are created from a logged-in session, not with another token.");
        }
        String name = Names.require("name", request.name());
        Set<String> projects = slugs("projects", request.projects());
        Set<String> environments = slugs("environments", request.environments());
        Set<Permission> permissions = new HashSet<>();
        if (request.permissions() == null) {
            permissions.addAll(Set.of(Permission.READ, Permission.WRITE));
        } else if (request.permissions().isEmpty()) {
            throw Rejection.invalid("permissions", "must name read and/or write (omit it for both)");
        } else {
            for (int i = 0; i < request.permissions().size(); i++) {
                permissions.add(Permission.parse("permissions[" + i + "]", request.permissions().get(i)));
            }
        }
        Integer days = request.expiresInDays();
        if (days != null && (days < 1 || days > 3650)) {
            throw Rejection.invalid("expiresInDays", "must be between 1 and 3650");
        }
        if (request.orgRef() == null && (!projects.isEmpty() || !environments.isEmpty())) {
            throw Rejection.invalid("orgId", "is required when projects or environments are given");
        }
        return tx.write(() -> {
            Optional<UUID> orgId = Optional.ofNullable(request.orgRef()).map(ref -> tenancy.org(caller, ref).org().id());
            Instant now = clock.instant();
            orgId.ifPresent(id -> limits.requireRoomForToken(id, now));
            Optional<Instant> expiresAt = Optional.ofNullable(days).map(d -> now.plus(Duration.ofDays(d)));
            String token = Secrets256.TOKEN_PREFIX + Secrets256.random();
            UUID id = UUID.randomUUID();
            credentials.insertToken(new ApiToken(id, Secrets256.digest(token), caller.userId(), name,
                    new TokenScope(orgId, projects, environments, permissions), now, Optional.empty(), expiresAt, Optional.empty()));
            audit.record(orgId.orElse(AuditEvent.PLATFORM), caller, "token.created", "token/" + id,
                    "name " + name + "; permissions " + permissions + "; projects " + projects + "; environments " + environments);
            return new Created(id, name, token, expiresAt);
        });
    }

    private static Set<String> slugs(String field, List<String> raw) {
        if (raw == null) {
            return Set.of();
        }
        if (raw.size() > 100) {
            throw Rejection.invalid(field, "at most 100 entries");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(Slug.of(field + "[" + i + "]", raw.get(i)).value());
        }
        return Set.copyOf(out);
    }
}
