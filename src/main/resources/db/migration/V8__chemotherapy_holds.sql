-- Chemotherapy holds, their review flags, cancelled and filled glycerol holds, and appointments whose
-- planned drug follows the plan (docs/cycle-rules.md).

-- Chemotherapy held because liver tests rose: heparin instead, on the local days from starts_on
-- until ends_on (exclusive; null while the hold lasts). One hold lasts at a time per pump.
create table chemotherapy_hold (
    id         uuid primary key,
    pump_id    uuid        not null references pump (id),
    starts_on  date        not null,
    review_on  date        not null,
    reason     text        not null,
    created_by text        not null,
    created_at timestamptz not null,
    ends_on    date,
    end_note   text,
    ended_by   text,
    ended_at   timestamptz,
    constraint chemotherapy_hold_review_not_before_start check (review_on >= starts_on),
    constraint chemotherapy_hold_end_not_before_start check (ends_on is null or ends_on >= starts_on),
    constraint chemotherapy_hold_end_complete
        check ((ends_on is null) = (ended_at is null) and (ends_on is null) = (ended_by is null))
);
create index chemotherapy_hold_pump on chemotherapy_hold (pump_id);
create unique index chemotherapy_hold_one_lasting_per_pump on chemotherapy_hold (pump_id) where ends_on is null;
-- The overdue scan looks for lasting holds by review day.
create index chemotherapy_hold_lasting_by_review on chemotherapy_hold (review_on) where ends_on is null;

-- A review flag belongs to its hold, and each hold asks for one review, however often the scan runs.
alter table flag add column chemotherapy_hold_id uuid references chemotherapy_hold (id);
create unique index flag_one_review_per_chemotherapy_hold on flag (chemotherapy_hold_id)
    where kind = 'CHEMO_HOLD_REVIEW';
alter table flag add constraint flag_review_names_its_hold
    check (kind <> 'CHEMO_HOLD_REVIEW' or chemotherapy_hold_id is not null);

-- How many review flags each scan firing raised.
alter table overdue_scan_run add column hold_reviews integer;

-- A glycerol hold is PLANNED, FILLED once its glycerol fill is recorded (that fill is then no rest
-- drug of the pump's own), or CANCELLED before that fill, and kept.
alter table glycerol_hold add column status text not null default 'PLANNED'
    check (status in ('PLANNED', 'FILLED', 'CANCELLED'));
alter table glycerol_hold alter column status drop default;
alter table glycerol_hold add column glycerol_fill_id uuid references fill (id);
alter table glycerol_hold add column cancelled_at timestamptz;
alter table glycerol_hold add column cancelled_by text;
alter table glycerol_hold add column cancellation_reason text;
alter table glycerol_hold add constraint glycerol_hold_filled_names_its_fill
    check ((status = 'FILLED') = (glycerol_fill_id is not null));
alter table glycerol_hold add constraint glycerol_hold_cancellation_complete
    check ((status = 'CANCELLED') = (cancelled_at is not null) and (cancelled_at is null) = (cancelled_by is null));
create unique index glycerol_hold_one_per_fill on glycerol_hold (glycerol_fill_id);

-- Holds planned before this version: the first glycerol fill recorded while the hold existed, on or
-- before its departure day (patient's zone), and expected as glycerol, was the hold's. Each fill
-- serves the next departure after it.
with served as (
    select distinct on (f.id) f.id as fill_id, h.id as hold_id, f.performed_at
    from fill f
    join glycerol_hold h on h.pump_id = f.pump_id
    join pump p on p.id = f.pump_id
    join patient pt on pt.id = p.patient_id
    where f.drug = 'GLYCEROL' and f.expected_drug = 'GLYCEROL' and f.recorded_at >= h.created_at
      and cast(f.performed_at at time zone pt.time_zone as date) <= h.depart_on
    order by f.id, h.depart_on
), first_served as (
    select distinct on (hold_id) hold_id, fill_id from served order by hold_id, performed_at
)
update glycerol_hold h
set status = 'FILLED', glycerol_fill_id = s.fill_id
from first_served s
where s.hold_id = h.id;

-- An open appointment whose planned drug nobody chose follows the plan when the plan changes. For
-- appointments booked before this version nobody knows: one still planning the pump's next drug
-- follows the plan from now on, every other keeps its drug as if chosen.
alter table appointment add column planned_drug_explicit boolean not null default true;
update appointment a
set planned_drug_explicit = false
from pump p
where p.id = a.pump_id and a.status = 'BOOKED' and a.planned_drug = p.next_drug;
