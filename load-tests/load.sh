#!/usr/bin/env bash
# The purchase benchmark against a running `./shop up` (see load-tests/README.md and the root README, "Load benchmark"):
#   1. pgbench's purchase-shaped transaction on a scratch copy of the commands schema: the ceiling
#   2. a warm-up (LOAD_WARMUP_SECONDS, default 60: the JIT of four JVMs on 2 cores), then LOAD_RUNS times: the
#      closed model (LOAD_USERS connections, as fast as answered; wrk, or Gatling with LOAD_CLOSED_GENERATOR=gatling)
#      and the open model (LOAD_RATE purchases/s, coordinated-omission free; open-model.py, or Gatling with
#      LOAD_OPEN_GENERATOR=gatling), LOAD_SECONDS each
#   after each model: the time until the sales projection and the mail ledger hold every accepted purchase
#   (at most LOAD_ABSORB_TIMEOUT s, default 300), and the CPU time each component spent over the load plus that
#   absorption (load-tests/cost.py), per purchase.
# Prints a summary with the medians over the runs and writes it to load-tests/target/load-report.md; Gatling's
# HTML reports are in load-tests/target/gatling/.
set -Eeuo pipefail
# a failing command ends the script (set -e): say which, or it stops without a word
trap 'echo "load: line $LINENO failed (exit $?): $BASH_COMMAND" >&2' ERR
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
STATE="$ROOT/.shop"
PG_HOST="${PGHOST:-localhost}"; PG_PORT="${PGPORT:-5432}"; PG_ADMIN="${PGADMIN_USER:-postgres}"
API="${LOAD_BASE_URL:-http://localhost:8081}"
SECONDS_EACH="${LOAD_SECONDS:-60}"; USERS="${LOAD_USERS:-64}"; RUNS="${LOAD_RUNS:-1}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"; PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-32}"
MODELS="${LOAD_MODELS:-closed open}"; CLOSED_GENERATOR="${LOAD_CLOSED_GENERATOR:-wrk}"; OPEN_GENERATOR="${LOAD_OPEN_GENERATOR:-python}"
WARMUP="${LOAD_WARMUP_SECONDS:-60}"
# LOAD_PAY=1 (the default, as the shop takes payment by default, ADR 13): each purchase is paid by card through the
# local provider (order, checkout, the provider's hosted form). wrk and open-model.py talk to one host only, so
# Gatling generates. LOAD_PAY=0 (the default only with PAYMENT_REQUIRED=false) measures the old unpaid path: it needs
# the shop started with PAYMENT_REQUIRED=false, or no purchase gets its keys mail.
PAY="${LOAD_PAY:-$([[ "${PAYMENT_REQUIRED:-true}" == false ]] && echo 0 || echo 1)}"
[[ "$PAY" == 0 || "$PAY" == 1 ]] || { echo "load: LOAD_PAY must be 0 or 1, not $PAY" >&2; exit 1; }
if [[ "$PAY" == 1 ]]; then CLOSED_GENERATOR=gatling; OPEN_GENERATOR=gatling; PATH_MEASURED="purchases paid by card (LOAD_PAY=1)"
else PATH_MEASURED="unpaid purchases, keys at placement (LOAD_PAY=0; the shop must run with PAYMENT_REQUIRED=false)"; fi
# the open model's rate: a paid purchase is three requests and a webhook, and 2 cores carry ~100-150 of them a
# second; at 1,000/s the open model only measured an overloaded shop (thousands of 503s and unpaid orders)
RATE="${LOAD_RATE:-$([[ "$PAY" == 1 ]] && echo 50 || echo 1000)}"
echo "load: measuring $PATH_MEASURED"
MVN=(mvn -B ${MAVEN_ARGS:-} -f "$ROOT/pom.xml" -pl load-tests)
OUT="$HERE/target"; REPORT="$OUT/load-report.md"
mkdir -p "$OUT"

sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d "${2:-shop}" -v ON_ERROR_STOP=1 -qtAX -c "$1"; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
lag() { [[ "$1" == never ]] && echo never || calc "max(0, round($1 - $2, 1))"; }

