package dev.hush.application.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.domain.Rejection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs every open watch of this node (gRPC, Connect and Server-Sent Events alike) from one poller: every
 * {@link WatchEnvironment#POLL} it reads the changes of all watched environments in one statement, then hands each
 * watch its new changes on a delivery thread. A watch holds no thread while it waits. Before a watch gets changes, and
 * at least every {@code recheck} while idle, its token is authenticated again and its access checked, so a revoked
 * token or a lost role ends it within about a second; after {@code heartbeat} without a change it gets a heartbeat, so
 * proxies keep an idle stream open. A watch whose client is not ready for more (slow reader) is skipped until it is: a
 * watch never buffers more than one batch.
 */
public final class EnvironmentWatchers implements AutoCloseable {
    /** How often an idle watch's access is checked again. */
    public static final Duration RECHECK = Duration.ofSeconds(1);
    /** How long a watch may stay silent before it gets a heartbeat. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** Where a watch's changes go: a stream to its client. Called from one thread at a time. */
    public interface Sink {
        /** Whether the client can take more now (flow control); a watch that cannot is skipped this round. */
        boolean ready();

        /** New changes, oldest first. Throwing ends the watch (its client is gone). */
        void changes(List<EnvironmentFeed.Event> events);

        /** Nothing changed for a while; {@code revision} is the last one sent (0 when none was). */
        void heartbeat(long revision);

        /** The watch ends: access lost (401, 403, 404) or the server stopping ({@code server_stopping}, 503). */
        void ended(Rejection why);
    }

    private final WatchEnvironment watch;
    private final long recheckNanos;
    private final long heartbeatNanos;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private final ExecutorService delivery = Executors.newCachedThreadPool(daemon("hush-watch-delivery"));
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean stopping;

    public EnvironmentWatchers(WatchEnvironment watch) {
        this(watch, WatchEnvironment.POLL, RECHECK, HEARTBEAT);
    }

    /** With other intervals: the heartbeat is a server setting; tests shorten all three. */
    public EnvironmentWatchers(WatchEnvironment watch, Duration poll, Duration recheck, Duration heartbeat) {
        this.watch = watch;
        this.recheckNanos = recheck.toNanos();
        this.heartbeatNanos = heartbeat.toNanos();
        poller = Executors.newSingleThreadScheduledExecutor(daemon("hush-watch-poller"));
        poller.scheduleWithFixedDelay(this::poll, poll.toNanos(), poll.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Opens a watch of the changes after {@code since} ({@link WatchEnvironment#open}: refused here, before anything is
     * sent); it runs once {@link Watch#start started}. {@code again} authenticates the watch's credential anew
     * (throwing when it is no longer valid).
     */
    public Watch open(Caller caller, Supplier<Caller> again, String org, String project, String env, long since, Sink sink) {
        if (stopping) {
            throw stoppingRejection(since);
        }
        UUID environment = watch.open(caller, org, project, env, since);
        return new Watch(again, org, project, env, environment, since, sink);
    }

    /** How many watches run on this node. */
    public int running() {
        return watches.size();
    }

    /**
     * Ends every watch with {@code server_stopping} (a client resumes on another node from its last revision) and
     * refuses new ones; completes when every watch has ended.
     */
    public CompletionStage<Void> stop() {
        stopping = true;
        for (Watch w : watches) {
            delivery.execute(() -> w.end(stoppingRejection(w.cursor)));
        }
        if (watches.isEmpty()) {
            drained.complete(null);
        }
        return drained;
    }

    @Override
    public void close() {
        stop();
        poller.shutdownNow();
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
    }

    /** One round: one read of every watched environment's changes, then each watch with work gets a delivery. */
    void poll() {
        try {
            List<Watch> free = watches.stream().filter(w -> !w.busy.get()).toList();
            if (free.isEmpty()) {
                return;
            }
            Map<UUID, Long> from = new HashMap<>();
            free.forEach(w -> from.merge(w.environment, w.cursor, Math::min));
            Map<UUID, List<EnvironmentFeed.Event>> changes = watch.after(from);
            long now = System.nanoTime();
            for (Watch w : free) {
                long cursor = w.cursor;
                List<EnvironmentFeed.Event> mine = changes.getOrDefault(w.environment, List.of()).stream().filter(e -> e.revision() > cursor).toList();
                boolean recheck = !mine.isEmpty() || now - w.checkedAt >= recheckNanos;
                boolean heartbeat = now - w.sentAt >= heartbeatNanos;
                if ((recheck || heartbeat) && w.busy.compareAndSet(false, true)) {
                    delivery.execute(() -> w.deliver(mine, recheck, heartbeat));
                }
            }
        } catch (RuntimeException e) {
            // The database may be unreachable for a moment: the next round reads again from the same revisions.
        }
    }

    /** An open watch; {@link #cancel} it when its client goes away. */
    public final class Watch {
        private final Supplier<Caller> again;
        private final String org;
        private final String project;
        private final String env;
        private final UUID environment;
        private final Sink sink;
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile long cursor;
        private volatile long checkedAt = System.nanoTime();
        private volatile long sentAt = System.nanoTime();
        private boolean ended;

        private Watch(Supplier<Caller> again, String org, String project, String env, UUID environment, long since, Sink sink) {
            this.again = again;
            this.org = org;
            this.project = project;
            this.env = env;
            this.environment = environment;
            this.cursor = since;
            this.sink = sink;
        }

        /** Starts delivering to the sink (from the next round). */
        public void start() {
            watches.add(this);
            if (stopping) { // stop() may have missed it
                end(stoppingRejection(cursor));
            }
        }

        /** The last revision delivered (the one to resume after). */
        public long revision() {
            return cursor;
        }

        /** The client went away: the watch ends without a word to it. */
        public synchronized void cancel() {
            ended = true;
            forget();
        }

        private void deliver(List<EnvironmentFeed.Event> changes, boolean recheck, boolean heartbeat) {
            try {
                if (recheck) {
                    try {
                        watch.check(again.get(), org, project, env);
                    } catch (Rejection r) {
                        end(r);
                        return;
                    } catch (RuntimeException e) {
                        return; // the database, for a moment: checked (and delivered) next round
                    }
                    checkedAt = System.nanoTime();
                }
                send(changes, heartbeat);
            } finally {
                busy.set(false);
            }
        }

        private synchronized void send(List<EnvironmentFeed.Event> changes, boolean heartbeat) {
            if (ended || !sink.ready()) {
                return;
            }
            try {
                if (!changes.isEmpty()) {
                    sink.changes(changes);
                    cursor = changes.get(changes.size() - 1).revision();
                } else if (heartbeat) {
                    sink.heartbeat(cursor);
                } else {
                    return;
                }
                sentAt = System.nanoTime();
            } catch (RuntimeException gone) {
                cancel();
            }
        }

        private synchronized void end(Rejection why) {
            if (ended) {
                return;
            }
            ended = true;
            forget();
            try {
                sink.ended(why);
            } catch (RuntimeException gone) {
                // the client is gone already
            }
        }

        private void forget() {
            watches.remove(this);
            if (stopping && watches.isEmpty()) {
                drained.complete(null);
            }
        }
    }

    private static Rejection stoppingRejection(long revision) {
        return Rejection.unavailable("server_stopping", "the server is stopping: watch again (any node) from revision " + revision, 1);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
