"""Benchmark: loading the national unit tree (fresh and repeated) and scope queries.

Runs against DATABASE_URL (a throw-away SQLite file by default), prints the medians and writes
them to bench/results/units_load.json. Usage: .venv/bin/python bench/units_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.units.loader import load_national_units
    from danvan.units.models import Unit, UnitLineage, UnitVersion
    from danvan.units.selectors import coverage_prefixes, unit_by_code

    call_command("migrate", verbosity=0)
    fresh, again = [], []
    for _ in range(args.runs):
        UnitLineage.objects.all().delete()
        UnitVersion.objects.all().delete()
        Unit.objects.all().delete()
        started = time.perf_counter()
        result = load_national_units()
        fresh.append(time.perf_counter() - started)
        started = time.perf_counter()
        load_national_units()
        again.append(time.perf_counter() - started)
    province = unit_by_code("19")
    scope = []
    for _ in range(20):
        started = time.perf_counter()
        coverage_prefixes(province)
        scope.append(time.perf_counter() - started)
    figures = {
        "database": connection.vendor,
        "units": result.created,
        "lineage_links": result.lineage_links,
        "runs": args.runs,
        "fresh_load_median_s": round(statistics.median(fresh), 2),
        "repeat_load_median_s": round(statistics.median(again), 2),
        "province_scope_median_ms": round(statistics.median(scope) * 1000, 1),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"units_load_{connection.vendor}.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
