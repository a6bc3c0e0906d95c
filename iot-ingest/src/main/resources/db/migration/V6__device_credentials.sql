-- Per-device MQTT logins (issue #16): the broker asks iot-ingest on every device connect. Never the password itself:
-- its SHA-256 (the password is 32 random letters and digits, ~190 bits, so a fast hash cannot be guessed back; no salt
-- is needed). One password per device: a new one replaces it. Revoked: the hash is deleted and revoked_at set.
-- version grows with every change, so that the in-memory flag follows the last commit, not the last to arrive.
CREATE TABLE device_credential (
    device_id      text        PRIMARY KEY REFERENCES device (id),
    password_hash  bytea       CHECK (octet_length(password_hash) = 32),
    issued_at      timestamptz NOT NULL,
    revoked_at     timestamptz,
    version        bigint      NOT NULL DEFAULT 1,
    CHECK ((revoked_at IS NULL) = (password_hash IS NOT NULL))
);
