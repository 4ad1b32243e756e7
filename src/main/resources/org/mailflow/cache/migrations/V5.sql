-- Mailflow Insights cache, schema 5: earlier imports are found by index when a folder of many small
-- files is imported (issue 15), never by reading every short source imported before.
-- prefix_hash: for a content shorter than 65536 bytes (other than a message file, format eml), the
-- first 16 bytes (hex) of the SHA-256 of its first k bytes, k = its length rounded down to a multiple
-- of 64, or its whole length when that is below 64 (ingest.Fingerprints.prefixKey). A new content
-- looks up the keys of all its own such prefixes: a short earlier import that is a prefix of it has
-- one of them. Null for long contents (found by head_hash), for message files (found by
-- content_hash) and for rows of earlier versions, whose contents are not kept and cannot be keyed:
-- those are still found by length, through an index that holds only them (source_unkeyed_short),
-- so a cache that never had them pays nothing for them.

ALTER TABLE source ADD COLUMN prefix_hash TEXT;
CREATE INDEX source_by_prefix ON source (prefix_hash);
CREATE INDEX source_unkeyed_short ON source (length) WHERE prefix_hash IS NULL AND length < 65536 AND format <> 'eml';
