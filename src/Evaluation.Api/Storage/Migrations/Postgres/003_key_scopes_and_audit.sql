-- 003: key scopes, labels and the audit log of staff actions (as Sqlite/003).
ALTER TABLE api_keys ADD COLUMN label TEXT NOT NULL DEFAULT '';

CREATE TABLE api_key_circles (
    key_id     TEXT NOT NULL REFERENCES api_keys (id),
    circle_id  TEXT NOT NULL REFERENCES circles (id),
    PRIMARY KEY (key_id, circle_id)
);

CREATE TABLE audit_log (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at               TEXT NOT NULL,
    key_id           TEXT NOT NULL REFERENCES api_keys (id),
    role             TEXT NOT NULL,
    action           TEXT NOT NULL,
    object_type      TEXT NOT NULL,
    object_id        TEXT NULL,
    organisation_id  TEXT NULL REFERENCES organisations (id)
);

CREATE INDEX audit_log_by_organisation ON audit_log (organisation_id, at);
