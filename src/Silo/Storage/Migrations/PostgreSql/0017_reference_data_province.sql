-- 0017 (same as SQLite migration 0015): reference data per province.
--
-- A deployment may serve several provinces, each with its own catalogue; the holiday calendar is national. A row is
-- now keyed by kind, province ('' for the calendar) and version, and versions count up from 1 per province. Before
-- this migration a deployment had one line of catalogue versions, all of one province: version 1 is the shipped file
-- (written by the first silo, in our own JSON form), and no later version could drop a unit of the one before it. So
-- every catalogue row gets version 1's province: the first group of its first unit's code (H49 for H49.22). Later
-- versions are not parsed here: a published file may hold comments or differently cased names.

ALTER TABLE dvc_reference_data ADD COLUMN IF NOT EXISTS province varchar(16) NOT NULL DEFAULT '';

UPDATE dvc_reference_data
SET province = (SELECT split_part((seed.content::json -> 'agencies' -> 0 ->> 'code'), '.', 1)
                FROM dvc_reference_data AS seed WHERE seed.kind = 'catalog' AND seed.version = 1)
WHERE kind = 'catalog' AND province = '';

ALTER TABLE dvc_reference_data DROP CONSTRAINT IF EXISTS dvc_reference_data_pkey;
ALTER TABLE dvc_reference_data ADD PRIMARY KEY (kind, province, version);