curl -fsS -o /dev/null --max-time 3 "$API/health" || { echo "load: the command API does not answer at $API; start the shop with ./shop up" >&2; exit 1; }
# the anonymous order limits (F-05) would refuse nearly every purchase of one load client
# summed by awk alone: a grep that matches nothing (no such line yet) fails the pipeline under pipefail
limited() { curl -fsS --max-time 3 "$API/prometheus" | awk '/^shop_commands_rejected_total\{.*reason="too-many-orders"/ {s+=$2} END {print s+0}'; }
LIMITED_BEFORE="$(limited)"
RECEIVER="$(cat "$STATE/mail-sink.kind" 2>/dev/null || echo maildev)"
if [[ "$CLOSED_GENERATOR" == wrk ]] && ! command -v wrk >/dev/null; then
  echo "load: installing wrk (Debian package) for the closed model"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || { echo "load: apt-get install wrk failed; or LOAD_CLOSED_GENERATOR=gatling" >&2; exit 1; }
fi

ceiling() {
  sql "DROP DATABASE IF EXISTS shop_pgbench" postgres
  sql "CREATE DATABASE shop_pgbench" postgres
  pg_dump -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -s -n commands --no-owner shop | psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d shop_pgbench -qX >/dev/null
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -n -M prepared -c "$PGBENCH_CLIENTS" -j 2 -T "$PGBENCH_SECONDS" \
      -f "$HERE/pgbench-purchase.sql" shop_pgbench 2>&1 | tee "$OUT/pgbench.log" | awk '/^tps/ && !found {found=1; print $3}'
  sql "DROP DATABASE shop_pgbench" postgres
}

# the children's line of `times` ("0m1.234s 0m0.567s": user, system) as seconds
cpu_of() { tail -1 "$OUT/times-$1" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }' > "$OUT/cpu-$1"; }

# The generators write "requests ok p50 p95 p99 max errors" to $OUT/result-<run> and their own CPU seconds
# (user+system of the generator and its children, from bash's `times`) to $OUT/cpu-<run>.
gatling() {
  local model="$1" run="$2" seconds="$3" before after dir
  before="$(ls -1d "$OUT"/gatling/*/ 2>/dev/null | sort || true)"
  (
    "${MVN[@]}" gatling:test -Dload.model="$model" -Dload.run="$run" -Dload.seconds="$seconds" -Dload.users="$USERS" \
        -Dload.rate="$RATE" -Dload.baseUrl="$API" -Dload.description="$model $run" \
        -Dload.pay="$([[ "$PAY" == 1 ]] && echo true || echo false)" > "$OUT/gatling-$run.log" 2>&1 || true
    times > "$OUT/times-$run"   # not in a pipe: a piped `times` runs in a subshell of its own, without these children
  )
  cpu_of "$run"
  after="$(ls -1d "$OUT"/gatling/*/ 2>/dev/null | sort)"
  dir="$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | tail -1)"
  [[ -n "$dir" && -f "$dir/index.html" ]] || { echo "load: Gatling wrote no report; see $OUT/gatling-$run.log" >&2; tail -30 "$OUT/gatling-$run.log" >&2; exit 1; }
  echo "$dir" >> "$REPORT.dirs"
  # Gatling's console summary: "> name | total | OK | KO"; its error table comes with every summary, the last is the run's
  stat() { awk -F'|' -v name="> $1 " -v col="$2" 'index($0, name) == 1 {v = $col; gsub(/[ ,]/, "", v)} END {print v}' "$OUT/gatling-$run.log"; }
  local ok errors
  ok="$(stat 'request count' 3)"; ok="${ok//-/0}"
  errors="$(awk '/---- Errors ----/ { last = ""; inside = 1; next } /^====/ { inside = 0 }
    inside && /^> / { sub(/^> /, ""); gsub(/ +/, "_"); last = last (last == "" ? "" : ";") $0 } END { print last }' "$OUT/gatling-$run.log")"
  local total
  total="$(stat 'request count' 2)"
  if [[ "$PAY" == 1 ]]; then
    # a purchase is its last request, the card form (its row "> POST the provider's card form | total | OK | KO");
    # the percentiles stay those of all three requests
    read -r ok ko < <(grep -E "^> POST the provider's card form " "$OUT/gatling-$run.log" | tail -1 | awk -F'|' '{gsub(/[ ,]/, "", $3); gsub(/[ ,]/, "", $4); print $3, $4}')
    ok="${ok:-0}"; total=$(( ok + ${ko:-0} ))
  fi
  echo "$total $ok $(stat 'response time 50th percentile' 3) $(stat 'response time 95th percentile' 3) $(stat 'response time 99th percentile' 3) $(stat 'max response time' 2) ${errors:-none}" > "$OUT/result-$run"
}

