-- The sync module's settings documents (schedule, user sync, group sync, change trigger), as JSON.
CREATE TABLE sync_setting (
    name        VARCHAR(64)     NOT NULL PRIMARY KEY,
    document    VARCHAR(100000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
