package dev.hush.application.fakes;

import dev.hush.application.port.CliAuthRequests;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** CLI handoff requests by id. */
public final class InMemoryCliAuthRequests extends InMemoryStore implements CliAuthRequests {
    record Row(UUID id, String deviceHash, String userCode, Instant createdAt, Instant expiresAt, Optional<UUID> approvedBy, String tokenName,
               Optional<Instant> consumedAt) {}

    private final Map<UUID, Row> rows = table();

    public InMemoryCliAuthRequests(FakeTransactions tx) { super(tx); }

    @Override
    public void insert(UUID id, byte[] deviceHash, String userCode, Instant now, Instant expiresAt) {
        writing();
        rows.put(id, new Row(id, HexFormat.of().formatHex(deviceHash), userCode, now, expiresAt, Optional.empty(), "cli", Optional.empty()));
    }

    @Override
    public boolean approve(String userCode, UUID userId, String tokenName, Instant now) {
        writing();
        Optional<Row> r = rows.values().stream().filter(x -> x.userCode().equals(userCode) && x.approvedBy().isEmpty() && x.consumedAt().isEmpty()
                && now.isBefore(x.expiresAt())).findFirst();
        r.ifPresent(x -> rows.put(x.id(), new Row(x.id(), x.deviceHash(), x.userCode(), x.createdAt(), x.expiresAt(), Optional.of(userId), tokenName,
                x.consumedAt())));
        return r.isPresent();
    }

    @Override
    public Optional<Request> lockByDevice(byte[] deviceHash) {
        writing();
        String h = HexFormat.of().formatHex(deviceHash);
        return rows.values().stream().filter(x -> x.deviceHash().equals(h)).findFirst()
                .map(x -> new Request(x.id(), x.expiresAt(), x.approvedBy(), x.tokenName(), x.consumedAt().isPresent()));
    }

    @Override
    public void consume(UUID id, Instant now) {
        writing();
        rows.computeIfPresent(id, (k, x) -> new Row(x.id(), x.deviceHash(), x.userCode(), x.createdAt(), x.expiresAt(), x.approvedBy(), x.tokenName(),
                Optional.of(now)));
    }

    /** Test view: (user code, approved by, consumed) of each request. */
    public List<String> userCodes() { return rows.values().stream().map(Row::userCode).toList(); }
}
