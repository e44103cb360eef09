-- 0016 (PostgreSQL: 0019): the due index of the scheduled duties moves out of the read-model row into a narrow table
-- of its own, so that a change of a dossier's duty time no longer rewrites the wide read-model row's index entries
-- (the reason is PostgreSQL's, where it counts; SQLite keeps the same shape so that both run the same queries). A row
-- exists only while the dossier owes something; duty_known stays on the read-model row. SQLite runs one silo, so
-- there is no rolling update to serve (PostgreSQL keeps the old column for one version): the column goes at once,
-- which rewrites the table once, at this start.
CREATE TABLE IF NOT EXISTS dvc_dossier_duty (
    receipt_code TEXT    NOT NULL PRIMARY KEY,
    duty_at_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dvc_dossier_duty_due ON dvc_dossier_duty (duty_at_ms, receipt_code);

INSERT OR IGNORE INTO dvc_dossier_duty (receipt_code, duty_at_ms)
    SELECT receipt_code, duty_at_ms FROM dvc_dossier_index WHERE duty_at_ms IS NOT NULL;

DROP INDEX IF EXISTS dvc_dossier_index_duty;
ALTER TABLE dvc_dossier_index DROP COLUMN duty_at_ms;
