-- The audit log: append-only, one hash chain per organization (and one for platform events such as
-- logins). Each event's hash covers the previous hash, so editing or removing an event breaks the chain.
-- Events never hold a secret value, a token or a password.
CREATE TABLE audit_chains (
    chain_id        UUID PRIMARY KEY,
    seq             BIGINT NOT NULL,
    head_hash       VARCHAR(64) NOT NULL
);

CREATE TABLE audit_events (
    chain_id        UUID NOT NULL,
    seq             BIGINT NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_user      UUID,
    actor_token     UUID,
    action          VARCHAR(64) NOT NULL,
    resource        VARCHAR(600) NOT NULL,
    result          VARCHAR(16) NOT NULL,
    client_ip       VARCHAR(64),
    user_agent      VARCHAR(256),
    detail          VARCHAR(4000),
    prev_hash       VARCHAR(64) NOT NULL,
    hash            VARCHAR(64) NOT NULL,
    PRIMARY KEY (chain_id, seq)
);
CREATE INDEX audit_events_at ON audit_events (chain_id, at);

-- Chain heads exist before the first event, so appends only ever lock an existing row.
INSERT INTO audit_chains (chain_id, seq, head_hash)
VALUES ('00000000-0000-0000-0000-000000000000', 0, '0000000000000000000000000000000000000000000000000000000000000000');
INSERT INTO audit_chains (chain_id, seq, head_hash)
SELECT id, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM organizations;
