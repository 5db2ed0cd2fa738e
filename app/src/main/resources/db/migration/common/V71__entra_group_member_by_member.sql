-- The groups of a member are looked up by member (the change trigger's scope check); without this
-- index each look-up scans every membership of the tenant (issue 15 point 3).
CREATE INDEX ix_entra_group_member_member ON entra_group_member (member_id);
