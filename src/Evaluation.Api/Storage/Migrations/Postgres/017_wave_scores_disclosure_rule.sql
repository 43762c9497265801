-- 017: which disclosure rule kept scores were decided under. Rule 2 (issue 17) decides once per wave over every linked
-- figure; scores kept under rule 1 (each breakdown on its own) are scored again, unless the wave's raw responses were
-- deleted on schedule and the kept scores are all there is.
ALTER TABLE wave_scores ADD COLUMN disclosure_rule INTEGER NOT NULL DEFAULT 1;
