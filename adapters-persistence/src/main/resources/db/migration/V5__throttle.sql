-- Failed-login counters, shared by every server node on the database. Keys: "account:<normalized e-mail>"
-- and "address:<client ip>".
CREATE TABLE login_failures (
    throttle_key    VARCHAR(400) PRIMARY KEY,
    window_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    failures        INTEGER NOT NULL
);
