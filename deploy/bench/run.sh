#!/usr/bin/env bash
# The service's performance benchmark (docs/performance.md). One command: builds the service with
# its bench-only endpoints and a minimal app of the same stack, seeds its own databases with SQL,
# measures each figure beside its ceiling in the same run, and prints the results table.
#
#   deploy/bench/run.sh           the documented sizes and durations (about 17 minutes)
#   deploy/bench/run.sh --quick   small sizes, short runs: checks the harness (about 5 minutes)
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Java 17, psql, pgbench and wrk (wrk
# is installed with apt-get when missing and the script runs as root). It drops and recreates the
# databases hai_bench, hai_bench_small, hai_bench_scan, hai_bench_min and hai_bench_pgbench, and no others.
# Raw outputs go to target/bench/results/<UTC time>/; the table is results.md there.
#
# Sizes and durations can be overridden: BENCH_PUMPS, BENCH_SMALL_PUMPS, BENCH_SCAN_PUMPS, BENCH_WARMUP
# (seconds), BENCH_DURATION, BENCH_FILL_WARMUP, BENCH_SCAN_ROUNDS, BENCH_STARTS, BENCH_SCALE_WARMUP,
# BENCH_SCALE_DURATION, BENCH_PORT, BENCH_MIN_PORT.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
BENCH=$ROOT/deploy/bench

QUICK=false
for arg in "$@"; do
  case $arg in
    --quick) QUICK=true ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done

if $QUICK; then
  DEFAULTS=(10000 50000 5 5 3 1 1 1000 5 5)
else
  DEFAULTS=(100000 1000000 30 30 30 3 5 10000 30 15)
fi
PUMPS=${BENCH_PUMPS:-${DEFAULTS[0]}}
SCAN_PUMPS=${BENCH_SCAN_PUMPS:-${DEFAULTS[1]}}
WARMUP=${BENCH_WARMUP:-${DEFAULTS[2]}}
DURATION=${BENCH_DURATION:-${DEFAULTS[3]}}
FILL_WARMUP=${BENCH_FILL_WARMUP:-${DEFAULTS[4]}}
SCAN_ROUNDS=${BENCH_SCAN_ROUNDS:-${DEFAULTS[5]}}
STARTS=${BENCH_STARTS:-${DEFAULTS[6]}}
SMALL_PUMPS=${BENCH_SMALL_PUMPS:-${DEFAULTS[7]}}
SCALE_WARMUP=${BENCH_SCALE_WARMUP:-${DEFAULTS[8]}}
SCALE_DURATION=${BENCH_SCALE_DURATION:-${DEFAULTS[9]}}
PORT=${BENCH_PORT:-18080}
MIN_PORT=${BENCH_MIN_PORT:-18081}
readonly FILLS_PER_PUMP=26 LATE_PERCENT=10 CONNECTIONS=32 THREADS=2 PGBENCH_SCALE=32
readonly PGHOST=127.0.0.1 PGUSER=postgres
readonly DB=hai_bench DB_SMALL=hai_bench_small DB_SCAN=hai_bench_scan DB_MIN=hai_bench_min DB_PGBENCH=hai_bench_pgbench
readonly ISSUER=https://hai-refill-scheduler.local/dev

SERVICE_JAR=$ROOT/target/bench/build/quarkus-app/quarkus-run.jar
MINIMAL_JAR=$BENCH/minimal-app/target/quarkus-app/quarkus-run.jar
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/target/bench/results/$RUN_ID
mkdir -p "$OUT"
STARTED_AT=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" | tee -a "$OUT/bench.log" >&2; }
die() { log "FAILED: $*"; exit 1; }

# Every process this script starts, stopped on any exit.
STARTED_PIDS=()
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'die "interrupted"' INT TERM

sql() { psql -h "$PGHOST" -U "$PGUSER" -X -v ON_ERROR_STOP=1 -qAt -d "$@"; }
recreate_db() {
  sql postgres -c "drop database if exists $1 with (force)"
  sql postgres -c "create database $1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# awk arithmetic on the command line: calc '2 * 3' -> 6
calc() { awk "BEGIN { printf \"%.6g\", $1 }"; }
# fmt NUMBER [DECIMALS]: rounded, with thousands separated by commas
fmt() {
  awk -v v="$1" -v d="${2:-0}" 'BEGIN {
    n = split(sprintf("%." d "f", v), part, "."); i = part[1]; sign = ""
    if (substr(i, 1, 1) == "-") { sign = "-"; i = substr(i, 2) }
    out = ""
    while (length(i) > 3) { out = "," substr(i, length(i) - 2) out; i = substr(i, 1, length(i) - 3) }
    printf "%s%s%s%s", sign, i, out, (n > 1 ? "." part[2] : "")
  }'
}
yes_no() { awk "BEGIN { exit !($1) }" && echo "**yes**" || echo "**no**"; }

