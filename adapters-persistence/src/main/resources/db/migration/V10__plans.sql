-- Plans and limits (issue 7). An organization's plan, its billing status and its limit overrides
-- ("projects=10,members=-1"); the plan table holds runtime-editable defaults per plan.
ALTER TABLE organizations ADD COLUMN plan VARCHAR(20) DEFAULT 'free' NOT NULL;
ALTER TABLE organizations ADD COLUMN billing_status VARCHAR(20) DEFAULT 'none' NOT NULL;
ALTER TABLE organizations ADD COLUMN limit_overrides VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE organizations ADD COLUMN stripe_customer_id VARCHAR(255);
ALTER TABLE organizations ADD COLUMN stripe_subscription_id VARCHAR(255);

CREATE TABLE plan_configs (
    plan_name       VARCHAR(20) PRIMARY KEY,
    limits          VARCHAR(1000) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A project key rotation whose batch failed (an unreadable value, the KMS down) is paused for a while so
-- the other projects' rotations go on.
ALTER TABLE key_rotations ADD COLUMN paused_until TIMESTAMP WITH TIME ZONE;
