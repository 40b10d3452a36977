-- Webhook deliveries (docs/partners.md): one row per event and endpoint, written with the event
-- in the outbox's transaction, sent by the dispatcher at least once, oldest first per endpoint.
create table webhook_delivery (
    endpoint_id      uuid        not null references webhook_endpoint (id),
    event_seq        bigint      not null references outbox_event (seq),
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    -- A node sending the event holds it until then; a node that died releases it by letting it pass.
    claimed_until    timestamptz,
    last_attempt_at  timestamptz,
    -- What the last attempt got: the HTTP status, else what failed (never a response body).
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    primary key (endpoint_id, event_seq)
);
-- Each endpoint's oldest undelivered event is the next one it gets.
create index webhook_delivery_pending on webhook_delivery (endpoint_id, event_seq) where status = 'PENDING';
