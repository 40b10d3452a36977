-- Clinic-wide webhook endpoints (docs/partners.md) can be changed and removed, and a delivery
-- names the node sending it.

-- A removed endpoint receives nothing more; its rows stay, for the deliveries' history.
alter table webhook_endpoint add column updated_at timestamptz;
alter table webhook_endpoint add column removed_at timestamptz;
alter table webhook_endpoint add column removed_by text;
alter table webhook_endpoint add constraint webhook_endpoint_removal_complete
    check ((removed_at is null) = (removed_by is null));
-- A partner's endpoint lasts as long as the partner.
alter table webhook_endpoint add constraint webhook_endpoint_partner_not_removed
    check (partner_id is null or removed_at is null);

-- CANCELLED: never sent, because its endpoint stopped receiving (removed, or its URL removed)
-- before it was delivered; a redelivery queues it again.
alter table webhook_delivery drop constraint webhook_delivery_status_check;
alter table webhook_delivery add constraint webhook_delivery_status_check
    check (status in ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED'));

-- The node that holds the claim (its Quartz instance id), for operators and for the fault tests.
alter table webhook_delivery add column claimed_by text;

-- Deliveries queued for a partner whose URL was removed since would never be sent.
update webhook_delivery d
set status = 'CANCELLED', claimed_until = null, last_error = 'not sent: the webhook URL was removed'
from webhook_endpoint e
where e.id = d.endpoint_id and e.url is null and d.status = 'PENDING';

-- The dispatcher now runs on every node, by each node's in-memory scheduler: the clustered
-- trigger it had is removed.
delete from qrtz_fired_triggers where job_name = 'webhook-dispatch';
delete from qrtz_simple_triggers where trigger_name = 'webhook-dispatch';
delete from qrtz_triggers where trigger_name = 'webhook-dispatch';
delete from qrtz_job_details where job_name = 'webhook-dispatch';
