package dev.hush.application.port;

import dev.hush.domain.access.Invite;
import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored organizations, their wrapped key-encryption keys and their members. */
public interface Organizations {
    /** Inserts; fails with a conflict rejection when the slug is taken. */
    void insert(Organization org, WrappedKeyBlob kek);

    boolean slugTaken(Slug slug);

    Optional<WrappedKeyBlob> kek(UUID orgId);

    void addMember(UUID orgId, UUID userId, Role role, Instant now);

    Optional<Role> role(UUID orgId, UUID userId);

    /** The organization with this id, with the user's role there; empty when it does not exist or they are no member. */
    Optional<Membership> membership(UUID orgId, UUID userId);

    /** Same, by slug: one query. */
    Optional<Membership> membership(Slug slug, UUID userId);

    /** The caller's organizations with the caller's role in each, ordered by slug. */
    List<Membership> membershipsOf(UUID userId);

    long count();

    /** Members with their account, ordered by e-mail. */
    List<Member> members(UUID orgId);

    long countOwners(UUID orgId);

    void changeRole(UUID orgId, UUID userId, Role role);

    void removeMember(UUID orgId, UUID userId);

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

    /**
     * Deletes the organization and everything it owns, its wrapped key-encryption key included, so any
     * copy of its ciphertext left elsewhere can no longer be opened.
     */
    void delete(UUID orgId);

    /** A member of an organization. */
    record Member(UUID userId, String email, String name, Role role, Instant joinedAt) {}
    /** The distinct ids of the root keys that wrapped the stored organization keys. */
    List<String> rootKeyIds();

    /** One organization of a user, with the user's role there. */
    record Membership(Organization org, Role role) {}

    /** Up to {@code limit} organization ids greater than {@code after} (null: from the start), in id order. */
    List<UUID> idsAfter(UUID after, int limit);

    /** The organization's wrapped KEK, its row locked until the transaction ends. */
    Optional<WrappedKeyBlob> kekForUpdate(UUID orgId);

    /** Replaces the wrapped KEK (same key material, rewrapped). */
    void replaceKek(UUID orgId, WrappedKeyBlob kek);
}