# ---------------------------------------------------------------------------------------------
# Prerequisites and the machine
# ---------------------------------------------------------------------------------------------
for tool in java psql pgbench curl awk; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done
if ! command -v wrk >/dev/null; then
  [[ $(id -u) == 0 ]] || die "wrk is missing: apt-get install -y wrk"
  log "installing wrk"
  (apt-get update -qq && apt-get install -y -qq wrk) >"$OUT/apt.log" 2>&1 || die "apt-get install wrk failed (see $OUT/apt.log)"
fi
pg_isready -h "$PGHOST" -p 5432 -q || die "PostgreSQL is not running on $PGHOST:5432"
for port in "$PORT" "$MIN_PORT"; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then die "port $port is in use"; fi
done

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT="$COMMIT (with uncommitted changes)"
CPU_MODEL=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
MACHINE="$(nproc) cores ($CPU_MODEL), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
PG_VERSION=$(sql postgres -c "show server_version")
JAVA_VERSION=$(java -version 2>&1 | head -1)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "run $RUN_ID on $MACHINE; load average $LOAD_BEFORE; results in $OUT"

# ---------------------------------------------------------------------------------------------
# Build: the service with src/bench/java (profile bench, into target/bench/build), and the minimal app
# ---------------------------------------------------------------------------------------------
log "building the service (-Pbench) and the minimal app"
./mvnw -B -q -Pbench package -Dmaven.test.skip=true >"$OUT/build-service.log" 2>&1 \
  || die "service build failed (see $OUT/build-service.log)"
./mvnw -B -q -f "$BENCH/minimal-app/pom.xml" package -DskipTests >"$OUT/build-minimal.log" 2>&1 \
  || die "minimal app build failed (see $OUT/build-minimal.log)"
[[ -f $SERVICE_JAR && -f $MINIMAL_JAR ]] || die "a built jar is missing"

# The prod profile refuses the development key: this run signs with a key pair of its own.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/bench-signing-key.pem" 2>/dev/null
openssl pkey -in "$OUT/bench-signing-key.pem" -pubout -out "$OUT/bench-public-key.pem"
export HAI_JWT_SIGNING_KEY=$OUT/bench-signing-key.pem
NURSE=$("$ROOT/deploy/dev-jwt/mint-token.sh" nurse nurse.bench@clinic.test)
# The partners of seed.sql: the large agency records home fills, the small one reads its refill list.
HOME_NURSE=$("$ROOT/deploy/dev-jwt/mint-token.sh" partner infusion.bench@home-infusion.test \
  e0000000-0000-4000-8000-00000000000a)
SMALL_AGENCY=$("$ROOT/deploy/dev-jwt/mint-token.sh" partner ops.bench@small-agency.test \
  e0000000-0000-4000-8000-00000000000b)
ADMIN=$("$ROOT/deploy/dev-jwt/mint-token.sh" admin admin.bench@clinic.test)

# ---------------------------------------------------------------------------------------------
# Starting and stopping the applications
# ---------------------------------------------------------------------------------------------
APP_PID=
APP_DB=
READY_MS=
# start_app NAME JAR DATABASE PORT SCHEDULER(true|false) [JVM OPTION...]: runs the jar in the prod
# profile with this run's key trusted, its management interface on PORT + 1000, waits for
# /q/health/ready (the minimal app serves it on PORT); sets APP_PID, APP_DB and READY_MS (launch to ready).
start_app() {
  local name=$1 jar=$2 db=$3 port=$4 scheduler=$5 logfile=$OUT/$1.log t0
  shift 5
  t0=$(date +%s%N)
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$db \
  QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=unused \
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_MANAGEMENT_PORT=$((port + 1000)) \
  QUARKUS_SCHEDULER_ENABLED=$scheduler \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=$OUT/bench-public-key.pem \
  MP_JWT_VERIFY_ISSUER=$ISSUER \
  HAI_JWT_AUDIENCE=hai-refill-scheduler \
    java "$@" -jar "$jar" >"$logfile" 2>&1 &
  APP_PID=$!
  APP_DB=$db
  STARTED_PIDS+=("$APP_PID")
  for _ in $(seq 1 3000); do
    if curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$((port + 1000))/q/health/ready" \
      || curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/q/health/ready"; then
      READY_MS=$((($(date +%s%N) - t0) / 1000000))
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || die "$name exited while starting (see $logfile)"
    sleep 0.05
  done
  die "$name was not ready within the time allowed (see $logfile)"
}
stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$APP_PID" 2>/dev/null || { APP_PID=; return 0; }; sleep 0.1; done
  kill -9 "$APP_PID" 2>/dev/null || true
  APP_PID=
}

# ---------------------------------------------------------------------------------------------
# Databases: migrated by the service itself, then seeded with SQL
# ---------------------------------------------------------------------------------------------
log "recreating $DB, $DB_SMALL, $DB_SCAN, $DB_MIN, $DB_PGBENCH"
for db in "$DB" "$DB_SMALL" "$DB_SCAN" "$DB_MIN" "$DB_PGBENCH"; do recreate_db "$db"; done
for db in "$DB" "$DB_SMALL" "$DB_SCAN"; do
  start_app "migrate-$db" "$SERVICE_JAR" "$db" "$PORT" false
  stop_app
