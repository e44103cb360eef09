-- 0009 feed retention (PostgreSQL).
--
-- The change feed is pruned from its oldest end (FeedRetention): changes older than ChangeFeed:Retention that every
-- webhook subscription has passed are deleted in small batches. removed_through is the highest position deleted so
-- far: every position at or below it is gone, every one above it is kept, so a reader asking for changes after a
-- lower position is told (OUT_OF_RANGE) instead of silently missing some. One row; it only grows.

CREATE TABLE IF NOT EXISTS dvc_feed_horizon (
    id              integer NOT NULL PRIMARY KEY CHECK (id = 1),
    removed_through bigint  NOT NULL
);

INSERT INTO dvc_feed_horizon (id, removed_through) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
