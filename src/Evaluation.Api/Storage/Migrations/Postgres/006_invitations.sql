-- 006: invitations, kept as token hashes, sharing no key with responses; a used token records only that it was
-- used, never when (as Sqlite/006).
CREATE TABLE invitations (
    token_hash         TEXT NOT NULL PRIMARY KEY,
    survey_id          TEXT NOT NULL REFERENCES surveys (id),
    circle_id          TEXT NOT NULL,
    stakeholder_group  TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('single-use', 'open')),
    used               INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    draft              TEXT NULL CHECK (draft IS NULL OR jsonb_typeof(draft::jsonb) = 'object'),
    FOREIGN KEY (survey_id, circle_id) REFERENCES survey_circles (survey_id, circle_id)
);

CREATE INDEX invitations_by_survey ON invitations (survey_id, circle_id, stakeholder_group);
