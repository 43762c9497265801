-- 016: raw responses can be deleted on schedule (Evaluation:ResponseRetentionDays) once their wave's scores are kept.
-- The day they went is recorded; the wave's kept scores (wave_scores) stay, and its reports and dashboards use them.
ALTER TABLE surveys ADD COLUMN responses_purged_on TEXT NULL;
