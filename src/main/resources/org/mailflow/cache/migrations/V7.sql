-- Mailflow Insights cache, schema 7: the rows of smtp_detail of one day, packed into one value, so that
-- a window of a large cache is read as one value per day rather than millions of rows (issue 15: a
-- 90-day range of a year of a large site is 4.4 million rows, and SQLite's own cost of reading them
-- was about a second of CPU before any Java saw them). See SmtpStore.DayPack for the encoding.
-- A pack is only ever made from the day's rows as they are (SmtpStore.packMissing, called by
-- SmtpStore.Writer.flush before an import commits), and any change to a day's rows deletes its pack
-- (the triggers below, whoever writes), so a pack that exists is the day's rows. A day without a pack
-- is read from its rows. The migration makes no packs: the first import after it makes them.
-- (Each trigger's statement ends on the line of its END: the migration runner splits at a line's last ';'.)

CREATE TABLE smtp_day_pack (
    day  INTEGER PRIMARY KEY,
    rows INTEGER NOT NULL,
    data BLOB NOT NULL
);

CREATE TRIGGER smtp_day_pack_on_insert AFTER INSERT ON smtp_detail
BEGIN
    DELETE FROM smtp_day_pack WHERE day = new.day; END;

CREATE TRIGGER smtp_day_pack_on_update AFTER UPDATE ON smtp_detail
BEGIN
    DELETE FROM smtp_day_pack WHERE day IN (old.day, new.day); END;

CREATE TRIGGER smtp_day_pack_on_delete AFTER DELETE ON smtp_detail
BEGIN
    DELETE FROM smtp_day_pack WHERE day = old.day; END;
