-- Hush schema v1. Runs unchanged on PostgreSQL (14+) and on H2 2.x in MODE=PostgreSQL.
-- No column ever holds a plaintext value, a password or a token: values are AES-GCM envelopes,
-- keys are wrapped, passwords are Argon2id hashes, sessions and tokens SHA-256 digests.

CREATE TABLE users (
    id              UUID PRIMARY KEY,
    email           VARCHAR(320) NOT NULL UNIQUE,
    name            VARCHAR(200) NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    platform_admin  BOOLEAN NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organizations (
    id              UUID PRIMARY KEY,
    slug            VARCHAR(63) NOT NULL UNIQUE,
    name            VARCHAR(200) NOT NULL,
    kek_key_id      VARCHAR(512) NOT NULL,
    kek_key_version VARCHAR(200) NOT NULL,
    kek_wrapped     BYTEA NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE memberships (
    org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            VARCHAR(20) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE sessions (
    token_hash      VARCHAR(64) PRIMARY KEY,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_tokens (
    id              UUID PRIMARY KEY,
    token_hash      VARCHAR(64) NOT NULL UNIQUE,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            VARCHAR(200) NOT NULL,
    org_id          UUID REFERENCES organizations (id) ON DELETE CASCADE,
    projects        VARCHAR(8000) NOT NULL,
    environments    VARCHAR(8000) NOT NULL,
    permissions     VARCHAR(50) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    expires_at      TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE projects (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug            VARCHAR(63) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    key_version     INTEGER NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT projects_org_slug UNIQUE (org_id, slug)
);

CREATE TABLE environments (
    id              UUID PRIMARY KEY,
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug            VARCHAR(63) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    read_level      VARCHAR(10) NOT NULL,
    CONSTRAINT environments_project_slug UNIQUE (project_id, slug)
);

CREATE TABLE project_keys (
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    key_id          VARCHAR(512) NOT NULL,
    key_version     VARCHAR(200) NOT NULL,
    wrapped         BYTEA NOT NULL,
    PRIMARY KEY (project_id, version)
);

CREATE TABLE secrets (
    id              UUID PRIMARY KEY,
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    environment_id  UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name            VARCHAR(256) NOT NULL,
    tags            VARCHAR(2200) NOT NULL,
    purpose_type    VARCHAR(20) NOT NULL,
    description     VARCHAR(1000),
    version         INTEGER NOT NULL,
    has_value       BOOLEAN NOT NULL,
    access_count    BIGINT NOT NULL,
    last_accessed_at TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT secrets_env_name UNIQUE (environment_id, name)
);

CREATE TABLE secret_versions (
    secret_id       UUID NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    ciphertext      BYTEA NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      UUID,
    deleted         BOOLEAN NOT NULL,
    PRIMARY KEY (secret_id, version)
);
