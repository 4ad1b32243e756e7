-- Mailflow Insights cache, schema 2: SMTP AUTH submissions and failed authentications.
-- smtp_detail holds every submission, aggregated per day and everything the report distinguishes
-- (account, sender domain, auth method, client IP, TLS version, cipher); it feeds the charts, the
-- tables, the flags and the sender panel. smtp_message keeps one row per submission whose
-- message-id is known, in import order within its day, for the detailed report (SPEC 2.4).

CREATE TABLE smtp_account (
    id      INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE
);

-- Small dictionaries: kind 0 = sender domain, 1 = auth method, 2 = client IP, 3 = TLS cipher, 4 = server.
-- The empty string is a value like any other (an unknown IP, cipher or server).
CREATE TABLE smtp_name (
    id    INTEGER PRIMARY KEY,
    kind  INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),
    value TEXT    NOT NULL,
    UNIQUE (kind, value)
);

-- tls = TlsVersion code: 0 TLS1.0, 1 TLS1.1, 2 TLS1.2, 3 TLS1.3, 4 TLS (version unknown), 5 none.
-- unidentified = how many of count have no message-id (they appear grouped in the detailed report).
CREATE TABLE smtp_detail (
    day          INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    domain_id    INTEGER NOT NULL,
    method_id    INTEGER NOT NULL,
    ip_id        INTEGER NOT NULL,
    tls          INTEGER NOT NULL CHECK (tls BETWEEN 0 AND 5),
    cipher_id    INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    unidentified INTEGER NOT NULL,
    PRIMARY KEY (day, account_id, domain_id, method_id, ip_id, tls, cipher_id)
) WITHOUT ROWID;
CREATE INDEX smtp_detail_by_account ON smtp_detail (account_id, day);

-- time = epoch seconds when the source gives a time of day, else null.
CREATE TABLE smtp_message (
    day        INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    time       INTEGER,
    account_id INTEGER NOT NULL,
    domain_id  INTEGER NOT NULL,
    method_id  INTEGER NOT NULL,
    ip_id      INTEGER NOT NULL,
    tls        INTEGER NOT NULL CHECK (tls BETWEEN 0 AND 5),
    cipher_id  INTEGER NOT NULL,
    server_id  INTEGER NOT NULL,
    message_id TEXT    NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (day, seq)
) WITHOUT ROWID;

CREATE TABLE smtp_auth_failure (
    day        INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (day, account_id)
) WITHOUT ROWID;
