-- Mailflow Insights cache, schema 1: sources, bulk sender insights, policies.
-- Bulk data is stored as daily aggregates per sender and BCL (one row per day, sender and level,
-- with a count per delivery location), never one row per message: a 60-day window of 10 million
-- messages is about a million rows.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per imported content. content_hash identifies the whole (decompressed) content, head_hash
-- its first min(length, 65536) bytes, so that a file that has grown since its import is recognised
-- by content and only its new part is read. lead_hash covers the first two lines (a CSV's header and
-- first row): a new file that starts like an earlier import but is neither the same nor a grown
-- copy of it (an edited or overlapping export) is refused rather than counted twice.
CREATE TABLE source (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT    NOT NULL UNIQUE,
    length       INTEGER NOT NULL,
    head_hash    TEXT    NOT NULL,
    lead_hash    TEXT    NOT NULL,
    line_count   INTEGER NOT NULL,
    format       TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    rows         INTEGER NOT NULL,
    imported_at  TEXT    NOT NULL
);
CREATE INDEX source_by_head ON source (head_hash);
CREATE INDEX source_by_length ON source (length);
CREATE INDEX source_by_lead ON source (lead_hash);

CREATE TABLE bulk_sender (
    id      INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE
);

-- day = days since 1970-01-01 (UTC)
CREATE TABLE bulk_daily (
    day        INTEGER NOT NULL,
    sender_id  INTEGER NOT NULL,
    bcl        INTEGER NOT NULL CHECK (bcl BETWEEN 0 AND 9),
    inbox      INTEGER NOT NULL DEFAULT 0,
    junk       INTEGER NOT NULL DEFAULT 0,
    quarantine INTEGER NOT NULL DEFAULT 0,
    deleted    INTEGER NOT NULL DEFAULT 0,
    unknown    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, sender_id, bcl)
) WITHOUT ROWID;

-- event = FeedbackEvent code (0..9)
CREATE TABLE bulk_event_daily (
    day       INTEGER NOT NULL,
    sender_id INTEGER NOT NULL,
    event     INTEGER NOT NULL CHECK (event BETWEEN 0 AND 9),
    count     INTEGER NOT NULL,
    PRIMARY KEY (day, sender_id, event)
) WITHOUT ROWID;

-- Tenant allow/block list: an address, or a domain that covers all its senders.
CREATE TABLE allow_block (
    entry  TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('allow', 'block'))
) WITHOUT ROWID;

-- Custom anti-spam policies; the built-in ones live in code and are never stored.
CREATE TABLE policy (
    name           TEXT PRIMARY KEY COLLATE NOCASE,
    bulk_threshold INTEGER NOT NULL CHECK (bulk_threshold BETWEEN 1 AND 9)
);
