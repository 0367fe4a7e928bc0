package dev.hush.application.fakes;

import dev.hush.application.port.Projects;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.Slug;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Projects, environments (ordered by read level, then slug), data keys by version, template keys. */
public final class InMemoryProjects extends InMemoryStore implements Projects {
    private final Map<UUID, Project> projects = table();
    private final Map<UUID, Environment> environments = table();
    private final Map<String, WrappedKeyBlob> dataKeys = table();
    private final Map<String, TemplateKey> templates = table();
    private final World world;

    InMemoryProjects(FakeTransactions tx, World world) {
        super(tx);
        this.world = world;
    }

    @Override
    public void insert(Project project, List<Environment> envs, WrappedKeyBlob dataKey) {
        writing();
        if (projects.values().stream().anyMatch(p -> p.orgId().equals(project.orgId()) && p.slug().equals(project.slug()))) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
        projects.put(project.id(), project);
        envs.forEach(this::insertEnvironment);
        dataKeys.put(project.id() + ":" + project.keyVersion(), dataKey);
    }

    @Override
    public Optional<Project> bySlug(UUID orgId, Slug slug) {
        reading();
        return projects.values().stream().filter(p -> p.orgId().equals(orgId) && p.slug().equals(slug)).findFirst();
    }

    @Override
    public List<Project> list(UUID orgId) {
        reading();
        return projects.values().stream().filter(p -> p.orgId().equals(orgId)).sorted(Comparator.comparing(p -> p.slug().value())).toList();
    }

    @Override
    public List<Environment> environments(UUID projectId) {
        reading();
        return environments.values().stream().filter(e -> e.projectId().equals(projectId))
                .sorted(Comparator.comparing(Environment::readLevel).thenComparing(e -> e.slug().value())).toList();
    }

    @Override
    public Optional<Environment> environment(UUID projectId, Slug slug) {
        reading();
        return environments.values().stream().filter(e -> e.projectId().equals(projectId) && e.slug().equals(slug)).findFirst();
    }

    @Override
    public Optional<Placement> placement(UUID orgId, Slug project, Slug environment) {
        return bySlug(orgId, project).flatMap(p -> environment(p.id(), environment).map(e -> new Placement(p, e)));
    }

    @Override
    public Optional<MemberPlacement> placementFor(UUID userId, Optional<UUID> orgId, Optional<Slug> orgSlug, Slug project, Slug environment) {
        var membership = orgId.isPresent() ? world.organizations.membership(orgId.get(), userId) : world.organizations.membership(orgSlug.orElseThrow(), userId);
        return membership.flatMap(m -> placement(m.org().id(), project, environment).map(p -> new MemberPlacement(m, p)));
    }

    @Override
    public List<TemplateKey> templateKeys(UUID projectId) {
        reading();
        return templates.entrySet().stream().filter(e -> e.getKey().startsWith(projectId + "|")).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(TemplateKey::key)).toList();
    }

    @Override
    public boolean addTemplateKey(UUID projectId, TemplateKey key, Instant now) {
        writing();
        return templates.putIfAbsent(projectId + "|" + key.key(), key) == null;
    }

    @Override
    public boolean removeTemplateKey(UUID projectId, String key) {
        writing();
        return templates.remove(projectId + "|" + key) != null;
    }

    @Override
    public void insertEnvironment(Environment environment) {
        writing();
        if (!projects.containsKey(environment.projectId()) || environments.values().stream()
                .anyMatch(e -> e.projectId().equals(environment.projectId()) && e.slug().equals(environment.slug()))) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
        environments.put(environment.id(), environment);
    }

    @Override
    public Optional<WrappedKeyBlob> dataKey(UUID projectId, int version) {
        reading();
        return Optional.ofNullable(dataKeys.get(projectId + ":" + version));
    }

    @Override
    public void delete(UUID projectId) {
        writing();
        world.secrets.deleteProject(projectId);
        environments.values().removeIf(e -> e.projectId().equals(projectId));
        templates.keySet().removeIf(k -> k.startsWith(projectId + "|"));
        world.keyRotations.deleteProject(projectId);
        dataKeys.keySet().removeIf(k -> k.startsWith(projectId + ":"));
        projects.remove(projectId);
    }

    // For the key rotation fake: the same rows.
    void setKeyVersion(UUID projectId, int version) {
        projects.computeIfPresent(projectId, (id, p) -> new Project(p.id(), p.orgId(), p.slug(), p.name(), version, p.createdAt()));
    }

    void putDataKey(UUID projectId, int version, WrappedKeyBlob key) {
        if (dataKeys.putIfAbsent(projectId + ":" + version, key) != null) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
    }

    void deleteDataKeysBefore(UUID projectId, int version) {
        dataKeys.keySet().removeIf(k -> k.startsWith(projectId + ":") && Integer.parseInt(k.substring(k.indexOf(':') + 1)) < version);
    }

    /** Test views. */
    public Optional<Project> byId(UUID projectId) { return Optional.ofNullable(projects.get(projectId)); }

    public List<Project> all() { return List.copyOf(projects.values()); }

    public List<Integer> dataKeyVersions(UUID projectId) {
        return dataKeys.keySet().stream().filter(k -> k.startsWith(projectId + ":")).map(k -> Integer.parseInt(k.substring(k.indexOf(':') + 1)))
                .sorted().toList();
    }

    public long environmentCount() { return environments.size(); }
}
