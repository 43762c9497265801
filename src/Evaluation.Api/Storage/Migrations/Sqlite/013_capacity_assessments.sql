-- 013: co-production capacity assessments: a circle rates a partner organisation on each capacity of the assessment
-- instrument (readiness levels), with evidence notes. Ratings appear in reports (radar per partner, change since the
-- previous assessment); the notes are free text and stay with evaluators.
CREATE TABLE capacity_assessments (
    id                  TEXT NOT NULL PRIMARY KEY,
    organisation_id     TEXT NOT NULL REFERENCES organisations (id),
    circle_id           TEXT NOT NULL REFERENCES circles (id),
    partner             TEXT NOT NULL,
    instrument_id       TEXT NOT NULL,
    instrument_version  TEXT NOT NULL,
    assessed_on         TEXT NOT NULL,
    ratings             TEXT NOT NULL,
    evidence            TEXT NOT NULL
);

CREATE INDEX capacity_assessments_by_organisation ON capacity_assessments (organisation_id, partner, assessed_on);
