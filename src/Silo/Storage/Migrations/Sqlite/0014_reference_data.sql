-- 0014 (same as PostgreSQL migration 0016): the published versions of the reference data.
--
-- One row per version of each kind ('catalog': procedures and agencies; 'calendar': days off and make-up working
-- days), holding the JSON text exactly as published. Versions count up from 1, the file the service ships, written
-- at first start. The newest version of each kind is in force; rows are never changed or removed, so every due
-- date can be traced to the calendar it was computed with.

CREATE TABLE IF NOT EXISTS dvc_reference_data (
    kind         TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    content      TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    published_by TEXT    NOT NULL,
    PRIMARY KEY (kind, version)
);
