-- Sealed transport (issue 4).

-- Each organization's RSA key pair for sealed transport. The private key (PKCS#8) is stored only
-- wrapped by the organization's key-encryption key (AES-256-GCM, bound to org and version). A pair
-- replaced by a newer one keeps opening sealed values until retired_at + the configured grace period.
CREATE TABLE org_key_pairs (
    org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    public_key      BYTEA NOT NULL,
    private_wrapped BYTEA NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (org_id, version)
);

-- Short-lived X25519 server keys of the Poliglot API (five minutes). Private keys wrapped by the
-- organization's key-encryption key; expired rows are deleted.
CREATE TABLE exchange_keys (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    public_key      BYTEA NOT NULL,
    private_wrapped BYTEA NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX exchange_keys_expiry ON exchange_keys (expires_at);

-- Sliding-window rate limits shared by every node: a bucket row is locked (SELECT ... FOR UPDATE)
-- while its events of the window are counted, so concurrent requests are counted exactly.
CREATE TABLE rate_buckets (
    bucket          VARCHAR(200) PRIMARY KEY
);
CREATE TABLE rate_events (
    bucket          VARCHAR(200) NOT NULL REFERENCES rate_buckets (bucket) ON DELETE CASCADE,
    at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rate_events_bucket_at ON rate_events (bucket, at);

-- Personal (principal-scoped) values: one per secret and user, visible to that user only. Encrypted
-- under the project's data key like any value, with the user bound into the associated data.
CREATE TABLE secret_overrides (
    secret_id       UUID NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ciphertext      BYTEA NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (secret_id, user_id)
);

-- When each secret was first defined (the Poliglot API shows it); older rows take their last update.
ALTER TABLE secrets ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
UPDATE secrets SET created_at = updated_at;
