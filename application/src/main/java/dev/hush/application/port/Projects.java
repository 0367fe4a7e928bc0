package dev.hush.application.port;

import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.Slug;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored projects, their environments and their wrapped data keys (one per key version). */
public interface Projects {
    /** Inserts the project, its environments and its first data key; conflict rejection on a taken slug. */
    void insert(Project project, List<Environment> environments, WrappedKeyBlob dataKey);

    Optional<Project> bySlug(UUID orgId, Slug slug);

    List<Project> list(UUID orgId);

    List<Environment> environments(UUID projectId);

    Optional<Environment> environment(UUID projectId, Slug slug);

    /** A project of the organization and one of its environments, in one query. */
    Optional<Placement> placement(UUID orgId, Slug project, Slug environment);

    /** The project's template: required keys with their descriptions, ordered by key. */
    List<TemplateKey> templateKeys(UUID projectId);

    /** False when the key was already in the template. */
    boolean addTemplateKey(UUID projectId, TemplateKey key, java.time.Instant now);

    /** False when the key was not in the template. */
    boolean removeTemplateKey(UUID projectId, String key);

    /** A key a template requires. */
    record TemplateKey(String key, String description) {}

    /**
     * A project with one of its environments, and the environment's revision as read ({@link #UNTRACKED} when a store
     * does not keep one): it increases with every committed change of what a pull of the environment returns.
     */
    record Placement(Project project, Environment environment, long revision) {
        public static final long UNTRACKED = -1;

        public Placement(Project project, Environment environment) { this(project, environment, UNTRACKED); }
    }

    /**
     * In one read: the user's membership of the organization (by id or by slug: exactly one is given) with the
     * project and environment of that organization named by these slugs; empty when any of them is missing.
     */
    Optional<MemberPlacement> placementFor(UUID userId, Optional<UUID> orgId, Optional<Slug> orgSlug, Slug project, Slug environment);

    record MemberPlacement(Organizations.Membership membership, Placement placement) {}

    /** Conflict rejection when the slug is taken in the project. */
    void insertEnvironment(Environment environment);

    Optional<WrappedKeyBlob> dataKey(UUID projectId, int version);

    /** Deletes the project with its environments, secrets, versions and keys. */
    void delete(UUID projectId);
}
