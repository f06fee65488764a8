"""Benchmark: the one-stop statistics (``onestop.selectors.stats_for``) at 200.000 dossiers, against DuckDB.

Loads the national unit tree into a throw-away database, then writes straight to the tables (not through
the services, for speed) a catalogue of 15 procedures per province, a service point per commune and about
200.000 dossiers received since 1/12/2025 over the communes of provinces 01, 19, 38 and 79 — finished early,
on time or late, some in progress, withdrawn or refused, returned, a few with an apology slip, most of the
returned ones rated. Then, for the year of today on today's tree, it times ``stats_for`` for a commune, a
province and the nation (medians of ``--runs`` after a warm-up), exports the same rows to Parquet and times
DuckDB (2 threads) computing the totals from them, checks that the totals agree, prints a table and writes
bench/results/onestop-<database>.json and .md. ``--scale 0.1`` tries it in a minute.

Usage: .venv/bin/python bench/onestop.py [--scale 0.1] [--runs 5]
       scripts/with_postgres.sh .venv/bin/python bench/onestop.py
"""

# ruff: noqa: S608 — the DuckDB reference builds its SQL from dates and prefixes this file chooses

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from stats import fast_insert, fmt_ms, median_ms, vn  # the statistics bench's helpers (bench/stats.py)

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ("01", "19", "38", "79")
COMMUNE, PROVINCE = "01912", "19"
FIRST_DAY = datetime.date(2025, 12, 1)
FIELDS = ("Chứng thực", "Hộ tịch", "Đất đai", "Xây dựng", "Đăng ký kinh doanh", "Bảo trợ xã hội")
MEASURES = ("carried_over", "received", "received_desk", "received_online", "received_post", "finished", "early",
            "on_time", "late", "in_progress_within", "in_progress_overdue", "returned", "withdrawn", "refused",
            "stopped")  # fmt: skip


