-- 004: retried submissions get the original (sealed) answer instead of a second row (as Sqlite/004).
CREATE TABLE idempotency_records (
    scope            TEXT NOT NULL,
    key_hash         TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status           INTEGER NOT NULL,
    sealed_response  BYTEA NOT NULL,
    created_on       TEXT NOT NULL,
    PRIMARY KEY (scope, key_hash)
);
