-- Home-infusion partners (docs/partners.md): the agencies that refill patients at home, which
-- patients each one refills, the endpoints that receive webhooks and their signing secrets, home
-- work orders, and idempotency keys scoped per caller.

create table partner (
    id            uuid primary key,
    name          text        not null,
    contact_email text        not null,
    created_at    timestamptz not null,
    created_by    text        not null,
    updated_at    timestamptz not null,
    version       bigint      not null default 0
);

-- Which agency refills a patient at home, and since when; an ended row is history. A patient has
-- at most one current partner.
create table patient_partner_assignment (
    id          uuid primary key,
    patient_id  uuid        not null references patient (id),
    partner_id  uuid        not null references partner (id),
    assigned_at timestamptz not null,
    assigned_by text        not null,
    ended_at    timestamptz,
    ended_by    text,
    constraint patient_partner_assignment_end_complete check ((ended_at is null) = (ended_by is null))
);
create unique index patient_partner_assignment_one_current on patient_partner_assignment (patient_id)
    where ended_at is null;
create index patient_partner_assignment_current_by_partner on patient_partner_assignment (partner_id, patient_id)
    where ended_at is null;
create index patient_partner_assignment_history on patient_partner_assignment (patient_id, assigned_at);

-- Where events are delivered: a partner's own endpoint (one per partner; its URL may be unset, and
-- the partner then reads the event feed), or a clinic-wide system (partner_id null) that receives
-- the event types it names.
create table webhook_endpoint (
    id          uuid primary key,
    partner_id  uuid references partner (id),
    url         text,
    event_types text[],
    description text,
    created_at  timestamptz not null,
    created_by  text        not null,
    version     bigint      not null default 0,
    constraint webhook_endpoint_clinic_complete
        check (partner_id is not null or (url is not null and event_types is not null))
);
create unique index webhook_endpoint_one_per_partner on webhook_endpoint (partner_id) where partner_id is not null;

-- Signing secrets (whsec_...). A rotation gives the newest secret and sets expires_at on the ones
-- before it: until then, deliveries are signed with each.
create table webhook_secret (
    id          uuid primary key,
    endpoint_id uuid        not null references webhook_endpoint (id),
    secret      text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz
);
create index webhook_secret_by_endpoint on webhook_secret (endpoint_id, created_at);

-- A home appointment of a patient who has a partner is a work order for that partner.
alter table appointment add column partner_id uuid references partner (id);
alter table appointment add column work_order_status text
    check (work_order_status in ('PENDING', 'ACCEPTED', 'DECLINED', 'PROPOSED'));
alter table appointment add column work_order_updated_at timestamptz;
alter table appointment add column decline_reason text;
alter table appointment add column proposed_starts_at timestamptz;
alter table appointment add constraint appointment_work_order_has_partner
    check ((partner_id is null) = (work_order_status is null));
alter table appointment add constraint appointment_proposal_complete
    check ((work_order_status = 'PROPOSED') = (proposed_starts_at is not null));
create index appointment_work_orders_by_partner on appointment (partner_id, starts_at) where partner_id is not null;

-- Where a fill was done, and the agency and nurse who did it at home.
alter table fill add column location text not null default 'CLINIC' check (location in ('CLINIC', 'HOME'));
alter table fill add column partner_id uuid references partner (id);
alter table fill add column performed_by text;
alter table fill add constraint fill_partner_names_its_nurse check (partner_id is null or performed_by is not null);

-- An Idempotency-Key belongs to its caller (a partner, or a clinic user): two callers may send the
-- same key. Records written before callers were told apart keep a caller of their own and expire.
alter table idempotency_record add column caller text not null default 'unscoped';
alter table idempotency_record alter column caller drop default;
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (caller, idempotency_key);
create index idempotency_record_created on idempotency_record (created_at);
