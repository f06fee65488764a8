"""Copy the front-end files DanVan serves from node_modules into build/vendor (a static files dir)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "bootstrap/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap/bootstrap.min.css.map": "bootstrap/dist/css/bootstrap.min.css.map",
    "bootstrap/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "bootstrap/bootstrap.bundle.min.js.map": "bootstrap/dist/js/bootstrap.bundle.min.js.map",
    "htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "chartjs/chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
}


def main() -> int:
    target = ROOT / "build" / "vendor" / "vendor"
    for dest, source in FILES.items():
        src = ROOT / "node_modules" / source
        if not src.exists():
            print(f"Thiếu {src}: hãy chạy npm ci", file=sys.stderr)
            return 1
        out = target / dest
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
