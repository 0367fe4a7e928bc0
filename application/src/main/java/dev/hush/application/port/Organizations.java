package dev.hush.application.port;

import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored organizations, and which of them a user belongs to. Members and invites are {@link Members} and
 * {@link Invites}; the wrapped key-encryption keys, {@link OrganizationKeys}.
 */
public interface Organizations {
    /** One organization of a user, with the user's role there. */
    record Membership(Organization org, Role role) {}

    /** Inserts with its wrapped key-encryption key; fails with a conflict rejection when the slug is taken. */
    void insert(Organization org, WrappedKeyBlob kek);

    boolean slugTaken(Slug slug);

    /** The organization with this id, with the user's role there; empty when it does not exist or they are no member. */
    Optional<Membership> membership(UUID orgId, UUID userId);

    /** Same, by slug: one query. */
    Optional<Membership> membership(Slug slug, UUID userId);

    /** The caller's organizations with the caller's role in each, ordered by slug. */
    List<Membership> membershipsOf(UUID userId);

    long count();

    /**
     * Deletes the organization and everything it owns, its wrapped key-encryption key included, so any
     * copy of its ciphertext left elsewhere can no longer be opened.
     */
    void delete(UUID orgId);

    /** Changes the display name (the slug, in URLs, stays). */
    void rename(UUID orgId, String name);
}
