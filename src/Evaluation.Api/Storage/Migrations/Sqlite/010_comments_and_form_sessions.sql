-- 010: the respondent form. A response may carry one comment per domain ({"domain-id": "text"}): free text, which
-- evaluators see in exports and nobody else. A form session holds one respondent's answers in progress between
-- pages, keyed by the SHA-256 of the secret in their browser's cookie; it belongs to the invitation it was opened
-- with (and goes when the invitation is purged), may be resumed with a code kept only as a hash, and is deleted when
-- the answers are sent or the survey closes. Only the day it last changed is kept.
ALTER TABLE responses ADD COLUMN comments TEXT NULL CHECK (comments IS NULL OR (json_valid(comments) AND json_type(comments) = 'object'));

CREATE TABLE form_sessions (
    id_hash          TEXT NOT NULL PRIMARY KEY,
    invitation_hash  TEXT NOT NULL REFERENCES invitations (token_hash) ON DELETE CASCADE,
    survey_id        TEXT NOT NULL REFERENCES surveys (id),
    resume_hash      TEXT NULL UNIQUE,
    state            TEXT NOT NULL CHECK (json_valid(state) AND json_type(state) = 'object'),
    updated_on       TEXT NOT NULL
);

CREATE INDEX form_sessions_by_invitation ON form_sessions (invitation_hash);
CREATE INDEX form_sessions_by_survey ON form_sessions (survey_id);
