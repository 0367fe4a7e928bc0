package dev.hush.persistence;

import dev.hush.application.port.SealingKeys;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSealingKeys implements SealingKeys {
    private final Jdbc jdbc;

    JdbcSealingKeys(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void insert(Stored k) {
        if (k.x25519().isEmpty()) {
            jdbc.update("INSERT INTO org_key_pairs (org_id, version, public_key, private_wrapped, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?)",
                    k.orgId(), k.version(), k.publicKey(), k.privateWrapped(), k.createdAt(), Jdbc.orNull(k.retiredAt()));
        } else {
            jdbc.update("INSERT INTO org_key_pairs (org_id, version, public_key, private_wrapped, created_at, retired_at, x25519_public, "
                            + "x25519_private_wrapped) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    k.orgId(), k.version(), k.publicKey(), k.privateWrapped(), k.createdAt(), Jdbc.orNull(k.retiredAt()),
                    k.x25519().get().publicKey(), k.x25519().get().privateWrapped());
        }
    }

    @Override
    public List<Stored> all(UUID orgId) {
        return jdbc.query("SELECT * FROM org_key_pairs WHERE org_id = ? ORDER BY version DESC",
                rs -> {
                    byte[] x25519Public = rs.getBytes("x25519_public");
                    return new Stored(Jdbc.uuid(rs, "org_id"), rs.getInt("version"), rs.getBytes("public_key"), rs.getBytes("private_wrapped"),
                            Jdbc.instant(rs, "created_at"), Jdbc.optionalInstant(rs, "retired_at"), x25519Public == null ? Optional.empty()
                                    : Optional.of(new X25519Half(x25519Public, rs.getBytes("x25519_private_wrapped"))));
                }, orgId);
    }

    @Override
    public boolean addX25519(UUID orgId, int version, X25519Half half) {
        return jdbc.update("UPDATE org_key_pairs SET x25519_public = ?, x25519_private_wrapped = ? WHERE org_id = ? AND version = ? "
                + "AND x25519_public IS NULL", half.publicKey(), half.privateWrapped(), orgId, version) == 1;
    }

    @Override
    public void retireOlderThan(UUID orgId, int version, Instant at) {
        jdbc.update("UPDATE org_key_pairs SET retired_at = ? WHERE org_id = ? AND version < ? AND retired_at IS NULL", at, orgId, version);
    }

    @Override
    public void deleteRetiredBefore(UUID orgId, Instant cutoff) {
        jdbc.update("DELETE FROM org_key_pairs WHERE org_id = ? AND retired_at IS NOT NULL AND retired_at < ?", orgId, cutoff);
    }
}
