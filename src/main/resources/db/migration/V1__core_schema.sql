-- Core schema of the refill scheduler. Instants are timestamptz (stored as UTC); local dates are
-- plain dates in the patient's time zone.

create table patient (
    id          uuid primary key,
    mrn         text        not null,
    given_name  text        not null,
    family_name text        not null,
    birth_date  date        not null,
    time_zone   text        not null,
    created_at  timestamptz not null,
    version     bigint      not null default 0,
    constraint patient_mrn_unique unique (mrn)
);

create table pump (
    id                             uuid primary key,
    patient_id                     uuid          not null references patient (id),
    model                          text          not null,
    serial_number                  text          not null,
    reservoir_volume_ml            numeric(7, 2) not null check (reservoir_volume_ml > 0),
    nominal_flow_rate_ml_per_day   numeric(7, 3) not null check (nominal_flow_rate_ml_per_day > 0),
    implanted_on                   date          not null,
    therapy_mode                   text          not null check (therapy_mode in ('ACTIVE', 'MAINTENANCE')),
    status                         text          not null check (status in ('ACTIVE', 'REMOVED')),
    removed_on                     date,
    removal_reason                 text,
    removal_note                   text,
    -- Denormalised cycle state, rewritten whenever a fill, a mode change or a hold changes it, so
    -- that the worklist and the overdue scan are set-based queries over one table.
    last_fill_id                   uuid,
    next_due_at                    timestamptz,
    reserve_ends_at                timestamptz,
    next_drug                      text,
    latest_measured_flow_ml_per_day numeric(9, 3),
    created_at                     timestamptz   not null,
    version                        bigint        not null default 0,
    constraint pump_serial_unique unique (serial_number),
    constraint pump_removal_complete check (status = 'ACTIVE' or (removed_on is not null and removal_reason is not null))
);
-- A patient has at most one pump in place.
create unique index pump_one_active_per_patient on pump (patient_id) where status = 'ACTIVE';
create index pump_active_due on pump (next_due_at) where status = 'ACTIVE';

create table appointment (
    id                  uuid primary key,
    pump_id             uuid        not null references pump (id),
    patient_id          uuid        not null references patient (id),
    starts_at           timestamptz not null,
    location            text        not null check (location in ('CLINIC', 'HOME')),
    site                text,
    planned_drug        text        not null,
    reason              text,
    status              text        not null check (status in ('BOOKED', 'COMPLETED', 'CANCELLED')),
    refill_due_at       timestamptz not null,
    window_opens_at     timestamptz not null,
    window_closes_at    timestamptz not null,
    booked_by           text        not null,
    booked_at           timestamptz not null,
    cancelled_at        timestamptz,
    cancelled_by        text,
    cancellation_reason text,
    completed_at        timestamptz,
    fill_id             uuid,
    version             bigint      not null default 0
);
-- A pump has at most one open appointment.
create unique index appointment_one_open_per_pump on appointment (pump_id) where status = 'BOOKED';
create index appointment_starts_at on appointment (starts_at);

create table fill (
    id                              uuid primary key,
    pump_id                         uuid          not null references pump (id),
    performed_at                    timestamptz   not null,
    drug                            text          not null check (drug in ('CHEMOTHERAPY', 'HEPARIN', 'GLYCEROL')),
    volume_ml                       numeric(7, 2) not null check (volume_ml > 0),
    residual_volume_ml              numeric(7, 2) check (residual_volume_ml >= 0),
    expected_drug                   text,
    deviation                       boolean       not null,
    deviation_reason                text,
    appointment_id                  uuid references appointment (id),
    notes                           text,
    measured_flow_rate_ml_per_day   numeric(9, 3),
    flow_deviation_percent          numeric(9, 1),
    recorded_by                     text          not null,
    recorded_at                     timestamptz   not null,
    constraint fill_one_per_instant unique (pump_id, performed_at),
    constraint fill_deviation_explained check (not deviation or deviation_reason is not null)
);
create index fill_pump_newest_first on fill (pump_id, performed_at desc);

alter table pump add constraint pump_last_fill_fk foreign key (last_fill_id) references fill (id);
alter table appointment add constraint appointment_fill_fk foreign key (fill_id) references fill (id);

create table glycerol_hold (
    id                    uuid primary key,
    pump_id               uuid        not null references pump (id),
    depart_on             date        not null,
    return_on             date        not null,
    planned_refill_due_at timestamptz not null,
    covers_until          date        not null,
    created_by            text        not null,
    created_at            timestamptz not null,
    constraint glycerol_hold_dates check (return_on > depart_on)
);
create index glycerol_hold_pump on glycerol_hold (pump_id);

create table flag (
    id                uuid primary key,
    pump_id           uuid        not null references pump (id),
    patient_id        uuid        not null references patient (id),
    kind              text        not null check (kind in ('REFILL_OVERDUE', 'FLOW_DEVIATION')),
    level             text        not null check (level in ('OVERDUE', 'CRITICAL', 'WARNING')),
    status            text        not null check (status in ('OPEN', 'RESOLVED')),
    -- The fill whose cycle the flag is about: for an overdue flag the fill that started the late
    -- cycle, for a flow flag the fill that measured the deviation.
    cycle_fill_id     uuid        not null references fill (id),
    raised_at         timestamptz not null,
    escalated_at      timestamptz,
    due_at            timestamptz,
    reserve_ends_at   timestamptz,
    detail            text,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    resolved_at       timestamptz,
    resolution        text,
    version           bigint      not null default 0
);
-- One overdue flag per pump and cycle, whatever runs the scan and however often.
create unique index flag_one_overdue_per_cycle on flag (pump_id, cycle_fill_id) where kind = 'REFILL_OVERDUE';
create unique index flag_one_flow_per_fill on flag (cycle_fill_id) where kind = 'FLOW_DEVIATION';
create index flag_open_by_pump on flag (pump_id) where status = 'OPEN';

create table idempotency_record (
    idempotency_key text primary key,
    request_hash    text        not null,
    pump_id         uuid        not null references pump (id),
    fill_id         uuid        not null references fill (id),
    response_status integer     not null,
    response_body   text        not null,
    created_at      timestamptz not null
);
