package dev.hush.persistence;

import dev.hush.application.port.AuditJournal;
import dev.hush.domain.audit.AuditEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The audit journal table: inserts take no lock; the token guard is part of the insert statement. */
@Singleton
final class JdbcAuditJournal implements AuditJournal {
    private static final String INSERT = "INSERT INTO audit_journal (chain_id, at, actor_user, actor_token, action, resource, result, "
            + "client_ip, user_agent, detail) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE CAST(? AS UUID) IS NULL OR EXISTS "
            + "(SELECT 1 FROM api_tokens WHERE id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?))";

    private final Jdbc jdbc;

    JdbcAuditJournal(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public boolean add(Pending event) {
        return jdbc.update(INSERT, row(event)) == 1;
    }

    /** One statement for the whole group (arrays unnested), so in autocommit it is one round trip and one commit. */
    private static final String INSERT_ALL = "WITH t AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS t(chain_id, at, actor_user, actor_token, action, "
            + "resource, result, client_ip, user_agent, detail, guard, n)), "
            + "ok AS (SELECT * FROM t WHERE t.guard IS NULL OR EXISTS (SELECT 1 FROM api_tokens k WHERE k.id = t.guard::uuid "
            + "AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > t.at::timestamptz))), "
            + "ins AS (INSERT INTO audit_journal (chain_id, at, actor_user, actor_token, action, resource, result, client_ip, user_agent, detail) "
            + "SELECT chain_id::uuid, at::timestamptz, actor_user::uuid, actor_token::uuid, action, resource, result, client_ip, user_agent, detail "
            + "FROM ok ORDER BY n) SELECT n FROM ok";

    @Override
    public List<Boolean> addAll(List<Pending> events) {
        if (events.size() == 1) {
            return List.of(add(events.get(0)));
        }
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            columns.add(new ArrayList<>(events.size()));
        }
        for (Pending p : events) {
            AuditEvent.Entry e = p.entry();
            String[] row = {p.chain().toString(), p.at().toString(), e.actorUser().map(UUID::toString).orElse(null),
                    e.actorToken().map(UUID::toString).orElse(null), e.action(), e.resource(), e.result(), e.clientIp(), e.userAgent(), e.detail(),
                    p.activeToken().map(UUID::toString).orElse(null)};
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }
        Object[] args = new Object[columns.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = jdbc.textArray(columns.get(i));
        }
        java.util.Set<Long> added = new java.util.HashSet<>(jdbc.query(INSERT_ALL, rs -> rs.getLong(1), args));
        List<Boolean> out = new ArrayList<>(events.size());
        for (int i = 1; i <= events.size(); i++) {
            out.add(added.contains((long) i));
        }
        return out;
    }

    @Override
    public List<UUID> chainsWaiting(int max) {
        return jdbc.query("SELECT DISTINCT chain_id FROM audit_journal LIMIT ?", rs -> Jdbc.uuid(rs, "chain_id"), max);
    }

    @Override
    public List<Waiting> waiting(UUID chain, int max) {
        return jdbc.query("SELECT * FROM audit_journal WHERE chain_id = ? ORDER BY id LIMIT ?",
                rs -> new Waiting(rs.getLong("id"), Jdbc.instant(rs, "at"), new AuditEvent.Entry(Optional.ofNullable(Jdbc.uuid(rs, "actor_user")),
                        Optional.ofNullable(Jdbc.uuid(rs, "actor_token")), rs.getString("action"), rs.getString("resource"),
                        rs.getString("result"), rs.getString("client_ip"), rs.getString("user_agent"), rs.getString("detail"))),
                chain, max);
    }

    @Override
    public void remove(List<Long> ids) {
        for (List<Long> chunk : Jdbc.chunks(ids)) {
            jdbc.update("DELETE FROM audit_journal WHERE id IN (" + Jdbc.marks(chunk.size()) + ")", chunk.toArray());
        }
    }

    private static Object[] row(Pending p) {
        AuditEvent.Entry e = p.entry();
        Object token = p.activeToken().<Object>map(t -> t).orElse(Jdbc.NULL_UUID);
        return new Object[] {p.chain(), p.at(), e.actorUser().<Object>map(u -> u).orElse(Jdbc.NULL_UUID),
                e.actorToken().<Object>map(u -> u).orElse(Jdbc.NULL_UUID), e.action(), e.resource(), e.result(),
                e.clientIp() == null ? Jdbc.NULL_STRING : e.clientIp(), e.userAgent() == null ? Jdbc.NULL_STRING : e.userAgent(),
                e.detail() == null ? Jdbc.NULL_STRING : e.detail(), token, token, p.at()};
    }
}
