-- 0004 the change feed (SQLite, the embedded default).
--
-- Every committed change of every dossier, in commit order, for the national portal's synchronisation
-- (dvc.v1.ChangeFeedService). A dossier change is exactly one write of its dvc_grain_state row (state name 'dossier',
-- StorageNames.DossierState), and that row's version is the dossier's version. Triggers on the table record each
-- such write inside the writing statement's own transaction: a change is in the feed if and only if it committed,
-- whatever happens to the silo afterwards. The feed holds no copy of the change; readers take the history entry with
-- that version from the dossier's stored state.
--
-- SQLite has one writer at a time, so the AUTOINCREMENT position given by the trigger is already commit order: no
-- reader can see position n+1 before n is committed. AUTOINCREMENT also never reuses a position, even if rows are
-- ever pruned. committed_at is the state row's modified_at (UTC, ISO 8601 text); the backfill below leaves it NULL
-- for versions older than a dossier's current one (their time is in the history entry).
--
-- An upsert that updates fires the UPDATE trigger only; a write refused for a stale version changes no row and fires
-- nothing; clearing a state (payload NULL) is not a change of a dossier.

CREATE TABLE IF NOT EXISTS dvc_change_feed (
    position     INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt_code TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    committed_at TEXT
);

CREATE TRIGGER IF NOT EXISTS dvc_change_feed_insert AFTER INSERT ON dvc_grain_state
WHEN NEW.state_name = 'dossier' AND NEW.payload IS NOT NULL
BEGIN
    INSERT INTO dvc_change_feed (receipt_code, version, committed_at) VALUES (NEW.key_text, NEW.version, NEW.modified_at);
END;

CREATE TRIGGER IF NOT EXISTS dvc_change_feed_update AFTER UPDATE ON dvc_grain_state
WHEN NEW.state_name = 'dossier' AND NEW.payload IS NOT NULL
BEGIN
    INSERT INTO dvc_change_feed (receipt_code, version, committed_at) VALUES (NEW.key_text, NEW.version, NEW.modified_at);
END;

-- Dossiers stored before this migration: versions 1..version of each, in order, in the same transaction as the
-- triggers (nothing is written in between, so nothing is missed or doubled).
WITH RECURSIVE versions (receipt_code, version, current_version, modified_at) AS (
    SELECT key_text, 1, version, modified_at FROM dvc_grain_state WHERE state_name = 'dossier' AND payload IS NOT NULL
    UNION ALL
    SELECT receipt_code, version + 1, current_version, modified_at FROM versions WHERE version < current_version
)
INSERT INTO dvc_change_feed (receipt_code, version, committed_at)
SELECT receipt_code, version, CASE WHEN version = current_version THEN modified_at END
FROM versions
ORDER BY receipt_code, version;
