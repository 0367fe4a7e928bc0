package dev.hush.application.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import java.util.List;

/**
 * Watching an environment's changes (keys, types and times, never values): {@link #open} checks the caller may see
 * the environment's metadata and counts one API request; each {@link #next} checks it again (a lowered role or a
 * narrower token ends the watch at once) and returns the changes after a revision, oldest first.
 */
public final class WatchEnvironment {
    /** How often a watcher calls {@link #next}: how late a change or a revocation is seen, at most. */
    public static final java.time.Duration POLL = java.time.Duration.ofMillis(250);

    /** The most changes one {@link #next} returns. */
    static final int BATCH = 500;

    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final EnvironmentFeed feed;
    private final Transactions tx;

    public WatchEnvironment(Tenancy tenancy, ApiUsage usage, EnvironmentFeed feed, Transactions tx) {
        this.tenancy = tenancy;
        this.usage = usage;
        this.feed = feed;
        this.tx = tx;
    }

    /** Refused as a read of the environment's keys would be. */
    public void open(Caller caller, String orgRef, String project, String env) {
        tx.read(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireMetadata(in.project(), in.env());
            return null;
        });
    }

    /** The changes after {@code revision} (at most {@value #BATCH}), with the caller's access checked again. */
    public List<EnvironmentFeed.Event> next(Caller caller, String orgRef, String project, String env, long revision) {
        return tx.read(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> { });
            in.access().requireMetadata(in.project(), in.env());
            return feed.after(in.env().id(), revision, BATCH);
        });
    }
}
