-- 006: invitations. A token is kept only as its SHA-256; the table shares no key with responses, so no
-- response can be joined to the invitation it came through. A used single-use token records only that it
-- was used, never when. Tokens (and any saved draft) are purged a configurable number of days after the close.
CREATE TABLE invitations (
    token_hash         TEXT NOT NULL PRIMARY KEY,
    survey_id          TEXT NOT NULL REFERENCES surveys (id),
    circle_id          TEXT NOT NULL,
    stakeholder_group  TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('single-use', 'open')),
    used               INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    draft              TEXT NULL CHECK (draft IS NULL OR (json_valid(draft) AND json_type(draft) = 'object')),
    FOREIGN KEY (survey_id, circle_id) REFERENCES survey_circles (survey_id, circle_id)
) WITHOUT ROWID;

CREATE INDEX invitations_by_survey ON invitations (survey_id, circle_id, stakeholder_group);
