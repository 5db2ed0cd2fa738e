-- Softphone sign-in with Microsoft (S1, S2): the SSO settings, the sign-ins under way (state, nonce and
-- PKCE verifier, sealed), kept after use so that a replayed state is told apart and refused, and the
-- one-use tickets of the mobile client.
CREATE TABLE softphone_sso (
    id                 INT           NOT NULL PRIMARY KEY,
    enabled            BOOLEAN       NOT NULL,
    web_redirect_uri   VARCHAR(2048),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE softphone_sign_in (
    state        VARCHAR(128)   NOT NULL PRIMARY KEY,
    platform     VARCHAR(16)    NOT NULL,
    request      VARCHAR(30000) NOT NULL,
    browser      VARCHAR(128)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used         BOOLEAN        NOT NULL
);

CREATE TABLE softphone_ticket (
    ticket_hash      VARCHAR(128) NOT NULL PRIMARY KEY,
    extension_id     UUID         NOT NULL,
    entra_object_id  VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
