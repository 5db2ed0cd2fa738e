-- Outlook contacts (O1, issue 17 point 6): in-range users found without an Exchange mailbox, and
-- when that was last checked, so a delta run does not ask again for 24 hours. Portable SQL.

CREATE TABLE contact_no_mailbox (
    mailbox_id  VARCHAR(64)  NOT NULL,
    part        VARCHAR(20)  NOT NULL,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (part, mailbox_id)
);
