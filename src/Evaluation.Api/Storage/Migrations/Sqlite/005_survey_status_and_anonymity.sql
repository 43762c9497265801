-- 005: a survey's status (a draft can still change; an open wave takes responses between its dates, and its
-- instrument cannot change; a closed wave takes nothing) and its anonymity mode. Existing surveys were taking
-- responses, so they are open.
ALTER TABLE surveys ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed'));
ALTER TABLE surveys ADD COLUMN anonymity TEXT NOT NULL DEFAULT 'anonymous' CHECK (anonymity IN ('anonymous', 'pseudonymous'));
