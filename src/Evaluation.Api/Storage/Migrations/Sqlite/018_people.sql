-- 018: people who sign in (evaluators, circle leads, funders, admins), for ASP.NET Core Identity over our own store.
-- A person's password is an Identity hash (PBKDF2), never the password; recovery codes are kept as SHA-256 hashes; the
-- authenticator key is the TOTP secret the person's app shares. What a person may do (memberships) comes with the
-- staff invitations that grant it.
CREATE TABLE people (
    id                    TEXT NOT NULL PRIMARY KEY,
    email                 TEXT NOT NULL,
    normalized_email      TEXT NOT NULL UNIQUE,
    email_confirmed       INTEGER NOT NULL DEFAULT 0,
    display_name          TEXT NOT NULL,
    language              TEXT NOT NULL,
    password_hash         TEXT NULL,
    security_stamp        TEXT NOT NULL,
    concurrency_stamp     TEXT NOT NULL,
    lockout_enabled       INTEGER NOT NULL DEFAULT 1,
    lockout_end           TEXT NULL,
    access_failed_count   INTEGER NOT NULL DEFAULT 0,
    two_factor_enabled    INTEGER NOT NULL DEFAULT 0,
    authenticator_key     TEXT NULL,
    created_on            TEXT NOT NULL
);

CREATE TABLE person_recovery_codes (
    person_id  TEXT NOT NULL REFERENCES people (id),
    code_hash  TEXT NOT NULL,
    PRIMARY KEY (person_id, code_hash)
);
