-- 001: organisations, circles, staff keys, surveys, anonymous responses (as Sqlite/001; dates are ISO text in both).
CREATE TABLE organisations (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    created_on  TEXT NOT NULL
);

CREATE TABLE circles (
    id                TEXT NOT NULL PRIMARY KEY,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    parent_circle_id  TEXT NULL REFERENCES circles (id),
    name              TEXT NOT NULL,
    created_on        TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE api_keys (
    id               TEXT NOT NULL PRIMARY KEY,
    key_hash         TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'evaluator', 'circle-lead', 'funder')),
    organisation_id  TEXT NULL REFERENCES organisations (id),
    circle_id        TEXT NULL REFERENCES circles (id),
    created_on       TEXT NOT NULL,
    revoked_on       TEXT NULL
);

CREATE TABLE instrument_versions (
    instrument_id   TEXT NOT NULL,
    version         TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    published_on    TEXT NOT NULL,
    PRIMARY KEY (instrument_id, version)
);

CREATE TABLE surveys (
    id                  TEXT NOT NULL PRIMARY KEY,
    organisation_id     TEXT NOT NULL REFERENCES organisations (id),
    instrument_id       TEXT NOT NULL,
    instrument_version  TEXT NOT NULL,
    title               TEXT NOT NULL,
    opens_on            TEXT NOT NULL,
    closes_on           TEXT NOT NULL,
    created_on          TEXT NOT NULL,
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument_versions (instrument_id, version),
    UNIQUE (id, organisation_id)
);

CREATE TABLE survey_groups (
    survey_id          TEXT NOT NULL REFERENCES surveys (id),
    stakeholder_group  TEXT NOT NULL,
    position           INTEGER NOT NULL,
    PRIMARY KEY (survey_id, stakeholder_group)
);

CREATE TABLE survey_circles (
    survey_id  TEXT NOT NULL REFERENCES surveys (id),
    circle_id  TEXT NOT NULL REFERENCES circles (id),
    PRIMARY KEY (survey_id, circle_id)
);

-- Anonymous by construction: random ids, a date and nothing finer, no token, IP or user agent, nothing that joins
-- a response to an invitation. The receipt code is kept only as a hash so its holder can later withdraw the response.
CREATE TABLE responses (
    id                  TEXT NOT NULL PRIMARY KEY,
    survey_id           TEXT NOT NULL,
    instrument_id       TEXT NOT NULL,
    instrument_version  TEXT NOT NULL,
    organisation_id     TEXT NOT NULL,
    circle_id           TEXT NOT NULL,
    stakeholder_group   TEXT NOT NULL,
    completion_mode     TEXT NOT NULL CHECK (completion_mode IN ('self', 'assisted', 'proxy', 'interviewer', 'paper')),
    submitted_on        TEXT NOT NULL,
    receipt_hash        TEXT NOT NULL UNIQUE,
    FOREIGN KEY (survey_id, organisation_id) REFERENCES surveys (id, organisation_id),
    FOREIGN KEY (survey_id, circle_id) REFERENCES survey_circles (survey_id, circle_id),
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument_versions (instrument_id, version)
);

CREATE INDEX responses_by_survey ON responses (survey_id);

CREATE TABLE answers (
    response_id  TEXT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    item_id      TEXT NOT NULL,
    value        INTEGER NULL,
    PRIMARY KEY (response_id, item_id)
);
