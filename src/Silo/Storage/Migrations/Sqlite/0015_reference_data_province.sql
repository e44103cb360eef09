-- 0015 (same as PostgreSQL migration 0017): reference data per province.
--
-- A deployment may serve several provinces, each with its own catalogue; the holiday calendar is national. A row is
-- now keyed by kind, province ('' for the calendar) and version, and versions count up from 1 per province. The rows
-- written before this migration were of one province: a catalogue's province is the first group of its units' codes
-- (H49 for H49.22), read from the stored JSON itself. SQLite cannot change a primary key, so the table is rebuilt.

CREATE TABLE dvc_reference_data_v2 (
    kind         TEXT    NOT NULL,
    province     TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    content      TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    published_by TEXT    NOT NULL,
    PRIMARY KEY (kind, province, version)
);

INSERT INTO dvc_reference_data_v2 (kind, province, version, content, sha256, published_at, published_by)
SELECT kind,
       CASE WHEN kind = 'catalog'
            THEN substr(json_extract(content, '$.agencies[0].code'), 1,
                        instr(json_extract(content, '$.agencies[0].code') || '.', '.') - 1)
            ELSE '' END,
       version, content, sha256, published_at, published_by
FROM dvc_reference_data;

DROP TABLE dvc_reference_data;
ALTER TABLE dvc_reference_data_v2 RENAME TO dvc_reference_data;
