package dev.hush.domain.access;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Restrictions carried by an API token. Empty project or environment sets mean "all"; a token never
 * exceeds the role of the user who made it, whatever its scope says.
 */
public record TokenScope(Optional<UUID> orgId, Set<String> projects, Set<String> environments, Set<Permission> permissions) {
    public TokenScope {
        Objects.requireNonNull(orgId);
        projects = Set.copyOf(projects);
        environments = Set.copyOf(environments);
        permissions = Set.copyOf(permissions);
    }

    /** A session's scope: everything the user's roles allow. */
    public static TokenScope unrestricted() {
        return new TokenScope(Optional.empty(), Set.of(), Set.of(), Set.of(Permission.READ, Permission.WRITE));
    }

    public boolean coversOrg(UUID org) { return orgId.map(org::equals).orElse(true); }

    public boolean coversProject(String projectSlug) { return projects.isEmpty() || projects.contains(projectSlug); }

    public boolean coversEnvironment(String envSlug) { return environments.isEmpty() || environments.contains(envSlug); }

    public boolean allows(Permission permission) { return permissions.contains(permission); }
}
