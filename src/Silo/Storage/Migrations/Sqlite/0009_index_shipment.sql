-- 0009 the read model keeps each dossier's latest shipment by post (same as PostgreSQL migration 0010), for the
-- carriers' lists (PostalService.ListShipments). A dossier has at most one open shipment, so one set of columns does.
-- Rows written before stay without a shipment until their dossier next changes (a report from the post changes it).
-- The index holds only open shipments (statuses 1-4), so delivered and returned ones cost it nothing.
ALTER TABLE dvc_dossier_index ADD COLUMN shipment_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dvc_dossier_index ADD COLUMN shipment_carrier TEXT NOT NULL DEFAULT '';
ALTER TABLE dvc_dossier_index ADD COLUMN shipment_status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dvc_dossier_index ADD COLUMN shipment_handed_at_ms INTEGER;
ALTER TABLE dvc_dossier_index ADD COLUMN shipment_status_at_ms INTEGER;
CREATE INDEX IF NOT EXISTS dvc_dossier_index_carrier ON dvc_dossier_index (shipment_carrier, receipt_code)
    WHERE shipment_status BETWEEN 1 AND 4;
