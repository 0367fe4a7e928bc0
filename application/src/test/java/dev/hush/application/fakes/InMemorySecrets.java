package dev.hush.application.fakes;

import dev.hush.application.port.OrganizationSecrets;
import dev.hush.application.port.Secrets;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretVersion;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Secrets (unique per environment and key) and their versions (unique per secret and number). */
public final class InMemorySecrets extends InMemoryStore implements Secrets, OrganizationSecrets {
    private final Map<UUID, Secret> secrets = table();
    private final Map<String, SecretVersion> versions = table();
    private final Map<UUID, Instant> created = table();
    private final World world;

    InMemorySecrets(FakeTransactions tx, World world) {
        super(tx);
        this.world = world;
    }

    @Override
    public Optional<Secret> find(UUID environmentId, SecretKey key) {
        reading();
        return secrets.values().stream().filter(s -> s.environmentId().equals(environmentId) && s.key().equals(key)).findFirst();
    }

    @Override
    public Map<SecretKey, Secret> lockAll(UUID environmentId, Collection<SecretKey> keys) {
        writing();
        Map<SecretKey, Secret> out = new TreeMap<>();
        secrets.values().stream().filter(s -> s.environmentId().equals(environmentId) && keys.contains(s.key())).forEach(s -> out.put(s.key(), s));
        return out;
    }

    @Override
    public List<Secret> listLive(UUID environmentId, String prefix) {
        reading();
        return secrets.values().stream().filter(s -> s.environmentId().equals(environmentId) && !s.isDeleted() && s.key().value().startsWith(prefix))
                .sorted(Comparator.comparing(Secret::key)).toList();
    }

    @Override
    public ValuedPage liveValues(UUID environmentId, String prefix, java.util.Set<String> keys, List<String> tags, int offset,
                                 Optional<Integer> limit) {
        reading();
        List<Valued> all = listLive(environmentId, prefix).stream().filter(Secret::hasValue)
                .filter(s -> keys.isEmpty() || keys.contains(s.key().value())).filter(s -> s.tags().containsAll(tags))
                .map(s -> new Valued(s, versions.get(s.id() + "#" + s.version()))).filter(v -> v.current() != null).toList();
        int from = Math.min(offset, all.size());
        int to = limit.map(l -> Math.min(all.size(), from + l)).orElse(all.size());
        return new ValuedPage(all.subList(from, to), all.size());
    }

    @Override
    public void insert(Secret secret) {
        writing();
        if (secrets.containsKey(secret.id()) || find(secret.environmentId(), secret.key()).isPresent()) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
        secrets.put(secret.id(), secret);
        created.put(secret.id(), secret.updatedAt());
    }

    @Override
    public void update(Secret secret) {
        writing();
        if (!secrets.containsKey(secret.id())) {
            throw new AssertionError("update of a secret that is not stored");
        }
        secrets.put(secret.id(), secret);
    }

    @Override
    public void insertVersion(SecretVersion version) {
        writing();
        if (!secrets.containsKey(version.secretId()) || versions.putIfAbsent(version.secretId() + "#" + version.version(), version) != null) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
    }

    @Override
    public Map<UUID, SecretVersion> currentValues(Collection<Secret> given) {
        reading();
        Map<UUID, SecretVersion> out = new HashMap<>();
        for (Secret s : given) {
            Secret stored = secrets.get(s.id());
            if (s.version() > 0 && stored != null) {
                SecretVersion v = versions.get(stored.id() + "#" + stored.version());
                if (v != null) {
                    out.put(s.id(), v);
                }
            }
        }
        return out;
    }

    @Override
    public List<SecretVersion> versions(UUID secretId) {
        reading();
        return versions.values().stream().filter(v -> v.secretId().equals(secretId))
                .sorted(Comparator.comparingInt(SecretVersion::version).reversed()).toList();
    }

