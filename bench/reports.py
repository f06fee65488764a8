"""Benchmark: the statistics of a full periodic report at national scale, against DuckDB (issue 14, "Speed").

Builds a throw-away database (SQLite by default, PostgreSQL under ``scripts/with_postgres.sh``): the
national unit tree (34 provinces, 3.321 communes) with about 30.000 hamlets added under the communes,
then one year of records written straight to the tables (bench/reports_data.py): ``--size`` N letters,
about 0,8·N cases, 0,2·N "Dân vận khéo" models, 5·N dossiers and 2·N ratings over the communes and the
365 days up to today. Then, for one commune, one province and the whole country, it times the
statistics of a full report for ``--period`` (medians of ``--runs`` after a warm-up):

* ``danvan.reports.build.build(unit, period, viewer=WHOLE_SYSTEM)`` when it exists — every registered
  section's figures for the period, the previous period and the same period last year, then its
  narrative and tables;
* else every registered section's ``figures`` (three periods) and ``build``, called directly;
* else, while no section is registered, the areas' statistics (petitions, initiatives, one-stop) for the
  three periods.

It exports the same rows to Parquet and times DuckDB (2 threads) computing the same figures in the same
run: the petitions, initiatives and one-stop statistics for the three periods (bench/stats.py's and
bench/onestop.py's independent SQL), the one-stop section's detail tables and monthly chart, and from them
the sections' key figures. It checks that every figure agrees — with the areas' statistics, with
``trends.by_month`` and with the sections' figures of the same name (``same_numbers``). It times a whole
province report rendered to DOCX (``danvan.reports.outputs.docx``, null while it does not exist), and
shows where the time goes: each section's figures and build, the SQL time by table, the slowest
statements (``--explain``: their plans) and, with ``--profile``, the functions a nation report and the
province's DOCX spend their own time in. Writes bench/results/reports-<database>-<size>.json and .md; the LAST line
printed is one JSON object (``database``, ``commune_ms``, ``province_ms``, ``nation_ms``,
``province_ratio_duckdb``, ``nation_ratio_duckdb``, ``docx_province_s``, ``same_numbers``).

Usage: .venv/bin/python bench/reports.py [--size 20000] [--runs 3] [--period year] [--explain] [--profile]
       scripts/with_postgres.sh .venv/bin/python bench/reports.py --size 20000
"""

# ruff: noqa: S608 — the DuckDB reference builds its SQL from dates and prefixes this file chooses, never from input

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import importlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from reports_data import generate

# The statistics bench and the one-stop bench (bench/stats.py, bench/onestop.py): their generators' figures,
# their DuckDB SQL and their exports are reused as they are. Imported by name at run time, so that checking
# this file's types does not check theirs.
STATS_BENCH: Any = importlib.import_module("stats")
ONESTOP_BENCH: Any = importlib.import_module("onestop")
COMMUNE: str = STATS_BENCH.COMMUNE
PROVINCE: str = STATS_BENCH.PROVINCE
DuckStats = STATS_BENCH.DuckStats
DuckTotals = ONESTOP_BENCH.DuckTotals
django_petitions = STATS_BENCH.django_petitions
django_initiatives = STATS_BENCH.django_initiatives
django_totals = ONESTOP_BENCH.django_totals
export_areas = STATS_BENCH.export_parquet
export_onestop = ONESTOP_BENCH.export_parquet
fmt_ms: Callable[[float], str] = STATS_BENCH.fmt_ms
vn: Callable[[int], str] = STATS_BENCH.vn

ROOT = Path(__file__).resolve().parent.parent
NATION = "VN"  # the nation's name in the DuckDB reference's keys
PERIODS = ("now", "previous", "last_year")
ONESTOP_COUNTS = (
    "carried_over", "received", "received_desk", "received_online", "received_post", "finished", "early", "on_time",
    "late", "in_progress_within", "in_progress_overdue", "withdrawn", "refused",
)  # fmt: skip
Flat = dict[str, float]


# --- timing ----------------------------------------------------------------------------------------


