-- The worklist and the partner's refill list show each pump's latest visit missed since its last
-- fill. Without an index by pump, finding those of one page read every appointment: a cost that
-- grew with the number of pumps (the benchmark's scaling table). Missed visits by pump, newest
-- first, as the query orders them.
create index appointment_missed_by_pump on appointment (pump_id, starts_at desc) where status = 'MISSED';
