-- The change feed of each environment (WatchEnvironment): one row per change (set, delete, bulk, promote), keys only,
-- never a value, written in the change's transaction. A row's revision is its transaction id (pg_current_xact_id)
-- times 1024 plus its rank within that transaction, so revisions increase within an environment. Readers take only
-- rows of transactions older than every running one (pg_snapshot_xmin): those are final, and any row committed later
-- comes from a newer transaction and so has a higher revision. A watcher that resumes after revision R therefore
-- gets every later change once, in order, whichever node wrote it.
CREATE TABLE environment_events (
    environment_id  UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    revision        BIGINT NOT NULL,
    tx              BIGINT NOT NULL,
    type            VARCHAR(40) NOT NULL,
    keys            TEXT NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (environment_id, revision)
);
