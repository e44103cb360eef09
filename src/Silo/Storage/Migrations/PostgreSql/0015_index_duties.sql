-- 0015 (same as SQLite migration 0013): the due index of the scheduled duties (README "Scheduled duties"). duty_at_ms
-- is the moment from which the dossier owes a duty (a supplement deadline passed, a due-date warning, a reminder or
-- flag for the desk), null when it owes none; the silos' sweep reads the rows whose moment has come, in the order of
-- the index below, which holds only rows that owe something. duty_known is 0 on rows written before this version:
-- the sweep asks those dossiers once and sets it. Only open rows are marked (closed dossiers, and those not received
-- yet, owe nothing and keep the default), so the migration rewrites few rows of a large read model.
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS duty_at_ms bigint;
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS duty_known smallint NOT NULL DEFAULT 1;
UPDATE dvc_dossier_index SET duty_known = 0
    WHERE state IN (2, 4, 5, 6, 9) OR (state = 10 AND shipment_status BETWEEN 1 AND 4);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_duty ON dvc_dossier_index (duty_at_ms, receipt_code) WHERE duty_at_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS dvc_dossier_index_duty_unknown ON dvc_dossier_index (receipt_code) WHERE duty_known = 0;
