-- One-time platform claims, taken once: 'first_admin' is the first account of a fresh instance. Two
-- registrations racing on an empty instance both see no users, but only one can insert this row.
CREATE TABLE platform_claims (
    claim   VARCHAR(40) PRIMARY KEY,
    user_id UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
INSERT INTO platform_claims (claim, user_id)
    SELECT 'first_admin', id FROM users WHERE platform_admin ORDER BY created_at LIMIT 1;
