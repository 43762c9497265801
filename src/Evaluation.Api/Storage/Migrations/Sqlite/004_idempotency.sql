-- 004: retried submissions get the original answer instead of a second row. The original answer carries the
-- receipt code, so it is sealed with a key derived from the client's own Idempotency-Key: the database alone
-- cannot open it. Only the day is kept, as for responses.
CREATE TABLE idempotency_records (
    scope            TEXT NOT NULL,
    key_hash         TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status           INTEGER NOT NULL,
    sealed_response  BLOB NOT NULL,
    created_on       TEXT NOT NULL,
    PRIMARY KEY (scope, key_hash)
) WITHOUT ROWID;
