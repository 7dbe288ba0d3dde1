#!/usr/bin/env bash
# The purchase benchmark against a running `./shop up` (see the root README, "Load benchmark"):
#   1. pgbench's purchase-shaped transaction on a scratch copy of the commands schema: the ceiling
#   2. Gatling warm-up, then the closed model (LOAD_USERS shoppers, as fast as answered) for LOAD_SECONDS
#   3. the open model (LOAD_RATE purchases/s, coordinated-omission free) for LOAD_SECONDS
#   after 2 and 3: time until the sales projection and the mail ledger hold every accepted purchase
#   (at most LOAD_ABSORB_TIMEOUT s, default 300; then the rate so far is reported).
# Prints a summary and writes it to load-tests/target/load-report.md; Gatling's HTML reports are in
# load-tests/target/gatling/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PG_HOST="${PGHOST:-localhost}"; PG_PORT="${PGPORT:-5432}"; PG_ADMIN="${PGADMIN_USER:-postgres}"
API="${LOAD_BASE_URL:-http://localhost:8081}"
SECONDS_EACH="${LOAD_SECONDS:-60}"; USERS="${LOAD_USERS:-64}"; RATE="${LOAD_RATE:-1000}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"; PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-32}"
MODELS="${LOAD_MODELS:-closed open}"
MVN=(mvn -B ${MAVEN_ARGS:-} -f "$ROOT/pom.xml" -pl load-tests)
OUT="$HERE/target"; REPORT="$OUT/load-report.md"
mkdir -p "$OUT"

sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d "${2:-shop}" -v ON_ERROR_STOP=1 -qtAX -c "$1"; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
lag() { [[ "$1" == never ]] && echo never || calc "max(0, round($1 - $2, 1))"; }

curl -fsS -o /dev/null --max-time 3 "$API/health" || { echo "load: the command API does not answer at $API; start the shop with ./shop up" >&2; exit 1; }
# the anonymous order limits (F-05) would refuse nearly every purchase of one load client
limited() { curl -fsS --max-time 3 "$API/prometheus" | grep -E '^shop_commands_rejected_total\{.*reason="too-many-orders"' | awk '{s+=$2} END {print s+0}'; }
LIMITED_BEFORE="$(limited)"

ceiling() {
  sql "DROP DATABASE IF EXISTS shop_pgbench" postgres
  sql "CREATE DATABASE shop_pgbench" postgres
  pg_dump -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -s -n commands --no-owner shop | psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d shop_pgbench -qX >/dev/null
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -n -M prepared -c "$PGBENCH_CLIENTS" -j 2 -T "$PGBENCH_SECONDS" \
      -f "$HERE/pgbench-purchase.sql" shop_pgbench 2>&1 | tee "$OUT/pgbench.log" | grep -E "^tps" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/'
  sql "DROP DATABASE shop_pgbench" postgres
}

# runs Gatling once; prints the report directory
gatling() {
  local model="$1" run="$2" seconds="$3" before after
  before="$(ls -1d "$OUT"/gatling/*/ 2>/dev/null | sort || true)"
  "${MVN[@]}" gatling:test -Dload.model="$model" -Dload.run="$run" -Dload.seconds="$seconds" -Dload.users="$USERS" \
      -Dload.rate="$RATE" -Dload.baseUrl="$API" -Dload.description="$model $run" > "$OUT/gatling-$run.log" 2>&1 || true
  after="$(ls -1d "$OUT"/gatling/*/ 2>/dev/null | sort)"
  comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | tail -1
}

count() { sql "$1"; }
committed() { count "SELECT count(*) FROM commands.orders WHERE customer_email LIKE 'load-$1-%'"; }
projected() { count "SELECT count(*) FROM sales.order_status s JOIN commands.orders o ON o.id = s.order_id WHERE o.customer_email LIKE 'load-$1-%'"; }
mailed() { count "SELECT count(*) FROM notifications.mails WHERE recipient LIKE 'load-$1-%' AND kind = 'ORDER_CONFIRMATION' AND status = 'SENT'"; }
summary_orders() { count "SELECT orders FROM sales.current_summary"; }

# waits until the projection and the ledger hold every committed order of the run (at most LOAD_ABSORB_TIMEOUT s)
absorb() {
  local run="$1" start="$2" total="$3" p=0 m=0 tp="" tm="" deadline
  deadline=$(( $(date +%s) + ${LOAD_ABSORB_TIMEOUT:-300} ))
  while (( $(date +%s) < deadline )); do
    [[ -z "$tp" ]] && { p="$(projected "$run")"; (( p >= total )) && tp="$(now)"; }
    [[ -z "$tm" ]] && { m="$(mailed "$run")"; (( m >= total )) && tm="$(now)"; }
    [[ -n "$tp" && -n "$tm" ]] && break
    sleep 0.5
  done
  echo "${tp:-never} ${tm:-never} $p $m $(now)"
}

