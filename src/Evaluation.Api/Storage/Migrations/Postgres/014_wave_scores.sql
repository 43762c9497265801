-- 014: a closed wave's scores, kept. A closed wave's responses change only when one is withdrawn, which moves the
-- wave's revision in the same transaction: kept scores count only while their revision is the wave's. Reports and
-- dashboards then score each wave once, not on every reading.
ALTER TABLE surveys ADD COLUMN responses_revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE wave_scores (
    survey_id          TEXT PRIMARY KEY REFERENCES surveys (id),
    revision           INTEGER NOT NULL,
    minimum_cell_size  INTEGER NOT NULL,
    responses          INTEGER NOT NULL,
    snapshot_sha256    TEXT NOT NULL,
    scores             TEXT NOT NULL
);
