-- The welcome-mail outbox (U5): one row per extension ever welcomed, written in the transaction
-- that created the extension and sent after it commits. The primary key makes a retried sync
-- unable to queue a second mail for the same extension.
CREATE TABLE welcome_mail (
    extension_id     UUID          NOT NULL PRIMARY KEY,
    recipient        VARCHAR(254),
    number           VARCHAR(15)   NOT NULL,
    display_name     VARCHAR(201),
    state            VARCHAR(12)   NOT NULL,
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at       TIMESTAMP WITH TIME ZONE,
    sent_at          TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_welcome_mail_due ON welcome_mail (state, next_attempt_at);
