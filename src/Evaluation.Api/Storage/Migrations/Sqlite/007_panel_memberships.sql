-- 007: pseudonymous waves. A response given with a panel code is linked, in this separate table only, to a panel key:
-- an HMAC of the organisation and the code under a secret kept outside the database. The same person's responses in
-- different waves share a key, so individual change can be computed, yet the key cannot be turned back into the code.
-- Withdrawing the response deletes its membership with it.
CREATE TABLE panel_memberships (
    response_id  TEXT NOT NULL PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    survey_id    TEXT NOT NULL REFERENCES surveys (id),
    panel_key    TEXT NOT NULL,
    UNIQUE (survey_id, panel_key)
) WITHOUT ROWID;

CREATE INDEX panel_memberships_by_key ON panel_memberships (panel_key);
