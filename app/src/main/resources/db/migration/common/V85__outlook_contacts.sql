-- Outlook contacts (O1-O4): where each synced contact comes from, the per-folder delta links, and
-- the mailbox a sync result is about. Portable SQL: H2 2.x and PostgreSQL 13+.

ALTER TABLE contact ADD COLUMN source_owner VARCHAR(64);
ALTER TABLE contact ADD COLUMN source_mailbox VARCHAR(320);
ALTER TABLE contact ADD COLUMN source_folder VARCHAR(512);

CREATE INDEX ix_contact_source_owner ON contact (source_owner);

ALTER TABLE sync_result ADD COLUMN owner VARCHAR(320);

-- One row per contact folder read: the delta link of its last complete round.
CREATE TABLE contact_folder_state (
    mailbox_id  VARCHAR(64)   NOT NULL,
    folder_id   VARCHAR(512)  NOT NULL,
    part        VARCHAR(20)   NOT NULL,
    delta_link  VARCHAR(4000),
    PRIMARY KEY (part, mailbox_id, folder_id)
);

-- One row per mailbox read: when its folder tree was last listed.
CREATE TABLE contact_mailbox_state (
    mailbox_id       VARCHAR(64)  NOT NULL,
    part             VARCHAR(20)  NOT NULL,
    folders_read_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (part, mailbox_id)
);
