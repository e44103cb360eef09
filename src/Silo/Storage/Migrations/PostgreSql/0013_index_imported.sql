-- 0013 (same as SQLite migration 0011): an imported dossier arrives whole in one write, at its history's last
-- version, so its version runs ahead of its stored row's count of writes. The read model keeps the difference, and
-- the crash repair compares the row's version plus it with the read model's. Dossiers made here have 0.
ALTER TABLE dvc_dossier_index ADD COLUMN version_offset bigint NOT NULL DEFAULT 0;
