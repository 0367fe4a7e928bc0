package dev.hush.application.port;

import dev.hush.domain.secret.Secret;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Live secrets across all projects of an organization (the workspace view). Call inside transactions. */
public interface OrganizationSecrets {
    /** The live secret with this id in one of the organization's projects. */
    Optional<Secret> liveById(UUID orgId, UUID secretId);

    /** Live secrets of every project of the organization. */
    List<Secret> listLiveInOrganization(UUID orgId);

    /** When each secret was first defined. */
    Map<UUID, Instant> createdAt(Collection<UUID> secretIds);
}
