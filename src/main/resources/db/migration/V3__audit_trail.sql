-- Who touched which patient's data through the API: one row per request, written after the
-- request's outcome is known (refused requests included). Rows are only ever inserted.
create table audit_event (
    id            bigint generated always as identity primary key,
    occurred_at   timestamptz not null,
    request_id    text        not null,
    -- upn, else sub, of the verified token; null when the request carried no valid token
    actor         text,
    -- the token's roles (groups claim) known to the service, comma-separated
    roles         text,
    partner_id    text,
    action        text        not null check (action in ('CREATE', 'READ', 'UPDATE', 'SEARCH')),
    -- the operation as method and path template, e.g. 'POST /api/v1/pumps/{pumpId}/fills'
    operation     text        not null,
    resource_type text        not null,
    resource_id   text,
    -- every patient whose data the request read or changed (a list names each patient in it)
    patient_ids   uuid[]      not null default '{}',
    outcome       text        not null check (outcome in ('SUCCESS', 'DENIED', 'NOT_FOUND', 'REJECTED', 'FAILED')),
    status        smallint    not null
);

create index audit_event_patient_idx on audit_event using gin (patient_ids);
create index audit_event_occurred_idx on audit_event (occurred_at);

-- Append-only, for every role including the table's owner: updates, deletes and truncation fail.
create function audit_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- A deployment that runs the service as a role other than the owner gets the same rule from grants.
revoke update, delete, truncate on audit_event from public;
