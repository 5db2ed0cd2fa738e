-- A value sealed with the master key when the first secret is stored (or at the first start):
-- each start opens it, so a different key stops start-up instead of failing every sync (issue 20).
-- Existing installations get it at their next start, after their stored secrets opened with the key.
CREATE TABLE master_key_check (
    id          INT          NOT NULL PRIMARY KEY,
    check_value VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT master_key_check_single CHECK (id = 1)
);
