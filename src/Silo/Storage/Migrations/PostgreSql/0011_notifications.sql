-- 0010 notifications to applicants (PostgreSQL).
--
-- The notification dispatcher reads the change feed after its cursor, records one message per notifiable change in
-- the outbox, then sends it. The cursor and the new messages are written in one transaction, so a crash leaves
-- either both or neither; a message's id is (receipt code, version, kind), so reading the feed again never records a
-- second one. Feed retention keeps every change above the cursor. Times are Unix milliseconds (UTC).

CREATE TABLE IF NOT EXISTS dvc_notification_cursor (
    id       bigint NOT NULL PRIMARY KEY CHECK (id = 1),
    position bigint NOT NULL
);

INSERT INTO dvc_notification_cursor (id, position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS dvc_notification_outbox (
    id              text    NOT NULL PRIMARY KEY,
    receipt_code    text    NOT NULL,
    version         bigint  NOT NULL,
    kind            bigint  NOT NULL,
    channel         bigint  NOT NULL,
    recipient       text    NOT NULL,
    body            text    NOT NULL,
    state           bigint  NOT NULL,
    attempts        bigint  NOT NULL,
    created_at      bigint  NOT NULL,
    next_attempt_at bigint  NOT NULL,
    last_attempt_at bigint,
    sent_at         bigint,
    last_error      text    NOT NULL,
    UNIQUE (receipt_code, version, kind)
);

-- The messages waiting for an attempt, and a dossier's messages for its officers.
CREATE INDEX IF NOT EXISTS dvc_notification_outbox_due ON dvc_notification_outbox (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS dvc_notification_outbox_dossier ON dvc_notification_outbox (receipt_code, version);
