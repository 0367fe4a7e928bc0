package dev.hush.application.fakes;

import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.secret.Secret;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Rotation rows; the values it walks and replaces are those of the secrets and overrides fakes. */
public final class InMemoryKeyRotations extends InMemoryStore implements KeyRotations {
    record Row(UUID projectId, int targetVersion, long total, long done, Optional<UUID> cursorSecret, int cursorVersion, Instant startedAt,
               Optional<Instant> finishedAt, Optional<Instant> pausedUntil, Optional<Instant> keysRetiredAt) {}

    private final Map<UUID, Row> rows = table();
    private final World world;
    private volatile Runnable beforeReplace = () -> { };

    InMemoryKeyRotations(FakeTransactions tx, World world) {
        super(tx);
        this.world = world;
    }

    private Rotation view(Row r) {
        UUID orgId = world.projects.byId(r.projectId()).orElseThrow().orgId();
        return new Rotation(r.projectId(), orgId, r.targetVersion(), r.total(), r.done(), r.cursorSecret(), r.cursorVersion(), r.startedAt(),
                r.finishedAt());
    }

    @Override
    public void start(UUID projectId, int targetVersion, long total, Instant now) {
        writing();
        rows.put(projectId, new Row(projectId, targetVersion, total, 0, Optional.empty(), 0, now, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    @Override
    public Optional<Rotation> find(UUID projectId) {
        reading();
        return Optional.ofNullable(rows.get(projectId)).map(this::view);
    }

    private boolean notPaused(Row r) {
        return r.pausedUntil().map(p -> p.isBefore(world.clock.instant())).orElse(true);
    }

    @Override
    public Optional<Rotation> lockNextUnfinished() {
        writing();
        return rows.values().stream().filter(r -> r.finishedAt().isEmpty() && notPaused(r)).min(Comparator.comparing(Row::startedAt)).map(this::view);
    }

    @Override
    public Optional<Rotation> lockNextToRetire(Instant finishedBefore) {
        writing();
        return rows.values().stream().filter(r -> r.finishedAt().map(f -> f.isBefore(finishedBefore)).orElse(false) && r.keysRetiredAt().isEmpty()
                && notPaused(r)).min(Comparator.comparing(r -> r.finishedAt().get())).map(this::view);
    }

    @Override
    public void markKeysRetired(UUID projectId, Instant now) {
        writing();
        rows.computeIfPresent(projectId, (k, r) -> new Row(r.projectId(), r.targetVersion(), r.total(), r.done(), r.cursorSecret(), r.cursorVersion(),
                r.startedAt(), r.finishedAt(), r.pausedUntil(), Optional.of(now)));
    }

    @Override
    public void pause(UUID projectId, Instant until) {
        writing();
        rows.computeIfPresent(projectId, (k, r) -> new Row(r.projectId(), r.targetVersion(), r.total(), r.done(), r.cursorSecret(), r.cursorVersion(),
                r.startedAt(), r.finishedAt(), Optional.of(until), r.keysRetiredAt()));
    }

    @Override
    public List<StoredValue> valuesAfter(UUID projectId, Optional<UUID> cursorSecret, int cursorVersion, int limit, long maxBytes) {
        reading();
        List<StoredValue> page = new java.util.ArrayList<>();
        long bytes = 0;
        for (var v : world.secrets.versionsOfProject(projectId)) {
            if (page.size() == limit || bytes >= maxBytes) {
                break;
            }
            if (cursorSecret.isEmpty() || v.secretId().compareTo(cursorSecret.get()) > 0
                    || (v.secretId().equals(cursorSecret.get()) && v.version() > cursorVersion)) {
                Secret s = world.secrets.byId(v.secretId());
                page.add(new StoredValue(v.secretId(), v.version(), s.environmentId(), s.key(), Optional.empty(), v.value()));
                bytes += v.value().bytes().length;
            }
        }
        return page;
    }

    @Override
    public List<StoredValue> personalValues(UUID projectId) {
        reading();
        return world.overrides.all().stream().map(o -> Map.entry(o, world.secrets.byId(o.secretId())))
                .filter(e -> e.getValue() != null && e.getValue().projectId().equals(projectId))
                .map(e -> new StoredValue(e.getKey().secretId(), 0, e.getValue().environmentId(), e.getValue().key(), Optional.of(e.getKey().userId()),
                        e.getKey().value())).toList();
    }

    @Override
    public int replaceAll(List<Replacement> replacements) {
        writing();
        beforeReplace.run();
        int replaced = 0;
        for (Replacement r : replacements) {
            StoredValue value = r.value();
            boolean done = value.userId().isPresent()
                    ? world.overrides.replace(value.secretId(), value.userId().get(), value.ciphertext(), r.ciphertext())
                    : world.secrets.replaceCiphertext(value.secretId(), value.version(), value.ciphertext(), r.ciphertext());
            replaced += done ? 1 : 0;
        }
        return replaced;
    }

    @Override
    public void advance(UUID projectId, UUID cursorSecret, int cursorVersion, long done) {
        writing();
        rows.computeIfPresent(projectId, (k, r) -> new Row(r.projectId(), r.targetVersion(), r.total(), done, Optional.of(cursorSecret), cursorVersion,
                r.startedAt(), r.finishedAt(), r.pausedUntil(), r.keysRetiredAt()));
    }

    @Override
    public void finish(UUID projectId, Instant now) {
        writing();
        rows.computeIfPresent(projectId, (k, r) -> new Row(r.projectId(), r.targetVersion(), r.total(), r.total(), r.cursorSecret(), r.cursorVersion(),
                r.startedAt(), Optional.of(now), r.pausedUntil(), r.keysRetiredAt()));
    }

    @Override
    public long countValues(UUID projectId) {
        reading();
        return world.secrets.versionsOfProject(projectId).size() + personalValues(projectId).size();
    }

    @Override
    public void retireKeysBefore(UUID projectId, int version) {
        writing();
        world.projects.deleteDataKeysBefore(projectId, version);
    }

    @Override
    public void setProjectKeyVersion(UUID projectId, int version) {
        writing();
        world.projects.setKeyVersion(projectId, version);
    }

    @Override
    public void insertProjectKey(UUID projectId, int version, WrappedKeyBlob key) {
        writing();
        world.projects.putDataKey(projectId, version, key);
    }

    void deleteProject(UUID projectId) { rows.remove(projectId); }

    /** Test view: whether the rotation's old keys were retired. */
    public Optional<Instant> keysRetiredAt(UUID projectId) { return Optional.ofNullable(rows.get(projectId)).flatMap(Row::keysRetiredAt); }

    /**
     * Test hook: runs at the start of every {@link #replaceAll}, after the batch was read and re-encrypted: a
     * write made there is one that committed meanwhile on another connection.
     */
    public void beforeReplace(Runnable hook) { this.beforeReplace = hook; }

    public Optional<Instant> pausedUntil(UUID projectId) { return Optional.ofNullable(rows.get(projectId)).flatMap(Row::pausedUntil); }
}
