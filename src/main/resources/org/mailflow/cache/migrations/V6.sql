-- Mailflow Insights cache, schema 6: what the SMTP AUTH pages need to load one window of a large
-- cache (issue 15) rather than every row of smtp_detail.
-- smtp_seen: per (account, sender domain, auth method, client IP), the first and last day with a
-- submission. The flags that look at an account's whole history (new-sender and new-country: the
-- first day ever, and in each country; the "last Basic use" column; the panel's first and last day)
-- read it instead of every older row. A trigger keeps it up to date on every new row of smtp_detail,
-- whoever writes it (SmtpStore.Writer's upserts are untouched: a row that is only added to fires no
-- INSERT trigger, and its key's days are already counted). Pruning rebuilds it (SmtpStore.prune).
-- (The trigger's statement ends on the line of its END: the migration runner splits at a line's last ';'.)
-- About 5 rows per account on a year of a large site (bench year: 244 429 rows, 5 MB): a small table.

CREATE TABLE smtp_seen (
    account_id INTEGER NOT NULL,
    domain_id  INTEGER NOT NULL,
    method_id  INTEGER NOT NULL,
    ip_id      INTEGER NOT NULL,
    first_day  INTEGER NOT NULL,
    last_day   INTEGER NOT NULL,
    PRIMARY KEY (account_id, domain_id, method_id, ip_id)
) WITHOUT ROWID;

INSERT INTO smtp_seen(account_id, domain_id, method_id, ip_id, first_day, last_day)
    SELECT account_id, domain_id, method_id, ip_id, min(day), max(day) FROM smtp_detail
    GROUP BY account_id, domain_id, method_id, ip_id;

CREATE TRIGGER smtp_seen_on_detail AFTER INSERT ON smtp_detail
BEGIN
    INSERT INTO smtp_seen(account_id, domain_id, method_id, ip_id, first_day, last_day)
        VALUES (new.account_id, new.domain_id, new.method_id, new.ip_id, new.day, new.day)
        ON CONFLICT(account_id, domain_id, method_id, ip_id) DO UPDATE
        SET first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day)
        WHERE excluded.first_day < smtp_seen.first_day OR excluded.last_day > smtp_seen.last_day; END;
