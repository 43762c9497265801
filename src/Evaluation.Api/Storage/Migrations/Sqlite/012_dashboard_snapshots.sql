-- 012: circle dashboards, frozen. A circle's dashboard for a closed wave is rendered the first time it is asked for
-- and kept: a withdrawal afterwards cannot be worked out by comparing two readings.
CREATE TABLE dashboard_snapshots (
    survey_id  TEXT NOT NULL REFERENCES surveys (id),
    circle_id  TEXT NOT NULL REFERENCES circles (id),
    language   TEXT NOT NULL,
    html       TEXT NOT NULL,
    made_on    TEXT NOT NULL,
    PRIMARY KEY (survey_id, circle_id, language)
);
