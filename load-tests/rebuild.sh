#!/usr/bin/env bash
# rebuild.sh [ROUNDS]: the ops rebuild of the sales projection over the event feed, against a running `./shop up`
# (see load-tests/README.md, "Rebuild"). Each round POSTs /ops/rebuild to the projector, follows GET /ops/rebuild
# until it ends, and prints events/s (the projector's own figure) and the CPU ms per 1,000 events of each
# component over the round (cost.py). The first round after the projector started runs its rebuild code cold
# (interpreted, then JIT-compiled on the way), the later ones warm. Best on a quiet shop: live purchases would
# count in the CPU.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
STATE="$ROOT/.shop"
ROUNDS="${1:-2}"
PROJECTOR="${REBUILD_URL:-http://localhost:8082}"
OUT="$HERE/target"; mkdir -p "$OUT"
# shellcheck disable=SC1091
set -a; source "$STATE/secrets.env"; set +a
AUTH="${OPS_USERNAME:-ops}:$OPS_PASSWORD"
status() { curl -fsS --max-time 5 -u "$AUTH" "$PROJECTOR/ops/rebuild"; }
field() { python3 -c "import json,sys; v=json.load(sys.stdin).get('$1'); print('' if v is None else v)"; }
for round in $(seq 1 "$ROUNDS"); do
  python3 "$HERE/cost.py" snapshot "$STATE" "${PGPORT:-5432}" > "$OUT/cpu-before-rebuild$round.json"
  before="$(status | field startedAt)"
  curl -fsS --max-time 10 -u "$AUTH" -X POST "$PROJECTOR/ops/rebuild" >/dev/null
  while :; do
    s="$(status)"; state="$(field state <<<"$s")"
    # this round's rebuild (not the one that ended before), ended
    [[ "$(field startedAt <<<"$s")" != "$before" && ( "$state" == FINISHED || "$state" == FAILED ) ]] && break
    sleep 0.5
  done
  python3 "$HERE/cost.py" snapshot "$STATE" "${PGPORT:-5432}" > "$OUT/cpu-after-rebuild$round.json"
  [[ "$state" == FINISHED ]] || { echo "rebuild: round $round failed: $(field error <<<"$s")" >&2; exit 1; }
  done_events="$(field done <<<"$s")"; rate="$(field eventsPerSecond <<<"$s")"
  echo "#### rebuild round $round ($([[ $round == 1 ]] && echo "first after start: cold" || echo warm)): $done_events events, $(printf '%.0f' "$rate") events/s"
  echo
  # per 1,000 events: cost.py divides by its count argument, so pass events / 1000
  python3 "$HERE/cost.py" report "$OUT/cpu-before-rebuild$round.json" "$OUT/cpu-after-rebuild$round.json" \
      "$(( done_events / 1000 ))" "rebuild.sh (curl)" 0 "-" | sed 's/CPU ms per purchase ([0-9]* purchases)/CPU ms per 1,000 events/'
  echo
done