def medians(run: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """The median of ``runs`` timed calls after one warm-up (ms), the samples and the last result."""
    result = run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        samples.append(round((time.perf_counter() - started) * 1000, 1))
    return round(statistics.median(samples), 1), samples, result


_FROM = re.compile(r'\bFROM\s+"?([a-z_0-9]+)"?', re.IGNORECASE)


class SqlClock:
    """Every statement run while it is installed: the time by table (the first table after FROM), the
    number of statements, and the slowest ones."""

    def __init__(self) -> None:
        self.by_table: dict[str, list[float]] = {}
        self.slowest: list[tuple[float, str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - started) * 1000
            found = _FROM.search(sql)
            table = found.group(1) if found else sql.split()[0].lower()
            entry = self.by_table.setdefault(table, [0.0, 0])
            entry[0] += ms
            entry[1] += 1
            self.slowest.append((ms, sql, params))
            self.slowest.sort(key=lambda s: -s[0])
            del self.slowest[8:]

    def tables(self) -> dict[str, dict[str, float]]:
        ordered = sorted(self.by_table.items(), key=lambda kv: -kv[1][0])
        return {t: {"ms": round(ms, 1), "queries": int(n)} for t, (ms, n) in ordered}

    @property
    def total_ms(self) -> float:
        return round(sum(ms for ms, _ in self.by_table.values()), 1)

    @property
    def queries(self) -> int:
        return int(sum(n for _, n in self.by_table.values()))


@contextlib.contextmanager
def sql_clock() -> Iterator[SqlClock]:
    from django.db import connection

    clock = SqlClock()
    with connection.execute_wrapper(clock):
        yield clock


# --- the report's statistics, as DanVan computes them ----------------------------------------------


def three(period: Any) -> dict[str, Any]:
    return {"now": period, "previous": period.previous(), "last_year": period.same_period_last_year()}


def report_mode() -> str:
    """What is timed: ``build`` (the report's own function), ``sections`` (each section called
    directly) or ``areas`` (no section registered yet: the areas' statistics)."""
    from danvan.stats import sections

    if not sections.sections():
        return "areas"
    try:
        from danvan.reports import build as _  # noqa: F401
    except ImportError:
        return "sections"
    return "build"


def run_report(mode: str, unit: Any, period: Any) -> Any:
    from danvan.stats import sections
    from danvan.stats.engine import WHOLE_SYSTEM

    if mode == "build":
        from danvan.reports.build import build

        return build(unit, period, viewer=WHOLE_SYSTEM)
    if mode == "sections":
        context = sections.Context(unit, period, WHOLE_SYSTEM)
        out = {}
        for section in sections.sections():
            figures = [section.figures(context, p) for p in three(period).values()]
            out[section.key] = (figures, section.build(context, *figures))
        return out
    return area_stats(unit, period)


def area_stats(unit: Any, period: Any) -> dict[str, list[Any]]:
    """The areas' statistics of ``unit`` (None: the nation) for the three periods."""
    from danvan.initiatives import selectors as initiatives
    from danvan.onestop import selectors as onestop
    from danvan.petitions import selectors as petitions
    from danvan.stats.engine import WHOLE_SYSTEM

    out: dict[str, list[Any]] = {"petitions": [], "initiatives": [], "onestop": []}
    for p in three(period).values():
        out["petitions"].append(petitions.stats_for(unit, p, user=WHOLE_SYSTEM))
        out["initiatives"].append(initiatives.stats_for(unit, p, user=WHOLE_SYSTEM))
        out["onestop"].append(onestop.stats_for(unit, p, user=WHOLE_SYSTEM))
    return out


def flat_areas(stats: dict[str, list[Any]], code: str) -> dict[str, Flat]:
    """The areas' statistics as the DuckDB reference writes them: ``period:target|figure``."""
    out: dict[str, Flat] = {"petitions": {}, "initiatives": {}, "onestop": {}}
    for tag, pet, ini, one in zip(PERIODS, stats["petitions"], stats["initiatives"], stats["onestop"], strict=True):
        out["petitions"] |= {f"{tag}:{k}": v for k, v in django_petitions(pet, f"{code}|").items()}
        out["initiatives"] |= {f"{tag}:{k}": v for k, v in django_initiatives(ini, f"{code}|").items()}
        out["onestop"] |= {f"{tag}:{k}": v for k, v in django_totals(one).items() if v}
    return out


#: The dossier measures of the one-stop section's detail tables (onestop/report.py ``_detail``), and of its
#: monthly chart.
DETAIL = ("carried_over", "received", "received_online", "finished", "early", "on_time", "late",
          "in_progress_overdue")  # fmt: skip
MONTHLY = ("received", "finished", "late")


def onestop_detail(stats: Any, unit: Any, period: Any) -> Flat:
    """The one-stop section's detail of the period — by field, procedure, service point, sub-unit (what its
    build reads from ``onestop.selectors.stats_for``) and by month (``trends.by_month``) — flat."""
    from danvan.onestop import measures
    from danvan.stats import trends
    from danvan.stats.engine import WHOLE_SYSTEM, Target

    out: Flat = {}
    for name, rows in (("field", stats.by_field), ("procedure", stats.by_procedure),
                       ("point", stats.by_service_point)):  # fmt: skip
        for key, values in rows.items():
            for m in DETAIL:
                if values.get(m):
                    out[f"{name}.{key}.{m}"] = float(values[m])
    for sub, values in stats.by_unit:
        for m in DETAIL:
            if values.get(m):
                out[f"unit.{sub.code}.{m}"] = float(values[m])
    monthly = trends.by_month(measures.DOSSIERS, Target(unit, period, viewer=WHOLE_SYSTEM), list(MONTHLY))
    for m, series in monthly.items():
        for month, value in series.items():
            if value:
                out[f"month.{month:%Y-%m}.{m}"] = float(value)
    return out


def share(part: Any, whole: Any) -> float | None:
    """A share in per cent, as the report rounds it (two decimals, half up); None of nothing."""
    if not whole:
        return None
    value = Decimal(part or 0) * 100 / Decimal(whole)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def section_figures(mode: str, result: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """``section key → period → figure → value`` from what the timed run returned."""
    if mode == "build":
        return {s["key"]: s["figures"] for s in result["sections"]}
    if mode == "sections":
        return {key: dict(zip(PERIODS, figures, strict=True)) for key, (figures, _) in result.items()}
    return {}


def same_value(a: Any, b: float | None) -> bool:
    """Equal to the cent; a missing share (None) equals only another."""
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - b) <= 0.01


def compare_sections(
    found: dict[str, dict[str, dict[str, Any]]], reference: dict[str, float | None]
) -> tuple[int, list[str], list[str]]:
    """Each section figure the reference computes too: (figures compared, mismatches, names the reference
    does not compute). A share without a denominator is None on both sides."""
    compared, wrong, unmatched = 0, [], set()
    for key, periods in found.items():
        for tag, figures in periods.items():
            for name, value in figures.items():
                ref = f"{tag}:{key}.{name}"
                if ref not in reference:
                    unmatched.add(f"{key}.{name}")
                    continue
                compared += 1
                theirs = reference[ref]
                if not same_value(value, theirs):
                    wrong.append(f"{ref}: {value} ≠ {theirs}")
    return compared, wrong, sorted(unmatched)


# --- the same figures in DuckDB --------------------------------------------------------------------


def duck_targets(unit: Any, code: str, today: datetime.date) -> tuple[list[Any], list[Any], list[str] | None]:
    """What DuckDB is given of the tree: the target's coverage prefixes, its direct sub-units' prefixes
    (the tree's own definitions, as both benches do) and the prefixes of the one-stop totals."""
    from danvan.stats import paths

    covered = paths.coverage(unit, today_tree=True)
    coverage = [(code, p) for p in covered]
    owners = []
    for order, (child, prefixes) in enumerate(
        paths.sub_units(unit, today_tree=True, period_end=today, today=today, covered=covered)
    ):
        owners += [(code, p, child.code, order) for p in prefixes]
    return coverage, owners, None if unit is None else covered


class Reference:
    """DuckDB over the Parquet files: the petitions and initiatives figures of bench/stats.py (totals,
    breakdowns, sub-units) and the one-stop totals of bench/onestop.py, for the three periods; the one-stop
    section's detail (by field, procedure, service point, sub-unit and month) for the period; from them and
    two more queries (the letters of the cases resolved, the units in force), the key figures of the
    report's sections under the sections' names (:meth:`sections`)."""

    def __init__(self, folder: Path) -> None:
        self.areas = DuckStats(export_areas(folder))
        self.onestop = DuckTotals(export_onestop(folder))
        self.db = self.areas.db
        for name, path in export_more(folder).items():
            self.db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        self.prefixes: list[str] | None = None

    def target(self, unit: Any, code: str, today: datetime.date) -> None:
        coverage, owners, self.prefixes = duck_targets(unit, code, today)
        self.areas.set_targets(coverage, owners)  # also the tables cov and own, on the same connection
        self.code = code
        # Which sub-unit each dossier's unit belongs to (the longest prefix wins), as for the other tables.
        self.db.execute(f"""
            CREATE OR REPLACE TABLE dossier_owner AS
            SELECT d.path, arg_max(own.child, len(own.prefix) * 100000 - own.ord) AS child
            FROM (SELECT DISTINCT path FROM dossier_detail WHERE {self._under()}) d
            JOIN own ON starts_with(d.path, own.prefix) GROUP BY ALL""")

    def detail(self, period: Any, today: datetime.date, cutoff: datetime.datetime) -> Flat:
        """The one-stop section's detail tables and monthly chart for the period (as :func:`onestop_detail`)."""
        s, e = f"DATE '{period.start}'", f"DATE '{period.end}'"
        edge, cut = f"DATE '{min(period.end, today)}'", f"TIMESTAMPTZ '{cutoff.isoformat()}'"
        finished = f"finished_on BETWEEN {s} AND {e}"
        conditions = {
            "carried_over": f"received_on < {s} AND (finished_on IS NULL OR finished_on >= {s}) "
                            f"AND (ended_on IS NULL OR ended_on >= {s})",
            "received": f"received_on BETWEEN {s} AND {e}",
            "received_online": f"received_on BETWEEN {s} AND {e} AND channel = 'online'",
            "finished": finished,
            "early": f"{finished} AND timeliness = 'early'",
            "on_time": f"{finished} AND timeliness = 'on_time'",
            "late": f"{finished} AND timeliness = 'late'",
            "in_progress_overdue": f"received_on <= {edge} AND (finished_on IS NULL OR finished_on > {edge}) "
                                   f"AND (ended_on IS NULL OR ended_on > {edge}) AND due_at < {cut}",
        }  # fmt: skip
        aggs = ", ".join(f"count(*) FILTER (WHERE {c})" for c in conditions.values())
        out: Flat = {}
        for row in self.db.execute(
            f"SELECT field, procedure, point, {aggs} FROM dossier_detail WHERE {self._under()} GROUP BY ALL"
        ).fetchall():
            for m, value in zip(conditions, row[3:], strict=True):
                if value:
                    for key in (f"field.{row[0]}.{m}", f"procedure.{row[1]}.{m}", f"point.{row[2]}.{m}"):
                        out[key] = out.get(key, 0) + value
        for child, *values in self.db.execute(
            f"SELECT o.child, {aggs} FROM dossier_detail JOIN dossier_owner o USING (path) GROUP BY ALL"
        ).fetchall():
            for m, value in zip(conditions, values, strict=True):
                if value:
                    out[f"unit.{child}.{m}"] = out.get(f"unit.{child}.{m}", 0) + value
        for m, day in (("received", "received_on"), ("finished", "finished_on"), ("late", "finished_on")):
            extra = " AND timeliness = 'late'" if m == "late" else ""
            for month, value in self.db.execute(
                f"SELECT strftime({day}, '%Y-%m'), count(*) FROM dossier_detail WHERE {self._under()} "
                f"AND {day} BETWEEN {s} AND {e}{extra} GROUP BY ALL"
            ).fetchall():
                out[f"month.{month}.{m}"] = float(value)
        return {k: float(v) for k, v in out.items()}

    def _under(self) -> str:
        if self.prefixes is None:
            return "TRUE"
        return "(" + " OR ".join(f"starts_with(path, '{p}')" for p in self.prefixes) + ")"

    def figures(self, unit: Any, period: Any, today: datetime.date) -> dict[str, Flat]:
        from danvan.onestop import measures
        from danvan.stats.engine import WHOLE_SYSTEM, Target

        out: dict[str, Flat] = {"petitions": {}, "initiatives": {}, "onestop": {}, "more": {}}
        under = self._under()
        now = Target(unit, period, viewer=WHOLE_SYSTEM, today=today).window
        out["onestop_detail"] = self.detail(period, today, measures._end_of(now))
        for tag, p in three(period).items():
            out["petitions"] |= {f"{tag}:{k}": v for k, v in self.areas.petitions(p.start, p.end, today).items()}
            out["initiatives"] |= {f"{tag}:{k}": v for k, v in self.areas.initiatives(p.start, p.end).items()}
            cutoff = measures._end_of(Target(unit, p, viewer=WHOLE_SYSTEM, today=today).window)
            totals = self.onestop.totals(self.prefixes, p.start, p.end, cutoff, today)
            out["onestop"] |= {f"{tag}:{k}": v for k, v in totals.items() if v}
            s, e = f"DATE '{p.start}'", f"DATE '{p.end}'"
            resolved = self.db.execute(
                f"SELECT count(*) FROM resolved_letters WHERE {under} AND resolved_on BETWEEN {s} AND {e}"
            ).fetchall()[0]
            in_force = f"(valid_from IS NULL OR valid_from <= {e}) AND (valid_to IS NULL OR valid_to >= {e})"
            units = self.db.execute(
                f"SELECT count(*) FILTER (WHERE level = 'commune'), count(*) FILTER (WHERE level = 'hamlet') "
                f"FROM units WHERE {under} AND {in_force}"
            ).fetchall()[0]
            out["more"] |= {f"{tag}:letters_resolved": resolved[0], f"{tag}:communes": units[0],
                            f"{tag}:hamlets": units[1]}  # fmt: skip
        return out

    def sections(self, flat: dict[str, Flat]) -> dict[str, float | None]:
        """The sections' key figures, named as the sections name them, from :meth:`figures`."""
        t = self.code
        out: dict[str, float | None] = {}
        for tag in PERIODS:
            pet = {k.split("|", 1)[1]: v for k, v in flat["petitions"].items() if k.startswith(f"{tag}:{t}|")}
            ini = {k.split("|", 1)[1]: v for k, v in flat["initiatives"].items() if k.startswith(f"{tag}:{t}|")}
            one = {k.split(":", 1)[1]: v for k, v in flat["onestop"].items() if k.startswith(f"{tag}:")}
            more = {k.split(":", 1)[1]: v for k, v in flat["more"].items() if k.startswith(f"{tag}:")}

            def g(d: Flat, k: str) -> float:
                return d.get(k, 0.0)

            pc = {name: g(pet, name) for name in ("visits", "letters", "cases", "carried_over", "resolved",
                                                  "resolved_on_time", "overdue_open")}  # fmt: skip
            pc["sessions"] = sum(v for k, v in pet.items() if k.startswith("sessions."))
            pc["letters_resolved"] = g(more, "letters_resolved")
            pc["complaints"] = g(pet, "letters_by_kind.kn")
            pc["denunciations"] = g(pet, "letters_by_kind.tc")
            pc["proposals"] = g(pet, "letters_by_kind.kng") + g(pet, "letters_by_kind.pa")
            petitions: dict[str, float | None] = {**pc, "on_time_rate": share(pc["resolved_on_time"], pc["resolved"])}
            initiatives: dict[str, float | None] = {
                m: g(ini, f"total.{m}") for m in ("registered", "recognised", "exemplary", "commended", "replicated")
            }
            for kind, prefix in (("model", "collective"), ("exemplar", "individual")):
                for m in ("registered", "recognised"):
                    initiatives[f"{prefix}_{m}"] = g(ini, f"kind.{kind}.{m}")
            d = {m.removeprefix("total."): v for m, v in one.items() if m.startswith("total.")}
            oc = {m: g(d, m) for m in ONESTOP_COUNTS}
            onestop: dict[str, float | None] = {
                **oc,
                "received_total": oc["carried_over"] + oc["received"],
                "online_share": share(oc["received_online"], oc["received"]),
                "on_time_share": share(oc["early"] + oc["on_time"], oc["finished"]),
                "in_progress": oc["in_progress_within"] + oc["in_progress_overdue"],
                "apologies": g(one, "apologies"),
            }
            rated, satisfied = g(one, "ratings.rated"), g(one, "ratings.satisfied")
            satisfaction = {"rated": rated, "rated_satisfied": satisfied, "rating_share": share(satisfied, rated)}
            units: dict[str, float | None] = {"communes": g(more, "communes"), "hamlets": g(more, "hamlets")}
            summary = {"tiep_dan": pc["sessions"], "dung_han": onestop["on_time_share"],
                       "mo_hinh": initiatives["registered"]}  # fmt: skip
            for key, values in (("petitions", petitions), ("initiatives", initiatives), ("onestop", onestop),
                                ("satisfaction", satisfaction), ("units", units), ("danvan", summary)):  # fmt: skip
                out |= {f"{tag}:{key}.{name}": value for name, value in values.items()}
        return out


def export_more(folder: Path) -> dict[str, Path]:
    """What the two benches' exports lack: the letters with their case's resolution day, and the units."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from danvan.onestop.models import Dossier
    from danvan.petitions.models import Letter
    from danvan.units.models import Unit

    out = {}
    for name, qs, columns in (
        ("dossier_detail", Dossier.objects.order_by(),
         {"path": "unit__path", "field": "field", "procedure": "procedure_id", "point": "service_point_id",
          "channel": "channel", "timeliness": "timeliness", "received_on": "received_on",
          "finished_on": "finished_on", "ended_on": "ended_on", "due_at": "due_at"}),
        ("resolved_letters", Letter.objects.filter(case__resolved_on__isnull=False).order_by(),
         {"path": "unit__path", "resolved_on": "case__resolved_on"}),
        ("units", Unit.objects.order_by(),
         {"path": "path", "level": "level", "valid_from": "valid_from", "valid_to": "valid_to"}),
    ):  # fmt: skip
        rows = list(qs.values_list(*columns.values()))
        types = {"valid_from": pa.date32(), "valid_to": pa.date32(), "resolved_on": pa.date32(),
                 "received_on": pa.date32(), "finished_on": pa.date32(), "ended_on": pa.date32(),
                 "due_at": pa.timestamp("us", tz="UTC")}  # fmt: skip
        table = pa.table({c: pa.array([r[i] for r in rows], type=types.get(c)) for i, c in enumerate(columns)})
        out[name] = folder / f"{name}.parquet"
        pq.write_table(table, out[name])
    return out


def mismatches(ours: dict[str, Flat], theirs: dict[str, Flat]) -> list[str]:
    wrong = []
    for area in ours:
        a, b = ours[area], theirs[area]
        for k in sorted(a.keys() | b.keys()):
            if abs(a.get(k, 0) - b.get(k, 0)) > 0.01:
                wrong.append(f"{area} {k}: {a.get(k)} ≠ {b.get(k)}")
    return wrong


# --- where the time goes ---------------------------------------------------------------------------


def breakdown(mode: str, unit: Any, period: Any) -> dict[str, Any]:
    """One more run, instrumented: each section's figures (three periods) and build, or each area's
    statistics, with the SQL time by table; the slowest statements."""
    from danvan.stats import sections

    parts: list[dict[str, Any]] = []
    with sql_clock() as everything:
        if mode == "areas":
            from danvan.initiatives import selectors as initiatives
            from danvan.onestop import selectors as onestop
            from danvan.petitions import selectors as petitions
            from danvan.stats.engine import WHOLE_SYSTEM

            for name, selectors in (("petitions", petitions), ("initiatives", initiatives), ("onestop", onestop)):
                with sql_clock() as clock:
                    started = time.perf_counter()
                    for p in three(period).values():
                        selectors.stats_for(unit, p, user=WHOLE_SYSTEM)
                    ms = (time.perf_counter() - started) * 1000
                parts.append({"part": name, "figures_ms": round(ms, 1), "build_ms": 0.0, "queries": clock.queries,
                              "sql_ms": clock.total_ms, "tables": clock.tables()})  # fmt: skip
        else:
            from danvan.stats.engine import WHOLE_SYSTEM

            context = sections.Context(unit, period, WHOLE_SYSTEM)
            memo = getattr(sections, "one_report", None)
            figures_of = getattr(sections, "figures_of", None)
            # As build() does: each section's figures once per report (a summary that borrows another's
            # figures reads them from the memo); in reverse report order, so that the borrowed figures are
            # charged to their own section and the summary shows only what it adds.
            with memo() if memo is not None else contextlib.nullcontext():
                for section in reversed(sections.sections()):
                    with sql_clock() as clock:
                        started = time.perf_counter()
                        figures = [
                            figures_of(section, context, p) if figures_of else section.figures(context, p)
                            for p in three(period).values()
                        ]
                        middle = time.perf_counter()
                        section.build(context, *figures)
                        done = time.perf_counter()
                    parts.insert(0, {"part": section.key, "figures_ms": round((middle - started) * 1000, 1),
                                     "build_ms": round((done - middle) * 1000, 1), "queries": clock.queries,
                                     "sql_ms": clock.total_ms, "tables": clock.tables()})  # fmt: skip
    slowest = [{"ms": round(ms, 1), "sql": " ".join(sql.split())[:600]} for ms, sql, _ in everything.slowest[:5]]
    return {"parts": parts, "tables": everything.tables(), "sql_ms": everything.total_ms,
            "queries": everything.queries, "slowest": slowest, "_slowest_raw": everything.slowest[:3]}  # fmt: skip


def profiled(run: Callable[[], Any]) -> list[dict[str, Any]]:
    """The functions where ``run`` spends its own time (cProfile, top 25 by own time, with their callers)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(run)
    stats = pstats.Stats(profiler)

    def where(key: tuple[str, int, str]) -> str:
        filename, line, name = key
        return f"{filename.split('/site-packages/')[-1].split('/src/')[-1]}:{line} {name}"

    rows = []
    for key, (_, calls, own, cumulative, callers) in stats.stats.items():  # type: ignore[attr-defined]
        top = sorted(callers.items(), key=lambda kv: -kv[1][3])[:3]
        rows.append({"function": where(key), "calls": calls, "own_ms": round(own * 1000, 1),
                     "cumulative_ms": round(cumulative * 1000, 1),
                     "callers": [f"{where(c)} ({round(v[3] * 1000, 1)} ms)" for c, v in top]})  # fmt: skip
    return sorted(rows, key=lambda r: -r["own_ms"])[:25]


def busiest_commune(province_code: str) -> Any:
    """The commune of the province with the most dossiers and letters (the heaviest commune report)."""
    from django.db.models import Count

    from danvan.onestop.models import Dossier
    from danvan.units.models import Unit
    from danvan.units.selectors import unit_by_code

    province = unit_by_code(province_code)
    top = (
        Dossier.objects.filter(unit__path__startswith=province.path)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit_id")
        .first()
    )
    return Unit.objects.get(pk=top["unit_id"]) if top else unit_by_code(COMMUNE)


def explain(statements: list[tuple[float, str, Any]]) -> list[dict[str, Any]]:
    """The database's plan of the slowest statements (``--explain``)."""
    from django.db import connection

    out = []
    with connection.cursor() as cursor:
        for ms, sql, params in statements:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
            cursor.execute(prefix + sql, params)
            rows = cursor.fetchall()
            plan = [" ".join(str(c) for c in row[-1:]) if connection.vendor == "sqlite" else row[0] for row in rows]
            out.append({"ms": round(ms, 1), "sql": " ".join(sql.split())[:300], "plan": plan})
    return out


# --- the province report in DOCX -------------------------------------------------------------------


def docx_timing(unit: Any, period: Any, runs: int) -> tuple[float | None, float | None, str]:
    """A whole province report: its content (build) and its DOCX; medians in seconds of the two together
    and of the rendering alone, or None and why."""
    try:
        from danvan.reports import outputs
        from danvan.reports.build import build
    except ImportError as exc:
        return None, None, f"chưa có: {exc}"
    render = getattr(outputs, "docx", None)
    if render is None:
        return None, None, "chưa có danvan.reports.outputs.docx"
    from danvan.stats.engine import WHOLE_SYSTEM

    header = sample_header(unit)
    whole, alone = [], []
    content = build(unit, period, viewer=WHOLE_SYSTEM)
    render(content, header)  # warm-up
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        content = build(unit, period, viewer=WHOLE_SYSTEM)
        built = time.perf_counter()
        data = render(content, header)
        done = time.perf_counter()
        whole.append(done - started)
        alone.append(done - built)
        size = len(data) if isinstance(data, bytes | bytearray) else size
    note = f"{vn(size)} byte" if size else ""
    return round(statistics.median(whole), 2), round(statistics.median(alone), 2), note


def render_docx(unit: Any, period: Any) -> Any:
    from danvan.reports import outputs
    from danvan.reports.build import build
    from danvan.stats.engine import WHOLE_SYSTEM

    return outputs.docx(build(unit, period, viewer=WHOLE_SYSTEM), sample_header(unit))  # type: ignore[arg-type]


def sample_header(unit: Any) -> dict[str, Any]:
    """A state body's header (NĐ 30/2020) for the province's people's committee."""
    return {
        "fmt": "state",
        "parent": "",
        "issuer": f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
        "number": "",
        "place": unit.short_name or unit.name,
        "day": "",
        "doc_type": "BÁO CÁO",
        "subject": "Kết quả công tác dân vận chính quyền",
        "recipients": ["Ban Dân vận Trung ương", "Thường trực Tỉnh ủy", "Lưu: VT"],
        "signature": {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Nguyễn Văn A"},
    }


# --- the run ---------------------------------------------------------------------------------------


def period_of(code: str, year: int) -> Any:
    """``year``, ``h1``, ``h2``, ``9m``, ``q1``…``q4``, ``m1``…``m12`` (the preview API's codes)."""
    from danvan.core.periods import Period

    if code == "year":
        return Period.year(year)
    if code in ("h1", "h2"):
        return Period.first_half(year) if code == "h1" else Period.second_half(year)
    if code == "9m":
        return Period.nine_months(year)
    if code[:1] == "q":
        return Period.quarter(year, int(code[1:]))
    if code[:1] == "m":
        return Period.month(year, int(code[1:]))
    raise SystemExit(f"--period {code}: expected year, h1, h2, 9m, q1…q4, m1…m12")


def code_version() -> dict[str, str]:
    """Which code was timed (the tree changes while it is worked on): where ``danvan`` was imported from, a
    hash of its Python files and the time the newest of them was written."""
    import hashlib

    import danvan

    root = Path(danvan.__file__).resolve().parent
    digest = hashlib.sha256()
    newest = 0.0
    for path in sorted(root.rglob("*.py")):
        digest.update(path.read_bytes())
        newest = max(newest, path.stat().st_mtime)
    written = datetime.datetime.fromtimestamp(newest, tz=datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return {"package": str(root), "sha256": digest.hexdigest()[:16], "newest_file": written}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def decimal_comma(value: Any) -> str:
    return "—" if value is None else str(value).replace(".", ",")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000, help="letters (the other tables scale with it)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", default="year", help="year, h1, h2, 9m, q1…q4, m1…m12 of today's year")
    parser.add_argument("--commune", default="", help="the commune timed (default: the busiest of the province)")
    parser.add_argument("--explain", action="store_true", help="print the plans of the nation's slowest queries")
    parser.add_argument("--profile", action="store_true", help="profile one nation report (Python's own time)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the Parquet files")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-reports-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DANVAN_DATA_DIR"] = str(tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    code_timed = code_version()  # as imported, before the tree changes under the run
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from danvan.stats import keys, sections
    from danvan.units.loader import load_national_units
    from danvan.units.selectors import unit_by_code

    steps: dict[str, float] = {}
    began = started = time.perf_counter()

    def step(name: str) -> None:
        nonlocal started
        steps[name] = round(time.perf_counter() - started, 1)
        print(f"  {name:14} {steps[name]:8.1f} s", flush=True)
        started = time.perf_counter()

    vendor = connection.vendor
    print(f"reports bench — {vendor}, {vn(args.size)} letters, {args.runs} runs", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the tree's revision lives in the cache
    step("migrate_s")
    load_national_units()
    step("units_s")
    today = timezone.localdate()
    counts = generate(args.size, today, steps)
    for name in ("hamlets_s", "petitions_s", "initiatives_s", "onestop_s"):
        print(f"  {name:14} {steps[name]:8.1f} s", flush=True)
    started = time.perf_counter()
    if drifted := keys.drift():  # the rows were written around the ORM: their keys must still hold
        raise SystemExit(f"province keys out of step after generating: {drifted}")
    step("keys_check_s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step("analyze_s")
    reference = Reference(tmp)
    step("parquet_s")
    print("rows: " + ", ".join(f"{k} {vn(v)}" for k, v in counts.items()), flush=True)

    period = period_of(args.period, today.year)
    mode = report_mode()
    registered = [s.key for s in sections.sections()]
    print(f"timing: {mode} ({', '.join(registered) or 'no section registered'}), {period.label}", flush=True)
    commune = unit_by_code(args.commune) if args.commune else busiest_commune(PROVINCE)
    scopes = [("commune", commune), ("province", unit_by_code(PROVINCE)), ("nation", None)]
    load_before = os.getloadavg()
    results: dict[str, dict[str, Any]] = {}
    slowest_raw: list[tuple[float, str, Any]] = []
    for scope, unit in scopes:
        code = unit.code if unit is not None else NATION
        django_ms, samples, result = medians(functools.partial(run_report, mode, unit, period), args.runs)
        if mode == "areas":
            stats, areas_ms = result, django_ms
        else:  # once, for the check (and to show what the areas' full statistics cost beside the report)
            began_areas = time.perf_counter()
            stats = area_stats(unit, period)
            areas_ms = round((time.perf_counter() - began_areas) * 1000, 1)
        ours = flat_areas(stats, code)
        ours["onestop_detail"] = onestop_detail(stats["onestop"][0], unit, period)
        reference.target(unit, code, today)
        duck_ms, duck_samples, theirs = medians(functools.partial(reference.figures, unit, period, today), args.runs)
        wrong = mismatches(ours, theirs)
        found = section_figures(mode, result)
        compared, wrong_sections, unmatched = compare_sections(found, reference.sections(theirs))
        detail = breakdown(mode, unit, period)
        if scope == "nation":
            slowest_raw = detail.pop("_slowest_raw")
        else:
            detail.pop("_slowest_raw")
        results[scope] = {
            "unit": code, "unit_name": unit.name if unit is not None else "Toàn quốc",
            "report_ms": django_ms, "report_samples_ms": samples, "areas_ms": areas_ms,
            "duckdb_ms": duck_ms, "duckdb_samples_ms": duck_samples, "ratio_duckdb": ratio(django_ms, duck_ms),
            "letters": int(ours["petitions"].get(f"now:{code}|letters", 0)),
            "dossiers": int(ours["onestop"].get("now:total.received", 0)),
            "figures_compared": sum(len(v) for v in ours.values()), "mismatches": wrong[:20],
            "section_figures_compared": compared, "section_mismatches": wrong_sections[:20],
            "section_figures_without_reference": unmatched, "breakdown": detail,
        }  # fmt: skip
        print(f"{scope:9} report {fmt_ms(django_ms):>11}  areas {fmt_ms(areas_ms or 0):>11}  DuckDB "
              f"{fmt_ms(duck_ms):>10}  ratio {decimal_comma(ratio(django_ms, duck_ms)):>6}  letters "
              f"{vn(results[scope]['letters']):>8}  figures {results[scope]['figures_compared']:5} mismatches "
              f"{len(wrong)} (sections: {compared} compared, {len(wrong_sections)} wrong)", flush=True)  # fmt: skip
        for line in (wrong + wrong_sections)[:5]:
            print("    ≠ " + line, flush=True)
    step("timing_s")
    province = scopes[1][1]
    docx_s, docx_render_s, docx_note = docx_timing(province, period, args.runs)
    step("docx_s")
    plans = explain(slowest_raw) if args.explain else []
    profile = profiled(functools.partial(run_report, mode, None, period)) if args.profile else []
    profile_docx = profiled(functools.partial(render_docx, province, period)) if args.profile and docx_s else []
    load = [round(x, 1) for x in (*load_before, *os.getloadavg())]
    same = all(not r["mismatches"] and not r["section_mismatches"] for r in results.values())
    steps["total_s"] = round(time.perf_counter() - began, 1)
    summary = {
        "database": vendor,
        "size": args.size,
        "commune_ms": results["commune"]["report_ms"],
        "province_ms": results["province"]["report_ms"],
        "nation_ms": results["nation"]["report_ms"],
        "province_ratio_duckdb": results["province"]["ratio_duckdb"],
        "nation_ratio_duckdb": results["nation"]["ratio_duckdb"],
        "docx_province_s": docx_s,
        "same_numbers": same,
    }
    report = {
        "summary": summary, "mode": mode, "sections": registered, "period": period.label, "runs": args.runs,
        "rows": counts, "steps_s": steps, "scopes": results,
        "docx": {"province_s": docx_s, "render_only_s": docx_render_s, "note": docx_note}, "explain": plans,
        "profile_nation": profile, "profile_docx_province": profile_docx,
        "load_average": {"before_timing": load[:3], "after": load[3:]},
        "cpus": os.cpu_count(), "code": code_timed,
    }  # fmt: skip
    text = markdown(report)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"reports-{vendor}-{args.size}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (out / f"reports-{vendor}-{args.size}.md").write_text(text)
    print(text)
    for plan in plans:
        print(f"-- {fmt_ms(plan['ms'])}: {plan['sql']}\n   " + "\n   ".join(plan["plan"]))
    for title, rows in (("nation report", profile), ("province DOCX", profile_docx)):
        if rows:
            print(f"-- profile: {title}")
        for row in rows:
            print(
                f"{row['own_ms']:10.1f} ms own {row['cumulative_ms']:10.1f} ms cum {row['calls']:8} {row['function']}"
            )
            print("             ← " + "; ".join(row["callers"]))
    connection.close()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if same else 1


def markdown(report: dict[str, Any]) -> str:
    s, rows = report["summary"], report["rows"]
    what = {"build": "danvan.reports.build.build", "sections": "each section's figures and build",
            "areas": "the areas' statistics (no section registered)"}[report["mode"]]  # fmt: skip
    lines = [
        f"# Report benchmark — {s['database']}, {vn(rows['letters'])} letters, {vn(rows['cases'])} cases, "
        f"{vn(rows['initiatives'])} models, {vn(rows['dossiers'])} dossiers, {vn(rows['ratings'])} ratings, "
        f"{vn(rows['hamlets'])} hamlets; {report['period']} with the previous period and the same period last "
        f"year; medians of {report['runs']}",
        "",
        f"Timed: {what}; sections: {', '.join(report['sections']) or 'none'}. DuckDB (2 threads, the same rows "
        "in Parquet): the petitions, initiatives and one-stop statistics of the three periods (bench/stats.py, "
        "bench/onestop.py), the one-stop detail tables and monthly chart, and from them the sections' key figures. "
        "The areas' statistics are timed once.",
        "",
        "| scope | letters in period | report | areas' statistics | DuckDB | ratio | figures checked | mismatches |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scope, r in report["scopes"].items():
        checked = f"{vn(r['figures_compared'])} + {r['section_figures_compared']} of sections"
        lines.append(f"| {scope} ({r['unit_name']}) | {vn(r['letters'])} | {fmt_ms(r['report_ms'])} | "
                     f"{fmt_ms(r['areas_ms'] or 0)} | {fmt_ms(r['duckdb_ms'])} | {decimal_comma(r['ratio_duckdb'])} "
                     f"| {checked} | {len(r['mismatches']) + len(r['section_mismatches'])} |")  # fmt: skip
    d = report["docx"]
    lines += [
        "",
        f"Province report in DOCX: {decimal_comma(d['province_s'])} s (rendering alone "
        f"{decimal_comma(d['render_only_s'])} s) {d['note']}. Same numbers: {'yes' if s['same_numbers'] else 'NO'}.",
        "",
        f"Load average (1, 5, 15 min) before the timings {report['load_average']['before_timing']}, after "
        f"{report['load_average']['after']}, on {report['cpus']} CPUs. Code: {report['code']['package']}, "
        f"sha256 {report['code']['sha256']}…, newest file {report['code']['newest_file']}.",
        "",
        "## Where the time goes (one instrumented run per scope)",
        "",
        "| scope | part | figures ×3 | build | queries | SQL | top tables |",
        "|---|---|---|---|---|---|---|",
    ]
    for scope, r in report["scopes"].items():
        for part in r["breakdown"]["parts"]:
            top = ", ".join(f"{t} {fmt_ms(v['ms'])}" for t, v in list(part["tables"].items())[:3])
            lines.append(f"| {scope} | {part['part']} | {fmt_ms(part['figures_ms'])} | {fmt_ms(part['build_ms'])} | "
                         f"{part['queries']} | {fmt_ms(part['sql_ms'])} | {top} |")  # fmt: skip
    lines += ["", "Steps: " + ", ".join(f"{k.removesuffix('_s')} {decimal_comma(v)} s" for k, v in
                                        report["steps_s"].items())]  # fmt: skip
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
