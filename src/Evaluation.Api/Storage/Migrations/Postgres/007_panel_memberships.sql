-- 007: pseudonymous waves: a response's panel key, in this separate table only (as Sqlite/007).
CREATE TABLE panel_memberships (
    response_id  TEXT NOT NULL PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    survey_id    TEXT NOT NULL REFERENCES surveys (id),
    panel_key    TEXT NOT NULL,
    UNIQUE (survey_id, panel_key)
);

CREATE INDEX panel_memberships_by_key ON panel_memberships (panel_key);
