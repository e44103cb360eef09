-- 0005 the change feed (PostgreSQL).
--
-- Every committed change of every dossier, in commit order, for the national portal's synchronisation
-- (dvc.v1.ChangeFeedService). A dossier change is exactly one write of its dvc_grain_state row (state name 'dossier',
-- StorageNames.DossierState), and that row's version is the dossier's version. A trigger records each such write
-- inside the writing transaction: a change is captured if and only if it committed, whatever happens to the silo
-- afterwards. The feed holds no copy of the change; readers take the history entry with that version from the
-- dossier's stored state.
--
-- Commit order. A sequence value taken inside a transaction is not commit order: the transaction holding 10 may
-- commit after the one holding 11, and a reader that had already passed 11 would never see 10. So the trigger only
-- appends to dvc_change_pending, and positions are given later by the silos' sequencer (ChangeFeedSequencer): one
-- mover at a time (pg_try_advisory_xact_lock inside its transaction), which deletes the pending rows it can see and
-- inserts them into dvc_change_feed at max(position) + 1, 2, ... in pending-id order, in one statement, and commits.
-- Readers see only dvc_change_feed, which grows by whole committed batches in position order: a position a reader has
-- seen is final, and no lower position can appear later. Two changes of one dossier keep their order: the second
-- write waits for the first to commit (row lock and version check), so its pending id is higher and it can only be
-- moved in the same batch or a later one. The identity keeps the default CACHE 1, so ids are handed out in
-- increasing order across sessions.
--
-- committed_at is the state row's modified_at (the writing transaction's time); the backfill below leaves it NULL
-- for versions older than a dossier's current one (their time is in the history entry). An upsert that updates
-- fires the UPDATE event only; a write refused for a stale version changes no row and fires nothing; clearing a
-- state (payload NULL) is not a change of a dossier.

CREATE TABLE IF NOT EXISTS dvc_change_pending (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    receipt_code text    NOT NULL,
    version      integer NOT NULL,
    committed_at timestamptz
);

CREATE TABLE IF NOT EXISTS dvc_change_feed (
    position     bigint  NOT NULL PRIMARY KEY,
    receipt_code text    NOT NULL,
    version      integer NOT NULL,
    committed_at timestamptz
);

CREATE OR REPLACE FUNCTION dvc_change_capture() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO dvc_change_pending (receipt_code, version, committed_at) VALUES (NEW.key_text, NEW.version, NEW.modified_at);
    RETURN NULL;
END
$fn$;

-- Taking the trigger's lock on dvc_grain_state waits for writes in flight and holds new ones until this migration
-- commits; the backfill's snapshot, taken afterwards, sees every write made before the trigger existed.
DROP TRIGGER IF EXISTS dvc_change_capture ON dvc_grain_state;
CREATE TRIGGER dvc_change_capture AFTER INSERT OR UPDATE ON dvc_grain_state
FOR EACH ROW WHEN (NEW.state_name = 'dossier' AND NEW.payload IS NOT NULL)
EXECUTE FUNCTION dvc_change_capture();

-- Dossiers stored before this migration: versions 1..version of each, in order.
INSERT INTO dvc_change_feed (position, receipt_code, version, committed_at)
SELECT row_number() OVER (ORDER BY g.key_text, v.n), g.key_text, v.n, CASE WHEN v.n = g.version THEN g.modified_at END
FROM dvc_grain_state g
CROSS JOIN LATERAL generate_series(1, g.version) AS v(n)
WHERE g.state_name = 'dossier' AND g.payload IS NOT NULL;
