-- 0002 probe table (PostgreSQL): rows written by the measurement endpoint ProbeService/Upsert, which gives the
-- load test its storage ceiling: one durable single-statement upsert of the same size as a dossier's row.
CREATE TABLE IF NOT EXISTS dvc_probe (
    probe_key   varchar(200) NOT NULL PRIMARY KEY,
    version     integer      NOT NULL,
    payload     bytea        NOT NULL,
    modified_at timestamptz  NOT NULL
);
