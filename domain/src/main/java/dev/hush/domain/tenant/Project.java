package dev.hush.domain.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A project of an organization; its secrets are encrypted under the project's data key, whose
 * current version is {@code keyVersion}.
 */
public record Project(UUID id, UUID orgId, Slug slug, String name, int keyVersion, Instant createdAt) {
    public Project {
        Objects.requireNonNull(id);
        Objects.requireNonNull(orgId);
        Objects.requireNonNull(slug);
        name = Names.require("name", name);
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion must be >= 1");
        }
        Objects.requireNonNull(createdAt);
    }
}
