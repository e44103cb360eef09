-- 0007 secrets the silo keeps in its database (SQLite, the embedded default).
--
-- One row per named secret, made on first need (insert if absent, then read): today the key that seals page tokens.
-- Kept in the database so that it survives a restart with the data it belongs to.

CREATE TABLE IF NOT EXISTS dvc_service_secret (
    name       TEXT NOT NULL PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
