-- The change feed is kept for a while (hush.watch.retention), then pruned. Each environment remembers the newest
-- revision pruned from its feed, so a watcher that resumes from an older revision is told that changes are gone
-- instead of silently missing them.
CREATE TABLE environment_feed_horizons (
    environment_id  UUID PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
    pruned_through  BIGINT NOT NULL
);
-- BRIN: rows arrive in time order, so a block range summary finds old rows, at almost no cost per insert.
CREATE INDEX environment_events_at ON environment_events USING BRIN (at);
