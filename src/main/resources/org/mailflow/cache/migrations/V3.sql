-- Mailflow Insights cache, schema 3.
-- 1. The TLS token "unknown" (code 6: the source does not say whether the session was encrypted)
--    joins the codes of schema 2 (0 TLS1.0, 1 TLS1.1, 2 TLS1.2, 3 TLS1.3, 4 TLS, 5 none). SQLite
--    cannot change a CHECK constraint, so the two tables that hold a code are rebuilt. Rows written
--    as none by earlier versions stay none: the log lines that would tell none from unknown are not
--    in the cache (re-importing the logs into a new cache gives the right answer).
-- 2. Message-ids are kept without angle brackets whatever the source wrote: the rows of earlier
--    versions that kept them (Exim's id=) lose them here.
-- 3. Failed authentications keep the client IP they came from (ip_id, an smtp_name of kind 2; the
--    empty IP for rows of earlier versions, which did not keep it).
-- 4. bulk_message_seen remembers the identity (message id and recipient) of every bulk message
--    imported from a source that carries one, so that overlapping exports count each message once.

INSERT INTO smtp_name(kind, value) VALUES (2, '') ON CONFLICT(kind, value) DO NOTHING;

CREATE TABLE smtp_detail_v3 (
    day          INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    domain_id    INTEGER NOT NULL,
    method_id    INTEGER NOT NULL,
    ip_id        INTEGER NOT NULL,
    tls          INTEGER NOT NULL CHECK (tls BETWEEN 0 AND 6),
    cipher_id    INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    unidentified INTEGER NOT NULL,
    PRIMARY KEY (day, account_id, domain_id, method_id, ip_id, tls, cipher_id)
) WITHOUT ROWID;
INSERT INTO smtp_detail_v3 SELECT day, account_id, domain_id, method_id, ip_id, tls, cipher_id, count, unidentified FROM smtp_detail;
DROP TABLE smtp_detail;
ALTER TABLE smtp_detail_v3 RENAME TO smtp_detail;
CREATE INDEX smtp_detail_by_account ON smtp_detail (account_id, day);

CREATE TABLE smtp_message_v3 (
    day        INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    time       INTEGER,
    account_id INTEGER NOT NULL,
    domain_id  INTEGER NOT NULL,
    method_id  INTEGER NOT NULL,
    ip_id      INTEGER NOT NULL,
    tls        INTEGER NOT NULL CHECK (tls BETWEEN 0 AND 6),
    cipher_id  INTEGER NOT NULL,
    server_id  INTEGER NOT NULL,
    message_id TEXT    NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (day, seq)
) WITHOUT ROWID;
INSERT INTO smtp_message_v3
    SELECT day, seq, time, account_id, domain_id, method_id, ip_id, tls, cipher_id, server_id,
           CASE WHEN length(message_id) >= 2 AND substr(message_id, 1, 1) = '<' AND substr(message_id, -1, 1) = '>'
                THEN trim(substr(message_id, 2, length(message_id) - 2)) ELSE message_id END,
           count
    FROM smtp_message;
DROP TABLE smtp_message;
ALTER TABLE smtp_message_v3 RENAME TO smtp_message;

CREATE TABLE smtp_auth_failure_v3 (
    day        INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    ip_id      INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (day, account_id, ip_id)
) WITHOUT ROWID;
INSERT INTO smtp_auth_failure_v3
    SELECT day, account_id, (SELECT id FROM smtp_name WHERE kind = 2 AND value = ''), count FROM smtp_auth_failure;
DROP TABLE smtp_auth_failure;
ALTER TABLE smtp_auth_failure_v3 RENAME TO smtp_auth_failure;
CREATE INDEX smtp_auth_failure_by_ip ON smtp_auth_failure (ip_id, day);

-- key = the first 16 bytes of SHA-256 over the source's identity of one message and recipient
-- (see BulkStore.Writer.firstSighting); a message seen again is not counted again.
CREATE TABLE bulk_message_seen (
    key BLOB PRIMARY KEY
) WITHOUT ROWID;
