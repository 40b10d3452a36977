-- The database's limit for the overdue scan: the flags the scan raises over a clean flag table,
-- written by one INSERT ... SELECT with none of the scan's safeguards (no row locks on the pumps,
-- no re-check of a fill in flight, no ON CONFLICT, no resolve and escalate steps).
insert into flag (id, pump_id, patient_id, kind, level, status, cycle_fill_id, raised_at, escalated_at,
                  due_at, reserve_ends_at, detail, version)
select gen_random_uuid(), p.id, p.patient_id, 'REFILL_OVERDUE',
       case when p.reserve_ends_at <= now() then 'CRITICAL' else 'OVERDUE' end, 'OPEN', p.last_fill_id,
       now(), case when p.reserve_ends_at <= now() then now() end, p.next_due_at, p.reserve_ends_at,
       case when p.reserve_ends_at <= now() then 'The reserve has ended: the pump may be dry.'
            else 'The refill is past due: the pump runs on its reserve.' end,
       0
from pump p
where p.status = 'ACTIVE' and p.last_fill_id is not null and p.next_due_at <= now();
