-- The audit journal: events are first inserted here, in the transaction of their change or (for value
-- reads) in a group commit of many requests, without taking any lock; a sealer on any node then moves
-- them, in journal order, into their chain (audit_events) under the chain's head row, within about a
-- second. A row is removed from the journal in the same transaction that adds it to the chain, so a crash
-- at any point loses nothing and seals nothing twice. Holds no value, token or password either.
CREATE TABLE audit_journal (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain_id        UUID NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_user      UUID,
    actor_token     UUID,
    action          VARCHAR(64) NOT NULL,
    resource        VARCHAR(600) NOT NULL,
    result          VARCHAR(16) NOT NULL,
    client_ip       VARCHAR(64),
    user_agent      VARCHAR(256),
    detail          VARCHAR(4000)
);
CREATE INDEX audit_journal_chain ON audit_journal (chain_id, id);
