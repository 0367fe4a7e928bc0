package dev.hush.domain.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A tenant: every project, secret and member belongs to exactly one organization. */
public record Organization(UUID id, Slug slug, String name, Instant createdAt) {
    public Organization {
        Objects.requireNonNull(id);
        Objects.requireNonNull(slug);
        name = Names.require("name", name);
        Objects.requireNonNull(createdAt);
    }
}
