package dev.hush.persistence;

import dev.hush.application.port.Invites;
import dev.hush.application.port.Members;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.access.Invite;
import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcOrganizations implements Organizations, Members, Invites, OrganizationKeys {
    private final Jdbc jdbc;
    private final PgCredentialChanges changes;

    JdbcOrganizations(Jdbc jdbc, PgCredentialChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Override
    public void insert(Organization org, WrappedKeyBlob kek) {
        jdbc.update("INSERT INTO organizations (id, slug, name, kek_key_id, kek_key_version, kek_wrapped, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                org.id(), org.slug().value(), org.name(), kek.keyId(), kek.keyVersion(), kek.ciphertext(), org.createdAt());
    }

    @Override
    public boolean slugTaken(Slug slug) {
        return jdbc.count("SELECT COUNT(*) FROM organizations WHERE slug = ?", slug.value()) > 0;
    }

    @Override
    public Optional<WrappedKeyBlob> kek(UUID orgId) {
        return jdbc.one("SELECT kek_key_id, kek_key_version, kek_wrapped FROM organizations WHERE id = ?",
                rs -> new WrappedKeyBlob(rs.getString(1), rs.getString(2), rs.getBytes(3)), orgId);
    }

    @Override
    public void addMember(UUID orgId, UUID userId, Role role, Instant now) {
        jdbc.update("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)", orgId, userId, role.wire(), now);
    }

    @Override
    public Optional<Role> role(UUID orgId, UUID userId) {
        return jdbc.one("SELECT role FROM memberships WHERE org_id = ? AND user_id = ?",
                rs -> Role.parse("role", rs.getString(1)), orgId, userId);
    }

    @Override
    public Optional<Membership> membership(UUID orgId, UUID userId) {
        return jdbc.one(MEMBERSHIP + "WHERE o.id = ? AND m.user_id = ?",
                rs -> new Membership(map(rs), Role.parse("role", rs.getString("role"))), orgId, userId);
    }

    @Override
    public Optional<Membership> membership(Slug slug, UUID userId) {
        return jdbc.one(MEMBERSHIP + "WHERE o.slug = ? AND m.user_id = ?",
                rs -> new Membership(map(rs), Role.parse("role", rs.getString("role"))), slug.value(), userId);
    }

    private static final String MEMBERSHIP =
            "SELECT o.id, o.slug, o.name, o.created_at, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id ";

    @Override
    public List<Membership> membershipsOf(UUID userId) {
        return jdbc.query(MEMBERSHIP + "WHERE m.user_id = ? ORDER BY o.slug",
                rs -> new Membership(map(rs), Role.parse("role", rs.getString("role"))), userId);
    }

    @Override
    public long count() { return jdbc.count("SELECT COUNT(*) FROM organizations"); }

    @Override
    public List<Member> members(UUID orgId) {
        return jdbc.query("SELECT u.id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id "
                        + "WHERE m.org_id = ? ORDER BY u.email",
                rs -> new Member(Jdbc.uuid(rs, "id"), rs.getString("email"), rs.getString("name"), Role.parse("role", rs.getString("role")),
                        Jdbc.instant(rs, "created_at")), orgId);
    }

    @Override
    public long countOwners(UUID orgId) {
        return jdbc.count("SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'owner'", orgId);
    }

    @Override
    public void changeRole(UUID orgId, UUID userId, Role role) {
        jdbc.update("UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?", role.wire(), orgId, userId);
    }

    @Override
    public void removeMember(UUID orgId, UUID userId) {
        jdbc.update("DELETE FROM memberships WHERE org_id = ? AND user_id = ?", orgId, userId);
    }

    @Override
    public void insertInvite(Invite i) {
        jdbc.update("INSERT INTO invites (id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.id(), i.orgId(), i.email(), i.role().wire(), HexFormat.of().formatHex(i.tokenHash()), i.invitedBy(), i.createdAt(),
                i.expiresAt(), Jdbc.orNull(i.acceptedAt()));
    }

    @Override
    public List<Invite> invites(UUID orgId) {
        return jdbc.query("SELECT * FROM invites WHERE org_id = ? ORDER BY created_at DESC", JdbcOrganizations::mapInvite, orgId);
    }

    @Override
    public Optional<Invite> inviteByTokenHash(byte[] hash) {
        return jdbc.one("SELECT * FROM invites WHERE token_hash = ?", JdbcOrganizations::mapInvite, HexFormat.of().formatHex(hash));
    }

    @Override
    public boolean deletePendingInvite(UUID orgId, UUID inviteId) {
        return jdbc.update("DELETE FROM invites WHERE org_id = ? AND id = ? AND accepted_at IS NULL", orgId, inviteId) > 0;
    }

    @Override
    public int deletePendingInvitesBy(UUID orgId, UUID invitedBy, boolean ownersOnly) {
        return jdbc.update("DELETE FROM invites WHERE org_id = ? AND invited_by = ? AND accepted_at IS NULL"
                + (ownersOnly ? " AND role = 'owner'" : ""), orgId, invitedBy);
    }

    @Override
    public boolean markInviteAccepted(UUID inviteId, Instant now) {
        return jdbc.update("UPDATE invites SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL", now, inviteId) == 1;
    }

    @Override
    public void rename(UUID orgId, String name) {
        jdbc.update("UPDATE organizations SET name = ? WHERE id = ?", name, orgId);
    }

    @Override
    public void delete(UUID orgId) {
        // Tokens scoped to the organization go with it.
        changes.announce(jdbc, dev.hush.application.port.CredentialChanges.Change.EVERYTHING);
        ProjectData.delete(jdbc, "SELECT id FROM projects WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM invites WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM org_key_pairs WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM exchange_keys WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE org_id = ?)", orgId);
        jdbc.update("DELETE FROM webhook_deliveries WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM webhooks WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM api_tokens WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM memberships WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM audit_journal WHERE chain_id = ?", orgId);
        jdbc.update("DELETE FROM audit_events WHERE chain_id = ?", orgId);
        jdbc.update("DELETE FROM audit_chains WHERE chain_id = ?", orgId);
        jdbc.update("DELETE FROM organizations WHERE id = ?", orgId);
    }

    private static Invite mapInvite(ResultSet rs) throws SQLException {
        return new Invite(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "org_id"), rs.getString("email"), Role.parse("role", rs.getString("role")),
                HexFormat.of().parseHex(rs.getString("token_hash")), Jdbc.uuid(rs, "invited_by"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "expires_at"), Jdbc.optionalInstant(rs, "accepted_at"));
    }

    @Override
    public List<StoredKek> keksAfter(UUID after, int limit) {
        String select = "SELECT id, kek_key_id, kek_key_version, kek_wrapped FROM organizations ";
        return after == null
                ? jdbc.query(select + "ORDER BY id LIMIT ?", JdbcOrganizations::storedKek, limit)
                : jdbc.query(select + "WHERE id > ? ORDER BY id LIMIT ?", JdbcOrganizations::storedKek, after, limit);
    }

    @Override
    public Map<UUID, WrappedKeyBlob> keksForUpdate(Collection<UUID> orgIds) {
        Map<UUID, WrappedKeyBlob> out = new java.util.LinkedHashMap<>();
        // Rows are locked as the sorted scan returns them, in PostgreSQL's uuid order (unsigned bytes, as the
        // text form sorts); the chunks go in that order too.
        List<UUID> sorted = orgIds.stream().distinct().sorted(java.util.Comparator.comparing(UUID::toString)).toList();
        for (List<UUID> chunk : Jdbc.chunks(sorted)) {
            jdbc.query("SELECT id, kek_key_id, kek_key_version, kek_wrapped FROM organizations WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                    JdbcOrganizations::storedKek, jdbc.array("uuid", chunk.toArray(UUID[]::new)))
                    .forEach(k -> out.put(k.orgId(), k.kek()));
        }
        return out;
    }

    @Override
    public void replaceKeks(Map<UUID, WrappedKeyBlob> keks) {
        jdbc.batch("UPDATE organizations SET kek_key_id = ?, kek_key_version = ?, kek_wrapped = ? WHERE id = ?", keks.entrySet().stream()
                .map(e -> new Object[] {e.getValue().keyId(), e.getValue().keyVersion(), e.getValue().ciphertext(), e.getKey()}).toList());
    }

    @Override
    public List<String> rootKeyIds() {
        return jdbc.query("SELECT DISTINCT kek_key_id FROM organizations", rs -> rs.getString(1));
    }

    private static StoredKek storedKek(ResultSet rs) throws SQLException {
        return new StoredKek(Jdbc.uuid(rs, "id"), new WrappedKeyBlob(rs.getString("kek_key_id"), rs.getString("kek_key_version"), rs.getBytes("kek_wrapped")));
    }

    private static Organization map(ResultSet rs) throws SQLException {
        return new Organization(Jdbc.uuid(rs, "id"), new Slug(rs.getString("slug")), rs.getString("name"), Jdbc.instant(rs, "created_at"));
    }
}
