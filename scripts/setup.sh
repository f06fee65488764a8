#!/usr/bin/env bash
# Set up DanVan in .venv/: Python and npm packages, static assets, translations,
# and (unless --no-data) the database, the national unit tree and the demo.
# Idempotent: a second run reuses what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

with_data=1
[ "${1:-}" = "--no-data" ] && with_data=0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

find_python() {
  local candidate
  for candidate in "${DANVAN_PYTHON:-}" python3.13 python3.12 python3.14 \
      "$HOME"/.pyenv/versions/3.13*/bin/python3.13 "$HOME"/.pyenv/versions/3.12*/bin/python3.12 \
      /usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12 python3; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
      "$candidate" -c 'import sys; print(sys.executable)'
      return 0
    fi
  done
  return 1
}

find_uv() {
  if command -v uv >/dev/null 2>&1; then command -v uv; return 0; fi
  if [ ! -x .cache/uv/bin/uv ]; then
    say "Cài uv (trình quản lý gói Python) vào .cache/uv" >&2
    "$PYTHON" -m venv .cache/uv >/dev/null
    .cache/uv/bin/python -m pip install --quiet --disable-pip-version-check uv >/dev/null
  fi
  echo "$PWD/.cache/uv/bin/uv"
}

PYTHON=$(find_python) || {
  echo "DanVan cần Python 3.12 trở lên (Django 6). Không tìm thấy python3.13 hay python3.12." >&2
  echo "DanVan needs Python 3.12 or newer; set DANVAN_PYTHON=/path/to/python3.12 if it is installed elsewhere." >&2
  exit 1
}
UV=$(find_uv)
say "Gói Python (uv sync, Python: $PYTHON)"
UV_PYTHON_DOWNLOADS=never "$UV" sync --frozen --python "$PYTHON" --quiet

say "Gói giao diện (npm ci)"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/python scripts/vendor_assets.py

say "Bản dịch tiếng Anh"
.venv/bin/danvan compilemessages --ignore=.venv --ignore=node_modules -v0

if [ "$with_data" = 1 ]; then
  say "Cơ sở dữ liệu"
  mkdir -p "${DANVAN_DATA_DIR:-var}"
  .venv/bin/danvan migrate --no-input -v0
  .venv/bin/danvan createcachetable
  say "Danh mục đơn vị hành chính"
  .venv/bin/danvan load_units
  say "Dữ liệu mẫu"
  .venv/bin/danvan seed_demo
fi
