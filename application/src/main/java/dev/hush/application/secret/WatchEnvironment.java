package dev.hush.application.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Watching an environment's changes (keys, types and times, never values): {@link #open} checks the caller may see
 * the environment's metadata, that the changes after the revision it resumes from are still kept, and counts one API
 * request; {@link #check} checks the caller's access again (a lowered role or a narrower token ends the watch);
 * {@link #after} reads the changes of many watched environments at once. {@link EnvironmentWatchers} runs the watches.
 */
public final class WatchEnvironment {
    /** How often the watchers read the feed: how late a change is seen, at most. */
    public static final java.time.Duration POLL = java.time.Duration.ofMillis(250);

    /** The most changes of one environment one read returns. */
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

    /**
     * Refused as a read of the environment's keys would be, or with {@code revision_expired} (409) when changes after
     * {@code since} were already pruned. Returns the environment's id.
     */
    public UUID open(Caller caller, String orgRef, String project, String env, long since) {
        if (since < 0) {
            throw Rejection.invalid("since_revision", "must be 0 (every change kept) or a revision a watch sent");
        }
        return tx.read(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireMetadata(in.project(), in.env());
            long pruned = since == 0 ? 0 : feed.prunedThrough(in.env().id());
            if (since < pruned) {
                throw Rejection.conflict("revision_expired", "the changes after revision " + since + " are no longer kept (up to revision " + pruned
                        + " were pruned): pull the environment again, then watch from revision 0");
            }
            return in.env().id();
        });
    }

    /** The caller's access checked again, as {@link #open} checked it (no request is counted). */
    public void check(Caller caller, String orgRef, String project, String env) {
        tx.read(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> { });
            in.access().requireMetadata(in.project(), in.env());
            return null;
        });
    }

    /** The changes of each environment after its revision (at most {@value #BATCH} each), in one read. */
    public Map<UUID, List<EnvironmentFeed.Event>> after(Map<UUID, Long> revisions) {
        return tx.read(() -> feed.after(revisions, BATCH));
    }
}
