-- 001: organisations, circles, staff keys, surveys, anonymous responses.
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

-- Staff keys: only the SHA-256 of the secret is stored. Scope columns are for circle leads and funders.
CREATE TABLE api_keys (
    id               TEXT NOT NULL PRIMARY KEY,
    key_hash         TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'evaluator', 'circle-lead', 'funder')),
    organisation_id  TEXT NULL REFERENCES organisations (id),
    circle_id        TEXT NULL REFERENCES circles (id),
    created_on       TEXT NOT NULL,
    revoked_on       TEXT NULL
);

-- A published instrument version is immutable: the hash of its file is recorded when a survey first uses it.
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
) WITHOUT ROWID;

CREATE TABLE survey_circles (
    survey_id  TEXT NOT NULL REFERENCES surveys (id),
    circle_id  TEXT NOT NULL REFERENCES circles (id),
    PRIMARY KEY (survey_id, circle_id)
) WITHOUT ROWID;

-- Anonymous by construction: random ids, WITHOUT ROWID (no insertion order), a date and nothing finer,
-- no token, IP or user agent, nothing that joins a response to an invitation. The receipt code is kept
-- only as a hash so its holder can later withdraw the response.
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
    -- A response can only name its own survey's organisation, one of its circles and its instrument version.
    FOREIGN KEY (survey_id, organisation_id) REFERENCES surveys (id, organisation_id),
    FOREIGN KEY (survey_id, circle_id) REFERENCES survey_circles (survey_id, circle_id),
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument_versions (instrument_id, version)
) WITHOUT ROWID;

CREATE INDEX responses_by_survey ON responses (survey_id);

-- One row per item presented and answered or marked not applicable (value NULL).
CREATE TABLE answers (
    response_id  TEXT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    item_id      TEXT NOT NULL,
    value        INTEGER NULL,
    PRIMARY KEY (response_id, item_id)
) WITHOUT ROWID;
