package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.ApiToken;
import dev.hush.domain.audit.AuditEvent;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Lists and revokes the caller's own API tokens. Listing never shows a token; a revoked token stops
 * working with the next request. A token may revoke itself; other tokens are revoked from a session.
 */
public final class ManageTokens {
    private final Audit audit;
    private final Credentials credentials;
    private final Transactions tx;
    private final Clock clock;

    public ManageTokens(Credentials credentials, Transactions tx, Clock clock, Audit audit) {
        this.audit = audit;
        this.credentials = credentials;
        this.tx = tx;
        this.clock = clock;
    }

    public List<ApiToken> list(Caller caller) {
        return tx.read(() -> credentials.tokensOf(caller.userId()));
    }

    public void revoke(Caller caller, String rawTokenId) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(rawTokenId);
        } catch (IllegalArgumentException e) {
            throw Rejection.notFound("token");
        }
        if (caller.viaToken() && !caller.tokenId().get().equals(tokenId)) {
            throw Rejection.forbidden("A token may revoke itself; other tokens are revoked from a logged-in session.");
        }
        tx.write(() -> {
            // Recorded first: a token revoking itself is still active when its own audit event is checked.
            audit.record(AuditEvent.PLATFORM, caller, "token.revoked", "token/" + tokenId, null);
            if (!credentials.revokeToken(caller.userId(), tokenId, clock.instant())) {
                throw Rejection.notFound("token"); // and the event goes with the rolled-back transaction
            }
            return null;
        });
    }
}
