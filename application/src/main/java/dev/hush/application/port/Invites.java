package dev.hush.application.port;

import dev.hush.domain.access.Invite;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations to organizations, looked up by the SHA-256 of their token. */
public interface Invites {
    void insertInvite(Invite invite);

    /** Pending and past invites of the organization, newest first. */
    List<Invite> invites(UUID orgId);

    Optional<Invite> inviteByTokenHash(byte[] hash);

    /** Deletes a pending (not accepted) invite of the organization; false when there is none with that id. */
    boolean deletePendingInvite(UUID orgId, UUID inviteId);

    /** Deletes the pending invites {@code invitedBy} sent in the organization (only those for owners with {@code ownersOnly}); how many. */
    int deletePendingInvitesBy(UUID orgId, UUID invitedBy, boolean ownersOnly);

    /** Marks the invite accepted; false when it was already accepted (single use, race-safe). */
    boolean markInviteAccepted(UUID inviteId, Instant now);
}
