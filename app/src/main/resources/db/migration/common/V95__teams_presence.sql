-- Teams presence (T1-T2, issue 18): the global switch, each extension's choice and mapping with the
-- last Teams availability seen for it, the presence subscriptions held at Graph, and the lease of
-- the one instance that polls and keeps the subscriptions.
CREATE TABLE presence_sync (
    id          INTEGER     NOT NULL PRIMARY KEY,
    enabled     BOOLEAN     NOT NULL,
    leader      VARCHAR(64),
    lease_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_presence_sync_single CHECK (id = 1)
);

INSERT INTO presence_sync (id, enabled) VALUES (1, FALSE);

CREATE TABLE presence_follow (
    extension_id      UUID         NOT NULL PRIMARY KEY,
    user_id           VARCHAR(64)  NOT NULL,
    enabled           BOOLEAN      NOT NULL,
    mapping           VARCHAR(400) NOT NULL,
    last_availability VARCHAR(20),
    applied_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_presence_follow_extension FOREIGN KEY (extension_id) REFERENCES extension (id) ON DELETE CASCADE
);

CREATE INDEX ix_presence_follow_user ON presence_follow (user_id);

CREATE TABLE presence_subscription (
    id                VARCHAR(128) NOT NULL PRIMARY KEY,
    client_state_hash VARCHAR(64)  NOT NULL,
    user_ids          VARCHAR(32000) NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
