package dev.hush.application.fakes;

import dev.hush.application.port.SealingKeys;
import dev.hush.domain.Rejection;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sealing key pairs by organization and version. */
public final class InMemorySealingKeys extends InMemoryStore implements SealingKeys {
    private final Map<String, Stored> keys = table();

    public InMemorySealingKeys(FakeTransactions tx) { super(tx); }

    @Override
    public void insert(Stored key) {
        writing();
        if (keys.putIfAbsent(key.orgId() + "|" + key.version(), key) != null) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
    }

    @Override
    public List<Stored> all(UUID orgId) {
        reading();
        return keys.values().stream().filter(k -> k.orgId().equals(orgId)).sorted(Comparator.comparingInt(Stored::version).reversed()).toList();
    }

    @Override
    public boolean addX25519(UUID orgId, int version, X25519Half half) {
        writing();
        Stored k = keys.get(orgId + "|" + version);
        if (k == null || k.x25519().isPresent()) {
            return false;
        }
        keys.put(orgId + "|" + version, new Stored(k.orgId(), k.version(), k.publicKey(), k.privateWrapped(), k.createdAt(), k.retiredAt(),
                Optional.of(half)));
        return true;
    }

    @Override
    public void retireOlderThan(UUID orgId, int version, Instant at) {
        writing();
        keys.replaceAll((id, k) -> k.orgId().equals(orgId) && k.version() < version && k.retiredAt().isEmpty()
                ? new Stored(k.orgId(), k.version(), k.publicKey(), k.privateWrapped(), k.createdAt(), Optional.of(at), k.x25519()) : k);
    }

    @Override
    public void deleteRetiredBefore(UUID orgId, Instant cutoff) {
        writing();
        keys.values().removeIf(k -> k.orgId().equals(orgId) && k.retiredAt().map(r -> r.isBefore(cutoff)).orElse(false));
    }

    void deleteOf(UUID orgId) { keys.values().removeIf(k -> k.orgId().equals(orgId)); }

    /** Test view. */
    public List<Stored> stored(UUID orgId) {
        return keys.values().stream().filter(k -> k.orgId().equals(orgId)).sorted(Comparator.comparingInt(Stored::version).reversed()).toList();
    }
}
