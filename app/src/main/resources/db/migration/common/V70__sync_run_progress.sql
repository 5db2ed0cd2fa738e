-- The progress of a running sync (issue 15 point 8), written at most once a second by the instance
-- running it so that any instance can report it: "phase,pagesRead,planned,applied,failed".
ALTER TABLE sync_run ADD COLUMN progress VARCHAR(100);
