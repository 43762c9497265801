-- 002: each response's answers become one JSON object in its own row ({"item-id": value, "other": null},
-- null = not applicable), so a response is written, read and withdrawn as one row, and a wave is read in
-- one range scan: the key is now (survey_id, id), still random within a survey and so free of insertion order.
CREATE TABLE responses_packed (
    survey_id           TEXT NOT NULL,
    id                  TEXT NOT NULL UNIQUE,
    instrument_id       TEXT NOT NULL,
    instrument_version  TEXT NOT NULL,
    organisation_id     TEXT NOT NULL,
    circle_id           TEXT NOT NULL,
    stakeholder_group   TEXT NOT NULL,
    completion_mode     TEXT NOT NULL CHECK (completion_mode IN ('self', 'assisted', 'proxy', 'interviewer', 'paper')),
    submitted_on        TEXT NOT NULL,
    receipt_hash        TEXT NOT NULL UNIQUE,
    answers             TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    PRIMARY KEY (survey_id, id),
    -- A response can only name its own survey's organisation, one of its circles and its instrument version.
    FOREIGN KEY (survey_id, organisation_id) REFERENCES surveys (id, organisation_id),
    FOREIGN KEY (survey_id, circle_id) REFERENCES survey_circles (survey_id, circle_id),
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument_versions (instrument_id, version)
) WITHOUT ROWID;

INSERT INTO responses_packed (survey_id, id, instrument_id, instrument_version, organisation_id, circle_id,
                              stakeholder_group, completion_mode, submitted_on, receipt_hash, answers)
SELECT r.survey_id, r.id, r.instrument_id, r.instrument_version, r.organisation_id, r.circle_id,
       r.stakeholder_group, r.completion_mode, r.submitted_on, r.receipt_hash,
       COALESCE((SELECT json_group_object(a.item_id, a.value) FROM answers a WHERE a.response_id = r.id), '{}')
FROM responses r;

DROP TABLE answers;
DROP TABLE responses;
ALTER TABLE responses_packed RENAME TO responses;
