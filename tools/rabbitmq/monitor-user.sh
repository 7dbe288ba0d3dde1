#!/usr/bin/env bash
# Creates or updates the broker's read-only login for queue depths (web-ui's ops console, KEDA): tag monitoring,
# no configure, write or read permission on the virtual host. It lists queues and their depths through the
# management API, and cannot publish, consume or fetch a message. ./shop up runs it; compose and the Kubernetes
# overlays make the same user their own way (see docs/operations.md).
#   MONITOR_USER, MONITOR_PASSWORD        the login to make (letters, digits and ._~- only)
#   RABBITMQ_MANAGEMENT_URL               default http://localhost:15672
#   RABBITMQ_ADMIN_USER, _ADMIN_PASSWORD  an administrator of the broker, default guest / guest
#   RABBITMQ_VHOST                        default /
set -euo pipefail
url="${RABBITMQ_MANAGEMENT_URL:-http://localhost:15672}"
admin="${RABBITMQ_ADMIN_USER:-guest}:${RABBITMQ_ADMIN_PASSWORD:-guest}"
user="${MONITOR_USER:?set MONITOR_USER}"
password="${MONITOR_PASSWORD:?set MONITOR_PASSWORD}"
vhost="${RABBITMQ_VHOST:-/}"
[[ "$user" =~ ^[A-Za-z0-9._~-]+$ && "$password" =~ ^[A-Za-z0-9._~-]+$ ]] \
  || { echo "monitor-user: MONITOR_USER and MONITOR_PASSWORD may hold letters, digits and ._~- only" >&2; exit 2; }
[[ "$vhost" == / ]] && vhost_path=%2F || vhost_path="$vhost"

quoted() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
# PUT <path> <json>: the credentials and the body go to curl on its standard input, never into the process list
put() {
  printf 'user = %s\ndata = %s\n' "$(quoted "$admin")" "$(quoted "$2")" \
    | curl -fsS -K - -o /dev/null -X PUT -H 'content-type: application/json' "$url$1"
}
put "/api/users/$user" "{\"password\":\"$password\",\"tags\":\"monitoring\"}"
put "/api/permissions/$vhost_path/$user" '{"configure":"^$","write":"^$","read":"^$"}'
