-- 0003 cluster membership (PostgreSQL), for running several silos.
--
-- The Orleans ADO.NET clustering provider reads these statements from OrleansQuery. It binds @DeploymentId (the
-- cluster id), @Address, @Port, @Generation (a silo's identity), @SiloName, @HostName, @Status (Orleans' SiloStatus
-- as an integer; 3 is Active), @ProxyPort (gateway port), @SuspectTimes, @StartTime, @IAmAliveTime and @Version (the
-- table version the caller read). It reads rows by the column names used below. Inserts and updates of a member
-- must bump the table version in the same statement, and only when the caller's version is still current; they
-- return one integer: 1 when they took effect, 0 when not.

CREATE TABLE IF NOT EXISTS dvc_cluster_version (
    cluster_id varchar(150) NOT NULL PRIMARY KEY,
    version    integer      NOT NULL DEFAULT 0,
    changed_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS dvc_cluster_member (
    cluster_id      varchar(150)  NOT NULL REFERENCES dvc_cluster_version (cluster_id),
    address         varchar(45)   NOT NULL,
    port            integer       NOT NULL,
    generation      integer       NOT NULL,
    silo_name       varchar(150)  NOT NULL,
    host_name       varchar(150)  NOT NULL,
    status          integer       NOT NULL,
    proxy_port      integer,
    suspect_times   varchar(8000),
    start_time      timestamptz   NOT NULL,
    i_am_alive_time timestamptz   NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO dvc_cluster_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1)
SELECT COUNT(*)::integer FROM created
$sql$),
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE dvc_cluster_version
       SET version = version + 1, changed_at = now()
     WHERE cluster_id = @DeploymentId AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM dvc_cluster_member
                        WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
inserted AS (
    INSERT INTO dvc_cluster_member (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT COUNT(*)::integer FROM inserted
$sql$),
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE dvc_cluster_version
       SET version = version + 1, changed_at = now()
     WHERE cluster_id = @DeploymentId AND version = @Version
       AND EXISTS (SELECT 1 FROM dvc_cluster_member
                    WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
updated AS (
    UPDATE dvc_cluster_member AS m
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
      FROM bumped
     WHERE m.cluster_id = bumped.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT COUNT(*)::integer FROM updated
$sql$),
('UpdateIAmAlivetimeKey', $sql$
UPDATE dvc_cluster_member
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$),
('MembershipReadRowKey', $sql$
SELECT v.cluster_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM dvc_cluster_version AS v
  LEFT JOIN dvc_cluster_member AS m
    ON m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.cluster_id = @DeploymentId
$sql$),
('MembershipReadAllKey', $sql$
SELECT v.cluster_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM dvc_cluster_version AS v
  LEFT JOIN dvc_cluster_member AS m ON m.cluster_id = v.cluster_id
 WHERE v.cluster_id = @DeploymentId
$sql$),
('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM dvc_cluster_member
 WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM dvc_cluster_member WHERE cluster_id = @DeploymentId;
DELETE FROM dvc_cluster_version WHERE cluster_id = @DeploymentId;
$sql$),
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM dvc_cluster_member
 WHERE cluster_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
