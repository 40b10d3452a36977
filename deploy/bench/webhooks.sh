#!/usr/bin/env bash
# The webhook dispatcher's figures (docs/performance.md, "Webhooks"): how soon a new event reaches
# a receiver on loopback, deliveries per second to a fast receiver with 1 and with 16 endpoints,
# and what endpoints that never answer cost the others.
#
#   deploy/bench/webhooks.sh      about 3 minutes
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Java 17, python3, curl and jq. It drops
# and recreates the database hai_bench_webhooks and no other. Raw outputs go to
# target/bench/webhooks/<UTC time>/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
readonly PGHOST=127.0.0.1 PGUSER=postgres DB=hai_bench_webhooks
readonly PORT=${BENCH_PORT:-18180} RECEIVER_PORT=${BENCH_RECEIVER_PORT:-18190}
readonly ISSUER=https://hai-refill-scheduler.local/dev
readonly EVENTS_ONE=${BENCH_EVENTS_ONE:-3000} EVENTS_EACH=${BENCH_EVENTS_EACH:-600} LATENCY_EVENTS=200
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
OUT=$ROOT/target/bench/webhooks/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

log() { printf '[webhooks %s] %s\n' "$(date +%T)" "$*" | tee -a "$OUT/bench.log" >&2; }
sql() { psql -h "$PGHOST" -U "$PGUSER" -X -v ON_ERROR_STOP=1 -qAt -d "$DB" "$@"; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

[[ -f $JAR ]] || ./mvnw -B -q package -DskipTests
psql -h "$PGHOST" -U "$PGUSER" -X -qAt -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

python3 deploy/bench/webhook-receiver.py "$RECEIVER_PORT" 15 &
PIDS+=($!)
# The prod profile refuses the development key: this run signs with a key pair of its own.
KEYS=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/signing-key.pem" 2>/dev/null
openssl pkey -in "$KEYS/signing-key.pem" -pubout -out "$KEYS/public-key.pem"
export HAI_JWT_SIGNING_KEY=$KEYS/signing-key.pem
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$DB QUARKUS_HTTP_PORT=$PORT \
QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_DATASOURCE_USERNAME=$PGUSER QUARKUS_DATASOURCE_PASSWORD=unused \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$KEYS/public-key.pem MP_JWT_VERIFY_ISSUER=$ISSUER \
HAI_JWT_AUDIENCE=hai-refill-scheduler \
HAI_WEBHOOKS_ALLOW_HTTP=true HAI_WEBHOOKS_DISPATCH_EVERY=1s \
  java -jar "$JAR" >"$OUT/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$((PORT + 1000))/q/health/ready" && break; sleep 0.1; done
API=http://127.0.0.1:$PORT/api/v1
ADMIN=$(deploy/dev-jwt/mint-token.sh admin)
SCHEDULER=$(deploy/dev-jwt/mint-token.sh scheduler)
post() { curl -sf -X "$1" "$API$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' -d "$4"; }
partner() { post POST /partners "$ADMIN" "{\"name\":\"$1\",\"contactEmail\":\"ops@$1.test\",\"webhookUrl\":\"http://127.0.0.1:$RECEIVER_PORT/$2/$1\"}" | jq -r .id; }
stats() { curl -sf "http://127.0.0.1:$RECEIVER_PORT/stats"; }

# Events written straight into the outbox, with their deliveries, all due now: the dispatcher alone.
# Nothing wakes it, so each run includes the wait for its next firing (at most a second here).
# queue PARTNER_ID COUNT
queue() {
  sql -c "with e as (
            insert into outbox_event (id, type, occurred_at, partner_id, data)
            select 'evt_bench_' || md5(random()::text), 'partner.assigned', now(), '$1', '{}'
            from generate_series(1, $2) returning seq, partner_id)
          insert into webhook_delivery (endpoint_id, event_seq, status, next_attempt_at)
          select w.id, e.seq, 'PENDING', now() from e join webhook_endpoint w on w.partner_id = e.partner_id"
}
now_s() { sql -c "select extract(epoch from clock_timestamp())"; }
# rate PARTNER_IDS...: waits until the partners' deliveries are settled; prints deliveries per second
# from START (seconds since the epoch, set before queueing) to the last delivered_at
rate() {
  local ids
  ids=$(printf "'%s'," "$@"); ids=${ids%,}
  local where="endpoint_id in (select id from webhook_endpoint where partner_id in ($ids))"
  for _ in $(seq 1 1200); do
    [[ $(sql -c "select count(*) from webhook_delivery where $where and status = 'PENDING'") == 0 ]] && break
    sleep 0.25
  done
  sql -c "select round(count(*) / nullif(extract(epoch from max(delivered_at)) - $START, 0))
          from webhook_delivery where $where and status = 'DELIVERED'"
}

log "warm-up: 2,000 deliveries to one endpoint"
WARM=$(partner warm ok); START=$(now_s); queue "$WARM" 2000; rate "$WARM" >/dev/null

log "latency: $LATENCY_EVENTS assignments through the API, one at a time"
LAT=$(partner latency ok); stats >/dev/null
for _ in $(seq 1 $LATENCY_EVENTS); do
  patient=$(post POST /patients "$SCHEDULER" "{\"mrn\":\"MRN-$RANDOM$RANDOM\",\"givenName\":\"Bench\",\"familyName\":\"Patient\",\"birthDate\":\"1960-01-01\"}" | jq -r .id)
  post PUT "/patients/$patient/partner" "$SCHEDULER" "{\"partnerId\":\"$LAT\"}" >/dev/null
done
sleep 2
stats >"$OUT/latency.json"
read -r LAT_P50 LAT_P99 LAT_N < <(jq -r '.latencies_ms | sort | [.[length/2|floor], .[(length*0.99)|floor], length] | map(round) | @tsv' "$OUT/latency.json")

log "throughput: $EVENTS_ONE events to one endpoint"
ONE=$(partner one ok); START=$(now_s); queue "$ONE" "$EVENTS_ONE"; ONE_RATE=$(rate "$ONE")

log "throughput: $EVENTS_EACH events to each of 16 endpoints"
SIXTEEN=()
for i in $(seq 1 16); do SIXTEEN+=("$(partner "many$i" ok)"); done
START=$(now_s)
for id in "${SIXTEEN[@]}"; do queue "$id" "$EVENTS_EACH"; done
SIXTEEN_RATE=$(rate "${SIXTEEN[@]}")

for hanging in 1 8; do
  log "throughput: 16 endpoints beside $hanging that never answer (15 s, past the 10 s attempt timeout)"
  LIVE=(); DEAD=()
  for i in $(seq 1 "$hanging"); do DEAD+=("$(partner "hang$hanging-$i" hang)"); done
  for i in $(seq 1 16); do LIVE+=("$(partner "live$hanging-$i" ok)"); done
  START=$(now_s)
  for id in "${DEAD[@]}"; do queue "$id" 5; done
  for id in "${LIVE[@]}"; do queue "$id" "$EVENTS_EACH"; done
  declare "HANG_RATE_$hanging=$(rate "${LIVE[@]}")"
done

cat >"$OUT/results.md" <<TABLE
| figure | value |
| --- | --- |
| a new event, commit to receiver (API assignments, one at a time): p50 / p99 | $LAT_P50 ms / $LAT_P99 ms ($LAT_N events) |
| deliveries/s, one endpoint (one event at a time, in order) | $ONE_RATE |
| deliveries/s, 16 endpoints | $SIXTEEN_RATE |
| deliveries/s to 16 endpoints beside 1 that never answers | $HANG_RATE_1 |
| deliveries/s to 16 endpoints beside 8 that never answer | $HANG_RATE_8 |
TABLE
cat "$OUT/results.md"
