-- The worklist pages the active pumps in (next_due_at, id) order and, on every request, counts
-- them by status over the same range. With the id and reserve_ends_at in the index, the order
-- needs no sort and the counts are an index-only scan that never reads the pump rows. It covers
-- everything pump_active_due (V1) served, the overdue scan included, so that one goes.
create index pump_active_due_worklist on pump (next_due_at, id) include (reserve_ends_at) where status = 'ACTIVE';
drop index pump_active_due;
