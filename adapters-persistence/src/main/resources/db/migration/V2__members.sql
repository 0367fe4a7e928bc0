-- Invitations to organizations. The invite token is stored as its SHA-256 only.
CREATE TABLE invites (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           VARCHAR(320) NOT NULL,
    role            VARCHAR(20) NOT NULL,
    token_hash      VARCHAR(64) NOT NULL UNIQUE,
    invited_by      UUID NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX invites_org ON invites (org_id);
