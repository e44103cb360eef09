-- 0019 (same as SQLite migration 0016): the due index of the scheduled duties moves out of the read-model row into a
-- narrow table of its own. With the time in dvc_dossier_index and an index on it, every change that moved a dossier's
-- duty time (most status changes do: a received dossier starts owing a due-date warning) changed an indexed column,
-- so PostgreSQL could not update the row in place (a heap-only tuple): it wrote a new row version and an entry in every
-- one of the table's indexes, about 1.7 KB of WAL per change in the load test's statement profile. Now the read-model
-- row keeps only columns whose indexes a status change does not touch, and a duty change writes one narrow row with
-- two small index entries. A row exists only while the dossier owes something; duty_known stays on the read-model row.
-- The ALTER takes a lock that waits behind a running vacuum of the table: past 60 s the migration fails, and the silo
-- says so at start.
SET LOCAL lock_timeout = '60s';

CREATE TABLE IF NOT EXISTS dvc_dossier_duty (
    receipt_code text   NOT NULL PRIMARY KEY,
    duty_at_ms   bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS dvc_dossier_duty_due ON dvc_dossier_duty (duty_at_ms, receipt_code);

INSERT INTO dvc_dossier_duty (receipt_code, duty_at_ms)
    SELECT receipt_code, duty_at_ms FROM dvc_dossier_index WHERE duty_at_ms IS NOT NULL
    ON CONFLICT (receipt_code) DO NOTHING;

-- Drops its partial index with it; dropping a column rewrites nothing.
ALTER TABLE dvc_dossier_index DROP COLUMN IF EXISTS duty_at_ms;
