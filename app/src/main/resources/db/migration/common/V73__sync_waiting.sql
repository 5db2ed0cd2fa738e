-- The Entra users and groups that failed in the plan of the last run that left the directory in
-- step (ADR 0015): a delta run that plans only what it touched plans them too, since a change
-- elsewhere (an email, number or place freed) may let them through.

CREATE TABLE sync_waiting (
    kind       VARCHAR(5)  NOT NULL,
    source_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (kind, source_id)
);
