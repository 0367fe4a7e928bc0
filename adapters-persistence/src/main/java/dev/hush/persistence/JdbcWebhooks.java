package dev.hush.persistence;

import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcWebhooks implements Webhooks, WebhookDeliveries {
    private final Jdbc jdbc;

    JdbcWebhooks(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void insert(Webhook w) {
        jdbc.update("INSERT INTO webhooks (id, org_id, url, events, description, secret_wrapped, active, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", w.id(), w.orgId(), w.url(), String.join(",", w.events()),
                w.description() == null ? Jdbc.NULL_STRING : w.description(), w.secretWrapped(), w.active(), w.createdAt(), w.updatedAt());
    }

    @Override
    public void update(Webhook w) {
        jdbc.update("UPDATE webhooks SET url = ?, events = ?, description = ?, secret_wrapped = ?, active = ?, updated_at = ? WHERE id = ?",
                w.url(), String.join(",", w.events()), w.description() == null ? Jdbc.NULL_STRING : w.description(), w.secretWrapped(),
                w.active(), w.updatedAt(), w.id());
    }

    @Override
    public void delete(UUID webhookId) {
        jdbc.update("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = ?)", webhookId);
        jdbc.update("DELETE FROM webhook_deliveries WHERE webhook_id = ?", webhookId);
        jdbc.update("DELETE FROM webhooks WHERE id = ?", webhookId);
    }

    @Override
    public List<Webhook> list(UUID orgId) {
        return jdbc.query("SELECT * FROM webhooks WHERE org_id = ? ORDER BY created_at", JdbcWebhooks::map, orgId);
    }

    @Override
    public Optional<Webhook> find(UUID orgId, UUID webhookId) {
        return jdbc.one("SELECT * FROM webhooks WHERE org_id = ? AND id = ?", JdbcWebhooks::map, orgId, webhookId);
    }

    @Override
    public List<Webhook> subscribers(UUID orgId, String event) {
        return list(orgId).stream().filter(w -> w.active() && w.events().contains(event)).toList();
    }

    @Override
    public void insertDelivery(Delivery d) {
        jdbc.update("INSERT INTO webhook_deliveries (id, webhook_id, org_id, event, payload, status, attempts, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.webhookId(), d.orgId(), d.event(), d.payload(), d.status(), d.attempts(),
                Jdbc.orNull(d.nextAttemptAt()), d.createdAt());
    }

    @Override
    public Optional<Delivery> delivery(UUID webhookId, UUID deliveryId) {
        return jdbc.one("SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND id = ?", JdbcWebhooks::mapDelivery, webhookId, deliveryId);
    }

    @Override
    public List<Delivery> deliveries(UUID webhookId, int limit) {
        return jdbc.query("SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC LIMIT ?", JdbcWebhooks::mapDelivery,
                webhookId, limit);
    }

    @Override
    public List<Attempt> attempts(UUID deliveryId) {
        return jdbc.query("SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt", rs -> new Attempt(Jdbc.uuid(rs, "delivery_id"),
                rs.getInt("attempt"), Jdbc.instant(rs, "at"), Optional.ofNullable((Integer) rs.getObject("status_code")), rs.getLong("duration_ms"),
                Optional.ofNullable(rs.getString("error"))), deliveryId);
    }

    @Override
    public List<Delivery> claimDue(Instant now, int limit) {
        return jdbc.query("SELECT * FROM webhook_deliveries WHERE status IN ('pending', 'delivering') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? "
                + "FOR UPDATE SKIP LOCKED", JdbcWebhooks::mapDelivery, now, limit);
    }

    @Override
    public void lease(UUID deliveryId, Instant until) {
        jdbc.update("UPDATE webhook_deliveries SET status = 'delivering', next_attempt_at = ? WHERE id = ?", until, deliveryId);
    }

    @Override
    public void recordAttempt(Attempt a, String status, Optional<Instant> nextAttemptAt, Optional<Instant> completedAt) {
        jdbc.update("INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)",
                a.deliveryId(), a.attempt(), a.at(), a.statusCode().isPresent() ? a.statusCode().get() : new Jdbc.Null(java.sql.Types.INTEGER),
                a.durationMs(), a.error().isPresent() ? a.error().get() : Jdbc.NULL_STRING);
        jdbc.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status_code = ?, last_duration_ms = ?, "
                + "last_error = ?, completed_at = ? WHERE id = ?", status, a.attempt(), Jdbc.orNull(nextAttemptAt),
                a.statusCode().isPresent() ? a.statusCode().get() : new Jdbc.Null(java.sql.Types.INTEGER), a.durationMs(),
                a.error().isPresent() ? a.error().get() : Jdbc.NULL_STRING, Jdbc.orNull(completedAt), a.deliveryId());
    }

    @Override
    public boolean redeliver(UUID deliveryId, Instant now) {
        return jdbc.update("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, completed_at = NULL WHERE id = ? "
                + "AND status IN ('succeeded', 'failed')", now, deliveryId) == 1;
    }

    @Override
    public long count(UUID orgId) {
        return jdbc.one("SELECT COUNT(*) FROM webhooks WHERE org_id = ?", rs -> rs.getLong(1), orgId).orElse(0L);
    }

    private static Webhook map(ResultSet rs) throws SQLException {
        return new Webhook(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "org_id"), rs.getString("url"),
                new LinkedHashSet<>(Arrays.asList(rs.getString("events").split(","))), rs.getString("description"), rs.getBytes("secret_wrapped"),
                rs.getBoolean("active"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    private static Delivery mapDelivery(ResultSet rs) throws SQLException {
        return new Delivery(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "webhook_id"), Jdbc.uuid(rs, "org_id"), rs.getString("event"), rs.getString("payload"),
                rs.getString("status"), rs.getInt("attempts"), Jdbc.optionalInstant(rs, "next_attempt_at"),
                Optional.ofNullable((Integer) rs.getObject("last_status_code")), Optional.ofNullable((Long) rs.getObject("last_duration_ms")),
                Optional.ofNullable(rs.getString("last_error")), Jdbc.instant(rs, "created_at"), Jdbc.optionalInstant(rs, "completed_at"));
    }
}
