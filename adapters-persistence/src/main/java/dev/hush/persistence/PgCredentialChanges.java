package dev.hush.persistence;

import dev.hush.application.port.CredentialChanges;
import io.micronaut.context.annotation.Property;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CredentialChanges} over PostgreSQL's {@code LISTEN/NOTIFY}: the stores send {@code NOTIFY} in the
 * transaction of a change ({@link #announce}), which PostgreSQL delivers to every listening node when, and only
 * if, it commits. Each node listens on a connection of its own (outside the pool). When that connection is
 * lost, the listeners are told to forget everything and {@link #live} is false until it is back, so no node
 * serves from a cache that may have missed a change.
 */
@Singleton
final class PgCredentialChanges implements CredentialChanges {
    static final String CHANNEL = "hush_credentials";
    private static final Logger LOG = LoggerFactory.getLogger(PgCredentialChanges.class);

    private final String url;
    private final Properties login = new Properties();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean live;
    private volatile boolean closed;
    private final Thread thread;

    PgCredentialChanges(@Property(name = "datasources.default.url") String url,
                        @Property(name = "datasources.default.username", defaultValue = "") String user,
                        @Property(name = "datasources.default.password", defaultValue = "") String password) {
        this.url = url;
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("ApplicationName", "hush-credential-changes");
        thread = new Thread(this::listen, "hush-credential-changes");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Announces a change in the current transaction: delivered to every node if the transaction commits, and told
     * to this node's listeners at once (forgetting early is harmless), so this node's next request sees it.
     */
    void announce(Jdbc jdbc, Change change) {
        String payload = change.token().map(t -> "token:" + t).or(() -> change.user().map(u -> "user:" + u)).orElse("all");
        jdbc.query("SELECT pg_notify('" + CHANNEL + "', ?)", rs -> null, payload);
        tell(change);
    }

    @Override
    public void subscribe(Consumer<Change> listener) { listeners.add(listener); }

    @Override
    public boolean live() { return live; }

    private void listen() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, login)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // Anything before LISTEN took effect may have been missed.
                tell(Change.EVERYTHING);
                live = true;
                while (!closed) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received == null) {
                        continue;
                    }
                    for (PGNotification n : received) {
                        tell(parse(n.getParameter()));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (live) {
                    LOG.warn("Lost the database's credential change feed; caches are off until it is back: {}", e.getClass().getSimpleName());
                }
            } finally {
                live = false;
                tell(Change.EVERYTHING);
            }
            if (!closed) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void tell(Change change) {
        for (Consumer<Change> l : listeners) {
            l.accept(change);
        }
    }

    static Change parse(String payload) {
        try {
            if (payload.startsWith("token:")) {
                return new Change(Optional.of(UUID.fromString(payload.substring(6))), Optional.empty());
            }
            if (payload.startsWith("user:")) {
                return new Change(Optional.empty(), Optional.of(UUID.fromString(payload.substring(5))));
            }
        } catch (IllegalArgumentException e) {
            // not ours: forget everything, to be safe
        }
        return Change.EVERYTHING;
    }

    @PreDestroy
    void close() {
        closed = true;
        thread.interrupt();
    }
}
