-- 002: each response's answers become one JSON object in its own row ({"item-id": value, "other": null},
-- null = not applicable), so a response is written, read and withdrawn as one row.
-- A row of about 1 KB overflows a WITHOUT ROWID page (a 4 KB page each), so responses become a rowid table
-- whose rowid the service draws at random (never in submission order); a wave is read through its index.
CREATE TABLE responses_packed (
    id                  TEXT NOT NULL UNIQUE,
    survey_id           TEXT NOT NULL,
    instrument_id       TEXT NOT NULL,
    instrument_version  TEXT NOT NULL,
    organisation_id     TEXT NOT NULL,
    circle_id           TEXT NOT NULL,
    stakeholder_group   TEXT NOT NULL,
    completion_mode     TEXT NOT NULL CHECK (completion_mode IN ('self', 'assisted', 'proxy', 'interviewer', 'paper')),
    submitted_on        TEXT NOT NULL,
    receipt_hash        TEXT NOT NULL UNIQUE,
    answers             TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    -- A response can only name its own survey's organisation, one of its circles and its instrument version.
    FOREIGN KEY (survey_id, organisation_id) REFERENCES surveys (id, organisation_id),
    FOREIGN KEY (survey_id, circle_id) REFERENCES survey_circles (survey_id, circle_id),
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument_versions (instrument_id, version)
);

INSERT INTO responses_packed (rowid, id, survey_id, instrument_id, instrument_version, organisation_id, circle_id,
                              stakeholder_group, completion_mode, submitted_on, receipt_hash, answers)
SELECT random() & 9223372036854775807, r.id, r.survey_id, r.instrument_id, r.instrument_version, r.organisation_id, r.circle_id,
       r.stakeholder_group, r.completion_mode, r.submitted_on, r.receipt_hash,
       COALESCE((SELECT json_group_object(a.item_id, a.value) FROM answers a WHERE a.response_id = r.id), '{}')
FROM responses r;

DROP TABLE answers;
DROP TABLE responses;
ALTER TABLE responses_packed RENAME TO responses;
CREATE INDEX responses_by_survey ON responses (survey_id);
