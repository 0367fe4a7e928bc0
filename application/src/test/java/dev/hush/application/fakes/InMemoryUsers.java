package dev.hush.application.fakes;

import dev.hush.application.port.Users;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users by id; e-mail addresses unique (a conflict, as the unique index answers). */
public final class InMemoryUsers extends InMemoryStore implements Users {
    private final Map<UUID, User> users = table();
    private final Map<UUID, Instant> verified = table();
    private final Map<String, UUID> firstAdmin = table();

    public InMemoryUsers(FakeTransactions tx) { super(tx); }

    @Override
    public Optional<User> byEmail(String normalizedEmail) {
        reading();
        return users.values().stream().filter(u -> u.email().equals(normalizedEmail)).findFirst();
    }

    @Override
    public Optional<User> byId(UUID id) {
        reading();
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public void insert(User user) {
        writing();
        if (users.containsKey(user.id()) || users.values().stream().anyMatch(u -> u.email().equals(user.email()))) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
        users.put(user.id(), user);
    }

    @Override
    public long count() {
        reading();
        return users.size();
    }

    @Override
    public void updatePasswordHash(UUID userId, String passwordHash) {
        writing();
        User u = users.get(userId);
        if (u != null) {
            users.put(userId, new User(u.id(), u.email(), u.name(), passwordHash, u.platformAdmin(), u.createdAt()));
        }
    }

    @Override
    public void markEmailVerified(UUID userId, Instant at) {
        writing();
        if (users.containsKey(userId)) {
            verified.putIfAbsent(userId, at);
        }
    }

    @Override
    public boolean emailVerified(UUID userId) {
        reading();
        return verified.containsKey(userId);
    }

    @Override
    public void claimFirstAdmin(UUID userId) {
        writing();
        if (firstAdmin.putIfAbsent("first", userId) != null) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
    }

    /** Test view: every account. */
    public java.util.List<User> all() { return java.util.List.copyOf(users.values()); }

    /** Test view: the first-admin claim, if taken. */
    public Optional<UUID> firstAdmin() { return Optional.ofNullable(firstAdmin.get("first")); }
}
