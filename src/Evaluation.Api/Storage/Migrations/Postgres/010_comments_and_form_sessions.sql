-- 010: the respondent form: a comment per domain on a response, and form sessions (as Sqlite/010).
ALTER TABLE responses ADD COLUMN comments TEXT NULL CHECK (comments IS NULL OR jsonb_typeof(comments::jsonb) = 'object');

CREATE TABLE form_sessions (
    id_hash          TEXT NOT NULL PRIMARY KEY,
    invitation_hash  TEXT NOT NULL REFERENCES invitations (token_hash) ON DELETE CASCADE,
    survey_id        TEXT NOT NULL REFERENCES surveys (id),
    resume_hash      TEXT NULL UNIQUE,
    state            TEXT NOT NULL CHECK (jsonb_typeof(state::jsonb) = 'object'),
    updated_on       TEXT NOT NULL
);

CREATE INDEX form_sessions_by_invitation ON form_sessions (invitation_hash);
CREATE INDEX form_sessions_by_survey ON form_sessions (survey_id);
