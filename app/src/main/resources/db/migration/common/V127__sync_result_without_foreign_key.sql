-- A sync run's results are written by the run itself, after its row, in the transactions that
-- apply its changes (a 100,000-user first sync writes 100,000 of them). The foreign key to
-- sync_run made the database look the run up again for every result row: on PostgreSQL a
-- COPY of 100,000 results took about twice as long with it. Runs are never deleted (SPEC X4);
-- whatever deletes one in future deletes its results first (ADR 0015).
ALTER TABLE sync_result DROP CONSTRAINT fk_result_run;
