-- The portal's extensions table sorts by number as numbers (issue 16 point 8): a zero-padded copy
-- of the number (1 to 15 digits), kept by the database and indexed, so a page is read in index order.
ALTER TABLE extension ADD COLUMN number_key VARCHAR(15) GENERATED ALWAYS AS (LPAD(number, 15, '0'));
CREATE INDEX ix_extension_number_key ON extension (number_key);
