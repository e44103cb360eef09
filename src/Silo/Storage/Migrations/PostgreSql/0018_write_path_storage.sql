-- 0018 (PostgreSQL only; SQLite has no such settings): storage settings of the write path, from the load test's
-- statement profile (loadtests/README.md, "Profile of the write path"). Each ALTER takes a lock that blocks no read or
-- write but waits behind a running vacuum or index build of the table: past 60 s the migration fails, and the silo
-- says so at start, instead of every silo's start waiting in silence.
SET LOCAL lock_timeout = '60s';
--
-- dvc_grain_state: a dossier's row is rewritten on every change. With full pages (the default fillfactor, 100) most
-- new row versions land on another page, and each then adds an entry to the five-column primary key: an index write and
-- its WAL on every change. Leaving a fifth of each page free lets most updates stay on their page as heap-only tuples,
-- with no index write. It applies to pages written from now on; an existing table takes it as its rows move (or at
-- once with VACUUM FULL dvc_grain_state, which locks the table while it runs).
--
-- Its statistics are also refreshed after 2% of its rows change instead of 10%: while a new deployment's table grows,
-- plans built on a count taken when it was small read far more than they need.
ALTER TABLE dvc_grain_state SET (fillfactor = 80, autovacuum_analyze_scale_factor = 0.02);

-- dvc_change_pending is a queue: every change inserts a row and the sequencer deletes it moments later. Its scans
-- (ORDER BY id LIMIT n) walk over the deleted rows until a vacuum removes them. Autovacuum looks at each database once
-- a minute (autovacuum_naptime); with these settings it vacuums this table whenever more than 2,000 of its rows are
-- dead, instead of a fifth of its (tiny) size, and without the cost-based pauses.
ALTER TABLE dvc_change_pending SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_insert_threshold = 2000, autovacuum_vacuum_insert_scale_factor = 0);