def generate(scale: float, today: datetime.date) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from danvan.onestop.models import Apology, Dossier, Procedure, Rating, ServicePoint
    from danvan.units.models import Unit
    from danvan.units.selectors import unit_by_code

    rng = random.Random(2026)
    procedures: dict[str, list[Procedure]] = {}
    points: list[ServicePoint] = []
    all_procedures: list[Procedure] = []
    for code in PROVINCES:
        province = unit_by_code(code)
        rows = []
        for n in range(15):
            field = FIELDS[n % len(FIELDS)]
            rows.append(Procedure(unit=province, code=f"{code}.{n:04d}", name=f"Thủ tục {n}",
                                  name_folded=f"thu tuc {n}", field=field, level="commune",
                                  days=rng.choice([0, 0, 3, 5, 10, 15]),
                                  online_level=rng.choice(["full", "partial", "none"])))  # fmt: skip
        procedures[province.path] = rows
        all_procedures += rows
        for commune in Unit.objects.get_children(province).valid_on(today):
            points.append(ServicePoint(unit=commune, name=f"Trung tâm PVHCC {commune.name}", kind="commune"))
    with transaction.atomic():
        fast_insert(Procedure, all_procedures)
        fast_insert(ServicePoint, points)
    n_dossiers = int(200_000 * scale)
    span = (today - FIRST_DAY).days
    now = timezone.now()
    dossiers, apologies, ratings = [], [], []
    for n in range(n_dossiers):
        point = rng.choice(points)
        procedure = rng.choice(procedures[point.unit.path[: Unit.steplen]])
        received = FIRST_DAY + datetime.timedelta(days=rng.randrange(span + 1))
        received_at = timezone.make_aware(datetime.datetime.combine(received, datetime.time(8 + rng.randrange(9))))
        due_on = received + datetime.timedelta(days=procedure.days * 7 // 5)
        due_at = timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(17)))
        online = procedure.online_level != "none" and rng.random() < 0.6
        channel = "online" if online else ("post" if rng.random() < 0.05 else "desk")
        d = Dossier(code=f"B{n:09d}", unit=point.unit, service_point=point, procedure=procedure, field=procedure.field,
                    status="processing", channel=channel, applicant_name="Người nộp", received_at=received_at,
                    received_on=received, submitted_at=received_at, due_at=due_at, due_on=due_on,
                    rating_token=f"t{n:011d}")  # fmt: skip
        roll = rng.random()
        if roll < 0.015:
            d.status, d.ended_on, d.end_reason = "withdrawn", min(today, received + datetime.timedelta(days=2)), "Rút"
        elif roll < 0.02:
            d.status, d.ended_on, d.end_reason = "stopped", min(today, received + datetime.timedelta(days=3)), "Dừng"
        else:
            outcome = rng.choices(["early", "on_time", "late"], [60, 30, 10])[0]
            spare = max(0, (due_on - received).days - 1)
            finished = {"early": received + datetime.timedelta(days=rng.randint(0, spare)), "on_time": due_on,
                        "late": due_on + datetime.timedelta(days=rng.randint(1, 10))}[outcome]  # fmt: skip
            if outcome == "early" and finished >= due_on:
                outcome, finished = "on_time", due_on
            if finished <= today and not (finished == today and rng.random() < 0.5):
                d.finished_on, d.timeliness, d.status = finished, outcome, "result_ready"
                d.finished_at = timezone.make_aware(datetime.datetime.combine(finished, datetime.time(16)))
                if d.finished_at > now:
                    d.finished_at = now
                returned = finished + datetime.timedelta(days=rng.randint(0, 3))
                if returned <= today and rng.random() < 0.95:
                    d.status, d.returned_on, d.return_method = "returned", returned, "desk"
                    d.returned_at = max(d.finished_at, min(now, timezone.make_aware(
                        datetime.datetime.combine(returned, datetime.time(16, 30)))))  # fmt: skip
                    if rng.random() < 0.65:
                        d.status = "rated"
                        level = rng.choices([1, 2, 3, 4, 5], [2, 3, 6, 30, 59])[0]
                        ratings.append(Rating(dossier=d, unit=d.unit, scheme="five", channel="kiosk",
                                              level=level, satisfied=level >= 4, rated_on=returned,
                                              rated_at=d.returned_at))  # fmt: skip
            if outcome == "late" and rng.random() < 0.5 and due_on > received:
                issued = timezone.make_aware(datetime.datetime.combine(due_on - datetime.timedelta(days=1),
                                                                       datetime.time(9)))  # fmt: skip
                if issued <= now:
                    apologies.append(Apology(dossier=d, issued_at=issued, reason="Chậm", new_due_at=due_at +
                                             datetime.timedelta(days=5)))  # fmt: skip
        dossiers.append(d)
    with transaction.atomic():
        fast_insert(Dossier, dossiers)
        for r in ratings:
            r.dossier_id = r.dossier.pk
        for a in apologies:
            a.dossier_id = a.dossier.pk
        fast_insert(Rating, ratings)
        fast_insert(Apology, apologies)
    return {"dossiers": len(dossiers), "ratings": len(ratings), "apologies": len(apologies),
            "service_points": len(points), "procedures": len(all_procedures)}  # fmt: skip


def django_totals(stats: Any) -> dict[str, float]:
    out = {f"total.{m}": float(stats.totals.get(m) or 0) for m in MEASURES}
    out["apologies"] = float(stats.apologies)
    for name in ("rated", "satisfied", "very_satisfied", "unsatisfied"):
        out[f"ratings.{name}"] = float(stats.ratings.get(name) or 0)
    for field, values in stats.by_field.items():
        out[f"field.{field}.received"] = float(values.get("received") or 0)
    return out


