-- API requests metered to each organization per calendar month (UTC), for the apiRequestsPerMonth plan
-- limit and the usage views; each node adds its counts every few seconds.
CREATE TABLE org_api_requests (
    org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    month_start DATE NOT NULL,
    requests    BIGINT NOT NULL,
    PRIMARY KEY (org_id, month_start)
);
