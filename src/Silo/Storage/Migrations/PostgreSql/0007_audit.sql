-- 0007 the audit trail (PostgreSQL).
--
-- Decree 13/2023: a person may learn who processed their data. One row in dvc_audit per audited call (every change,
-- full-record read, list, search, change-feed read and refusal): when (UTC), who (role, token subject, unit), what
-- (method and the target it named, written only when well formed) and how it ended (OK or the gRPC status code name,
-- and the stable ErrorInfo reason); for full-record reads the basis. dvc_audit_dossier links each row to the dossiers
-- it concerned: the target's dossier, and every dossier a list, search or feed read returned. The silos write both
-- in batches (AuditWriter); ids are made by the writing silo, so a batch retried after a lost acknowledgement is
-- stored once (ON CONFLICT DO NOTHING).
--
-- Both tables are partitioned by month on the time column. Each silo's maintenance (AuditPartitions) creates this
-- month's and next month's partitions (dvc_audit_pYYYYMM, dvc_audit_dossier_pYYYYMM) ahead of time, one silo at a
-- time under an advisory lock, and drops the partitions wholly older than Audit:Retention. The DEFAULT partitions are
-- a safety net for rows whose month has no partition yet (a silo's clock far ahead, maintenance failing for weeks);
-- the maintenance moves such rows into the month's partition when it creates it.
--
-- Append-only: a trigger refuses every UPDATE and DELETE. The one exception is the maintenance clearing the DEFAULT
-- partitions (moving rows into a new partition, or past retention), which it announces with the transaction-local
-- setting dvc.audit_maintenance. Retention drops whole partitions, which no row trigger sees. The trigger guards
-- against a bug or a slip of the hand; it does not stop the database owner (who can drop it): for that, run the
-- silos as a role that owns nothing and may only INSERT into and SELECT from these tables.

CREATE TABLE IF NOT EXISTS dvc_audit (
    id      uuid         NOT NULL,
    at      timestamptz  NOT NULL,
    role    varchar(32)  NOT NULL,
    subject varchar(64)  NOT NULL,
    unit    varchar(64)  NOT NULL,
    method  varchar(128) NOT NULL,
    target  varchar(80)  NOT NULL,
    outcome varchar(32)  NOT NULL,
    reason  varchar(64)  NOT NULL,
    basis   varchar(32)  NOT NULL,
    PRIMARY KEY (at, id)
) PARTITION BY RANGE (at);

CREATE TABLE IF NOT EXISTS dvc_audit_default PARTITION OF dvc_audit DEFAULT;

CREATE TABLE IF NOT EXISTS dvc_audit_dossier (
    receipt_code varchar(64) NOT NULL,
    at           timestamptz NOT NULL,
    audit_id     uuid        NOT NULL,
    PRIMARY KEY (receipt_code, at, audit_id)
) PARTITION BY RANGE (at);

CREATE TABLE IF NOT EXISTS dvc_audit_dossier_default PARTITION OF dvc_audit_dossier DEFAULT;

CREATE OR REPLACE FUNCTION dvc_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME IN ('dvc_audit_default', 'dvc_audit_dossier_default')
       AND current_setting('dvc.audit_maintenance', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$fn$;

-- AFTER row triggers on a partitioned table are cloned onto every partition, present and future (PostgreSQL 11+).
DROP TRIGGER IF EXISTS dvc_audit_append_only ON dvc_audit;
CREATE TRIGGER dvc_audit_append_only AFTER UPDATE OR DELETE ON dvc_audit
FOR EACH ROW EXECUTE FUNCTION dvc_audit_append_only();

DROP TRIGGER IF EXISTS dvc_audit_dossier_append_only ON dvc_audit_dossier;
CREATE TRIGGER dvc_audit_dossier_append_only AFTER UPDATE OR DELETE ON dvc_audit_dossier
FOR EACH ROW EXECUTE FUNCTION dvc_audit_append_only();
