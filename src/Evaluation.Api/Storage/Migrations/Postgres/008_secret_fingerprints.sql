-- 008: a fingerprint of the panel secret (an HMAC of a fixed label under it: it reveals nothing of the secret). An
-- instance started with another secret file (a second server, a restore without the secret) refuses to start
-- instead of making panel keys that match no earlier wave.
CREATE TABLE secret_fingerprints (
    name         TEXT NOT NULL PRIMARY KEY,
    fingerprint  TEXT NOT NULL
);
