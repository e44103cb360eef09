-- 0004 the dossier read model (PostgreSQL).
--
-- One row per dossier: what lists, search, reports and the agency grains need, without the history. The silos'
-- change relays write it in batches right after the dossiers' own writes, and repair it from dvc_grain_state after a
-- crash (a row is stale when its version is below the stored grain state's version, which moves in step with the
-- dossier's version). A row never replaces a newer one.
--
-- Moments are UTC milliseconds since 1970 (the same in both databases). Lists are ordered by receipt code, which
-- never changes, so keyset pages neither repeat nor skip a row, even one that changes meanwhile. No indexed column
-- changes when a dossier moves between states at the same agency, so those updates touch no index (and on
-- PostgreSQL, with the free space fillfactor leaves in each page, stay on their page as heap-only tuples).

CREATE TABLE IF NOT EXISTS dvc_dossier_index (
    receipt_code     text     NOT NULL PRIMARY KEY,
    version          bigint   NOT NULL,
    state            smallint NOT NULL,
    channel          smallint NOT NULL,
    procedure_code   text     NOT NULL,
    receiving_desk   text     NOT NULL,
    handling_agency  text     NOT NULL,
    current_agency   text     NOT NULL,
    applicant_name   text     NOT NULL,
    applicant_id     text     NOT NULL,
    applicant_phone  text     NOT NULL,
    submitted_at_ms  bigint,
    received_at_ms   bigint,
    due_at_ms        bigint,
    paused_at_ms     bigint,
    finished_at_ms   bigint,
    apology_from_ms  bigint,
    outcome          smallint NOT NULL,
    processing_ms    bigint   NOT NULL,
    updated_at_ms    bigint   NOT NULL,
    rating           smallint NOT NULL DEFAULT 0
) WITH (fillfactor = 50);

CREATE INDEX IF NOT EXISTS dvc_dossier_index_handling ON dvc_dossier_index (handling_agency, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_receiving ON dvc_dossier_index (receiving_desk, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_current ON dvc_dossier_index (current_agency, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_applicant_id ON dvc_dossier_index (applicant_id, receipt_code);
CREATE INDEX IF NOT EXISTS dvc_dossier_index_applicant_phone ON dvc_dossier_index (applicant_phone, receipt_code);
