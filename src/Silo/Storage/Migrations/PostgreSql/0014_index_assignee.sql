-- 0014 (same as SQLite migration 0012): the officer a dossier is assigned to at its current agency, for the
-- agency lists filtered by assignee. Rows written before stay unassigned until their dossier next changes.
ALTER TABLE dvc_dossier_index ADD COLUMN assignee_id text NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS dvc_dossier_index_assignee ON dvc_dossier_index (current_agency, assignee_id, receipt_code) WHERE assignee_id <> '';
