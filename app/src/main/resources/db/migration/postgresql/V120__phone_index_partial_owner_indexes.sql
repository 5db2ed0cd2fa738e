-- The caller-ID index's owner indexes hold only the rows that have that owner (issue 15 point 4):
-- an extension's entry has no contact and a phonebook contact's entry has no extension, and these
-- indexes serve only the foreign keys' cascades (contact_id = ?, extension_id = ?), which never
-- look for NULL. A sync of 100,000 users no longer writes 100,000 NULL entries into
-- ix_phone_index_contact. H2 keeps the full indexes: it has no partial index, and its foreign keys
-- need one on the referencing column.
DROP INDEX ix_phone_index_contact;
CREATE INDEX ix_phone_index_contact ON phone_index (contact_id) WHERE contact_id IS NOT NULL;
DROP INDEX ix_phone_index_extension;
CREATE INDEX ix_phone_index_extension ON phone_index (extension_id) WHERE extension_id IS NOT NULL;
