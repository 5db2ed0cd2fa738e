-- Caller-ID lookup (X5, ADR 0019): one row per stored phone number of an extension or a contact,
-- keyed by its last six digits, which do not depend on the PBX's default country; match_key holds
-- the E.164 form of a number written with its country code (null for a national one, which is read
-- with the default country at lookup time). Rows go with
-- their extension or contact (and so with a deleted phonebook) through the foreign keys.
CREATE TABLE phone_index (
    entry_id      UUID         NOT NULL,
    field         VARCHAR(20)  NOT NULL,
    entry_type    VARCHAR(20)  NOT NULL,
    suffix        VARCHAR(6)   NOT NULL,
    match_key     VARCHAR(70),
    phone         VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(320) NOT NULL,
    extension_id  UUID,
    contact_id    UUID,
    phonebook_id  UUID,
    PRIMARY KEY (entry_id, field),
    CONSTRAINT fk_phone_index_extension FOREIGN KEY (extension_id) REFERENCES extension (id) ON DELETE CASCADE,
    CONSTRAINT fk_phone_index_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);

CREATE INDEX ix_phone_index_suffix ON phone_index (suffix);
CREATE INDEX ix_phone_index_extension ON phone_index (extension_id);
CREATE INDEX ix_phone_index_contact ON phone_index (contact_id);
