-- Mailflow Insights cache, schema 4: what the Authentication and Client IPs pivots and the flags of
-- SPEC 2.5 need beyond schema 3.
-- 1. recipients: the recipients of the row's submissions where the source logs them (Postfix
--    nrcpt=, Exim's "for" list, an smtp-auth CSV's recipients column), else 0. volume-spike also
--    looks at recipients per day.
-- 2. first_time, last_time: epoch seconds of the row's first and last submission where the source
--    gives a time of day, else null. impossible-travel compares the places of an account's
--    consecutive submissions and needs their times. Rows of earlier versions get them from the
--    per-message rows (smtp_message) where those exist; rows whose source gave only a date stay null.

ALTER TABLE smtp_detail ADD COLUMN recipients INTEGER NOT NULL DEFAULT 0;
ALTER TABLE smtp_detail ADD COLUMN first_time INTEGER;
ALTER TABLE smtp_detail ADD COLUMN last_time INTEGER;

CREATE TEMP TABLE v4_times AS
    SELECT day, account_id, domain_id, method_id, ip_id, tls, cipher_id, min(time) AS first_time, max(time) AS last_time
    FROM smtp_message WHERE time IS NOT NULL
    GROUP BY day, account_id, domain_id, method_id, ip_id, tls, cipher_id;
UPDATE smtp_detail SET first_time = t.first_time, last_time = t.last_time
    FROM v4_times t
    WHERE smtp_detail.day = t.day AND smtp_detail.account_id = t.account_id AND smtp_detail.domain_id = t.domain_id
      AND smtp_detail.method_id = t.method_id AND smtp_detail.ip_id = t.ip_id AND smtp_detail.tls = t.tls
      AND smtp_detail.cipher_id = t.cipher_id;
DROP TABLE v4_times;
