package dev.hush.application.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Pending dashboard-to-CLI handoffs. */
public interface CliAuthRequests {
    void insert(UUID id, byte[] deviceHash, String userCode, Instant now, Instant expiresAt);

    /** Approves a pending, unexpired request by its user code; false when there is none. */
    boolean approve(String userCode, UUID userId, String tokenName, Instant now);

    /** The request of a device code, locked until the transaction ends. */
    Optional<Request> lockByDevice(byte[] deviceHash);

    void consume(UUID id, Instant now);

    record Request(UUID id, Instant expiresAt, Optional<UUID> approvedBy, String tokenName, boolean consumed) {}
}
