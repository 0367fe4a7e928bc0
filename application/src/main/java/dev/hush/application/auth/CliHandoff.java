package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.port.CliAuthRequests;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.tenant.Names;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Dashboard-to-CLI handoff, device-code style: the CLI starts a request and gets a secret device code and
 * a short user code; the logged-in user approves the user code; the CLI polls with its device code and
 * receives a fresh API token once. Requests expire after ten minutes and are single-use.
 */
public final class CliHandoff {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CliAuthRequests requests;
    private final Users users;
    private final CreateToken createToken;
    private final Transactions tx;
    private final Clock clock;
    private final Audit audit;
    private final LoginThrottle approvals;

    /** {@code approvals}: wrong user codes, counted per account and address like failed logins (codes are 40 bits). */
    public CliHandoff(CliAuthRequests requests, Users users, CreateToken createToken, Transactions tx, Clock clock, Audit audit,
                      LoginThrottle approvals) {
        this.approvals = approvals;
        this.requests = requests;
        this.users = users;
        this.createToken = createToken;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    public record Started(String deviceCode, String userCode, Instant expiresAt, int intervalSeconds) {
        @Override
        public String toString() { return "Started[" + userCode + "]"; }
    }

    public Started start() {
        String device = Secrets256.random();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            if (i == 3) {
                code.append('-');
            }
        }
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        tx.write(() -> {
            requests.insert(UUID.randomUUID(), Secrets256.digest(device), code.toString(), now, expires);
            return null;
        });
        return new Started(device, code.toString(), expires, 2);
    }

    public void approve(Caller caller, String userCode, String tokenName) {
        if (caller.viaToken()) {
            throw Rejection.forbidden("Approve CLI logins from a logged-in session.");
        }
        String name = tokenName == null ? "cli" : Names.require("name", tokenName);
        String code = userCode == null ? "" : userCode.strip().toUpperCase(Locale.ROOT);
        approvals.check(caller.user().email(), caller.client());
        boolean approved = tx.write(() -> {
            if (!requests.approve(code, caller.userId(), name, clock.instant())) {
                return false;
            }
            audit.record(AuditEvent.PLATFORM, caller, "auth.cli_approved", "cli/" + code, "token name " + name);
            return true;
        });
        if (!approved) {
            approvals.failed(caller.user().email(), caller.client());
            throw Rejection.notFound("cli_request");
        }
    }

    /** The token once approved; 400 authorization_pending before, 400 expired_token after expiry or use. */
    public CreateToken.Created poll(String deviceCode) {
        if (deviceCode == null || deviceCode.length() != 43) {
            throw new Rejection(Rejection.Kind.INVALID, "expired_token", "Unknown, used or expired device code.");
        }
        return tx.write(() -> {
            var request = requests.lockByDevice(Secrets256.digest(deviceCode))
                    .filter(r -> !r.consumed() && r.expiresAt().isAfter(clock.instant()))
                    .orElseThrow(() -> new Rejection(Rejection.Kind.INVALID, "expired_token", "Unknown, used or expired device code."));
            if (request.approvedBy().isEmpty()) {
                throw new Rejection(Rejection.Kind.INVALID, "authorization_pending", "Waiting for the user to approve the code.");
            }
            requests.consume(request.id(), clock.instant());
            var user = users.byId(request.approvedBy().get()).orElseThrow(() -> Rejection.notFound("user"));
            Caller approver = new Caller(user, TokenScope.unrestricted(), java.util.Optional.empty(), java.util.Optional.empty());
            return createToken.create(approver, new CreateToken.Request(request.tokenName(), null, null, null, null, null));
        });
    }
}
