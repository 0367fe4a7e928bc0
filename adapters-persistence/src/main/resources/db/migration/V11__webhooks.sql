-- Webhooks (issue 7). The signing secret is stored only wrapped by the organization's KEK. Deliveries are a
-- transactional outbox: rows written in the same transaction as the change they announce, claimed by one
-- node at a time (FOR UPDATE SKIP LOCKED), retried with backoff; attempts are logged without response bodies.
CREATE TABLE webhooks (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    url             VARCHAR(2048) NOT NULL,
    events          VARCHAR(500) NOT NULL,
    description     VARCHAR(500),
    secret_wrapped  BYTEA NOT NULL,
    active          BOOLEAN NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhooks_org ON webhooks (org_id);

CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,
    webhook_id      UUID NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    org_id          UUID NOT NULL,
    event           VARCHAR(50) NOT NULL,
    payload         VARCHAR(65000) NOT NULL,
    status          VARCHAR(20) NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    last_duration_ms BIGINT,
    last_error      VARCHAR(300),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);

CREATE TABLE webhook_attempts (
    delivery_id     UUID NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code     INTEGER,
    duration_ms     BIGINT NOT NULL,
    error           VARCHAR(300),
    PRIMARY KEY (delivery_id, attempt)
);

-- Stripe webhook events already handled: a replayed event (same id) changes nothing.
CREATE TABLE billing_events (
    id              VARCHAR(255) PRIMARY KEY,
    type            VARCHAR(100) NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
