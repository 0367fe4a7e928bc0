package dev.hush.web.auth;

import io.micronaut.core.annotation.Nullable;
import dev.hush.web.support.RequestLists;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the auth routes. Requests list their fields: nothing else is bound. */
final class AuthDtos {
    private AuthDtos() {}

    @Serdeable
    record RegisterRequest(String email, String password, @Nullable String name) {
        @Override
        public String toString() { return "RegisterRequest[" + email + "]"; }
    }

    @Serdeable
    record LoginRequest(String email, String password) {
        @Override
        public String toString() { return "LoginRequest[" + email + "]"; }
    }

    @Serdeable
    record UserView(UUID id, String email, String name, boolean platformAdmin) {}

    @Serdeable
    record OrgView(UUID id, String slug, String name) {}

    @Serdeable
    record OrgWithRole(UUID id, String slug, String name, String role) {}

    @Serdeable
    record Registered(UserView user, OrgView org) {}

    @Serdeable
    record LoggedIn(UserView user) {}

    @Serdeable
    record Me(UserView user, List<OrgWithRole> orgs, String authenticatedBy, java.util.UUID tokenId) {}

    @Serdeable
    record TokenRequest(String name, @Nullable String orgId, @Nullable List<String> projects, @Nullable List<String> environments,
                        @Nullable List<String> permissions, @Nullable Integer expiresInDays) {
        @Override
        public List<String> projects() { return RequestLists.noNulls("projects", projects); }

        @Override
        public List<String> environments() { return RequestLists.noNulls("environments", environments); }

        @Override
        public List<String> permissions() { return RequestLists.noNulls("permissions", permissions); }
    }

    @Serdeable
    record ChangePasswordRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() { return "ChangePasswordRequest[redacted]"; }
    }

    @Serdeable
    record EmailRequest(String email) {}

    @Serdeable
    record CliStarted(String deviceCode, String userCode, String verificationUrl, Instant expiresAt, int interval) {
        @Override
        public String toString() { return "CliStarted[" + userCode + "]"; }
    }

    @Serdeable
    record CliApprove(String userCode, String name) {}

    @Serdeable
    record CliPoll(String deviceCode) {
        @Override
        public String toString() { return "CliPoll[redacted]"; }
    }

    @Serdeable
    record ResetRequest(String token, String newPassword) {
        @Override
        public String toString() { return "ResetRequest[redacted]"; }
    }

    @Serdeable
    record TokenRequestBody(String token) {
        @Override
        public String toString() { return "TokenRequestBody[redacted]"; }
    }

    @Serdeable
    record TokenInfo(UUID id, String name, @Nullable UUID orgId, List<String> projects, List<String> environments, List<String> permissions,
                     Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant expiresAt) {}

    @Serdeable
    record TokenList(List<TokenInfo> tokens) {}

    @Serdeable
    record TokenCreated(UUID id, String name, String token, @Nullable Instant expiresAt) {
        @Override
        public String toString() { return "TokenCreated[" + id + "]"; }
    }
}
