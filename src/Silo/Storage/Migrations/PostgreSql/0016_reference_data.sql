-- 0016 (same as SQLite migration 0014): the published versions of the reference data.
--
-- One row per version of each kind ('catalog': procedures and agencies; 'calendar': days off and make-up working
-- days), holding the JSON text exactly as published. Versions count up from 1, the file the service ships, written
-- by the first silo to start. The newest version of each kind is in force: every silo polls the newest version
-- numbers (the primary key answers that) and loads a new one when it appears. Rows are never changed or removed.

CREATE TABLE IF NOT EXISTS dvc_reference_data (
    kind         varchar(16)  NOT NULL,
    version      bigint       NOT NULL,
    content      text         NOT NULL,
    sha256       char(64)     NOT NULL,
    published_at timestamptz  NOT NULL,
    published_by varchar(64)  NOT NULL,
    PRIMARY KEY (kind, version)
);
