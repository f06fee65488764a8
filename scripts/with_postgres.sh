#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on a Unix socket:
#   scripts/with_postgres.sh COMMAND...
# DATABASE_URL is set for the command; the cluster is removed afterwards.
# Exits 77 (without running anything) when PostgreSQL's server binaries are not installed.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "PostgreSQL server not installed (apt-get install postgresql)" >&2
  exit 77
fi
dir=$(mktemp -d /tmp/danvan-pg.XXXXXX)
run=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi
cleanup() { "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
"${run[@]}" "$bindir/createdb" -h "$dir" -U postgres danvan
socket=$(printf '%s' "$dir" | sed 's|/|%2F|g')
export DATABASE_URL="postgres://postgres@${socket}/danvan"
"$@"