wrk_closed() {
  local run="$1" seconds="$2"
  (
    LOAD_RUN="$run" wrk -t 2 -c "$USERS" -d "${seconds}s" --timeout 10s -s "$HERE/wrk/purchase.lua" "$API" > "$OUT/wrk-$run.log" 2>&1 || true
    times > "$OUT/times-$run"   # not in a pipe: a piped `times` runs in a subshell of its own, without these children
  )
  cpu_of "$run"
  grep -q '^WRK-RESULT ' "$OUT/wrk-$run.log" || { echo "load: wrk printed no result; see $OUT/wrk-$run.log" >&2; cat "$OUT/wrk-$run.log" >&2; exit 1; }
  grep '^WRK-RESULT ' "$OUT/wrk-$run.log" | cut -d' ' -f2- > "$OUT/result-$run"
}

python_open() {
  local run="$1" seconds="$2"
  (
    python3 "$HERE/open-model.py" "$API" "$RATE" "$seconds" "$run" "$OUT/open-$run.html" > "$OUT/open-$run.log" 2>&1 || true
    times > "$OUT/times-$run"
  )
  cpu_of "$run"
  grep -q '^OPEN-RESULT ' "$OUT/open-$run.log" || { echo "load: open-model.py printed no result; see $OUT/open-$run.log" >&2; cat "$OUT/open-$run.log" >&2; exit 1; }
  grep '^OPEN-RESULT ' "$OUT/open-$run.log" | cut -d' ' -f2- > "$OUT/result-$run"
  echo "$OUT/open-$run.html" >> "$REPORT.pages"
}

generate() {   # model run seconds
  case "$1/$(generator_of "$1")" in
    closed/wrk) wrk_closed "$2" "$3" ;;
    open/python) python_open "$2" "$3" ;;
    *) gatling "$1" "$2" "$3" ;;
  esac
}
generator_of() { [[ "$1" == closed ]] && echo "$CLOSED_GENERATOR" || echo "$OPEN_GENERATOR"; }
generator_name() {
  case "$(generator_of "$1")" in
    wrk) echo wrk ;;
    python) echo "open-model.py (asyncio)" ;;
    *) echo "Gatling (JVM, via Maven)" ;;
  esac
}

# Cheap counters while the CPU is being measured (index range scans from the run's first sequence / start time),
# so that polling costs the database next to nothing; the exact per-run checks run after the window.
placed_since() { sql "SELECT count(*) FROM commands.events WHERE sequence > $1 AND type = 'OrderPlaced'"; }
projected_since() { sql "SELECT count(*) FROM sales.orders WHERE placed_sequence > $1 AND placed"; }
mailed_since() { sql "SELECT count(*) FROM notifications.mails WHERE created_at >= to_timestamp($1) AND kind = 'ORDER_CONFIRMATION' AND status = 'SENT'"; }
committed() { sql "SELECT count(*) FROM commands.orders WHERE customer_email LIKE 'load-$1-%'"; }
projected() { sql "SELECT count(*) FROM sales.order_status s JOIN commands.orders o ON o.id = s.order_id WHERE o.customer_email LIKE 'load-$1-%'"; }
mailed() { sql "SELECT count(*) FROM notifications.mails WHERE recipient LIKE 'load-$1-%' AND kind = 'ORDER_CONFIRMATION' AND status = 'SENT'"; }
summary_orders() { sql "SELECT orders FROM sales.current_summary"; }
last_sequence() { sql "SELECT last_value FROM commands.event_sequence"; }

# waits until the projection and the ledger hold the $3 orders placed after sequence $1 (mails created after $2)
absorb() {
  local seq="$1" start="$2" total="$3" p=0 m=0 tp="" tm="" deadline
  deadline=$(( $(date +%s) + ${LOAD_ABSORB_TIMEOUT:-300} ))
  while (( $(date +%s) < deadline )); do
    [[ -z "$tp" ]] && { p="$(projected_since "$seq")"; (( p >= total )) && tp="$(now)"; }
    [[ -z "$tm" ]] && { m="$(mailed_since "$start")"; (( m >= total )) && tm="$(now)"; }
    [[ -n "$tp" && -n "$tm" ]] && break
    sleep 0.5
  done
  echo "${tp:-never} ${tm:-never} $p $m $(now)"
}

snapshot() { python3 "$HERE/cost.py" snapshot "$STATE" "$PG_PORT"; }

