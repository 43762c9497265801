-- 011: released reports and each organisation's release schedule. A release is what funders read: rendered once from
-- a closed survey's data, stored, never changed. Its id is the SHA-256 of its HTML, and the same data gives the same
-- HTML, so releasing again stores nothing new. The snapshot is the SHA-256 of the responses it was made from.
CREATE TABLE report_releases (
    id               TEXT NOT NULL PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    survey_id        TEXT NOT NULL REFERENCES surveys (id),
    language         TEXT NOT NULL,
    snapshot_sha256  TEXT NOT NULL,
    responses        INTEGER NOT NULL,
    released_on      TEXT NOT NULL,
    html             TEXT NOT NULL,
    pdf              BLOB NOT NULL
);

CREATE INDEX report_releases_by_organisation ON report_releases (organisation_id, released_on);

-- When reports are released without anyone asking: 'at-close' (each wave once it has closed), 'quarterly' (on the
-- first day of a quarter, the waves that closed before it) or 'none'; languages space-separated.
CREATE TABLE report_schedules (
    organisation_id  TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id),
    cadence          TEXT NOT NULL CHECK (cadence IN ('at-close', 'quarterly', 'none')),
    languages        TEXT NOT NULL
);
