#!/usr/bin/env bash
# Writes random secrets for the local overlay into secrets/*.env (git-ignored) and prints the two staff
# logins. Existing files are kept: delete them to start afresh (then also delete the postgres and rabbitmq
# PersistentVolumeClaims, which remember the first passwords).
# Staff password hashes come from the web-ui image itself (`hash-password`), which needs no secret:
#   WEB_UI_IMAGE=licence-shop/web-ui:0.1.0-SNAPSHOT (default)
set -euo pipefail
DIR="$(cd "$(dirname "$0")" && pwd)/secrets"
IMAGE="${WEB_UI_IMAGE:-licence-shop/web-ui:0.1.0-SNAPSHOT}"
random() { od -An -N"${1:-24}" -tx1 /dev/urandom | tr -d ' \n'; }
hash_password() { printf '%s\n' "$1" | docker run --rm -i "$IMAGE" hash-password | tail -1; }

umask 077
# each consumer gets only what it reads: shop.env every service, broker.env the AMQP services, rabbitmq.env the broker
if [[ ! -f "$DIR/rabbitmq.env" ]]; then
  # a shop.env from before the split holds the broker password: keep it (the broker's volume remembers it)
  rabbit="$( [[ -f "$DIR/shop.env" ]] && sed -n 's/^RABBITMQ_PASSWORD=//p' "$DIR/shop.env" || true)"
  printf 'RABBITMQ_PASSWORD=%s\n' "${rabbit:-$(random)}" > "$DIR/rabbitmq.env"
fi
rabbit="$(sed -n 's/^RABBITMQ_PASSWORD=//p' "$DIR/rabbitmq.env")"
[[ -f "$DIR/broker.env" ]] || printf 'RABBITMQ_URI=amqp://shop:%s@rabbitmq:5672/%%2F\n' "$rabbit" > "$DIR/broker.env"
# the database's administrator: a shop.env from before the per-service roles holds its password (the postgres
# volume remembers it); the services no longer get it, each has its own role (db-<service>.env, L-21)
if [[ ! -f "$DIR/database-admin.env" ]]; then
  admin="$( [[ -f "$DIR/shop.env" ]] && sed -n 's/^DATABASE_PASSWORD=//p' "$DIR/shop.env" || true)"
  printf 'username=shop\npassword=%s\n' "${admin:-$(random)}" > "$DIR/database-admin.env"
fi
for service in command-api sales-projector notification-service web-ui; do
  [[ -f "$DIR/db-$service.env" ]] || printf 'username=shop_%s\npassword=%s\n' "${service//-/_}" "$(random)" > "$DIR/db-$service.env"
done
if [[ ! -f "$DIR/shop.env" ]]; then
  printf 'OPS_PASSWORD=%s\n' "$(random)" > "$DIR/shop.env"
else
  sed -i '/^RABBITMQ_PASSWORD=/d; /^RABBITMQ_URI=/d; /^DATABASE_PASSWORD=/d' "$DIR/shop.env"
fi
if [[ ! -f "$DIR/keda.env" ]] || grep -q '^username=shop$' "$DIR/keda.env"; then
  # the read-only login for queue depths (Job rabbitmq-monitor-user makes it), never the broker's administrator
  printf 'host=http://rabbitmq.licence-shop.svc:15672\nusername=shop-monitor\npassword=%s\n' "$(random)" > "$DIR/keda.env"
fi
# web-ui signs staff tokens with the P-256 private key (PKCS#8); command-api gets only the public one (X.509)
staff_token_keys() {
  local key
  key="$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0)"
  printf 'STAFF_TOKEN_SIGNING_KEY=%s\nSTAFF_TOKEN_PUBLIC_KEY=%s\n' "$key" \
    "$(printf '%s' "$key" | base64 -d | openssl pkey -inform DER -pubout -outform DER | base64 -w0)"
}
if [[ ! -f "$DIR/web-ui.env" ]]; then
  sales="$(random 6)"; ops="$(random 6)"
  cat > "$DIR/web-ui.env" <<SECRETS
$(staff_token_keys)
CSRF_SECRET=$(random 32)
STAFF_USERS=sales:SALES:$(hash_password "$sales"),ops:OPS,SALES:$(hash_password "$ops")
SECRETS
  echo "staff logins: sales / $sales   ops / $ops   (shown once; the env file holds only hashes)"
elif grep -q '^RABBITMQ_MANAGEMENT_' "$DIR/web-ui.env"; then
  # made before the read-only login: the web UI now takes it from keda.env (web-ui-broker-monitor.yaml)
  sed -i '/^RABBITMQ_MANAGEMENT_/d' "$DIR/web-ui.env"
fi
if ! grep -q '^STAFF_TOKEN_SIGNING_KEY=' "$DIR/web-ui.env"; then
  # made before ES256 staff tokens: the key pair replaces the shared JWT_SECRET (staff log in again)
  sed -i '/^JWT_SECRET=/d' "$DIR/web-ui.env"
  staff_token_keys >> "$DIR/web-ui.env"
fi
if [[ ! -f "$DIR/licence.env" ]]; then
  cat > "$DIR/licence.env" <<SECRETS
LICENCE_SIGNING_KEY=$(openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)
LICENCE_SIGNING_KEY_ID=local-$(date -u +%Y%m%d)
LICENCE_VERIFY_KEYS=
SECRETS
fi
echo "secrets in $DIR"
