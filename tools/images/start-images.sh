#!/usr/bin/env bash
# Proves that each image Jib built (<service>/target/jib-image.tar) starts: unpacks its layers into a root
# filesystem and runs its entrypoint as the image's user, read-only root with a tmpfs /tmp (as the pods run),
# with the variables the local overlay passes (deploy/k8s: config.env in the environment, the secrets/*.env.example
# keys as read-only files in /run/secrets/shop, SHOP_SECRETS_DIR, as the pods mount them) pointed at
# this machine's PostgreSQL and RabbitMQ (a scratch database and virtual host), until /health/readiness says
# UP; then stops them with SIGTERM and checks they exit. It first runs the web-ui image's `hash-password`.
# No container engine: a mount namespace (unshare) and chroot, so it needs root. Usage: start-images.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
services=(command-api sales-projector notification-service web-ui)
work="$PWD/target/images"; mkdir -p "$work"
log() { printf '==> images: %s\n' "$*"; }
fail() { printf 'images: %s\n' "$*" >&2; exit 1; }
command -v jq >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends jq >/dev/null
random() { od -An -N"${1:-24}" -tx1 /dev/urandom | tr -d ' \n'; }

id="images_$(random 4)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql_admin -qc "DROP DATABASE IF EXISTS $id" >/dev/null 2>&1 || true
  rabbitmqctl -q delete_vhost "$id" >/dev/null 2>&1 || true
}
trap cleanup EXIT
psql_admin() { PGPASSWORD="${SHOP_TEST_POSTGRES_PASSWORD:-}" psql -h 127.0.0.1 -U postgres -d postgres "$@"; }

# the image's root filesystem: its layers in order (Jib writes no whiteouts)
unpack() { # service -> prints the root
  local tarball="$1/target/jib-image.tar" dir="$work/$1"
  [[ -s "$tarball" ]] || fail "$tarball is missing: build it with mvn package jib:buildTar (see README)"
  rm -rf "$dir"; mkdir -p "$dir/image" "$dir/root"
  tar -C "$dir/image" -xf "$tarball"
  jq -r '.[0].Layers[]' "$dir/image/manifest.json" | while read -r layer; do tar --warning=no-unknown-keyword --numeric-owner -C "$dir/root" -xf "$dir/image/$layer"; done
  jq '.config' "$dir/image/$(jq -r '.[0].Config' "$dir/image/manifest.json")" > "$dir/config.json"
}

# runs the image's entrypoint (+ arguments) as its user: read-only root, tmpfs /tmp, the host's network, and
# its secrets directory (if the service has one: $work/<service>.secrets) read-only at /run/secrets/shop
run_image() { # service envfile args...
  local dir="$work/$1" envfile="$2" secrets="$work/$1.secrets"; shift 2
  local root="$dir/root" user; user="$(jq -r '.User' "$dir/config.json")"
  [[ "$user" =~ ^[1-9][0-9]*:[0-9]+$ ]] || fail "$1: image user is '$user', not a numeric non-root uid:gid"
  mapfile -t entrypoint < <(jq -r '.Entrypoint[]' "$dir/config.json")
  mapfile -t image_env < <(jq -r '.Env[]' "$dir/config.json")
  mapfile -t service_env < "$envfile"
  [[ -d "$secrets" ]] || secrets=""
  [[ -z "$secrets" ]] || mkdir -p "$root/run/secrets/shop"
  exec unshare --mount --propagation private -- /bin/sh -ec '
    root="$1"; secrets="$2"; shift 2
    mount --bind "$root" "$root"; mount -o remount,bind,ro "$root"
    mount -t tmpfs -o size=256m,mode=1777 tmpfs "$root/tmp"
    mount -t proc proc "$root/proc"; mount --rbind /dev "$root/dev"
    if [ -n "$secrets" ]; then
      mount --bind "$secrets" "$root/run/secrets/shop"; mount -o remount,bind,ro "$root/run/secrets/shop"
    fi
    exec "$@"' sh "$root" "$secrets" chroot --userspec="$user" "$root" /usr/bin/env -i "${image_env[@]}" "${service_env[@]}" "${entrypoint[@]}" "$@"
}

