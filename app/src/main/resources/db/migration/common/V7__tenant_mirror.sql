-- The sync's copy of the tenant as last read from Microsoft Graph: a full read replaces it, a delta
-- read changes only what changed, and every plan is computed from it. The delta links that let the
-- next read ask only for changes are kept with it, together with the sync settings they were read for.

CREATE TABLE entra_user (
    id        VARCHAR(64)    NOT NULL PRIMARY KEY,
    document  VARCHAR(20000) NOT NULL
);

CREATE TABLE entra_group (
    id        VARCHAR(64)    NOT NULL PRIMARY KEY,
    document  VARCHAR(10000) NOT NULL
);

CREATE TABLE entra_group_member (
    group_id   VARCHAR(64) NOT NULL,
    member_id  VARCHAR(64) NOT NULL,
    kind       VARCHAR(5)  NOT NULL,
    PRIMARY KEY (group_id, member_id)
);

CREATE TABLE tenant_mirror_state (
    name   VARCHAR(64)   NOT NULL PRIMARY KEY,
    content VARCHAR(8000)
);
