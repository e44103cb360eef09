-- 0003 the dossier read model (SQLite, the embedded default).
--
-- Same table as PostgreSQL migration 0004. One row per dossier: what lists, search, reports and the agency grains
-- need, without the history. The silos' change relays write it in batches right after the dossiers' own writes, and
-- repair it from dvc_grain_state after a crash (a row is stale when its version is below the stored grain state's
-- version, which moves in step with the dossier's version). A row never replaces a newer one.
--
-- Moments are UTC milliseconds since 1970 (the same in both databases). Lists are ordered by receipt code, which
-- never changes, so keyset pages neither repeat nor skip a row, even one that changes meanwhile. No indexed column
-- changes when a dossier moves between states at the same agency, so those updates touch no index (and on
-- PostgreSQL, with the free space fillfactor leaves in each page, stay on their page as heap-only tuples).

CREATE TABLE IF NOT EXISTS dvc_dossier_index (
    receipt_code     TEXT     NOT NULL PRIMARY KEY,
    version          INTEGER  NOT NULL,
    state            INTEGER  NOT NULL,
    channel          INTEGER  NOT NULL,
    procedure_code   TEXT     NOT NULL,
    receiving_desk   TEXT     NOT NULL,
    handling_agency  TEXT     NOT NULL,
    current_agency   TEXT     NOT NULL,
    applicant_name   TEXT     NOT NULL,
    applicant_id     TEXT     NOT NULL,
    applicant_phone  TEXT     NOT NULL,
    submitted_at_ms  INTEGER,
    received_at_ms   INTEGER,
    due_at_ms        INTEGER,
    paused_at_ms     INTEGER,
    finished_at_ms   INTEGER,
    apology_from_ms  INTEGER,
    outcome          INTEGER  NOT NULL,
    processing_ms    INTEGER  NOT NULL,
    updated_at_ms    INTEGER  NOT NULL,
    rating           INTEGER  NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS dvc_dossier_index_handling ON dvc_dossier_index (handling_agency, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_receiving ON dvc_dossier_index (receiving_desk, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_current ON dvc_dossier_index (current_agency, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_applicant_id ON dvc_dossier_index (applicant_id, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_applicant_phone ON dvc_dossier_index (applicant_phone, receipt_code);
