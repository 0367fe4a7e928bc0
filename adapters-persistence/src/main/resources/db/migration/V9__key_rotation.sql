-- Project key rotation (issue 5): one row per project whose values are being (or were last) re-encrypted
-- to a new data key version. The job walks secret_versions in (secret_id, version) order from the cursor,
-- so it resumes where it stopped after a restart.
CREATE TABLE key_rotations (
    project_id      UUID PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    target_version  INTEGER NOT NULL,
    total           BIGINT NOT NULL,
    done            BIGINT NOT NULL,
    cursor_secret   UUID,
    cursor_version  INTEGER,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);
-- Old data keys are deleted a while after the rotation finished, once a last pass found no value using them
-- (a write that began before the rotation may commit just after it).
ALTER TABLE key_rotations ADD COLUMN keys_retired_at TIMESTAMP WITH TIME ZONE;