done

seed() {
  local db=$1 pumps=$2 fills=$3 t0
  t0=$(date +%s)
  sql "$db" -v pumps="$pumps" -v fills_per_pump="$fills" -v late_percent="$LATE_PERCENT" \
    -f "$BENCH/seed.sql" >>"$OUT/seed.log" 2>&1 || die "seeding $db failed (see $OUT/seed.log)"
  echo $(($(date +%s) - t0))
}
log "seeding $DB: $PUMPS pumps with $FILLS_PER_PUMP fills each"
SEED_S=$(seed "$DB" "$PUMPS" "$FILLS_PER_PUMP")
log "seeding $DB_SMALL: $SMALL_PUMPS pumps with $FILLS_PER_PUMP fills each"
seed "$DB_SMALL" "$SMALL_PUMPS" "$FILLS_PER_PUMP" >/dev/null
log "seeding $DB_SCAN: $SCAN_PUMPS pumps with their latest fill"
SEED_SCAN_S=$(seed "$DB_SCAN" "$SCAN_PUMPS" 1)
log "initialising pgbench (scale $PGBENCH_SCALE)"
pgbench -h "$PGHOST" -U "$PGUSER" -i -q -s "$PGBENCH_SCALE" "$DB_PGBENCH" >"$OUT/pgbench-init.log" 2>&1 \
  || die "pgbench -i failed (see $OUT/pgbench-init.log)"
