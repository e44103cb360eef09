-- 0006 the read model keeps whether a dossier's fees were asked for and paid online (the online payment rate).
-- Rows written before stay at 0 (no fee) until their dossier next changes or a recount rewrites them.
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS payment smallint NOT NULL DEFAULT 0;
