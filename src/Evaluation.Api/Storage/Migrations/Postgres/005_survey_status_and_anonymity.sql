-- 005: a survey's status and anonymity mode (as Sqlite/005).
ALTER TABLE surveys ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed'));
ALTER TABLE surveys ADD COLUMN anonymity TEXT NOT NULL DEFAULT 'anonymous' CHECK (anonymity IN ('anonymous', 'pseudonymous'));