def export_parquet(folder: Path) -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from danvan.onestop.models import Apology, Dossier, Rating

    def write(name: str, qs: Any, columns: dict[str, str]) -> Path:
        rows = list(qs.values_list(*columns.values()))
        table = pa.table({col: [r[i] for r in rows] for i, col in enumerate(columns)})
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        return path

    return {
        "dossiers": write("dossiers", Dossier.objects.order_by(), {
            "path": "unit__path", "field": "field", "status": "status", "channel": "channel",
            "timeliness": "timeliness", "received_on": "received_on", "finished_on": "finished_on",
            "ended_on": "ended_on", "returned_on": "returned_on", "due_at": "due_at"}),
        "apologies": write("apologies", Apology.objects.order_by(), {"path": "dossier__unit__path",
                                                                     "issued_at": "issued_at"}),
        "ratings": write("ratings", Rating.objects.order_by(), {"path": "unit__path", "rated_on": "rated_on",
                                                                "level": "level", "satisfied": "satisfied"}),
    }  # fmt: skip


class DuckTotals:
    """The same totals in DuckDB SQL over the Parquet files (an independent second implementation)."""

    def __init__(self, files: dict[str, Path]) -> None:
        import duckdb

        self.db = duckdb.connect()
        self.db.execute("SET threads = 2")
        self.db.execute("SET TimeZone = 'UTC'")
        for name, path in files.items():
            self.db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")

    def totals(
        self, prefixes: list[str] | None, start: datetime.date, end: datetime.date, cutoff: datetime.datetime,
        today: datetime.date,
    ) -> dict[str, float]:  # fmt: skip
        where = "(" + " OR ".join(f"starts_with(path, '{p}')" for p in prefixes) + ")" if prefixes else "TRUE"
        s, e = f"DATE '{start}'", f"DATE '{end}'"
        edge = f"DATE '{min(end, today)}'"
        cut = f"TIMESTAMPTZ '{cutoff.isoformat()}'"
        in_progress = (f"received_on <= {edge} AND (finished_on IS NULL OR finished_on > {edge}) "
                       f"AND (ended_on IS NULL OR ended_on > {edge})")  # fmt: skip
        conditions = {
            "carried_over": f"received_on < {s} AND (finished_on IS NULL OR finished_on >= {s}) "
                            f"AND (ended_on IS NULL OR ended_on >= {s})",
            "received": f"received_on BETWEEN {s} AND {e}",
            "received_desk": f"received_on BETWEEN {s} AND {e} AND channel = 'desk'",
            "received_online": f"received_on BETWEEN {s} AND {e} AND channel = 'online'",
            "received_post": f"received_on BETWEEN {s} AND {e} AND channel = 'post'",
            "finished": f"finished_on BETWEEN {s} AND {e}",
            "early": f"finished_on BETWEEN {s} AND {e} AND timeliness = 'early'",
            "on_time": f"finished_on BETWEEN {s} AND {e} AND timeliness = 'on_time'",
            "late": f"finished_on BETWEEN {s} AND {e} AND timeliness = 'late'",
            "in_progress_within": f"{in_progress} AND (due_at >= {cut} OR due_at IS NULL)",
            "in_progress_overdue": f"{in_progress} AND due_at < {cut}",
            "returned": f"returned_on BETWEEN {s} AND {e}",
            "withdrawn": f"ended_on BETWEEN {s} AND {e} AND status = 'withdrawn'",
            "refused": f"ended_on BETWEEN {s} AND {e} AND status = 'refused'",
            "stopped": f"ended_on BETWEEN {s} AND {e} AND status = 'stopped'",
        }  # fmt: skip
        aggs = ", ".join(f"count(*) FILTER (WHERE {c})" for c in conditions.values())
        row = self.db.execute(f"SELECT {aggs} FROM dossiers WHERE {where}").fetchone()
        assert row is not None
        out = {f"total.{m}": float(v) for m, v in zip(conditions, row, strict=True)}
        # The apology's day is its local date (Asia/Ho_Chi_Minh: UTC+7, no summer time).
        local = "CAST(issued_at + INTERVAL 7 HOUR AS DATE)"
        out["apologies"] = float(self.db.execute(
            f"SELECT count(*) FROM apologies WHERE {where} AND {local} BETWEEN {s} AND {e}").fetchone()[0])  # type: ignore[index]  # fmt: skip
        rated = self.db.execute(
            f"SELECT count(*), count(*) FILTER (WHERE satisfied), count(*) FILTER (WHERE level = 5), "
            f"count(*) FILTER (WHERE level <= 2) FROM ratings WHERE {where} AND rated_on BETWEEN {s} AND {e}"
        ).fetchone()  # fmt: skip
        assert rated is not None
        for name, value in zip(("rated", "satisfied", "very_satisfied", "unsatisfied"), rated, strict=True):
            out[f"ratings.{name}"] = float(value)
        for field, n in self.db.execute(
            f"SELECT field, count(*) FROM dossiers WHERE {where} AND received_on BETWEEN {s} AND {e} GROUP BY field"
        ).fetchall():
            out[f"field.{field}.received"] = float(n)
        return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 200.000 dossiers")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the Parquet files")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-onestop-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DANVAN_DATA_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from danvan.core.periods import Period
    from danvan.onestop import measures, selectors
    from danvan.stats import keys
    from danvan.stats.engine import WHOLE_SYSTEM, Target
    from danvan.units.loader import load_national_units
    from danvan.units.selectors import unit_by_code

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_national_units()
    today = timezone.localdate()
    counts = generate(args.scale, today)
    if wrong := keys.drift():
        raise SystemExit(f"province keys out of step after generating: {wrong}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    generated_s = round(time.perf_counter() - started, 1)
    duck = DuckTotals(export_parquet(tmp))
    period = Period.year(today.year)
    results = []
    for scope, unit in (("commune", unit_by_code(COMMUNE)), ("province", unit_by_code(PROVINCE)), ("nation", None)):
        django_ms, stats = median_ms(lambda u=unit: selectors.stats_for(u, period, user=WHOLE_SYSTEM), args.runs)
        ours = django_totals(stats)
        target = Target(unit, period, viewer=WHOLE_SYSTEM)
        prefixes = target.prefixes(measures.DOSSIERS.permission) if unit is not None else None
        cutoff = measures._end_of(target.window)
        duck_ms, theirs = median_ms(
            lambda p=prefixes, c=cutoff: duck.totals(p, period.start, period.end, c, today),
            args.runs,
        )
        mismatches = sorted(k for k in ours.keys() | theirs.keys() if abs(ours.get(k, 0) - theirs.get(k, 0)) > 0.01)
        results.append({
            "scope": scope, "received": int(ours["total.received"]), "figures": len(ours),
            "mismatches": len(mismatches),
            "first_mismatches": [(k, ours.get(k), theirs.get(k)) for k in mismatches[:5]],
            "django_ms": django_ms, "duckdb_ms": duck_ms,
            "ratio": round(django_ms / duck_ms, 2) if duck_ms else None,
        })  # fmt: skip
        received = vn(int(ours["total.received"]))
        print(f"{scope:9} {fmt_ms(django_ms):>11} DuckDB {fmt_ms(duck_ms):>10} received {received:>8} "
              f"figures {len(ours):3} mismatches {len(mismatches)} {mismatches[:3]}", flush=True)  # fmt: skip
    vendor = connection.vendor
    report = {"database": vendor, "scale": args.scale, "runs": args.runs, "rows": counts,
              "generate_and_load_s": generated_s, "period": period.label, "results": results}  # fmt: skip
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"onestop-{vendor}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    lines = [
        f"# One-stop statistics benchmark — {vendor}, scale {args.scale} ({vn(counts['dossiers'])} dossiers, "
        f"{vn(counts['ratings'])} ratings, {vn(counts['apologies'])} apology slips), {period.label}, medians of "
        f"{args.runs}",
        "",
        "| stats_for | received in period | DanVan | DuckDB (totals) | ratio | mismatches |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r['scope']} | {vn(r['received'])} | {fmt_ms(r['django_ms'])} | {fmt_ms(r['duckdb_ms'])} | "
                     f"{str(r['ratio']).replace('.', ',')} | {r['mismatches']} |")  # fmt: skip
    text = "\n".join(lines) + "\n"
    (out / f"onestop-{vendor}.md").write_text(text)
    print(text)
    connection.close()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if any(r["mismatches"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
