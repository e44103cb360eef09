-- 0019 (SQLite: 0016): the due index of the scheduled duties moves out of the read-model row into a narrow table of
-- its own. With the time in dvc_dossier_index and an index on it, every change that moved a dossier's duty time (most
-- status changes do: a received dossier starts owing a due-date warning) changed an indexed column, so PostgreSQL
-- could not update the row in place (a heap-only tuple): it wrote a new row version and an entry in every one of the
-- table's indexes, about 1.7 KB of WAL per change in the load test's statement profile. Now the read-model row keeps
-- only columns whose indexes a status change does not touch, and a duty change writes one narrow row with two small
-- index entries. A row exists only while the dossier owes something; duty_known stays on the read-model row.
--
-- A rolling update runs silos of both versions side by side, so this migration only adds: the old column stays, loses
-- its index, and a trigger copies what silos of the previous version still write there into the new table. This
-- version never writes the column. A later migration drops the trigger and the column.
--
-- The trigger's creation locks out writes to the read model until the migration commits, so the copy below misses
-- nothing. It waits at most 10 s for that lock (behind a long report, say), and reads and writes queue behind it
-- meanwhile; past that the migration fails, the silo says so at start, and its next start tries again.
SET LOCAL lock_timeout = '10s';

CREATE TABLE IF NOT EXISTS dvc_dossier_duty (
    receipt_code text   NOT NULL PRIMARY KEY,
    duty_at_ms   bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS dvc_dossier_duty_due ON dvc_dossier_duty (duty_at_ms, receipt_code);

-- Fires only for the previous version's writes: this version neither inserts a time into the column nor names it in
-- an update.
CREATE OR REPLACE FUNCTION dvc_dossier_duty_from_column() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.duty_at_ms IS NULL THEN
        DELETE FROM dvc_dossier_duty WHERE receipt_code = NEW.receipt_code;
    ELSE
        INSERT INTO dvc_dossier_duty (receipt_code, duty_at_ms) VALUES (NEW.receipt_code, NEW.duty_at_ms)
            ON CONFLICT (receipt_code) DO UPDATE SET duty_at_ms = EXCLUDED.duty_at_ms;
    END IF;
    RETURN NULL;
END
$fn$;
DROP TRIGGER IF EXISTS dvc_dossier_duty_insert ON dvc_dossier_index;
CREATE TRIGGER dvc_dossier_duty_insert AFTER INSERT ON dvc_dossier_index
    FOR EACH ROW WHEN (NEW.duty_at_ms IS NOT NULL) EXECUTE FUNCTION dvc_dossier_duty_from_column();
DROP TRIGGER IF EXISTS dvc_dossier_duty_update ON dvc_dossier_index;
CREATE TRIGGER dvc_dossier_duty_update AFTER UPDATE OF duty_at_ms ON dvc_dossier_index
    FOR EACH ROW EXECUTE FUNCTION dvc_dossier_duty_from_column();

DROP INDEX IF EXISTS dvc_dossier_index_duty;

INSERT INTO dvc_dossier_duty (receipt_code, duty_at_ms)
    SELECT receipt_code, duty_at_ms FROM dvc_dossier_index WHERE duty_at_ms IS NOT NULL
    ON CONFLICT (receipt_code) DO NOTHING;
