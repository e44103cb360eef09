-- 0015 (same as PostgreSQL migration 0017): reference data per province.
--
-- A deployment may serve several provinces, each with its own catalogue; the holiday calendar is national. A row is
-- now keyed by kind, province ('' for the calendar) and version, and versions count up from 1 per province. Before
-- this migration a deployment had one line of catalogue versions, all of one province: version 1 is the shipped file
-- (written by the first silo, in our own JSON form), and no later version could drop a unit of the one before it. So
-- every catalogue row gets version 1's province: the first group of its first unit's code (H49 for H49.22). Later
-- versions are not parsed here: a published file may hold comments or differently cased names. SQLite cannot change
-- a primary key, so the table is rebuilt.

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
            THEN (SELECT substr(code, 1, instr(code || '.', '.') - 1)
                  FROM (SELECT json_extract(seed.content, '$.agencies[0].code') AS code
                        FROM dvc_reference_data AS seed WHERE seed.kind = 'catalog' AND seed.version = 1))
            ELSE '' END,
       version, content, sha256, published_at, published_by
FROM dvc_reference_data;

DROP TABLE dvc_reference_data;
ALTER TABLE dvc_reference_data_v2 RENAME TO dvc_reference_data;
