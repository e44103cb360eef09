-- 0010 the read model keeps each dossier's latest shipment by post (same as SQLite migration 0009), for the
-- carriers' lists (PostalService.ListShipments). A dossier has at most one open shipment, so one set of columns does.
-- Rows written before stay without a shipment until their dossier next changes (a report from the post changes it).
-- The index holds only open shipments (statuses 1-4), so delivered and returned ones cost it nothing; a shipment's
-- status change updates it (a few times per shipment), other changes stay heap-only as before.
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS shipment_number integer NOT NULL DEFAULT 0;
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS shipment_carrier text NOT NULL DEFAULT '';
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS shipment_status smallint NOT NULL DEFAULT 0;
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS shipment_handed_at_ms bigint;
ALTER TABLE dvc_dossier_index ADD COLUMN IF NOT EXISTS shipment_status_at_ms bigint;
CREATE INDEX IF NOT EXISTS dvc_dossier_index_carrier ON dvc_dossier_index (shipment_carrier, receipt_code)
    WHERE shipment_status BETWEEN 1 AND 4;
