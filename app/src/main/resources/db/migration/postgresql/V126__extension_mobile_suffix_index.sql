-- Caller-ID lookup finds extensions by their mobile number's suffix (V125, X5). Only extensions
-- with a mobile number have an entry: a lookup never asks for NULL, and an extension without one
-- costs the sync no index write.
CREATE INDEX ix_extension_mobile_suffix ON extension (mobile_suffix) WHERE mobile_suffix IS NOT NULL;
