-- The clinical-safety rules of docs/cycle-rules.md: flow-aware deadlines, never-filled pumps,
-- urgent and missed appointments, flow flags by direction, review tasks.

-- A rate measured on a pump found empty (residual 0) is only a lower bound: predictions use at
-- least the nominal rate then.
alter table pump add column latest_flow_lower_bound boolean not null default false;

-- New flag kinds. A pump never filled is flagged on its implant fill, which has no fill row: its
-- overdue flag has no cycle fill, and NULLS NOT DISTINCT keeps it one per pump.
alter table flag drop constraint flag_kind_check;
alter table flag add constraint flag_kind_check
    check (kind in ('REFILL_OVERDUE', 'FLOW_DEVIATION', 'NO_FLOW', 'PATENCY_REVIEW', 'CHEMO_HOLD_REVIEW'));
alter table flag alter column cycle_fill_id drop not null;
create unique index flag_one_overdue_per_cycle_v7 on flag (pump_id, cycle_fill_id) nulls not distinct
    where kind = 'REFILL_OVERDUE';
drop index flag_one_overdue_per_cycle;
alter index flag_one_overdue_per_cycle_v7 rename to flag_one_overdue_per_cycle;
-- A flow deviation says which way: FAST runs dry early, SLOW may be a catheter occlusion.
alter table flag add column direction text check (direction in ('FAST', 'SLOW'));
-- Review tasks are resolved by a nurse, with a note.
alter table flag add column resolved_by text;
alter table flag add column resolution_note text;

-- Appointments nobody kept are MISSED; urgent ones were booked past the reserve, with a reason.
alter table appointment drop constraint appointment_status_check;
alter table appointment add constraint appointment_status_check
    check (status in ('BOOKED', 'COMPLETED', 'CANCELLED', 'MISSED'));
alter table appointment add column missed_at timestamptz;
alter table appointment add column urgent boolean not null default false;
-- The missed-appointment step of the scan looks at booked visits by start time.
create index appointment_booked_by_start on appointment (starts_at) where status = 'BOOKED';

-- Each move of an appointment: the start it had before, when, by whom and why.
create table appointment_reschedule (
    id                 uuid primary key,
    appointment_id     uuid        not null references appointment (id),
    previous_starts_at timestamptz not null,
    new_starts_at      timestamptz not null,
    reason             text,
    rescheduled_by     text        not null,
    rescheduled_at     timestamptz not null
);
create index appointment_reschedule_by_appointment on appointment_reschedule (appointment_id, rescheduled_at);

-- How many booked visits each scan firing marked missed.
alter table overdue_scan_run add column missed integer;
