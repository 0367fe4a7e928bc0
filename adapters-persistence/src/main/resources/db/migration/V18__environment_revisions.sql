-- An environment's revision: increases by one in every committed transaction that changes what a pull of the
-- environment returns (a secret added, changed, deleted or restored; a version added, re-encrypted or purged).
-- Nodes cache an environment's rows (ciphertexts only) under the revision they were read at, and use them only while
-- a pull's own lookup of the environment still reads that revision: a change committed anywhere is seen at once.
--
-- Kept by triggers, so no write path can forget it. They are deferred to the commit, and bump each environment once
-- per transaction (revised_in holds the transaction that bumped it last), so the environment's row is locked only
-- while the transaction commits. Access statistics (access_count, last_accessed_at) change no revision.
ALTER TABLE environments ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE environments ADD COLUMN revised_in BIGINT;

CREATE FUNCTION hush_revise_environment(env UUID) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    tx BIGINT := pg_current_xact_id()::text::bigint;
BEGIN
    UPDATE environments SET revision = revision + 1, revised_in = tx WHERE id = env AND revised_in IS DISTINCT FROM tx;
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
        FROM secrets s WHERE s.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.secret_id ELSE NEW.secret_id END;
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

CREATE CONSTRAINT TRIGGER secret_versions_revise AFTER INSERT OR UPDATE OR DELETE ON secret_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hush_secret_version_changed();