for s in "${services[@]}"; do unpack "$s"; done
log "unpacked ${services[*]}"

# hash-password from the web-ui image itself, before any secret exists (no environment at all)
: > "$work/empty.env"
staff_password="$(random 8)"
hash="$(printf '%s\n' "$staff_password" | (run_image web-ui "$work/empty.env" hash-password) 2>"$work/hash-password.log" | tail -1)"
[[ "$hash" =~ ^pbkdf2-sha256\.[0-9]+\.[^.]+\.[^.]+$ ]] || { cat "$work/hash-password.log" >&2; fail "web-ui hash-password printed '$hash'"; }
log "web-ui hash-password: $hash"

# the servers: a scratch database and virtual host, removed at the end
psql_admin -qc "CREATE DATABASE $id" >/dev/null
rabbitmqctl -q add_vhost "$id" >/dev/null
rabbitmqctl -q set_permissions -p "$id" guest '.*' '.*' '.*' >/dev/null

# Each image listens on a free port here (MICRONAUT_SERVER_PORT), not the one it exposes, so this runs next to
# `./shop up` and other tests; the exposed port is still read, to check the image declares one.
free_port() {
  local port
  while :; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { [[ " ${ports[*]} " == *" $port "* ]] || break; }
  done
  echo "$port"
}
declare -A ports=()
for s in "${services[@]}"; do
  [[ "$(jq -r '.ExposedPorts | keys[0] // empty' "$work/$s/config.json")" =~ ^[0-9]+/tcp$ ]] || fail "$s: image exposes no port"
  ports[$s]="$(free_port)"
