-- One row per firing of the overdue scan: which node ran it, when, and what it did. The key on the
-- scheduled fire time lets exactly one node run each firing. Quartz's cluster lock alone does not
-- ensure that: a node starting up re-schedules the trigger from its next fire time, and a firing
-- another node ran a moment before can be handed out again.
create table overdue_scan_run (
    scheduled_for timestamptz primary key,
    node          text        not null,
    started_at    timestamptz not null,
    -- Null while running, and forever for a run whose node died: the next firing covers its work.
    finished_at   timestamptz,
    raised        integer,
    escalated     integer,
    resolved      integer,
    failed_pumps  integer,
    failed_steps  text
);
