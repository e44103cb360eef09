-- 0001 grain storage (SQLite, the embedded default).
--
-- Same contract as the PostgreSQL script: the Orleans ADO.NET persistence provider reads its statements from
-- OrleansQuery and binds @ServiceId, @GrainTypeString (state name), @GrainIdN0, @GrainIdN1, @GrainIdExtensionString
-- (string key), @GrainStateVersion (NULL before the first write) and @PayloadBinary. A write returning no row
-- means a stale ETag.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS dvc_grain_state (
    service_id  TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    key_n0      INTEGER NOT NULL,
    key_n1      INTEGER NOT NULL,
    key_text    TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB,
    modified_at TEXT    NOT NULL,
    PRIMARY KEY (service_id, state_name, key_text, key_n0, key_n1)
) WITHOUT ROWID;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM dvc_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND key_text = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
'),
('WriteToStorageKey', '
INSERT INTO dvc_grain_state (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at)
VALUES (@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), 1, @PayloadBinary,
        strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''))
ON CONFLICT (service_id, state_name, key_text, key_n0, key_n1) DO UPDATE
   SET version = dvc_grain_state.version + 1, payload = excluded.payload, modified_at = excluded.modified_at
 WHERE dvc_grain_state.version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
'),
('ClearStorageKey', '
UPDATE dvc_grain_state
   SET version = version + 1, payload = NULL, modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND key_text = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
   AND version = @GrainStateVersion
RETURNING version
'),
('DeleteStorageKey', '
DELETE FROM dvc_grain_state
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND key_text = COALESCE(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
   AND version = @GrainStateVersion
RETURNING version + 1
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
