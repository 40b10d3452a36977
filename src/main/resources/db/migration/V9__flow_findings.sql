-- What a fill found of the pump's flow (docs/cycle-rules.md, "Measured flow and the flow flags").

-- A rate measured on a pump found empty (residual 0) is only a lower bound: the pump ran at least
-- that fast. Fills recorded before this rule measured such rates as if they were exact.
alter table fill add column measured_flow_lower_bound boolean not null default false;
update fill set measured_flow_lower_bound = true
where residual_volume_ml = 0 and measured_flow_rate_ml_per_day is not null;
-- A pump whose latest measured rate came from such a fill predicts at no less than nominal; the
-- start-up realignment then moves its due time.
update pump p set latest_flow_lower_bound = true
where p.latest_measured_flow_ml_per_day is not null
  and (select f.measured_flow_lower_bound from fill f
       where f.pump_id = p.id and f.measured_flow_rate_ml_per_day is not null
       order by f.performed_at desc limit 1);

-- Flow flags raised before directions existed get theirs from the fill that measured them.
update flag f set direction = case when fi.flow_deviation_percent > 0 then 'FAST' else 'SLOW' end
from fill fi
where fi.id = f.cycle_fill_id and f.kind = 'FLOW_DEVIATION' and f.direction is null;
alter table flag add constraint flag_direction_of_flow check (direction is null or kind = 'FLOW_DEVIATION');

-- A review task is resolved by a nurse, who says who and what was found.
alter table flag add constraint flag_review_explained check (
    resolution is distinct from 'REVIEWED'
    or (kind in ('PATENCY_REVIEW', 'CHEMO_HOLD_REVIEW') and resolved_by is not null and resolution_note is not null));

-- One no-flow flag and one patency review per fill, whatever retries the fill's transaction.
create unique index flag_one_finding_per_fill on flag (cycle_fill_id, kind) where kind in ('NO_FLOW', 'PATENCY_REVIEW');
