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
if [[ ! -f "$DIR/shop.env" ]]; then
  rabbit="$(random)"
  cat > "$DIR/shop.env" <<SECRETS
DATABASE_PASSWORD=$(random)
RABBITMQ_PASSWORD=$rabbit
RABBITMQ_URI=amqp://shop:$rabbit@rabbitmq:5672/%2F
OPS_PASSWORD=$(random)
SECRETS
  printf 'host=http://rabbitmq.licence-shop.svc:15672\nusername=shop\npassword=%s\n' "$rabbit" > "$DIR/keda.env"
fi
if [[ ! -f "$DIR/web-ui.env" ]]; then
  rabbit="$(sed -n 's/^RABBITMQ_PASSWORD=//p' "$DIR/shop.env")"
  sales="$(random 6)"; ops="$(random 6)"
  cat > "$DIR/web-ui.env" <<SECRETS
JWT_SECRET=$(random 32)
CSRF_SECRET=$(random 32)
STAFF_USERS=sales:SALES:$(hash_password "$sales"),ops:OPS,SALES:$(hash_password "$ops")
RABBITMQ_MANAGEMENT_USER=shop
RABBITMQ_MANAGEMENT_PASSWORD=$rabbit
SECRETS
  echo "staff logins: sales / $sales   ops / $ops   (shown once; the env file holds only hashes)"
fi
if [[ ! -f "$DIR/licence.env" ]]; then
  cat > "$DIR/licence.env" <<SECRETS
LICENCE_SIGNING_KEY=$(openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)
LICENCE_SIGNING_KEY_ID=local-$(date -u +%Y%m%d)
LICENCE_VERIFY_KEYS=
SECRETS
fi
echo "secrets in $DIR"