done
port_of() { echo "${ports[$1]}"; }
# every key the local overlay gives the services, with this machine's values; a key without one fails
k8s=deploy/k8s; ops_password="$(random)"
# the staff tokens' ES256 pair: web-ui signs with the private key, command-api gets only the public one
staff_key="$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0)"
staff_public_key="$(printf '%s' "$staff_key" | base64 -d | openssl pkey -inform DER -pubout -outform DER | base64 -w0)"
declare -A value=(
  [DATABASE_URL]="jdbc:postgresql://127.0.0.1:5432/$id" [DATABASE_USER]=postgres
  [DATABASE_PASSWORD]="${SHOP_TEST_POSTGRES_PASSWORD:-trust}"
  [RABBITMQ_PASSWORD]=guest [RABBITMQ_URI]="amqp://guest:guest@127.0.0.1:5672/$id"
  [RABBITMQ_MANAGEMENT_URL]=http://127.0.0.1:15672 [RABBITMQ_MANAGEMENT_USER]=guest [RABBITMQ_MANAGEMENT_PASSWORD]=guest
  [SHOP_NAMESPACE]="$id" [OPS_PASSWORD]="$ops_password"
  [COMMAND_API_URL]="http://127.0.0.1:$(port_of command-api)"
  [SALES_PROJECTOR_URL]="http://127.0.0.1:$(port_of sales-projector)"
  [NOTIFICATION_SERVICE_URL]="http://127.0.0.1:$(port_of notification-service)"
  [SMTP_HOST]=127.0.0.1 [SMTP_PORT]=1025 [TRUSTED_PROXIES]=127.0.0.1/32
  [STAFF_TOKEN_SIGNING_KEY]="$staff_key" [STAFF_TOKEN_PUBLIC_KEY]="$staff_public_key" [CSRF_SECRET]="$(random 32)"
  [STAFF_USERS]="ops:OPS,SALES:$hash"
  # the licence signing key (command-api only); no older keys to verify with (empty is what the overlay allows)
  [LICENCE_SIGNING_KEY]="$(openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)"
  [LICENCE_SIGNING_KEY_ID]="images-$(random 2)" [LICENCE_VERIFY_KEYS]=""
  # no card provider runs in this step (only readiness is checked; a checkout would answer 503): a closed local port,
  # as the overlay leaves it to the operator
  [PAYMENT_PROVIDER_URL]="http://127.0.0.1:9" [PAYMENT_CHECKOUT_ORIGIN]="http://127.0.0.1:9"
)
# service -> file of KEY=VALUE (its ConfigMap's keys and its own DATABASE_USER), and its secrets as files
# ($work/<service>.secrets/KEY, mounted at SHOP_SECRETS_DIR): the keys its manifests give it
env_file() {
  local config=("$k8s/base/config.env" "$k8s/overlays/local/config.env") secrets=("$k8s/overlays/local/secrets/shop.env.example")
  [[ "$1" == web-ui ]] && secrets+=("$k8s/overlays/local/secrets/web-ui.env.example")
  [[ "$1" == command-api ]] && secrets+=("$k8s/overlays/local/secrets/licence.env.example")
  # broker-secrets (RABBITMQ_URI): only the services that speak AMQP get it
  [[ "$1" != web-ui ]] && secrets+=("$k8s/overlays/local/secrets/broker.env.example")
  local out="$work/$1.env" dir="$work/$1.secrets" key given
  rm -rf "$dir"; mkdir -p "$dir"
  # each Deployment names its own role; here the scratch database's login
  printf 'MICRONAUT_SERVER_PORT=%s\nDATABASE_USER=%s\n' "$(port_of "$1")" "${value[DATABASE_USER]}" > "$out"
  # the last file that sets a key wins, as in the overlay (merge); this machine's value wins over a placeholder
  local service="$1" v
  given_value() { # key given -> v
    if [[ -v "value[$1]" ]]; then v="${value[$1]}"
    elif [[ -n "$2" && "$2" != *'<'* ]]; then v="$2"
    else fail "$service: no value here for $1, which the manifests pass"; fi
  }
  while IFS='=' read -r key given; do
    given_value "$key" "$given"; printf '%s=%s\n' "$key" "$v" >> "$out"
  done < <(grep -h '^[A-Z][A-Z0-9_]*=' "${config[@]}" | tac | sort -t= -k1,1 -u)
  while IFS='=' read -r key given; do
    given_value "$key" "$given"; printf '%s' "$v" > "$dir/$key"
  done < <(grep -h '^[A-Z][A-Z0-9_]*=' "${secrets[@]}" | tac | sort -t= -k1,1 -u)
  # its own database login's password (Secret shop-db-<service>, key password)
  printf '%s' "${value[DATABASE_PASSWORD]}" > "$dir/DATABASE_PASSWORD"
  # the one key of web-ui-secrets command-api's manifest mounts: it checks web-ui's staff tokens
  [[ "$1" == command-api ]] && printf '%s' "${value[STAFF_TOKEN_PUBLIC_KEY]}" > "$dir/STAFF_TOKEN_PUBLIC_KEY"
  echo "$out"
}

start() { # service
  local port; port="$(port_of "$1")"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && fail "port $port (for $1) is taken on this machine"
  local envfile; envfile="$(env_file "$1")"
  (run_image "$1" "$envfile") > "$work/$1.log" 2>&1 &
  pids+=($!); eval "pid_$(echo "$1" | tr - _)=$!"
}
wait_ready() { # service
  local port; port="$(port_of "$1")"
  local pid_var="pid_$(echo "$1" | tr - _)"
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/readiness" 2>/dev/null | grep -q '"status":"UP"' && { log "$1 is ready on :$port"; return 0; }
    kill -0 "${!pid_var}" 2>/dev/null || { tail -40 "$work/$1.log" >&2; fail "$1 exited before it was ready"; }
    sleep 1
  done
  tail -40 "$work/$1.log" >&2; fail "$1 not ready within 120 s"
}

log "starting command-api (the others read its event feed)"
start command-api; wait_ready command-api
for s in sales-projector notification-service web-ui; do start "$s"; done
for s in sales-projector notification-service web-ui; do wait_ready "$s"; done

log "stopping them (SIGTERM)"
for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for i in "${!pids[@]}"; do
  status=0; wait "${pids[$i]}" || status=$?
  # 143 = died of SIGTERM: the JVM's shutdown hooks ran and it exited with that signal's code
  [[ $status == 0 || $status == 143 ]] || { tail -20 "$work/${services[$i]}.log" >&2; fail "${services[$i]} exited with $status on SIGTERM"; }
done
pids=()
log "all four images started, became ready and stopped"
