-- Caller-ID lookup reads an extension's own number from the extension table's unique index; the
-- phone index keeps only mobile numbers of extensions and the numbers of contacts (issue 15: a
-- sync writes one row fewer per extension).
DELETE FROM phone_index WHERE entry_type = 'EXTENSION' AND field = 'number';
