-- Request metrics the server records itself (issue 7): per hour and route group, counts and a latency
-- histogram (fixed bucket bounds in milliseconds), added up across nodes.
CREATE TABLE request_metrics (
    hour_start      TIMESTAMP WITH TIME ZONE NOT NULL,
    route_group     VARCHAR(50) NOT NULL,
    requests        BIGINT NOT NULL,
    client_errors   BIGINT NOT NULL,
    server_errors   BIGINT NOT NULL,
    latency_buckets VARCHAR(500) NOT NULL,
    PRIMARY KEY (hour_start, route_group)
);
