-- An environment's revision: increases in every committed transaction that changes what a pull of the environment
-- returns (a secret added, changed, deleted or restored; a version added, re-encrypted or purged). Nodes cache an
-- environment's rows (ciphertexts only) under the revision they were read at, and use them only while a pull's own
-- lookup of the environment still reads that revision: a change committed anywhere is seen at once.
--
-- Kept by triggers, so no write path can forget it. They are deferred to the commit and count each transaction once
-- per environment (the environments it counted are listed in a setting local to the transaction, so the rows of a
-- bulk write cost a string lookup each, not a statement). The count is spread over 8 rows per environment, the
-- transaction id choosing the row, and the revision is their sum: concurrent writers of one environment rarely wait
-- for each other's commit, as they would on one row. The sum is exact: every row only grows, every counted
-- transaction adds one, and PostgreSQL's snapshots of committed transactions are nested, so two snapshots with the
-- same sum saw the same counted transactions. Access statistics (access_count, last_accessed_at) change no revision.
CREATE TABLE environment_revisions (
    environment_id  UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    slot            SMALLINT NOT NULL,
    revision        BIGINT NOT NULL,
    PRIMARY KEY (environment_id, slot)
);

CREATE FUNCTION hush_revise_environment(env UUID) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    counted TEXT := coalesce(current_setting('hush.revised_environments', true), '');
BEGIN
    IF position(env::text IN counted) > 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('hush.revised_environments', counted || env::text || ',', true);
    IF NOT EXISTS (SELECT 1 FROM environments WHERE id = env) THEN
        RETURN; -- deleted with its environment
    END IF;
    INSERT INTO environment_revisions AS r (environment_id, slot, revision)
        VALUES (env, pg_current_xact_id()::text::bigint % 8, 1)
        ON CONFLICT (environment_id, slot) DO UPDATE SET revision = r.revision + 1;
END
$$;

CREATE FUNCTION hush_secret_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM hush_revise_environment(OLD.environment_id);
    ELSE
        PERFORM hush_revise_environment(NEW.environment_id);
        IF TG_OP = 'UPDATE' AND OLD.environment_id <> NEW.environment_id THEN
            PERFORM hush_revise_environment(OLD.environment_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hush_secret_version_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hush_revise_environment(s.environment_id)
        FROM secrets s WHERE s.id = OLD.secret_id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER secrets_revise_insert_delete AFTER INSERT OR DELETE ON secrets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hush_secret_changed();

-- Every column but the access statistics, so a column added later revises too.
CREATE CONSTRAINT TRIGGER secrets_revise_update AFTER UPDATE ON secrets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (to_jsonb(OLD) - 'access_count' - 'last_accessed_at' IS DISTINCT FROM to_jsonb(NEW) - 'access_count' - 'last_accessed_at')
    EXECUTE FUNCTION hush_secret_changed();

-- A version's change or removal (re-encryption, a version deleted or purged). A new version needs no trigger of its
-- own: a pull reads the version its secret points at, and pointing the secret at it updates the secret's row.
CREATE CONSTRAINT TRIGGER secret_versions_revise AFTER UPDATE OR DELETE ON secret_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hush_secret_version_changed();
