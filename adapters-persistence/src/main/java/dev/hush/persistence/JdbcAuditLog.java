package dev.hush.persistence;

import dev.hush.application.port.AuditLog;
import dev.hush.domain.audit.AuditEvent;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Audit chains in two tables: the head of each chain (locked while sealing journaled events into it) and the events. */
@Singleton
final class JdbcAuditLog implements AuditLog {
    private final Jdbc jdbc;

    JdbcAuditLog(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public Head lockHead(UUID chain) {
        Optional<Head> head = jdbc.one("SELECT seq, head_hash FROM audit_chains WHERE chain_id = ? FOR UPDATE",
                rs -> new Head(rs.getLong(1), rs.getString(2)), chain);
        if (head.isPresent()) {
            return head.get();
        }
        // A new chain (the organization was created in this transaction): its head row is ours.
        jdbc.update("INSERT INTO audit_chains (chain_id, seq, head_hash) VALUES (?, 0, ?)", chain, AuditEvent.GENESIS);
        return new Head(0, AuditEvent.GENESIS);
    }

    @Override
    public Optional<Head> tryLockHead(UUID chain) {
        String skipLocked = "SELECT seq, head_hash FROM audit_chains WHERE chain_id = ? FOR UPDATE SKIP LOCKED";
        Optional<Head> head = jdbc.one(skipLocked, rs -> new Head(rs.getLong(1), rs.getString(2)), chain);
        if (head.isPresent() || jdbc.count("SELECT COUNT(*) FROM audit_chains WHERE chain_id = ?", chain) > 0) {
            return head; // ours, or held by another sealer
        }
        // The chain's first seal: create its head (waiting for, and then yielding to, a sealer creating it too).
        jdbc.update("INSERT INTO audit_chains (chain_id, seq, head_hash) VALUES (?, 0, ?) ON CONFLICT (chain_id) DO NOTHING", chain, AuditEvent.GENESIS);
        return jdbc.one(skipLocked, rs -> new Head(rs.getLong(1), rs.getString(2)), chain);
    }

    @Override
    public Head lockHeadForRead(UUID chain) {
        return jdbc.one("SELECT seq, head_hash FROM audit_chains WHERE chain_id = ?", rs -> new Head(rs.getLong(1), rs.getString(2)), chain)
                .orElse(new Head(0, AuditEvent.GENESIS));
    }

    /** The events in one statement (arrays unnested): one execution however many a sealer moves at once. */
    private static final String INSERT_ALL = "INSERT INTO audit_events (chain_id, seq, at, actor_user, actor_token, action, resource, result, "
            + "client_ip, user_agent, detail, prev_hash, hash) SELECT chain_id::uuid, seq::bigint, at::timestamptz, actor_user::uuid, "
            + "actor_token::uuid, action, resource, result, client_ip, user_agent, detail, prev_hash, hash FROM unnest(?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS t(chain_id, seq, at, actor_user, actor_token, action, resource, result, client_ip, user_agent, detail, prev_hash, hash)";

    @Override
    public void appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            columns.add(new ArrayList<>(events.size()));
        }
        for (AuditEvent e : events) {
            String[] row = {e.chain().toString(), Long.toString(e.seq()), e.at().toString(), e.actorUser().map(UUID::toString).orElse(null),
                    e.actorToken().map(UUID::toString).orElse(null), e.action(), e.resource(), e.result(), e.clientIp(), e.userAgent(), e.detail(),
                    e.prevHash(), e.hash()};
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }
        Object[] args = new Object[columns.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = jdbc.textArray(columns.get(i));
        }
        jdbc.update(INSERT_ALL, args);
        AuditEvent last = events.get(events.size() - 1);
        jdbc.update("UPDATE audit_chains SET seq = ?, head_hash = ? WHERE chain_id = ?", last.seq(), last.hash(), last.chain());
    }

    @Override
    public List<AuditEvent> find(UUID chain, Filter filter, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = where(chain, filter, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT * FROM audit_events WHERE " + where + " ORDER BY seq DESC LIMIT ? OFFSET ?", JdbcAuditLog::map, args.toArray());
    }

    @Override
    public long count(UUID chain, Filter filter) {
        List<Object> args = new ArrayList<>();
        return jdbc.count("SELECT COUNT(*) FROM audit_events WHERE " + where(chain, filter, args), args.toArray());
    }

    @Override
    public List<AuditEvent> range(UUID chain, long afterSeq, int max) {
        return jdbc.query("SELECT * FROM audit_events WHERE chain_id = ? AND seq > ? ORDER BY seq LIMIT ?", JdbcAuditLog::map, chain, afterSeq, max);
    }

    @Override
    public void deleteChain(UUID chain) {
        jdbc.update("DELETE FROM audit_journal WHERE chain_id = ?", chain);
        jdbc.update("DELETE FROM audit_events WHERE chain_id = ?", chain);
        jdbc.update("DELETE FROM audit_chains WHERE chain_id = ?", chain);
    }

    private static String where(UUID chain, Filter f, List<Object> args) {
        StringBuilder sql = new StringBuilder("chain_id = ?");
        args.add(chain);
        f.action().ifPresent(a -> {
            if (a.endsWith(".")) {
                sql.append(" AND SUBSTRING(action, 1, ?) = ?");
                args.add(a.length());
            } else {
                sql.append(" AND action = ?");
            }
            args.add(a);
        });
        f.actor().ifPresent(u -> {
            sql.append(" AND actor_user = ?");
            args.add(u);
        });
        f.from().ifPresent(t -> {
            sql.append(" AND at >= ?");
            args.add(t);
        });
        f.to().ifPresent(t -> {
            sql.append(" AND at < ?");
            args.add(t);
        });
        return sql.toString();
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        return new AuditEvent(Jdbc.uuid(rs, "chain_id"), rs.getLong("seq"), Jdbc.instant(rs, "at"), Optional.ofNullable(Jdbc.uuid(rs, "actor_user")),
                Optional.ofNullable(Jdbc.uuid(rs, "actor_token")), rs.getString("action"), rs.getString("resource"), rs.getString("result"),
                rs.getString("client_ip"), rs.getString("user_agent"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
