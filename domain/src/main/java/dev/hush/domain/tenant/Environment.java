package dev.hush.domain.tenant;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An isolated set of secrets inside a project ({@code dev}, {@code staging}, {@code prod} or custom). */
public record Environment(UUID id, UUID projectId, Slug slug, String name, ReadLevel readLevel) {
    public Environment {
        Objects.requireNonNull(id);
        Objects.requireNonNull(projectId);
        Objects.requireNonNull(slug);
        name = Names.require("name", name);
        Objects.requireNonNull(readLevel);
    }

    /** The three environments every project starts with. */
    public static List<Environment> defaultsFor(UUID projectId) {
        return List.of(
                new Environment(UUID.randomUUID(), projectId, new Slug("dev"), "Development", ReadLevel.DEV),
                new Environment(UUID.randomUUID(), projectId, new Slug("staging"), "Staging", ReadLevel.STAGING),
                new Environment(UUID.randomUUID(), projectId, new Slug("prod"), "Production", ReadLevel.PROD));
    }
}
