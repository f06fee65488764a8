"""Benchmark: reception and petitions at the scale of a busy province.

Seeds the demo, then records N letters (default 5.000) in phường Đức Xuân and xã Chợ Rã through the
intake service (duplicate search included), and measures the medians of: one intake with its duplicate
search, recomputing every open case's due dates after a calendar change, the province's statistics
for a year, and the overdue queue page. Prints the figures and writes bench/results/petitions_<db>.json.
Usage: .venv/bin/python bench/petitions.py [--letters N]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=5000)
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
    from danvan.core.selectors import current_calendar
    from danvan.demo.seed import seed_demo
    from danvan.petitions import selectors, services
    from danvan.petitions.models import Case, Subject
    from danvan.stats.engine import WHOLE_SYSTEM
    from danvan.units.selectors import unit_by_code

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    seed_demo()
    rng = random.Random(5)
    units = [unit_by_code("01840"), unit_by_code("01912")]
    subjects = list(Subject.objects.all())
    today = timezone.localdate()
    words = ["thu hồi đất", "bồi thường", "di dời chợ", "trợ cấp", "tiếng ồn", "lấn chiếm", "cấp giấy", "đo đạc"]
    intake_times = []
    for n in range(args.letters):
        papers = services.Intake(
            received_on=today - datetime.timedelta(days=rng.randint(0, 360)),
            channel="post",
            kind=rng.choice(["kn", "kng", "pa", "tc"]),
            subject=rng.choice(subjects),
            content=f"Đơn số {n} về {rng.choice(words)} ở tổ {rng.randint(1, 20)}, xem xét {rng.choice(words)}.",
            sender_name=f"Người gửi {rng.randint(1, args.letters // 3)}",
            conditions_met={"form", "kn_content", "tc_content", "content", "not_handled"},
        )
        started = time.perf_counter()
        services.receive_letter(actor=None, unit=rng.choice(units), intake=papers)
        intake_times.append(time.perf_counter() - started)
    recompute = []
    for _ in range(3):
        started = time.perf_counter()
        services.recompute_open_cases(current_calendar())
        recompute.append(time.perf_counter() - started)
    province = unit_by_code("19")
    stats = []
    for _ in range(5):
        started = time.perf_counter()
        selectors.stats_for(province, Period.year(today.year), user=WHOLE_SYSTEM)
        stats.append(time.perf_counter() - started)
    client = Client()
    client.force_login(User.objects.get(username="ducxuan.lanhdao"))
    pages = []
    for _ in range(5):
        started = time.perf_counter()
        assert client.get("/petitions/?queue=overdue").status_code == 200
        pages.append(time.perf_counter() - started)
    figures = {
        "database": connection.vendor,
        "letters_recorded": args.letters,
        "cases": Case.objects.count(),
        "open_cases": Case.objects.open().count(),
        "intake_median_ms": round(statistics.median(intake_times) * 1000, 1),
        "intake_p95_ms": round(sorted(intake_times)[int(len(intake_times) * 0.95)] * 1000, 1),
        "recompute_all_open_median_s": round(statistics.median(recompute), 2),
        "province_year_stats_median_ms": round(statistics.median(stats) * 1000, 1),
        "overdue_page_median_ms": round(statistics.median(pages) * 1000, 1),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"petitions_{connection.vendor}.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
