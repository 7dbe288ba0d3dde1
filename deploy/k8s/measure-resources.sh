#!/usr/bin/env bash
# Measures what the four services use on this machine while `./shop up` runs: resident memory at rest, peak
# resident memory and CPU under a burst of orders. The requests/limits in base/ are sized from its output.
# Run it under the build lock, with the shop up only for as long as it runs:
#   buildlock bash -c './shop up && deploy/k8s/measure-resources.sh; ./shop down'
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ORDERS="${ORDERS:-3000}"; PARALLEL="${PARALLEL:-8}"
API="${API:-http://localhost:8081}"; WEB="${WEB:-http://localhost:8080}"
SERVICES=(command-api sales-projector notification-service web-ui)
TICK="$(getconf CLK_TCK)"

pid_of() { cat "$ROOT/.shop/pids/$1.pid"; }
rss_mib() { awk -v k="$2" '$1 == k":" { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

sleep 15 # let start-up settle (JIT, pools)
declare -A rest start_cpu
for svc in "${SERVICES[@]}"; do
  p="$(pid_of "$svc")"; rest[$svc]="$(rss_mib "$p" VmRSS)"; start_cpu[$svc]="$(cpu_ticks "$p")"
done
began="$(date +%s.%N)"
# one curl process with $PARALLEL transfers at a time (a process per order would measure process start-up)
requests="$(mktemp)"; trap 'rm -f "$requests"' EXIT
for _ in $(seq 1 "$ORDERS"); do
  printf 'url = "%s/api/orders"\nheader = "Content-Type: application/json"\nfail\nsilent\nshow-error\n' "$API"
  printf 'data = "{\\"customerEmail\\":\\"measure@example.test\\",\\"items\\":[{\\"sku\\":\\"PROFESSIONAL\\",\\"quantity\\":2}]}"\noutput = "/dev/null"\nnext\n'
done > "$requests"
for _ in $(seq 1 200); do printf 'url = "%s/"\nfail\nsilent\nshow-error\noutput = "/dev/null"\nnext\n' "$WEB"; done >> "$requests"
sed -i '$ d' "$requests"   # no 'next' after the last transfer
curl --silent --show-error --parallel --parallel-max "$PARALLEL" -K "$requests"
sleep 10 # the consumers drain the queues (the mails take longest)
elapsed="$(echo "$(date +%s.%N) - $began" | bc)"
printf '%-22s %10s %10s %12s %10s\n' service rest_MiB peak_MiB cpu_seconds avg_cores
for svc in "${SERVICES[@]}"; do
  p="$(pid_of "$svc")"
  used="$(echo "scale=2; ($(cpu_ticks "$p") - ${start_cpu[$svc]}) / $TICK" | bc)"
  printf '%-22s %10s %10s %12s %10s\n' "$svc" "${rest[$svc]}" "$(rss_mib "$p" VmHWM)" "$used" \
    "$(echo "scale=2; $used / $elapsed" | bc)"
done
echo "($ORDERS orders, $PARALLEL in parallel, $elapsed s window; -Xmx512m as ./shop starts them)"
