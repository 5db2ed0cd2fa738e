-- Caller-ID lookup reads an extension's mobile number from the extension table, as it already reads
-- its number (V110): the suffix and match key of phone_index (same definitions, ADR 0019) become
-- two columns of the extension, and the phone index keeps only the numbers of contacts (X5, issue
-- 15 point 4: a sync writes no caller-ID row, primary key, suffix, owner entries or foreign-key
-- check per extension). The index on mobile_suffix is V126, per vendor.
ALTER TABLE extension ADD COLUMN mobile_suffix VARCHAR(6);
ALTER TABLE extension ADD COLUMN mobile_match_key VARCHAR(70);

UPDATE extension
SET mobile_suffix = (SELECT k.suffix FROM phone_index k
                     WHERE k.entry_id = extension.id AND k.entry_type = 'EXTENSION' AND k.field = 'mobileNumber'),
    mobile_match_key = (SELECT k.match_key FROM phone_index k
                        WHERE k.entry_id = extension.id AND k.entry_type = 'EXTENSION' AND k.field = 'mobileNumber')
WHERE EXISTS (SELECT 1 FROM phone_index k
              WHERE k.entry_id = extension.id AND k.entry_type = 'EXTENSION' AND k.field = 'mobileNumber');

DELETE FROM phone_index WHERE entry_type = 'EXTENSION';
