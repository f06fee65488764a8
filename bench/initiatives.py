"""Benchmark: the "Dân vận khéo" area at province scale.

Seeds the demo (320 models) and imports a 10,000-row registration sheet spread over the province's
communes, then measures the medians of: the import (check, then write), ``stats_for`` of the whole
province for a year on today's tree, the provincial list page and its Excel export (a background job
above DANVAN_EXPORT_SYNC_ROWS: the request that queues it, then the job itself, and its peak traced
memory). Runs against DATABASE_URL (a throw-away SQLite file by default), prints the figures and writes them to
bench/results/initiatives_<database>.json. Usage: .venv/bin/python bench/initiatives.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sheet(codes: list[str], rows: int, year: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.append(["Mã đơn vị", "Năm", "Loại", "Tên mô hình", "Tập thể, cá nhân", "Lĩnh vực", "Lĩnh vực con"])
    for n in range(rows):
        ws.append([codes[n % len(codes)], year, "Mô hình", f"Mô hình thử {year}-{n}", "Chi bộ", "Kinh tế",
                   "Giảm nghèo, phát triển sản xuất"])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DANVAN_DATA_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from danvan.accounts.models import User
    from danvan.core.periods import Period
    from danvan.demo.seed import seed_demo
    from danvan.initiatives import selectors
    from danvan.initiatives.imports import import_initiatives, read_rows
    from danvan.initiatives.models import Initiative
    from danvan.lists.exports import run_export
    from danvan.lists.models import ExportJob
    from danvan.stats.engine import WHOLE_SYSTEM
    from danvan.units.models import Unit
    from danvan.units.selectors import unit_by_code

    call_command("migrate", verbosity=0)
    seed_demo()
    province = unit_by_code("19")
    codes = [u.code for u in Unit.objects.get_children(province).valid_on(timezone.localdate()) if u.code][:90]
    check, write = [], []
    for run in range(args.runs):
        data = sheet(codes, args.rows, 2010 + run)
        started = time.perf_counter()
        read_rows(io.BytesIO(data), None)
        check.append(time.perf_counter() - started)
        started = time.perf_counter()
        import_initiatives(actor=None, stream=io.BytesIO(data))
        write.append(time.perf_counter() - started)
    year = Period.year(timezone.localdate().year)
    stats = []
    for _ in range(10):
        started = time.perf_counter()
        result = selectors.stats_for(province, year, user=WHOLE_SYSTEM)
        stats.append(time.perf_counter() - started)
    client = Client()
    client.force_login(User.objects.get(username="tinh.tgdv"))
    pages, exports, requests = [], [], []
    for _ in range(5):
        started = time.perf_counter()
        assert client.get("/initiatives/?unit=19").status_code == 200
        pages.append(time.perf_counter() - started)
        # Above DANVAN_EXPORT_SYNC_ROWS the request only queues a job and answers with its progress page;
        # the worker builds the file (run here in-process, as `danvan db_worker` would).
        started = time.perf_counter()
        response = client.get("/initiatives/export.xlsx?unit=19")
        requests.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
        job = ExportJob.objects.latest("created_at")
        started = time.perf_counter()
        job = run_export(str(job.pk))
        exports.append(time.perf_counter() - started)
        assert job.status == ExportJob.Status.DONE and job.path.exists(), job.error
    tracemalloc.start()
    client.get("/initiatives/export.xlsx?unit=19")
    run_export(str(ExportJob.objects.latest("created_at").pk))
    export_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures = {
        "database": connection.vendor,
        "models_in_database": Initiative.objects.count(),
        "rows_per_import": args.rows,
        "runs": args.runs,
        "import_check_median_s": round(statistics.median(check), 2),
        "import_write_median_s": round(statistics.median(write), 2),
        "province_year_stats_median_ms": median_ms(stats),
        "province_year_registered": result.registered,
        "list_page_median_ms": median_ms(pages),
        "export_all_rows_median_s": round(statistics.median(exports), 2),
        "export_request_median_ms": median_ms(requests),
        "export_rows": job.done,
        "export_peak_traced_mib": round(export_peak / 2**20, 1),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"initiatives_{connection.vendor}.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
