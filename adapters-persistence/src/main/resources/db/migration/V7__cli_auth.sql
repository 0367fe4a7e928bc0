-- Dashboard-to-CLI handoff (device-code style). The device code is stored as SHA-256 only.
CREATE TABLE cli_auth_requests (
    id              UUID PRIMARY KEY,
    device_hash     VARCHAR(64) NOT NULL UNIQUE,
    user_code       VARCHAR(9) NOT NULL UNIQUE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_by     UUID REFERENCES users (id) ON DELETE CASCADE,
    token_name      VARCHAR(200),
    consumed_at     TIMESTAMP WITH TIME ZONE
);
