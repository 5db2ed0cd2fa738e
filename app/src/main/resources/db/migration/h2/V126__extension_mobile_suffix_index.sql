-- Caller-ID lookup finds extensions by their mobile number's suffix (V125, X5).
CREATE INDEX ix_extension_mobile_suffix ON extension (mobile_suffix);