measure() {
  local model="$1" run="$2" dir start end total ok accepted gaveup p50 p95 p99 max errors c pre post tp tm p m dup
  pre="$(summary_orders)"
  start="$(now)"
  dir="$(gatling "$model" "$run" "$SECONDS_EACH")"
  end="$(now)"
  [[ -n "$dir" && -f "$dir/index.html" ]] || { echo "load: Gatling wrote no report; see $OUT/gatling-$run.log" >&2; tail -30 "$OUT/gatling-$run.log" >&2; exit 1; }
  # Gatling's console summary: "> name | total | OK | KO"
  stat() { grep -E "^> $1 " "$OUT/gatling-$run.log" | tail -1 | awk -F'|' -v col="$2" '{gsub(/[ ,]/, "", $col); print $col}'; }
  total="$(stat 'request count' 2)"; ok="$(stat 'request count' 3)"; ok="${ok//-/0}"
  accepted="$(calc "round($ok / $SECONDS_EACH)")"
  p50="$(stat 'response time 50th percentile' 3)"; p95="$(stat 'response time 95th percentile' 3)"
  p99="$(stat 'response time 99th percentile' 3)"; max="$(stat 'max response time' 2)"
  # Gatling prints its error table with every console summary: the last one is the whole run
  errors="$(awk '/---- Errors ----/ { last = ""; inside = 1; next } /^====/ { inside = 0 }
    inside && /^> / { sub(/^> /, ""); gsub(/ +/, " "); last = last (last == "" ? "" : ";") $0 } END { print last }' "$OUT/gatling-$run.log")"
  c="$(committed "$run")"
  read -r tp tm p m gaveup < <(absorb "$run" "$start" "$c")
  post="$(summary_orders)"
  dup=$(( post - pre - c ))
  # fewer than committed: the projection had not absorbed them all at the deadline, which is no double count
  if (( dup < 0 )); then dup="0 ($(( -dup )) not yet in the summary)"; fi
  local projrate mailrate
  # not all absorbed within the timeout: the rate so far, marked "<"
  projrate="$([[ "$tp" == never ]] && echo "< $(calc "round($p / ($gaveup - $start))") ($p of $c)" || calc "round($c / ($tp - $start))")"
  mailrate="$([[ "$tm" == never ]] && echo "< $(calc "round($m / ($gaveup - $start))") ($m of $c)" || calc "round($c / ($tm - $start))")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$model$([[ $model == open ]] && echo " $RATE/s" || echo " $USERS users")" "$total" "$ok" "$accepted" "$p50" "$p95" "$p99" "$max" \
    "${errors:-none}" "$c" "$(lag "$tp" "$end") / $(lag "$tm" "$end")" \
    "$projrate" "$mailrate" "lost $(( ok > c ? ok - c : 0 )), unanswered-committed $(( c > ok ? c - ok : 0 )), double-counted $dup" >> "$REPORT.rows"
  echo "$dir" >> "$REPORT.dirs"
}

rm -f "$REPORT.rows" "$REPORT.dirs"
RUN="$(date +%s)"
echo "load: pgbench ceiling ($PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS}s) ..."
TPS="$(ceiling)"
echo "load: pgbench purchase transaction: $TPS tps"
echo "load: warm-up (closed, 15 s) ..."
gatling closed "warmup$RUN" 15 >/dev/null
# the warm-up's orders must be in the projection before a measured run counts the summary, or its tail would
# read as a double count
absorb "warmup$RUN" "$(now)" "$(committed "warmup$RUN")" >/dev/null
for model in $MODELS; do
  echo "load: $model model, $SECONDS_EACH s ..."
  measure "$model" "$model$RUN"
done

{
  echo "## Load benchmark $(date -u +%FT%TZ) on $(hostname) ($(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB)"
  echo
  echo "pgbench purchase transaction ($PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS}s, same run): **$TPS tps**"
  echo
  echo "| model | requests | 202 | accepted/s | p50 ms | p95 ms | p99 ms | max ms | errors | committed | projected / mailed, s after the load | projected/s | mailed/s | integrity |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$REPORT.rows"
  echo
  while read -r line; do
    acc="$(echo "$line" | cut -d'|' -f5 | tr -d ' ')"
    echo "- $(echo "$line" | cut -d'|' -f2 | sed 's/^ //; s/ $//'): accepted/s ÷ pgbench tps = $(calc "round($acc / $TPS, 2)")"
  done < "$REPORT.rows"
  echo
  echo "HTML reports:"
  sed 's/^/- /; s/$/index.html/' "$REPORT.dirs"
} > "$REPORT"
rm -f "$REPORT.rows" "$REPORT.dirs"
cat "$REPORT"
if [[ "$(limited)" != "$LIMITED_BEFORE" ]]; then
  echo "load: purchases were refused by the order rate limit; start the shop with ORDER_LIMIT_PER_CLIENT=0 ORDER_LIMIT_PER_RECIPIENT=0 ./shop up" >&2
fi