    @Override
    public void markVersionDeleted(UUID secretId, int version) {
        writing();
        versions.computeIfPresent(secretId + "#" + version, (k, v) -> new SecretVersion(v.secretId(), v.version(), v.value(), v.createdAt(),
                v.createdBy(), true));
    }

    @Override
    public void recordAccess(Collection<UUID> secretIds, Instant now) {
        // Statistics: the port allows this outside a write transaction.
        for (UUID id : secretIds) {
            secrets.computeIfPresent(id, (k, s) -> new Secret(s.id(), s.projectId(), s.environmentId(), s.key(), s.tags(), s.purposeType(),
                    s.description(), s.version(), s.hasValue(), s.accessCount() + 1, Optional.of(now), s.updatedAt(), s.deletedAt()));
        }
    }

    @Override
    public Optional<Secret> liveById(UUID orgId, UUID secretId) {
        reading();
        return Optional.ofNullable(secrets.get(secretId)).filter(s -> !s.isDeleted())
                .filter(s -> world.projects.byId(s.projectId()).map(p -> p.orgId().equals(orgId)).orElse(false));
    }

    @Override
    public List<Secret> listLiveInOrganization(UUID orgId) {
        reading();
        return secrets.values().stream().filter(s -> !s.isDeleted())
                .filter(s -> world.projects.byId(s.projectId()).map(p -> p.orgId().equals(orgId)).orElse(false)).toList();
    }

    @Override
    public Map<UUID, Instant> createdAt(Collection<UUID> secretIds) {
        reading();
        Map<UUID, Instant> out = new HashMap<>();
        secretIds.forEach(id -> Optional.ofNullable(created.get(id)).ifPresent(t -> out.put(id, t)));
        return out;
    }

    void deleteProject(UUID projectId) {
        List<UUID> ids = secrets.values().stream().filter(s -> s.projectId().equals(projectId)).map(Secret::id).toList();
        world.overrides.deleteSecrets(ids);
        versions.values().removeIf(v -> ids.contains(v.secretId()));
        ids.forEach(secrets::remove);
        ids.forEach(created::remove);
    }

    /** For the key rotation fake: every version of the project's secrets, in (secret id, version) order. */
    List<SecretVersion> versionsOfProject(UUID projectId) {
        return versions.values().stream().filter(v -> secrets.get(v.secretId()).projectId().equals(projectId))
                .sorted(Comparator.comparing(SecretVersion::secretId).thenComparingInt(SecretVersion::version)).toList();
    }

    Secret byId(UUID id) { return secrets.get(id); }

    boolean replaceCiphertext(UUID secretId, int version, EncryptedValue expected, EncryptedValue replacement) {
        SecretVersion v = versions.get(secretId + "#" + version);
        if (v == null || !v.value().equals(expected)) {
            return false;
        }
        versions.put(secretId + "#" + version, new SecretVersion(v.secretId(), v.version(), replacement, v.createdAt(), v.createdBy(), v.deleted()));
        return true;
    }

    /** Test hook: stores another ciphertext for a stored version in place (as another node's re-encryption does). */
    public void overwriteCiphertext(UUID secretId, int version, EncryptedValue replacement) {
        SecretVersion v = versions.get(secretId + "#" + version);
        versions.put(secretId + "#" + version, new SecretVersion(v.secretId(), v.version(), replacement, v.createdAt(), v.createdBy(), v.deleted()));
    }

    /** Test views. */
    public List<Secret> all() { return List.copyOf(secrets.values()); }

    public Optional<Secret> stored(UUID environmentId, String key) {
        return secrets.values().stream().filter(s -> s.environmentId().equals(environmentId) && s.key().value().equals(key)).findFirst();
    }

    public List<SecretVersion> storedVersions(UUID secretId) {
        return versions.values().stream().filter(v -> v.secretId().equals(secretId)).sorted(Comparator.comparingInt(SecretVersion::version)).toList();
    }

    public long versionCount() { return versions.size(); }
}
