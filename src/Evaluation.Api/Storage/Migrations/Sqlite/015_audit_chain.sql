-- 015: the audit log becomes a hash chain. Each entry written from now on stores the SHA-256 of its own fields and
-- of the entry before it (AuditLog.Link), so an entry changed, removed or moved breaks every hash after it.
-- Entries written before this migration stay as they were, outside the chain, and are counted as such.
ALTER TABLE audit_log ADD COLUMN hash TEXT NULL;
