-- The secrets of one project in id order: project key rotation walks a project's values from a cursor
-- (secret id, version) in batches, and counts them; without this each batch read every secret of the instance.
CREATE INDEX secrets_project ON secrets (project_id, id);
