-- Quartz inserts its two lock rows the first time a node asks for them. Two nodes starting together
-- on a new database both try, one of them fails on the duplicate key inside its transaction, and that
-- node does not start. The rows exist from the start instead, for the scheduler Quarkus names
-- (quarkus.quartz.instance-name, QuarkusQuartzScheduler by default).
insert into qrtz_locks (sched_name, lock_name)
values ('QuarkusQuartzScheduler', 'TRIGGER_ACCESS'), ('QuarkusQuartzScheduler', 'STATE_ACCESS')
on conflict do nothing;
