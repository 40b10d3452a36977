-- The transactional outbox (docs/partners.md): one row per event, written in the transaction of the
-- change that caused it, read by the event feed and, per endpoint, by webhook delivery.
create table outbox_event (
    -- Feed order. Rows are written at commit under one advisory lock (webhooks/Outbox), so that
    -- seq follows commit order and a reader paging by seq never passes over a later commit.
    seq         bigint generated always as identity primary key,
    -- The event's id (evt_...), the webhook-id of its deliveries: stable across retries.
    id          text        not null unique,
    type        text        not null,
    occurred_at timestamptz not null,
    -- The patient concerned, and the partner that refilled them at home when it occurred: the
    -- partner whose feed and endpoint receive it (null: no partner).
    patient_id  uuid references patient (id),
    partner_id  uuid references partner (id),
    -- Ids, drug, times and status: never names, MRNs or birth dates.
    data        jsonb       not null
);
create index outbox_event_partner_feed on outbox_event (partner_id, seq) where partner_id is not null;
