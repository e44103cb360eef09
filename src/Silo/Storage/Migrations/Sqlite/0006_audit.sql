-- 0006 the audit trail (SQLite, the embedded default).
--
-- Decree 13/2023: a person may learn who processed their data. One row in dvc_audit per audited call (every change,
-- full-record read, list, search, change-feed read and refusal): when (at_us, UTC microseconds since 1970), who
-- (role, token subject, unit), what (method and the target it named, written only when well formed) and how it ended
-- (OK or the gRPC status code name, and the stable ErrorInfo reason); for full-record reads the basis.
-- dvc_audit_dossier links each row to the dossiers it concerned: the target's dossier, and every dossier a list,
-- search or feed read returned. The silo writes both in batches (AuditWriter); ids are made by the silo, so a batch
-- retried after a lost acknowledgement is stored once (INSERT OR IGNORE).
--
-- Append-only: triggers refuse every UPDATE. Retention (Audit:Retention) deletes rows older than it, hourly; that is
-- the only DELETE.

CREATE TABLE IF NOT EXISTS dvc_audit (
    id      TEXT    NOT NULL PRIMARY KEY,
    at_us   INTEGER NOT NULL,
    role    TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    unit    TEXT    NOT NULL,
    method  TEXT    NOT NULL,
    target  TEXT    NOT NULL,
    outcome TEXT    NOT NULL,
    reason  TEXT    NOT NULL,
    basis   TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS dvc_audit_at ON dvc_audit (at_us);

CREATE TABLE IF NOT EXISTS dvc_audit_dossier (
    receipt_code TEXT    NOT NULL,
    at_us        INTEGER NOT NULL,
    audit_id     TEXT    NOT NULL,
    PRIMARY KEY (receipt_code, at_us, audit_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS dvc_audit_dossier_at ON dvc_audit_dossier (at_us);

CREATE TRIGGER IF NOT EXISTS dvc_audit_append_only BEFORE UPDATE ON dvc_audit
BEGIN
    SELECT RAISE(ABORT, 'The audit trail is append-only: UPDATE on dvc_audit refused');
END;

CREATE TRIGGER IF NOT EXISTS dvc_audit_dossier_append_only BEFORE UPDATE ON dvc_audit_dossier
BEGIN
    SELECT RAISE(ABORT, 'The audit trail is append-only: UPDATE on dvc_audit_dossier refused');
END;
