-- Seeds a database that the service has migrated with :pumps active pumps, each with its own
-- patient and :fills_per_pump fills 14 days apart (26 is a year). :late_percent of the pumps are
-- past due (0 to 4 days: about half of them past their 2-day reserve); the others are due within
-- the next 14 days. Every other pump due within 7 days has a booked appointment in its window.
-- Chemotherapy and heparin alternate as the rules expect, so the next fill of each pump is
-- accepted without a deviation; no glycerol holds. One patient in five is refilled at home by a
-- partner: one in two thousand by a small agency (its refill list is about as long as a worklist
-- page), the others by a large one.
--
--   psql -v pumps=100000 -v fills_per_pump=26 -v late_percent=10 -f seed.sql DB
--
-- Ids are made of the row number (a table's own first digit, then the pump's number in hex), so
-- that they are inserted in index order and a rerun writes the same ids. Fills are inserted oldest
-- first across all pumps, as time would have, so a pump's fills lie on different pages. Foreign
-- keys are consistent by construction; their triggers are skipped for speed
-- (session_replication_role).
\set ON_ERROR_STOP on
set synchronous_commit = off;
set work_mem = '256MB';
set session_replication_role = replica;

begin;
-- The k-th fill (0 = oldest) of pump i: ordered by k, then i, as the fills are inserted.
create function pg_temp.bench_fill_id(i bigint, k int) returns uuid language sql immutable as
$$ select ('c' || lpad(to_hex(k), 2, '0') || lpad(to_hex(i % 1048576), 5, '0') || '-0000-4000-8000-'
           || lpad(to_hex(i), 12, '0'))::uuid $$;
-- CASCADE: every table that refers to these (holds, assignments, the outbox and its deliveries).
truncate patient, pump, fill, appointment, flag, glycerol_hold, idempotency_record, partner cascade;

-- One row per pump: its latest fill and everything derived from it. Hours, not days, so that
-- the stored due times match the service's elapsed-time intervals across DST changes.
create temp table seed_pump on commit drop as
select i,
       ('a' || lpad(to_hex(i), 7, '0') || '-0000-4000-8000-000000000000')::uuid as patient_id,
       ('b' || lpad(to_hex(i), 7, '0') || '-0000-4000-8000-000000000000')::uuid as pump_id,
       pg_temp.bench_fill_id(i, :fills_per_pump - 1) as last_fill_id,
       last_fill_at,
       last_fill_at + interval '336 hours' as next_due_at,
       last_fill_at + interval '384 hours' as reserve_ends_at,
       case when i % 2 = 0 then 'CHEMOTHERAPY' else 'HEPARIN' end as last_drug
from (select i,
             -- a fixed pseudo-random fraction in [0, 1) per pump (Knuth's multiplicative hash)
             now() - case when i % 100 < :late_percent
                          then interval '336 hours' + interval '96 hours' * u
                          else interval '336 hours' * u end as last_fill_at
      from (select i, ((i * 2654435761) % 4294967296) / 4294967296.0 as u
            from generate_series(1, :pumps) as i) as fractions) as pumps;

insert into patient (id, mrn, given_name, family_name, birth_date, time_zone, created_at)
select patient_id, 'BENCH-' || i, 'Given' || i, 'Family' || i, date '1950-01-01' + (i % 15000),
       (array['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/Paris'])[1 + i % 4],
       now() - interval '400 days'
from seed_pump;

insert into pump (id, patient_id, model, serial_number, reservoir_volume_ml, nominal_flow_rate_ml_per_day,
                  implanted_on, therapy_mode, status, last_fill_id, next_due_at, reserve_ends_at, next_drug,
                  latest_measured_flow_ml_per_day, created_at)
select pump_id, patient_id, 'Intera 3000', 'SN-BENCH-' || i, 30, 1.0,
       (last_fill_at - interval '336 hours' * :fills_per_pump)::date - 1, 'ACTIVE', 'ACTIVE', last_fill_id,
       next_due_at, reserve_ends_at,
       case when last_drug = 'CHEMOTHERAPY' then 'HEPARIN' else 'CHEMOTHERAPY' end,
       case when :fills_per_pump > 1 then 1.0 end,
       now() - interval '400 days'
from seed_pump;

-- k = 0 is the oldest fill, k = fills_per_pump - 1 the latest; 30 mL in, 16 mL left after 14
-- days: a measured 1.0 mL/day, the nominal flow.
insert into fill (id, pump_id, performed_at, drug, volume_ml, residual_volume_ml, expected_drug, deviation,
                  measured_flow_rate_ml_per_day, flow_deviation_percent, recorded_by, recorded_at)
select pg_temp.bench_fill_id(i, k), pump_id, performed_at, drug, 30,
       case when k > 0 then 16 end, case when k > 0 then drug end, false,
       case when k > 0 then 1.0 end, case when k > 0 then 0.0 end,
       'nurse.bench@clinic.test', performed_at
from (select s.i, s.pump_id, k,
             s.last_fill_at - interval '336 hours' * (:fills_per_pump - 1 - k) as performed_at,
             case when (:fills_per_pump - 1 - k + s.i) % 2 = 0 then 'CHEMOTHERAPY' else 'HEPARIN' end as drug
      from generate_series(0, :fills_per_pump - 1) as k cross join seed_pump s) as fills
order by k, i;

insert into partner (id, name, contact_email, created_at, created_by, updated_at)
values ('e0000000-0000-4000-8000-00000000000a', 'Bench Home Infusion', 'ops@home-infusion.test', now(),
        'admin.bench@clinic.test', now()),
       ('e0000000-0000-4000-8000-00000000000b', 'Bench Small Agency', 'ops@small-agency.test', now(),
        'admin.bench@clinic.test', now());
insert into patient_partner_assignment (id, patient_id, partner_id, assigned_at, assigned_by)
select ('f' || lpad(to_hex(i), 7, '0') || '-0000-4000-8000-000000000000')::uuid, patient_id,
       case when i % 2000 = 0 then 'e0000000-0000-4000-8000-00000000000b'
            else 'e0000000-0000-4000-8000-00000000000a' end::uuid,
       now() - interval '30 days', 'admin.bench@clinic.test'
from seed_pump
where i % 5 = 0;

insert into appointment (id, pump_id, patient_id, starts_at, location, site, planned_drug, status, refill_due_at,
                         window_opens_at, window_closes_at, booked_by, booked_at)
select ('d' || lpad(to_hex(i), 7, '0') || '-0000-4000-8000-000000000000')::uuid, pump_id, patient_id,
       greatest(next_due_at - interval '24 hours', now() + interval '2 hours'), 'CLINIC', 'Infusion suite B',
       case when last_drug = 'CHEMOTHERAPY' then 'HEPARIN' else 'CHEMOTHERAPY' end, 'BOOKED', next_due_at,
       next_due_at - interval '72 hours', reserve_ends_at, 'scheduler.bench@clinic.test', now() - interval '1 day'
from seed_pump
where i % 2 = 0 and next_due_at < now() + interval '7 days' and reserve_ends_at > now() + interval '3 hours';
commit;

-- Autovacuum may be off or slow to come: statistics and the visibility map now, as after a day.
vacuum analyze patient, pump, fill, appointment, flag, glycerol_hold, idempotency_record, audit_event, partner,
    patient_partner_assignment;
