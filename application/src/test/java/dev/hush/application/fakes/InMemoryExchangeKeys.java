package dev.hush.application.fakes;

import dev.hush.application.port.ExchangeKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Short-lived X25519 server keys by id. */
public final class InMemoryExchangeKeys extends InMemoryStore implements ExchangeKeys {
    private final Map<UUID, Stored> keys = table();

    public InMemoryExchangeKeys(FakeTransactions tx) { super(tx); }

    @Override
    public void insert(Stored key) {
        writing();
        keys.put(key.id(), key);
    }

    @Override
    public Optional<Stored> find(UUID orgId, UUID keyId) {
        reading();
        return Optional.ofNullable(keys.get(keyId)).filter(k -> k.orgId().equals(orgId));
    }

    @Override
    public int deleteExpired(Instant now) {
        writing();
        List<UUID> gone = keys.values().stream().filter(k -> k.expiresAt().isBefore(now)).map(Stored::id).toList();
        gone.forEach(keys::remove);
        return gone.size();
    }

    void deleteOf(UUID orgId) { keys.values().removeIf(k -> k.orgId().equals(orgId)); }

    /** Test view. */
    public int size() { return keys.size(); }
}