# work counters next to the CPU: PostgreSQL transactions and rows of the shop database, the broker's messages
pg_counters() { sql "SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned + tup_fetched FROM pg_stat_database WHERE datname = current_database()" | tr '|' ' '; }
mq_counters() {
  curl -fsS --max-time 3 -u "${RABBITMQ_MANAGEMENT_USER:-guest}:${RABBITMQ_MANAGEMENT_PASSWORD:-guest}" "http://${RABBITMQ_HOST:-localhost}:15672/api/overview" 2>/dev/null \
    | python3 -c "import json,sys; s=json.load(sys.stdin).get('message_stats', {}); print(' '.join(str(s.get(k, 0)) for k in ('publish', 'confirm', 'deliver_get', 'ack')))" 2>/dev/null || echo "- - - -"
}
per() { python3 -c "import sys; a, b, n = sys.argv[1].split(), sys.argv[2].split(), int(sys.argv[3]); print(' '.join('–' if x == '-' or y == '-' else f'{(int(y) - int(x)) / max(n, 1):.2f}' for x, y in zip(a, b)))" "$1" "$2" "$3"; }

# LOAD_PROFILE=1: JFR (default settings) on every service over the first closed run, summarised by jfr-top.py; a
# first recording over the warm-up pays JFR's own start-up, and the measured one starts before it stops, so JFR's
# instrumentation stays in. Even so a profiled run cost these services 2.5-5x the CPU per purchase here: its
# figures say where the time goes in proportion, the unprofiled runs say how much.
jfr_start() { local svc; for svc in command-api sales-projector notification-service web-ui; do
  [[ -f "$STATE/pids/$svc.pid" ]] || continue
  jcmd "$(cat "$STATE/pids/$svc.pid")" JFR.start name=${1:-load} settings=default filename="$OUT/profile-$svc-${1:-load}.jfr" >/dev/null 2>&1 || true
  if [[ "${1:-load}" == load ]]; then jcmd "$(cat "$STATE/pids/$svc.pid")" JFR.stop name=warm >/dev/null 2>&1 || true; fi; done; }
jfr_stop() { local svc; for svc in command-api sales-projector notification-service web-ui; do
  [[ -f "$STATE/pids/$svc.pid" ]] && jcmd "$(cat "$STATE/pids/$svc.pid")" JFR.stop name=load >/dev/null 2>&1 || true
  if [[ -f "$OUT/profile-$svc-load.jfr" ]]; then python3 "$HERE/jfr-top.py" "$OUT/profile-$svc-load.jfr" > "$OUT/profile-$svc.txt" 2>&1 || true; fi; done; }

measure() {
  local model="$1" run="$2" start end total ok accepted gaveup p50 p95 p99 max errors c pre seq tp tm p m dup cpu
  pre="$(summary_orders)"; seq="$(last_sequence)"
  local pg0 pg1 mq0 mq1 profile=0
  [[ "${LOAD_PROFILE:-0}" == 1 && "$model" == closed && ! -f "$OUT/.profiled-$RUN" ]] && { profile=1; touch "$OUT/.profiled-$RUN"; jfr_start; }
  pg0="$(pg_counters)"; mq0="$(mq_counters)"
  snapshot > "$OUT/cpu-before-$run.json"
  start="$(now)"
  generate "$model" "$run" "$SECONDS_EACH"
  end="$(now)"
  read -r total ok p50 p95 p99 max errors < "$OUT/result-$run"
  accepted="$(calc "round($ok / $SECONDS_EACH)")"
  c="$(placed_since "$seq")"
  read -r tp tm p m gaveup < <(absorb "$seq" "$start" "$c")
  snapshot > "$OUT/cpu-after-$run.json"
  pg1="$(pg_counters)"; mq1="$(mq_counters)"
  (( profile )) && jfr_stop
  # the exact checks, outside the measured window
  c="$(committed "$run")"
  [[ "$tp" != never ]] && p="$(projected "$run")"
  [[ "$tm" != never ]] && m="$(mailed "$run")"
  post="$(summary_orders)"
  dup=$(( post - pre - c ))
  # fewer than committed: the projection had not absorbed them all at the deadline, which is no double count
  if (( dup < 0 )); then dup="0 ($(( -dup )) not yet in the summary)"; fi
  local projrate mailrate label
  projrate="$([[ "$tp" == never ]] && echo "< $(calc "round($p / ($gaveup - $start))") ($p of $c)" || calc "round($c / ($tp - $start))")"
  mailrate="$([[ "$tm" == never ]] && echo "< $(calc "round($m / ($gaveup - $start))") ($m of $c)" || calc "round($c / ($tm - $start))")"
  label="$model$([[ $model == open ]] && echo " $RATE/s" || echo " $USERS conn.")"
  cpu="$(cat "$OUT/cpu-$run")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$label" "$(generator_name "$model")" "$total" "$ok" "$accepted" "$p50" "$p95" "$p99" "$max" \
    "${errors//_/ }" "$c" "$(lag "$tp" "$end") / $(lag "$tm" "$end")" \
    "$projrate" "$mailrate" "$(calc "round($m / max(1, $ok), 3)")" \
    "lost $(( ok > c ? ok - c : 0 )), committed but unanswered $(( c > ok ? c - ok : 0 )), double-counted $dup" >> "$REPORT.rows"
  {
    echo "#### $label, run $run: CPU over the load and the absorption ($(generator_name "$model"), mails to $RECEIVER)"
    echo
    python3 "$HERE/cost.py" report "$OUT/cpu-before-$run.json" "$OUT/cpu-after-$run.json" "$ok" "$(generator_name "$model")" "$cpu" "$RECEIVER"
    echo
    read -r xact ins upd del reads < <(per "$pg0" "$pg1" "$ok")
    read -r pub conf deliv acks < <(per "$mq0" "$mq1" "$ok")
    echo "per purchase: PostgreSQL $xact transactions, rows $ins inserted, $upd updated, $del deleted, $reads read; RabbitMQ $pub published, $conf confirmed, $deliv delivered, $acks acknowledged"
    echo
  } >> "$REPORT.cost"
}

