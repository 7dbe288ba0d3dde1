#!/usr/bin/env bash
# Builds the Java 17 runtime base image for Jib from Debian packages only, for machines that reach no
# container registry (CI): debootstrap bookworm (minbase) + openjdk-17-jre-headless + curl (compose's health
# checks), packed as a `docker save` tarball (manifest.json, config, one layer) that Jib takes as
# -Djib.from.image=tar://<file>. Needs root and debootstrap. Usage: base-image.sh <output.tar>
# The tarball is kept: a second run with the same output path returns at once.
set -euo pipefail
out="$(realpath -m "${1:?usage: base-image.sh <output.tar>}")"
[[ -s "$out" ]] && { echo "base image: $out (cached)"; exit 0; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null
# the Debian mirror this machine already uses (no host is written down here)
mirror="$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
[[ -n "$mirror" ]] || mirror="$(awk '$1=="deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
mkdir -p "${out%/*}"
work="$(mktemp -d "${out%/*}/.base-image.XXXXXX")"
trap 'umount -R "$work/root/proc" "$work/root/sys" 2>/dev/null || true; rm -rf "$work"' EXIT
root="$work/root"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,curl bookworm "$root" ${mirror:+"$mirror"} \
  > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
java_home="$(dirname "$(dirname "$(readlink -f "$root/usr/bin/java")")")"; java_home="${java_home#"$root"}"
# what an image does not need: package caches, lists, logs, docs
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar --numeric-owner --xattrs -C "$root" --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
created="$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%Y-%m-%dT%H:%M:%SZ)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"tools/images/base-image.sh: debootstrap bookworm + openjdk-17-jre-headless"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["licence-shop/jre-base:17-bookworm"],"Layers":["layer.tar"]}]\n' > "$work/manifest.json"
tar -C "$work" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1), $java_home)"
