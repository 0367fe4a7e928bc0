package dev.hush.application.fakes;

import dev.hush.application.port.SecretOverrides;
import dev.hush.domain.secret.EncryptedValue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Personal values, one per secret and user. */
public final class InMemorySecretOverrides extends InMemoryStore implements SecretOverrides {
    record Row(UUID secretId, UUID userId, EncryptedValue value, Instant updatedAt) {}

    private final Map<String, Row> rows = table();

    public InMemorySecretOverrides(FakeTransactions tx) { super(tx); }

    @Override
    public void upsert(UUID secretId, UUID userId, EncryptedValue value, Instant now) {
        writing();
        rows.put(secretId + "|" + userId, new Row(secretId, userId, value, now));
    }

    @Override
    public Optional<EncryptedValue> find(UUID secretId, UUID userId) {
        reading();
        return Optional.ofNullable(rows.get(secretId + "|" + userId)).map(Row::value);
    }

    void deleteSecrets(Collection<UUID> secretIds) {
        rows.values().removeIf(r -> secretIds.contains(r.secretId()));
    }

    List<Row> all() { return List.copyOf(rows.values()); }

    boolean replace(UUID secretId, UUID userId, EncryptedValue expected, EncryptedValue replacement) {
        Row r = rows.get(secretId + "|" + userId);
        if (r == null || !r.value().equals(expected)) {
            return false;
        }
        rows.put(secretId + "|" + userId, new Row(secretId, userId, replacement, r.updatedAt()));
        return true;
    }

    /** Test view. */
    public int size() { return rows.size(); }
}