rm -f "$REPORT.rows" "$REPORT.dirs" "$REPORT.cost" "$REPORT.pages" "$REPORT.idle"
RUN="$(date +%s)"
if (( PGBENCH_SECONDS > 0 )); then
  echo "load: pgbench ceiling ($PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS}s) ..."
  TPS="$(ceiling)"
  echo "load: pgbench purchase transaction: $TPS tps"
else
  TPS=""
fi
# what the shop costs doing nothing (pollers, timers, metrics, GC): the floor under any load
IDLE="${LOAD_IDLE_SECONDS:-10}"
if (( IDLE > 0 )); then
  echo "load: idle, $IDLE s ..."
  # first until the shop is quiet (below 0.1 cores for 2 s, at most 60 s): a backlog left in the shared queues
  # by an earlier stack would otherwise count as idle work
  for _ in $(seq 1 30); do
    snapshot > "$OUT/cpu-quiet-a.json"; sleep 2; snapshot > "$OUT/cpu-quiet-b.json"
    python3 "$HERE/cost.py" idle "$OUT/cpu-quiet-a.json" "$OUT/cpu-quiet-b.json" 2 \
      | python3 -c "import json,re,sys; m=re.search(r'<!-- idle (.*) -->', sys.stdin.read()); sys.exit(0 if json.loads(m.group(1))['shop'] < 0.1 else 1)" && break
  done
  snapshot > "$OUT/cpu-before-idle$RUN.json"; sleep "$IDLE"; snapshot > "$OUT/cpu-after-idle$RUN.json"
  python3 "$HERE/cost.py" idle "$OUT/cpu-before-idle$RUN.json" "$OUT/cpu-after-idle$RUN.json" "$IDLE" > "$REPORT.idle"
fi
echo "load: warm-up (closed, $WARMUP s) ..."
if [[ "${LOAD_PROFILE:-0}" == 1 ]]; then jfr_start warm; fi
wseq="$(last_sequence)"; wstart="$(now)"
generate closed "warmup$RUN" "$WARMUP"
# the warm-up's orders must be in the projection before a measured run counts the summary, or its tail would
# read as a double count
absorb "$wseq" "$wstart" "$(placed_since "$wseq")" >/dev/null
# fresh planner statistics for the tables the warm-up filled: autovacuum is off on the CI machines, and plans made
# for empty tables would be what the measured runs pay for
sql "ANALYZE" >/dev/null
# PostgreSQL's share statement by statement over the measured runs, where the server loads pg_stat_statements
# (shared_preload_libraries, a restart: load-tests/README.md "Statements per purchase"); the benchmark's own
# counting queries are in it too, and are few
STATEMENTS="$([[ "$(sql "SHOW shared_preload_libraries" postgres)" == *pg_stat_statements* ]] && echo 1 || echo 0)"
if [[ "$STATEMENTS" == 1 ]]; then
  sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" postgres >/dev/null
  sql "SELECT pg_stat_statements_reset()" postgres >/dev/null
