-- 019: what a person may do, one membership a row: admin (no organisation), evaluator or funder of an organisation,
-- circle lead of named circles of one organisation. A membership is ended, never deleted, so the audit trail can say
-- what someone could do on a given day.
CREATE TABLE memberships (
    id               TEXT NOT NULL PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES people (id),
    role             TEXT NOT NULL,
    organisation_id  TEXT NULL REFERENCES organisations (id),
    started_on       TEXT NOT NULL,
    ended_on         TEXT NULL
);

CREATE INDEX memberships_by_person ON memberships (person_id);
CREATE INDEX memberships_by_organisation ON memberships (organisation_id);

CREATE TABLE membership_circles (
    membership_id  TEXT NOT NULL REFERENCES memberships (id),
    circle_id      TEXT NOT NULL REFERENCES circles (id),
    PRIMARY KEY (membership_id, circle_id)
);