DATA=$(sql "$DB" -c "select count(*) || ' pumps, ' || (select count(*) from fill) || ' fills, '
  || (select count(*) from appointment) || ' booked appointments, '
  || count(*) filter (where next_due_at <= now()) || ' late, '
  || count(*) filter (where next_due_at < now() + interval '7 days') || ' on the worklist (7 days), '
  || pg_size_pretty(pg_database_size(current_database())) from pump where status = 'ACTIVE'")
log "$DB: $DATA (seeded in ${SEED_S}s); $DB_SCAN seeded in ${SEED_SCAN_S}s"

# ---------------------------------------------------------------------------------------------
# The load generator
# ---------------------------------------------------------------------------------------------
declare -A R
TICKS=$(getconf CLK_TCK)
# CPU time (clock ticks) used so far by the service's JVM, and by the PostgreSQL backends connected
# to its database (parallel query workers come and go and are not counted).
jvm_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
pg_ticks() {
  local pid total=0
  for pid in $(sql postgres -c "select pid from pg_stat_activity where datname = '$APP_DB'"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# load NAME SCRIPT SECONDS [ENV=VALUE...]: runs wrk, keeps its output, and sets R[NAME.rps],
# R[NAME.p50_ms], R[NAME.p99_ms], R[NAME.requests], R[NAME.non2xx], R[NAME.socket_errors], and the
# CPU milliseconds per request of the service (R[NAME.jvm_ms]) and of its database (R[NAME.pg_ms]).
load() {
  local name=$1 script=$2 seconds=$3 line key value jvm0 pg0
  shift 3
  jvm0=$(jvm_ticks) pg0=$(pg_ticks)
  env BENCH_WRK_DIR="$BENCH/wrk" BENCH_THREADS=$THREADS BENCH_RUN_ID="$RUN_ID" "$@" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$BENCH/wrk/$script" \
    "http://127.0.0.1:$PORT" >"$OUT/wrk-$name.txt" 2>&1 || die "wrk $name failed (see $OUT/wrk-$name.txt)"
  line=$(grep '^RESULT ' "$OUT/wrk-$name.txt") || die "wrk $name printed no result (see $OUT/wrk-$name.txt)"
  for pair in ${line#RESULT }; do
    key=${pair%%=*} value=${pair#*=}
    R[$name.$key]=$value
  done
  R[$name.jvm_ms]=$(calc "($(jvm_ticks) - $jvm0) * 1000 / $TICKS / ${R[$name.requests]}")
  R[$name.pg_ms]=$(calc "($(pg_ticks) - $pg0) * 1000 / $TICKS / ${R[$name.requests]}")
  log "$name: ${R[$name.rps]} req/s, p50 ${R[$name.p50_ms]} ms, p99 ${R[$name.p99_ms]} ms, ${R[$name.non2xx]} non-2xx, ${R[$name.socket_errors]} socket errors; CPU per request: service ${R[$name.jvm_ms]} ms, PostgreSQL ${R[$name.pg_ms]} ms"
  [[ ${R[$name.non2xx]} == 0 ]] || die "$name had ${R[$name.non2xx]} error answers (see $OUT/wrk-$name.txt and the service log)"
}

# ---------------------------------------------------------------------------------------------
# The overdue scan beside one INSERT ... SELECT, on fresh flags each time
# ---------------------------------------------------------------------------------------------
# scan_rounds LABEL DATABASE: sets R[LABEL.service_ms], R[LABEL.sql_ms] (medians), R[LABEL.raised],
# R[LABEL.rerun_ms] (a second scan with nothing new to flag).
scan_rounds() {
  local label=$1 db=$2 round answer service_ms raised sql_out sql_ms sql_rows late
  late=$(sql "$db" -c "select count(*) from pump where status = 'ACTIVE' and next_due_at <= now()")
  : >"$OUT/scan-$label.txt"
  for round in $(seq 1 "$SCAN_ROUNDS"); do
    sql "$db" -c "truncate flag" -c "checkpoint"
    sql_out=$(sql "$db" -c '\timing on' -f "$BENCH/overdue-flags.sql" 2>&1) || die "the SQL ceiling failed: $sql_out"
    sql_ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<<"$sql_out" | tail -1)
    sql_rows=$(sql "$db" -c "select count(*) from flag")
    sql "$db" -c "truncate flag" -c "checkpoint"
    answer=$(curl -sf --max-time 600 -X POST -H "Authorization: Bearer $ADMIN" \
      "http://127.0.0.1:$PORT/bench/overdue-scan") || die "the scan trigger failed"
    service_ms=$(sed -n 's/.*"millis":\([0-9]*\).*/\1/p' <<<"$answer")
    raised=$(sed -n 's/.*"raised":\([0-9]*\).*/\1/p' <<<"$answer")
    echo "round $round: late $late, SQL $sql_ms ms ($sql_rows flags), service $service_ms ms: $answer" >>"$OUT/scan-$label.txt"
    # Seconds apart, a few more pumps may have fallen due.
    (( raised >= late && sql_rows >= late && raised - sql_rows <= late / 1000 + 10 && sql_rows - raised <= late / 1000 + 10 )) \
      || die "the scan raised $raised flags, the SQL $sql_rows, for $late late pumps"
    echo "$service_ms" >>"$OUT/scan-$label.service"
    echo "$sql_ms" >>"$OUT/scan-$label.sql"
  done
  answer=$(curl -sf --max-time 600 -X POST -H "Authorization: Bearer $ADMIN" \
    "http://127.0.0.1:$PORT/bench/overdue-scan") || die "the scan trigger failed"
  echo "re-run: $answer" >>"$OUT/scan-$label.txt"
  R[$label.rerun_ms]=$(sed -n 's/.*"millis":\([0-9]*\).*/\1/p' <<<"$answer")
  R[$label.service_ms]=$(median <"$OUT/scan-$label.service")
  R[$label.sql_ms]=$(median <"$OUT/scan-$label.sql")
  R[$label.raised]=$raised
  log "scan $label: service ${R[$label.service_ms]} ms, SQL ${R[$label.sql_ms]} ms, $raised flags; re-run ${R[$label.rerun_ms]} ms"
}

# ---------------------------------------------------------------------------------------------
# 1 and 2 (100,000 pumps): the scan, then reads against the framework ceiling
# ---------------------------------------------------------------------------------------------
# The Quartz scheduler is off for the measured runs, so that no scheduled scan runs into them.
# BENCH_JFR=1 records a Java Flight Recording of this service (service.jfr, written when it stops).
JFR_OPTIONS=()
[[ ${BENCH_JFR:-0} == 1 ]] && JFR_OPTIONS=("-XX:StartFlightRecording=filename=$OUT/service.jfr,settings=profile")
start_app service "$SERVICE_JAR" "$DB" "$PORT" false "${JFR_OPTIONS[@]}"
log "service ready in ${READY_MS} ms"

log "overdue scan over $PUMPS pumps ($SCAN_ROUNDS rounds)"
scan_rounds scan_small "$DB"

sql "$DB" -c "select id from pump where status = 'ACTIVE'" >"$OUT/pump-ids.txt"
log "warm-up: ${WARMUP}s of pump lookups, worklists and the ceiling in turn"
load warmup get.lua "$WARMUP" BENCH_TARGET=mixed BENCH_PUMP_IDS="$OUT/pump-ids.txt" BENCH_TOKEN="$NURSE"
# The two ceilings share little code with the API's reads: each gets a warm-up of its own, so that
# neither pays the JIT compiler's work in its measured run.
for target in ceiling open; do
  load "warmup_$target" get.lua "$((WARMUP / 3 + 1))" BENCH_TARGET=$target BENCH_TOKEN="$NURSE"
done
for target in ceiling open pump worklist; do
  log "measuring $target for ${DURATION}s"
  load "$target" get.lua "$DURATION" BENCH_TARGET=$target BENCH_PUMP_IDS="$OUT/pump-ids.txt" BENCH_TOKEN="$NURSE"
done
load warmup_partner_refills get.lua "$((WARMUP / 3 + 1))" BENCH_TARGET=partner_refills BENCH_TOKEN="$SMALL_AGENCY"
log "measuring partner_refills for ${DURATION}s"
load partner_refills get.lua "$DURATION" BENCH_TARGET=partner_refills BENCH_TOKEN="$SMALL_AGENCY"
R[partner_refills.items]=$(curl -sf -H "Authorization: Bearer $SMALL_AGENCY" "http://127.0.0.1:$PORT/api/v1/partner/refills" \
  | grep -o '"pumpId"' | wc -l)

# The plans behind the figures, for the notes.
sql "$DB" -c "explain (analyze, buffers) select count(*) filter (where next_due_at > now()),
                count(*) filter (where next_due_at <= now() and reserve_ends_at > now()),
                count(*) filter (where reserve_ends_at <= now())
              from pump where status = 'ACTIVE' and next_due_at < now() + interval '7 days'" \
  -c "explain (analyze, buffers) select p.*, pt.* from pump p join patient pt on pt.id = p.patient_id
              where p.status = 'ACTIVE' and p.next_due_at < now() + interval '7 days'
              order by p.next_due_at, p.id limit 50" >"$OUT/explain-worklist.txt" 2>&1 || true

# ---------------------------------------------------------------------------------------------
# 3: recording fills, most due pumps first, one pump per request, beside pgbench
# ---------------------------------------------------------------------------------------------
# pumpId,drug,residual: the expected drug, and a residual volume that measures the nominal flow.
# The clinic fills the pumps of patients no partner refills; the large partner, those of its own.
fill_rows() {
  sql "$DB" -c "select p.id || ',' || p.next_drug || ',' || to_char(greatest(0, least(30,
                  30 - extract(epoch from now() - f.performed_at) / 86400 * p.nominal_flow_rate_ml_per_day)), 'FM990.00')
                from pump p join fill f on f.id = p.last_fill_id
                left join patient_partner_assignment a on a.patient_id = p.patient_id and a.ended_at is null
                where p.status = 'ACTIVE' and a.partner_id is not distinct from $1
                order by p.next_due_at, p.id"
}
fill_rows null >"$OUT/fills-all.txt"
fill_rows "'e0000000-0000-4000-8000-00000000000a'::uuid" >"$OUT/fills-partner.txt"
split_at=$(($(wc -l <"$OUT/fills-all.txt") * 6 / 10))
head -n "$split_at" "$OUT/fills-all.txt" >"$OUT/fills-measured.txt"
tail -n +"$((split_at + 1))" "$OUT/fills-all.txt" >"$OUT/fills-warmup.txt"
FILLS_BEFORE=$(sql "$DB" -c "select count(*) from fill")
log "warm-up: ${FILL_WARMUP}s of fills (on the least due pumps)"
load fill_warmup fill.lua "$FILL_WARMUP" BENCH_FILLS="$OUT/fills-warmup.txt" BENCH_TOKEN="$NURSE"
sleep 1
FILLS_MID=$(sql "$DB" -c "select count(*) from fill")
AUDIT_MID=$(sql "$DB" -c "select count(*) from audit_event" 2>/dev/null || echo 0)
log "measuring fills for ${DURATION}s"
load fill fill.lua "$DURATION" BENCH_FILLS="$OUT/fills-measured.txt" BENCH_TOKEN="$NURSE"
sleep 1
FILLS_AFTER=$(sql "$DB" -c "select count(*) from fill")
AUDIT_AFTER=$(sql "$DB" -c "select count(*) from audit_event" 2>/dev/null || echo 0)
IDEMPOTENCY=$(sql "$DB" -c "select count(*) from idempotency_record")
R[fill.recorded]=$((FILLS_AFTER - FILLS_MID))
R[fill.audited]=$((AUDIT_AFTER - AUDIT_MID))
log "fills: $((FILLS_AFTER - FILLS_BEFORE)) recorded in all, ${R[fill.recorded]} in the measured run (answers: ${R[fill.requests]}), ${R[fill.audited]} audit records, $IDEMPOTENCY idempotency records"
[[ ${R[fill.recorded]} -ge ${R[fill.requests]} ]] || die "fewer fills stored than answered"
log "warm-up: ${FILL_WARMUP}s of home fills by the partner (on its least due pumps)"
split_at=$(($(wc -l <"$OUT/fills-partner.txt") * 6 / 10))
head -n "$split_at" "$OUT/fills-partner.txt" >"$OUT/fills-partner-measured.txt"
tail -n +"$((split_at + 1))" "$OUT/fills-partner.txt" >"$OUT/fills-partner-warmup.txt"
load partner_fill_warmup fill.lua "$FILL_WARMUP" BENCH_FILLS="$OUT/fills-partner-warmup.txt" BENCH_TOKEN="$HOME_NURSE" \
  BENCH_PERFORMED_BY="Bench Home Nurse"
log "measuring home fills by the partner for ${DURATION}s"
load partner_fill fill.lua "$DURATION" BENCH_FILLS="$OUT/fills-partner-measured.txt" BENCH_TOKEN="$HOME_NURSE" \
  BENCH_PERFORMED_BY="Bench Home Nurse"
stop_app

# The authenticated no-op once more with the cache of verified tokens off: what the cache saves.
HAI_SECURITY_TOKEN_CACHE_MAX_AGE=0s start_app service-nocache "$SERVICE_JAR" "$DB" "$PORT" false
load warmup_nocache get.lua "$((WARMUP / 3 + 1))" BENCH_TARGET=ceiling BENCH_TOKEN="$NURSE"
log "measuring the ceiling without the token cache for ${DURATION}s"
load ceiling_nocache get.lua "$DURATION" BENCH_TARGET=ceiling BENCH_TOKEN="$NURSE"
stop_app

log "pgbench: the default (TPC-B-like) write transaction, $CONNECTIONS clients, ${DURATION}s"
pgbench -h "$PGHOST" -U "$PGUSER" -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" "$DB_PGBENCH" >"$OUT/pgbench.txt" 2>&1 \
  || die "pgbench failed (see $OUT/pgbench.txt)"
R[pgbench.tps]=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$OUT/pgbench.txt")
R[pgbench.latency_ms]=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$OUT/pgbench.txt")
[[ -n ${R[pgbench.tps]} ]] || die "no tps in $OUT/pgbench.txt"
log "pgbench: ${R[pgbench.tps]} tps, latency average ${R[pgbench.latency_ms]} ms"

# ---------------------------------------------------------------------------------------------
# 4: start-up and memory, the service (on the seeded database) and the minimal app, in turn
# ---------------------------------------------------------------------------------------------
: >"$OUT/starts.txt"
for round in $(seq 1 "$STARTS"); do
  for app in service minimal; do
    if [[ $app == service ]]; then
      start_app "start-$app-$round" "$SERVICE_JAR" "$DB" "$PORT" true
    else
      start_app "start-$app-$round" "$MINIMAL_JAR" "$DB_MIN" "$MIN_PORT" true
    fi
    sleep 2
    rss_kb=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
    started_in=$(sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$OUT/start-$app-$round.log" | head -1)
    echo "$app $round ready_ms=$READY_MS started_in_s=$started_in rss_kb=$rss_kb" >>"$OUT/starts.txt"
    echo "$READY_MS" >>"$OUT/starts-$app.ready"
    echo "$rss_kb" >>"$OUT/starts-$app.rss"
    echo "$started_in" >>"$OUT/starts-$app.started"
    stop_app
  done
done
for app in service minimal; do
  R[$app.ready_ms]=$(median <"$OUT/starts-$app.ready")
  R[$app.rss_mb]=$(calc "$(median <"$OUT/starts-$app.rss") / 1024")
  R[$app.started_s]=$(median <"$OUT/starts-$app.started")
  log "$app: ready in ${R[$app.ready_ms]} ms (Quarkus: started in ${R[$app.started_s]} s), RSS ${R[$app.rss_mb]} MB (medians of $STARTS)"
done

# ---------------------------------------------------------------------------------------------
# 2 (1,000,000 pumps)
# ---------------------------------------------------------------------------------------------
start_app service-scan "$SERVICE_JAR" "$DB_SCAN" "$PORT" false
log "overdue scan over $SCAN_PUMPS pumps ($SCAN_ROUNDS rounds)"
scan_rounds scan_large "$DB_SCAN"
stop_app

# ---------------------------------------------------------------------------------------------
# 3 (scaling): the pump lookup and the worklist at the small and the large size, beside the main run's
# ---------------------------------------------------------------------------------------------
# scale_run LABEL DATABASE: a mixed warm-up, then the pump lookup and the worklist, each measured as
# LABEL_pump and LABEL_worklist.
scale_run() {
  local label=$1 db=$2
  start_app "service-$label" "$SERVICE_JAR" "$db" "$PORT" false
  # At most 100,000 ids, drawn at random: the lookups spread over the whole table all the same.
  sql "$db" -c "select id from pump where status = 'ACTIVE' order by random() limit 100000" >"$OUT/pump-ids-$label.txt"
  load "warmup_$label" get.lua "$SCALE_WARMUP" BENCH_TARGET=mixed BENCH_PUMP_IDS="$OUT/pump-ids-$label.txt" BENCH_TOKEN="$NURSE"
  for target in pump worklist; do
    log "measuring $target over $(sql "$db" -c "select count(*) from pump") pumps for ${SCALE_DURATION}s"
    load "${label}_$target" get.lua "$SCALE_DURATION" BENCH_TARGET=$target BENCH_PUMP_IDS="$OUT/pump-ids-$label.txt" BENCH_TOKEN="$NURSE"
  done
  stop_app
}
scale_run small "$DB_SMALL"
scale_run large "$DB_SCAN"

# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
ELAPSED=$(($(date +%s) - STARTED_AT))

open=${R[open.rps]}
ceiling=${R[ceiling.rps]}
auth_ratio=$(calc "100 * $ceiling / $open")
nocache_ratio=$(calc "100 * ${R[ceiling_nocache.rps]} / $open")
pump_ratio=$(calc "100 * ${R[pump.rps]} / $open")
worklist_ratio=$(calc "100 * ${R[worklist.rps]} / $open")
small_ratio=$(calc "${R[scan_small.service_ms]} / ${R[scan_small.sql_ms]}")
large_ratio=$(calc "${R[scan_large.service_ms]} / ${R[scan_large.sql_ms]}")
fill_ratio=$(calc "100 * ${R[fill.rps]} / ${R[pgbench.tps]}")
ready_ratio=$(calc "${R[service.ready_ms]} / ${R[minimal.ready_ms]}")
rss_ratio=$(calc "${R[service.rss_mb]} / ${R[minimal.rss_mb]}")
partner_refills_ratio=$(calc "${R[worklist.rps]} / ${R[partner_refills.rps]}")
partner_fill_ratio=$(calc "${R[fill.rps]} / ${R[partner_fill.rps]}")
scale_ratio=$(calc "${R[large_worklist.p99_ms]} / ${R[small_worklist.p99_ms]}")
lat() { echo "p50 $(fmt "${R[$1.p50_ms]}" 1) ms, p99 $(fmt "${R[$1.p99_ms]}" 1) ms"; }

{
  echo "## Results $RUN_ID"
  echo
  echo "Commit $COMMIT; $MACHINE; PostgreSQL $PG_VERSION; $JAVA_VERSION."
  echo "Load generator, service and PostgreSQL share the machine. Load average before $LOAD_BEFORE, after $LOAD_AFTER."
  echo "$DB: $DATA. $CONNECTIONS connections ($THREADS wrk threads), ${WARMUP}s warm-up, ${DURATION}s per measurement; whole run $((ELAPSED / 60)) min $((ELAPSED % 60)) s."
  echo
  echo "| # | measure | service | ceiling, same run | ratio | goal | met |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  echo "| 1 | authenticated no-op: bearer token, role | $(fmt "$ceiling") req/s; $(lat ceiling) | unauthenticated no-op: $(fmt "$open") req/s; $(lat open) | $(fmt "$auth_ratio" 1) % | ≥ 50 % | $(yes_no "$auth_ratio >= 50") |"
  echo "| 1 | the same, cache of verified tokens off | $(fmt "${R[ceiling_nocache.rps]}") req/s; $(lat ceiling_nocache) | (as above) | $(fmt "$nocache_ratio" 1) % | (for comparison) | |"
  echo "| 2 | GET /api/v1/pumps/{id}, random of $(fmt "$PUMPS") | $(fmt "${R[pump.rps]}") req/s; $(lat pump) | (as above) | $(fmt "$pump_ratio" 1) % | ≥ 20 % | $(yes_no "$pump_ratio >= 20") |"
  echo "| 3 | GET /api/v1/worklist, first page of 50 | $(fmt "${R[worklist.rps]}") req/s; $(lat worklist) | (as above) | $(fmt "$worklist_ratio" 1) % | ≥ 5 %, p99 ≤ 25 ms | $(yes_no "$worklist_ratio >= 5 && ${R[worklist.p99_ms]} <= 25") |"
  echo "| 6 | overdue scan, $(fmt "$PUMPS") pumps, $(fmt "${R[scan_small.raised]}") late | $(fmt "${R[scan_small.service_ms]}") ms | one INSERT … SELECT: $(fmt "${R[scan_small.sql_ms]}") ms | $(fmt "$small_ratio" 2) × | < 1 s, ≤ 2 × | $(yes_no "${R[scan_small.service_ms]} < 1000 && $small_ratio <= 2") |"
  echo "| 6 | overdue scan, $(fmt "$SCAN_PUMPS") pumps, $(fmt "${R[scan_large.raised]}") late | $(fmt "${R[scan_large.service_ms]}") ms | one INSERT … SELECT: $(fmt "${R[scan_large.sql_ms]}") ms | $(fmt "$large_ratio" 2) × | < 10 s, ≤ 2 × | $(yes_no "${R[scan_large.service_ms]} < 10000 && $large_ratio <= 2") |"
  echo "| 4 | POST /api/v1/pumps/{id}/fills (Idempotency-Key, audit) | $(fmt "${R[fill.rps]}") fills/s; $(lat fill) | pgbench TPC-B-like: $(fmt "${R[pgbench.tps]}") tps; latency $(fmt "${R[pgbench.latency_ms]}" 1) ms | $(fmt "$fill_ratio" 1) % | ≥ 1,000 fills/s, ≥ 25 % | $(yes_no "${R[fill.rps]} >= 1000 && $fill_ratio >= 25") |"
  echo "| 5 | GET /api/v1/partner/refills (a partner of $(fmt "$((PUMPS / 2000))") patients: ${R[partner_refills.items]} due) | $(fmt "${R[partner_refills.rps]}") req/s; $(lat partner_refills) | the worklist's first page: $(fmt "${R[worklist.rps]}") req/s | $(fmt "$partner_refills_ratio" 2) × slower | ≤ 1.5 × | $(yes_no "$partner_refills_ratio <= 1.5") |"
  echo "| 5 | POST /api/v1/partner/pumps/{id}/fills (Idempotency-Key, audit) | $(fmt "${R[partner_fill.rps]}") fills/s; $(lat partner_fill) | the clinic's fills: $(fmt "${R[fill.rps]}") fills/s | $(fmt "$partner_fill_ratio" 2) × slower | ≤ 1.5 × | $(yes_no "$partner_fill_ratio <= 1.5") |"
  echo "| 6 | start-up: launch to /q/health/ready, median of $STARTS | $(fmt "${R[service.ready_ms]}") ms (Quarkus: ${R[service.started_s]} s) | minimal app: $(fmt "${R[minimal.ready_ms]}") ms (${R[minimal.started_s]} s) | $(fmt "$ready_ratio" 2) × | ≤ 1.3 × | $(yes_no "$ready_ratio <= 1.3") |"
  echo "| 6 | RSS 2 s after ready, median of $STARTS | $(fmt "${R[service.rss_mb]}") MB | minimal app: $(fmt "${R[minimal.rss_mb]}") MB | $(fmt "$rss_ratio" 2) × | ≤ 1.3 × | $(yes_no "$rss_ratio <= 1.3") |"
  echo
  echo "Scaling: the same reads over $(fmt "$SMALL_PUMPS"), $(fmt "$PUMPS") and $(fmt "$SCAN_PUMPS") pumps (the largest with only its latest fill; ${SCALE_DURATION}s each at the ends, after a ${SCALE_WARMUP}s warm-up):"
  echo
  echo "| pumps | fills per pump | GET /api/v1/pumps/{id} | worklist, first page | worklist p99 ÷ p99 at $(fmt "$SMALL_PUMPS") |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| $(fmt "$SMALL_PUMPS") | $FILLS_PER_PUMP | $(fmt "${R[small_pump.rps]}") req/s; $(lat small_pump) | $(fmt "${R[small_worklist.rps]}") req/s; $(lat small_worklist) | 1.00 × |"
  echo "| $(fmt "$PUMPS") | $FILLS_PER_PUMP | $(fmt "${R[pump.rps]}") req/s; $(lat pump) | $(fmt "${R[worklist.rps]}") req/s; $(lat worklist) | $(fmt "$(calc "${R[worklist.p99_ms]} / ${R[small_worklist.p99_ms]}")" 2) × |"
  echo "| $(fmt "$SCAN_PUMPS") | 1 | $(fmt "${R[large_pump.rps]}") req/s; $(lat large_pump) | $(fmt "${R[large_worklist.rps]}") req/s; $(lat large_worklist) | $(fmt "$scale_ratio" 2) × (goal ≤ 1.5 ×: $(yes_no "$scale_ratio <= 1.5")) |"
  echo
  echo "CPU per request, from the service's and its PostgreSQL backends' CPU time over each run (the throughput a"
  echo "busy machine leaves aside; parallel query workers not counted):"
  echo
  echo "| run | req/s | service JVM, ms | PostgreSQL, ms | both, ms | the unauthenticated no-op's cost ÷ this |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for run in open ceiling ceiling_nocache pump worklist partner_refills fill partner_fill small_pump small_worklist large_pump large_worklist; do
    both=$(calc "${R[$run.jvm_ms]} + ${R[$run.pg_ms]}")
    echo "| $run | $(fmt "${R[$run.rps]}") | $(fmt "${R[$run.jvm_ms]}" 2) | $(fmt "${R[$run.pg_ms]}" 2) | $(fmt "$both" 2) | $(fmt "$(calc "100 * (${R[open.jvm_ms]} + ${R[open.pg_ms]}) / $both")" 1) % |"
  done
  echo
  echo "Also measured: warm-up (mixed) $(fmt "${R[warmup.rps]}") req/s; scan re-run with nothing new to flag $(fmt "${R[scan_small.rerun_ms]}") ms ($(fmt "$PUMPS") pumps) and $(fmt "${R[scan_large.rerun_ms]}") ms ($(fmt "$SCAN_PUMPS")); fills stored in the measured run ${R[fill.recorded]} for ${R[fill.requests]} answers, with ${R[fill.audited]} audit records; socket errors (wrk) pump ${R[pump.socket_errors]}, worklist ${R[worklist.socket_errors]}, fill ${R[fill.socket_errors]}, ceiling ${R[ceiling.socket_errors]}, open ${R[open.socket_errors]}."
} >"$OUT/results.md"

echo
cat "$OUT/results.md"
echo
log "done in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; raw outputs in $OUT"