fi
mseq="$(last_sequence)"
for i in $(seq 1 "$RUNS"); do
  for model in $MODELS; do
    echo "load: $model model, $SECONDS_EACH s (run $i of $RUNS) ..."
    measure "$model" "$model${RUN}r$i"
  done
done

statements() {
  local purchases; purchases="$(placed_since "$mseq")"
  echo "### PostgreSQL statements per purchase over the measured runs ($purchases purchases, pg_stat_statements)"
  echo
  echo "| calls per purchase | rows per call | µs per purchase (execution, wall) | statement |"
  echo "|---|---|---|---|"
  sql "SELECT '| ' || round(calls::numeric / $purchases, 3) || ' | ' || round(rows::numeric / greatest(calls, 1), 1)
              || ' | ' || round((total_exec_time * 1000 / $purchases)::numeric, 1) || ' | \`'
              || left(regexp_replace(query, '\s+', ' ', 'g'), 100) || '…\` |'
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = 'shop' ORDER BY total_exec_time DESC LIMIT 20" postgres
  echo
}
{
  echo "## Load benchmark $(date -u +%FT%TZ) on $(hostname) ($(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB), mails to $RECEIVER"
  echo
  echo "Path: $PATH_MEASURED"
  echo
  [[ -n "$TPS" ]] && { echo "pgbench purchase transaction ($PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS}s, same run): **$TPS tps**"; echo; }
  echo "| model | generator | requests | 202 | accepted/s | p50 ms | p95 ms | p99 ms | max ms | errors | committed | projected / mailed, s after the load | projected/s | mailed/s | mails ÷ accepted | integrity |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$REPORT.rows"
  echo
  if [[ -n "$TPS" ]]; then
    while read -r line; do
      acc="$(echo "$line" | cut -d'|' -f6 | tr -d ' ')"
      echo "- $(echo "$line" | cut -d'|' -f2 | sed 's/^ //; s/ $//'): accepted/s ÷ pgbench tps = $(calc "round($acc / $TPS, 2)")"
    done < "$REPORT.rows"
    echo
  fi
  echo "### CPU ms per purchase, median of $RUNS run(s) per model (mails to $RECEIVER)"
  echo
  python3 "$HERE/median.py" "$REPORT.cost"
  echo
  if [[ -f "$REPORT.idle" ]]; then
    echo "### Idle ($IDLE s before the warm-up), cores"
    echo
    cat "$REPORT.idle"
    echo
  fi
  if [[ "$STATEMENTS" == 1 && "$(placed_since "$mseq")" -gt 0 ]]; then statements; fi
  echo "Capacity page from these figures: $OUT/capacity.md$([[ "${LOAD_CAPACITY_DOC:-0}" == 1 ]] && echo " (also written to docs/capacity.md)")"
  echo
  echo "### Each run"
  echo
  cat "$REPORT.cost"
  if [[ -f "$REPORT.dirs" ]]; then
    echo "Gatling's HTML reports:"
    sed 's/^/- /; s/$/index.html/' "$REPORT.dirs"
  fi
  if [[ -f "$REPORT.pages" ]]; then
    echo "The open model's latency over time (HTML):"
    sed 's/^/- /' "$REPORT.pages"
  fi
} > "$REPORT"
rm -f "$REPORT.rows" "$REPORT.dirs" "$REPORT.pages"
cat "$REPORT.idle" >> "$REPORT.cost" 2>/dev/null || true
python3 "$HERE/capacity.py" "$REPORT.cost" "$(date -u +%F), $(nproc) cores, mails to $RECEIVER, $RUNS x $SECONDS_EACH s, $PATH_MEASURED" > "$OUT/capacity.md"
[[ "${LOAD_CAPACITY_DOC:-0}" == 1 ]] && cp "$OUT/capacity.md" "$ROOT/docs/capacity.md"
rm -f "$REPORT.cost" "$REPORT.idle"
cp "$REPORT" "$OUT/load-report-$RUN.md"
cat "$REPORT"
if [[ "$(limited)" != "$LIMITED_BEFORE" ]]; then
  echo "load: purchases were refused by the order rate limit; start the shop with ORDER_LIMIT_PER_CLIENT=0 ORDER_LIMIT_PER_RECIPIENT=0 ./shop up" >&2
fi
