-- Sync runs and their per-object results (U8, G5, X4), the one-run-at-a-time lock (M3, X6) and
-- the deletions held by the guard (X2).

CREATE TABLE sync_run (
    id           UUID         NOT NULL PRIMARY KEY,
    seq          BIGINT       NOT NULL,
    trigger_kind VARCHAR(12)  NOT NULL,
    kind         VARCHAR(8)   NOT NULL,
    state        VARCHAR(12)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    created      INTEGER      NOT NULL DEFAULT 0,
    updated      INTEGER      NOT NULL DEFAULT 0,
    deleted      INTEGER      NOT NULL DEFAULT 0,
    unchanged    INTEGER      NOT NULL DEFAULT 0,
    failed       INTEGER      NOT NULL DEFAULT 0,
    held         INTEGER      NOT NULL DEFAULT 0,
    error        VARCHAR(1000),
    owner        VARCHAR(128),
    heartbeat_at TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX ix_sync_run_seq ON sync_run (seq);

CREATE TABLE sync_result (
    run_id        UUID          NOT NULL,
    seq           INTEGER       NOT NULL,
    object_type   VARCHAR(16)   NOT NULL,
    source_id     VARCHAR(256),
    display_name  VARCHAR(256),
    action        VARCHAR(16)   NOT NULL,
    outcome       VARCHAR(12)   NOT NULL,
    code          VARCHAR(40),
    reason        VARCHAR(1000),
    PRIMARY KEY (run_id, seq),
    CONSTRAINT fk_result_run FOREIGN KEY (run_id) REFERENCES sync_run (id) ON DELETE CASCADE
);

-- One row; run_id holds the running sync, so claiming it is one conditional update on every database.
CREATE TABLE sync_lock (
    id      INTEGER NOT NULL PRIMARY KEY,
    run_id  UUID,
    CONSTRAINT ck_sync_lock_single CHECK (id = 1)
);

INSERT INTO sync_lock (id, run_id) VALUES (1, NULL);

CREATE TABLE held_deletion (
    id            UUID          NOT NULL PRIMARY KEY,
    run_id        UUID          NOT NULL,
    object_type   VARCHAR(16)   NOT NULL,
    target_id     UUID          NOT NULL,
    source_id     VARCHAR(256),
    display_name  VARCHAR(256),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_held_target UNIQUE (target_id)
);
