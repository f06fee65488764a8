#!/usr/bin/env bash
# Serve DanVan: the task worker (exports, imports, reminders, reports) in the background and the web
# server in the foreground; Ctrl-C (or the server stopping) stops both.
#   scripts/run.sh [HOST:PORT]        (make run calls it after setup)
set -euo pipefail
cd "$(dirname "$0")/.."
address=${1:-127.0.0.1:8000}
danvan=.venv/bin/danvan

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "Khởi động bộ chạy tác vụ nền (danvan db_worker) — the background task worker"
"$danvan" db_worker &
worker=$!
server=
stop() {
  trap - EXIT INT TERM
  for pid in $server $worker; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

say "DanVan: http://$address (Ctrl-C để dừng cả máy chủ và bộ chạy tác vụ — stops both)"
# In the background too, so that a signal to this script is handled at once, not when the server ends.
"$danvan" runserver "$address" &
server=$!
wait "$server"
