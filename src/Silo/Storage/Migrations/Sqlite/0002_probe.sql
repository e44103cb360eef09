-- 0002 probe table (SQLite): see the PostgreSQL script of the same number.
CREATE TABLE IF NOT EXISTS dvc_probe (
    probe_key   TEXT    NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at TEXT    NOT NULL
) WITHOUT ROWID;
