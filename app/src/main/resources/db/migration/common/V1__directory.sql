-- The PBX directory: extensions, extension groups, phonebooks, contacts, settings and the admin account.
-- Portable SQL: the same script runs on H2 2.x and PostgreSQL 13+.

CREATE TABLE pbx_settings (
    id                  INTEGER      NOT NULL PRIMARY KEY,
    extension_capacity  INTEGER      NOT NULL,
    time_zone           VARCHAR(64)  NOT NULL,
    public_base_url     VARCHAR(512) NOT NULL,
    default_country     VARCHAR(2)   NOT NULL,
    CONSTRAINT ck_pbx_settings_single CHECK (id = 1)
);

INSERT INTO pbx_settings (id, extension_capacity, time_zone, public_base_url, default_country)
VALUES (1, 1000, 'UTC', 'http://localhost:8080', 'US');

CREATE TABLE extension (
    id              UUID         NOT NULL PRIMARY KEY,
    number          VARCHAR(15)  NOT NULL,
    first_name      VARCHAR(100),
    last_name       VARCHAR(100),
    email           VARCHAR(254),
    email_key       VARCHAR(254),
    mobile_number   VARCHAR(40),
    job_title       VARCHAR(128),
    presence        VARCHAR(20)  NOT NULL,
    origin          VARCHAR(20)  NOT NULL,
    source_id       VARCHAR(64),
    number_from_source BOOLEAN   NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_extension_number UNIQUE (number),
    CONSTRAINT uq_extension_email UNIQUE (email_key),
    CONSTRAINT uq_extension_source UNIQUE (source_id)
);

CREATE TABLE extension_group (
    id          UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    name_key    VARCHAR(64)  NOT NULL,
    origin      VARCHAR(20)  NOT NULL,
    source_id   VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_group_name UNIQUE (name_key),
    CONSTRAINT uq_group_source UNIQUE (source_id)
);

CREATE TABLE extension_group_member (
    group_id      UUID NOT NULL,
    extension_id  UUID NOT NULL,
    PRIMARY KEY (group_id, extension_id),
    CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES extension_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_extension FOREIGN KEY (extension_id) REFERENCES extension (id) ON DELETE CASCADE
);

CREATE INDEX ix_member_extension ON extension_group_member (extension_id);

CREATE TABLE phonebook (
    id          UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    name_key    VARCHAR(64)  NOT NULL,
    origin      VARCHAR(20)  NOT NULL,
    source_id   VARCHAR(256),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_phonebook_name UNIQUE (name_key),
    CONSTRAINT uq_phonebook_source UNIQUE (source_id)
);

CREATE TABLE phonebook_visible_extension (
    phonebook_id  UUID NOT NULL,
    extension_id  UUID NOT NULL,
    PRIMARY KEY (phonebook_id, extension_id),
    CONSTRAINT fk_pve_phonebook FOREIGN KEY (phonebook_id) REFERENCES phonebook (id) ON DELETE CASCADE,
    CONSTRAINT fk_pve_extension FOREIGN KEY (extension_id) REFERENCES extension (id) ON DELETE CASCADE
);

CREATE TABLE phonebook_visible_group (
    phonebook_id  UUID NOT NULL,
    group_id      UUID NOT NULL,
    PRIMARY KEY (phonebook_id, group_id),
    CONSTRAINT fk_pvg_phonebook FOREIGN KEY (phonebook_id) REFERENCES phonebook (id) ON DELETE CASCADE,
    CONSTRAINT fk_pvg_group FOREIGN KEY (group_id) REFERENCES extension_group (id) ON DELETE CASCADE
);

-- A contact belongs either to a phonebook (company contact) or to an extension (personal contact).
CREATE TABLE contact (
    id                  UUID         NOT NULL PRIMARY KEY,
    phonebook_id        UUID,
    owner_extension_id  UUID,
    first_name          VARCHAR(100),
    last_name           VARCHAR(100),
    company             VARCHAR(128),
    email               VARCHAR(254),
    mobile_phone        VARCHAR(40),
    home_phone          VARCHAR(40),
    business_phone      VARCHAR(40),
    other_phone         VARCHAR(40),
    job_title           VARCHAR(128),
    origin              VARCHAR(20)  NOT NULL,
    source_id           VARCHAR(256),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_contact_phonebook FOREIGN KEY (phonebook_id) REFERENCES phonebook (id) ON DELETE CASCADE,
    CONSTRAINT fk_contact_owner FOREIGN KEY (owner_extension_id) REFERENCES extension (id) ON DELETE CASCADE,
    CONSTRAINT ck_contact_one_owner CHECK (
        (phonebook_id IS NOT NULL AND owner_extension_id IS NULL)
        OR (phonebook_id IS NULL AND owner_extension_id IS NOT NULL))
);

CREATE INDEX ix_contact_phonebook ON contact (phonebook_id);
CREATE INDEX ix_contact_owner ON contact (owner_extension_id);

CREATE TABLE admin_account (
    username       VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(512) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
