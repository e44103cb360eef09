-- 0017 (same as SQLite migration 0015): reference data per province.
--
-- A deployment may serve several provinces, each with its own catalogue; the holiday calendar is national. A row is
-- now keyed by kind, province ('' for the calendar) and version, and versions count up from 1 per province. The rows
-- written before this migration were of one province: a catalogue's province is the first group of its units' codes
-- (H49 for H49.22), read from the stored JSON itself.

ALTER TABLE dvc_reference_data ADD COLUMN IF NOT EXISTS province varchar(16) NOT NULL DEFAULT '';

UPDATE dvc_reference_data
SET province = split_part((content::json -> 'agencies' -> 0 ->> 'code'), '.', 1)
WHERE kind = 'catalog' AND province = '';

ALTER TABLE dvc_reference_data DROP CONSTRAINT IF EXISTS dvc_reference_data_pkey;
ALTER TABLE dvc_reference_data ADD PRIMARY KEY (kind, province, version);
