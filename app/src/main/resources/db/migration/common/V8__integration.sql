-- The connection to Microsoft Entra ID (C1-C7). Secrets are stored only sealed by SecretBox.
CREATE TABLE integration (
    id                       INTEGER       NOT NULL PRIMARY KEY,
    client_id                VARCHAR(64),
    tenant_id                VARCHAR(128),
    client_secret            VARCHAR(2000),
    client_secret_expires_at DATE,
    cloud                    VARCHAR(20)   NOT NULL,
    login_endpoint           VARCHAR(512),
    graph_endpoint           VARCHAR(512),
    mode                     VARCHAR(12)   NOT NULL,
    enabled                  BOOLEAN       NOT NULL,
    status                   VARCHAR(16)   NOT NULL,
    status_reason            VARCHAR(1000),
    refresh_token            VARCHAR(8000),
    authorization_account    VARCHAR(254),
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_integration_single CHECK (id = 1)
);

INSERT INTO integration (id, cloud, mode, enabled, status, updated_at)
VALUES (1, 'GLOBAL', 'DELEGATED', TRUE, 'NOT_CONNECTED', CURRENT_TIMESTAMP);

-- A sign-in in progress: the state the callback must bring back, its PKCE verifier and nonce.
CREATE TABLE integration_sign_in (
    state          VARCHAR(128)  NOT NULL PRIMARY KEY,
    code_verifier  VARCHAR(1000) NOT NULL,
    nonce          VARCHAR(128)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
