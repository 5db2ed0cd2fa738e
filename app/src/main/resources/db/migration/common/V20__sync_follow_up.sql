-- When a run planned (it read the sync rules), so a save that switches a sync part on knows whether
-- the running run will still plan that part or a follow-up run is needed (U7); the follow-up a
-- running run starts when it ends.
ALTER TABLE sync_run ADD COLUMN planned_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE sync_lock ADD COLUMN follow_up VARCHAR(12);
