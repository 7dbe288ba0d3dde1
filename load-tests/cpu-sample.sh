#!/usr/bin/env bash
# cpu-sample.sh SECONDS: CPU (in cores) each part of the shop used over SECONDS, from /proc/<pid>/stat.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
declare -A group
for svc in command-api sales-projector notification-service web-ui mail-sink payment-provider; do
  [[ -f "$ROOT/.shop/pids/$svc.pid" ]] && group[$(cat "$ROOT/.shop/pids/$svc.pid")]=$svc
done
for pid in $(pgrep -x postgres || true); do group[$pid]=postgres; done
for pid in $(pgrep -x beam.smp || true); do group[$pid]=rabbitmq; done
for pid in $(pgrep -f 'io[.]gatling' || true); do group[$pid]=gatling; done
ticks() { local t=0 p; declare -A sum; for p in "${!group[@]}"; do
    [[ -r /proc/$p/stat ]] || continue
    read -r -a f < <(sed -E 's/^.*\) //' /proc/$p/stat)
    sum[${group[$p]}]=$(( ${sum[${group[$p]}]:-0} + f[11] + f[12] )); done
  for g in "${!sum[@]}"; do echo "$g ${sum[$g]}"; done; }
hz=$(getconf CLK_TCK)
before="$(ticks)"; read -r _ _ _ _ idle0 _ < <(head -1 /proc/stat | awk '{print $1,$2,$3,$4,$5}') || true
sleep "$1"
after="$(ticks)"
join <(sort <<<"$before") <(sort <<<"$after") | awk -v hz="$hz" -v s="$1" '{printf "%-22s %.2f cores\n", $1, ($3-$2)/hz/s}'
