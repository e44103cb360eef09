-- 0001 grain storage (PostgreSQL).
--
-- The Orleans ADO.NET persistence provider reads its statements from OrleansQuery at start-up and calls them
-- with these parameters: @ServiceId, @GrainTypeString (the state name), @GrainIdN0, @GrainIdN1 (numeric key
-- parts; 0 for string keys), @GrainIdExtensionString (the string key or key extension), @GrainStateVersion
-- (the ETag the grain holds; NULL before its first write), @PayloadBinary, and two hashes this schema has no use
-- for (@GrainIdHash, @GrainTypeHash). Reads return PayloadBinary and Version; writes return NewGrainStateVersion,
-- and returning no row means the ETag was stale (the provider then raises InconsistentStateException).
--
-- One row per grain state. A write is a single statement: insert the first version, or bump the version of the
-- row whose version matches the grain's ETag.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS dvc_grain_state (
    service_id  varchar(150) NOT NULL,
    state_name  varchar(150) NOT NULL,
    key_n0      bigint       NOT NULL,
    key_n1      bigint       NOT NULL,
    key_text    varchar(512) NOT NULL,
    version     integer      NOT NULL,
    payload     bytea,
    modified_at timestamptz  NOT NULL,
    CONSTRAINT dvc_grain_state_pk PRIMARY KEY (service_id, state_name, key_text, key_n0, key_n1)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM dvc_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND key_text = COALESCE(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
$sql$),
('WriteToStorageKey', $sql$
INSERT INTO dvc_grain_state AS s (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at)
VALUES (@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''), 1, @PayloadBinary, now())
ON CONFLICT ON CONSTRAINT dvc_grain_state_pk DO UPDATE
   SET version = s.version + 1, payload = EXCLUDED.payload, modified_at = EXCLUDED.modified_at
 WHERE s.version = @GrainStateVersion
RETURNING s.version AS "NewGrainStateVersion"
$sql$),
('ClearStorageKey', $sql$
UPDATE dvc_grain_state
   SET version = version + 1, payload = NULL, modified_at = now()
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND key_text = COALESCE(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
   AND version = @GrainStateVersion
RETURNING version
$sql$),
('DeleteStorageKey', $sql$
DELETE FROM dvc_grain_state
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND key_text = COALESCE(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
   AND version = @GrainStateVersion
RETURNING version + 1
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
