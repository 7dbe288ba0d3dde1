#!/usr/bin/env bash
# The relay's write path two ways on a scratch database (ADR 11, "The outbox row update"): insert 20 events, then
#   stamp.sql:  stamp them published (UPDATE published_at, the design before V50)
#   outbox.sql: delete their rows from commands.outbox (a trigger filled it on insert, V50)
# Prints batches/s with one pgbench client (so tps tracks one backend's CPU per batch) per round, then WAL bytes
# and table size per event. Usage: load-tests/outbox/outbox-bench.sh [rounds] [seconds]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; cd "$HERE"
ROUNDS="${1:-3}"; SECONDS_EACH="${2:-15}"
PSQL=(psql -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" -U "${PGADMIN_USER:-postgres}" -qAtX -v ON_ERROR_STOP=1)
PGBENCH=(pgbench -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" -U "${PGADMIN_USER:-postgres}" -n -c 1)
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS outbox_bench" 2>/dev/null; "${PSQL[@]}" -c "CREATE DATABASE outbox_bench"
fresh() { "${PSQL[@]}" -d outbox_bench -f setup.sql 2>/dev/null; [[ "$1" == stamp ]] || "${PSQL[@]}" -d outbox_bench -f trigger.sql; }
for round in $(seq "$ROUNDS"); do
  for way in stamp outbox; do
    fresh "$way"
    "${PGBENCH[@]}" -T "$SECONDS_EACH" -f "$way.sql" outbox_bench 2>&1 | awk -v w="$way" -v r="$round" '/^tps/ {print "round " r " " w ": " $3 " batches/s"}'
  done
done
for way in stamp outbox; do
  fresh "$way"
  before="$("${PSQL[@]}" -c "SELECT pg_current_wal_lsn()")"
  "${PGBENCH[@]}" -t 2000 -f "$way.sql" outbox_bench >/dev/null 2>&1
  after="$("${PSQL[@]}" -c "SELECT pg_current_wal_lsn()")"
  echo "$way: $("${PSQL[@]}" -c "SELECT round(pg_wal_lsn_diff('$after', '$before') / 40000)") WAL bytes per event," \
       "events table $("${PSQL[@]}" -d outbox_bench -c "SELECT pg_size_pretty(pg_total_relation_size('ev'))") after 40,000"
done
"${PSQL[@]}" -c "DROP DATABASE outbox_bench"
