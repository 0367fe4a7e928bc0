package dev.hush.application.port;

import dev.hush.domain.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The members of organizations and their roles. */
public interface Members {
    /** A member of an organization. */
    record Member(UUID userId, String email, String name, Role role, Instant joinedAt) {}

    void addMember(UUID orgId, UUID userId, Role role, Instant now);

    Optional<Role> role(UUID orgId, UUID userId);

    /** Members with their account, ordered by e-mail. */
    List<Member> members(UUID orgId);

    long countOwners(UUID orgId);

    void changeRole(UUID orgId, UUID userId, Role role);

    void removeMember(UUID orgId, UUID userId);
}
