-- 0008 secrets the silos of one deployment share (PostgreSQL).
--
-- One row per named secret, made by the first silo that needs it (insert if absent, then read), so every silo of a
-- cluster uses the same one without any setting: today the key that seals page tokens, so that a token issued by one
-- silo opens on another. Whoever can read this table can read every dossier anyway; it guards nothing the database
-- does not already hold.

CREATE TABLE IF NOT EXISTS dvc_service_secret (
    name       varchar(64) NOT NULL PRIMARY KEY,
    value      bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
