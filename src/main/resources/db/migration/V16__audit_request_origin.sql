-- Where each audited request came from. request_id is now always the service's own id; what the
-- caller sent as X-Request-Id is kept apart, so that no caller can choose the id a record is
-- found by. The columns are added empty: older records keep null in them.
alter table audit_event
    -- the caller's X-Request-Id, when it was an id (1-64 of [A-Za-z0-9._-]); else null
    add column caller_request_id text,
    -- the client's address: the peer's, or the one a trusted proxy forwarded (quarkus.http.proxy.*)
    add column client_address    text,
    -- the client the token was issued to (azp) and the token's id (jti), when the token has them
    add column token_client      text,
    add column token_id          text;
