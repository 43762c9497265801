-- 009: teams, optional groups of an organisation's circles (a locality, a service) that can be surveyed together.
-- A circle belongs to at most one team; the service keeps both in the same organisation.
CREATE TABLE teams (
    id               TEXT NOT NULL PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    created_on       TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

ALTER TABLE circles ADD COLUMN team_id TEXT NULL REFERENCES teams (id);
