"""Benchmark: both areas' statistics at national scale, against DuckDB on the same rows.

Loads the national unit tree, then writes straight to the tables (not through the services, for speed)
about 200.000 "Dân vận khéo" models and 200.000 letters with their cases and reception sessions over
the 552 communes of provinces 01, 19, 38 and 79 and their pre-reform communes (before 01/07/2025 a
record belongs to the old commune; after, to today's). Then, for the year of today on today's tree,
it times each area's ``stats_for`` for a commune, a province and the whole country (the 34 provinces,
as 34 ``stats_for`` calls and as one ``stats_for_units`` call), medians of ``--runs`` after a warm-up;
exports the same rows to Parquet and times DuckDB (2 threads) computing the same figures from them
(the unit tree's coverage prefixes are given to both); checks that every figure agrees; prints a
table and writes bench/results/stats-<database>.json and .md. ``--scale 0.1`` tries it in a minute.

Usage: .venv/bin/python bench/stats.py [--scale 0.1] [--runs 5]
       scripts/with_postgres.sh .venv/bin/python bench/stats.py
"""

# ruff: noqa: S608 — the DuckDB reference builds its SQL from dates and names this file chooses, never from input

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ("01", "19", "38", "79")
COMMUNE, PROVINCE = "01912", "79"  # xã Chợ Rã (formed from old communes of Bắc Kạn), TP Hồ Chí Minh
REFORM = datetime.date(2025, 7, 1)
FIRST_DAY = datetime.date(2024, 7, 1)
Figures = dict[str, float]


# --- data ------------------------------------------------------------------------------------------


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _later(rng: random.Random, day: datetime.date, low: int, high: int, today: datetime.date) -> datetime.date | None:
    later = day + datetime.timedelta(days=rng.randint(low, high))
    return later if later <= today else None


def fast_insert(model: Any, objects: list[Any]) -> None:
    """Insert ``objects`` in one ``executemany`` with the ids they carry (the tables start empty).

    ``bulk_create`` prepares every field of every object through the ORM; at 600.000 rows that is
    most of the generation time, so the bench writes the rows itself, after numbering them.
    """
    from django.db import connection

    sqlite = connection.vendor == "sqlite"
    fields = list(model._meta.concrete_fields)
    for number, obj in enumerate(objects, start=1):
        obj.pk = number

    def value(field: Any, obj: Any) -> Any:
        v = field.pre_save(obj, True)
        if isinstance(v, list | dict):
            return json.dumps(v)
        if sqlite and isinstance(v, datetime.date | Decimal):
            return str(v)
        return v

    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objects), 20_000):
            cursor.executemany(sql, [tuple(value(f, o) for f in fields) for o in objects[start : start + 20_000]])


def generate(scale: float, today: datetime.date) -> dict[str, int]:
    """Write the rows; a record's date decides its unit: an old commune before the reform, today's after."""
    from django.db import transaction

    from danvan.accounts.models import User
    from danvan.core.text import fold
    from danvan.initiatives.models import Commendation, Field, Initiative, Metric, ProgressReport, ResultValue
    from danvan.petitions.models import Case, Letter, ReceptionSession, Subject
    from danvan.units.models import Unit
    from danvan.units.rules import Level
    from danvan.units.selectors import coverage_prefixes, unit_by_code

    rng = random.Random(2026)
    new_communes: list[Unit] = []
    old_communes: list[Unit] = []
    for code in PROVINCES:
        province = unit_by_code(code)
        new_communes += list(Unit.objects.get_children(province).valid_on(today))
        for prefix in coverage_prefixes(province):
            old_communes += list(
                Unit.objects.filter(path__startswith=prefix, level=Level.COMMUNE, valid_to__lt=REFORM).order_by("path")
            )

    def unit_for(day: datetime.date) -> Unit:
        return rng.choice(old_communes if day < REFORM and old_communes else new_communes)

    subfields = list(Field.objects.filter(parent__isnull=False).select_related("parent"))
    metrics = list(Metric.objects.all())
    levels = ["co_so", "co_so", "tinh", "trung_uong"]
    n_models = int(200_000 * scale)
    models, commended, reported = [], [], []
    for n in range(n_models):
        registered = _day(rng, FIRST_DAY, today)
        sub = rng.choice(subfields)
        name = f"Mô hình thử nghiệm số {n}"
        row = Initiative(
            kind="exemplar" if rng.random() < 0.2 else "model", year=registered.year, unit=unit_for(registered),
            owner_name="Chi bộ", name=name, name_folded=fold(name), field=sub.parent, subfield=sub,
            status="registered", registered_on=registered,
        )  # fmt: skip
        recognised = _later(rng, registered, 60, 300, today) if rng.random() < 0.45 else None
        if recognised:
            row.status, row.recognised_on, row.level = "recognised", recognised, rng.choice(levels)
            exemplary = _later(rng, recognised, 10, 90, today) if rng.random() < 0.3 else None
            if exemplary:
                row.status, row.exemplary_on = "exemplary", exemplary
                decision = _later(rng, exemplary, 5, 60, today) if rng.random() < 0.4 else None
                if decision:
                    row.status = "commended"
                    commended.append((n, decision))
                    replicated = _later(rng, decision, 10, 90, today) if rng.random() < 0.4 else None
                    if replicated:
                        row.status, row.replicated_on = "replicated", replicated
        else:
            row.status = rng.choice(["registered", "in_progress", "proposed", "under_review", "not_recognised"])
        if rng.random() < 0.1:
            reported.append(n)
        models.append(row)
    user = User.objects.create(username="bench.stats", full_name="Benchmark")
    with transaction.atomic():
        fast_insert(Initiative, models)
        fast_insert(
            Commendation,
            [
                Commendation(initiative=models[n], form="giay_khen", issuer_type="state", issuer="UBND",
                             decision_no=f"{n}/QĐ", decision_date=day)
                for n, day in commended
                for _ in range(1 + (n % 3 == 0))  # some models are commended twice: still one commended model
            ],
        )  # fmt: skip
        reports = []
        for n in reported:
            end = _later(rng, models[n].registered_on, 30, 400, today) or today
            reports.append(ProgressReport(initiative=models[n], kind="half", period_start=end.replace(day=1),
                                          period_end=end, summary="Kết quả", created_by=user))  # fmt: skip
        fast_insert(ProgressReport, reports)
        fast_insert(
            ResultValue,
            [
                ResultValue(report=r, initiative=r.initiative, metric=m, period_end=r.period_end,
                            value=Decimal(rng.randint(1, 5000)))
                for r in reports
                for m in rng.sample(metrics, k=min(2, len(metrics)))
            ],
        )  # fmt: skip

    subjects = list(Subject.objects.all())
    n_letters = int(200_000 * scale)
    channels = ["post", "in_person", "in_person", "box", "online", "front", "deputy"]
    cases, firsts = [], []
    for n in range(int(n_letters * 0.92)):
        received = _day(rng, FIRST_DAY, today)
        kind = rng.choice(["kn", "tc", "kn_pa", "kn_pa", "kn_pa"])
        case = Case(unit=unit_for(received), number=f"{n}/BENCH", kind=kind, subject=rng.choice(subjects),
                    summary="Nội dung", received_on=received, tracking_code=f"B{n:09d}", status="received")  # fmt: skip
        roll = rng.random()
        if roll < 0.35:  # routed at triage
            case.route = rng.choice(["guide", "transfer", "urge", "file"])
            case.ended_on = _later(rng, received, 1, 15, today)
            case.status = "closed" if case.ended_on else "classified"
        elif roll < 0.8:  # accepted, then maybe decided
            case.accepted_on = _later(rng, received, 2, 10, today)
            if case.accepted_on:
                case.status = "accepted"
                case.due_on = case.accepted_on + datetime.timedelta(days=45)
                case.decided_on = _later(rng, case.accepted_on, 10, 70, today)
                withdrawn = _later(rng, case.accepted_on, 5, 40, today) if rng.random() < 0.08 else None
                if withdrawn:  # withdrawn or mediated: resolved without a decision
                    case.status, case.ended_on, case.resolved_on = "terminated", withdrawn, withdrawn
                    case.resolution, case.decided_on = rng.choice(["withdrawn", "mediated"]), None
                if case.decided_on:
                    case.status, case.outcome = "decided", rng.choice(["right", "partly", "wrong"])
                    case.resolved_on, case.resolution = case.decided_on, "decision"
                    case.due_at_decision = case.due_on
                    case.ended_on = case.decided_on
                    case.money_recovered = Decimal(rng.choice([0, 0, 0, rng.randint(1, 500) * 100_000]))
                    case.land_recovered = Decimal(rng.choice([0, 0, rng.randint(1, 5000)])) / 4
                    case.discipline_proposed = rng.choice([0, 0, 0, 1, 2])
        else:
            case.due_on = received + datetime.timedelta(days=10)
        cases.append(case)
        firsts.append(Letter(unit=case.unit, received_on=received, channel=rng.choice(channels), kind=kind,
                             subject=case.subject, content="Nội dung", co_signers=rng.choice([1, 1, 1, 2, 6]),
                             eligible=rng.random() < 0.9))  # fmt: skip
    sessions = []
    for _ in range(n_letters // 10):
        kind = rng.choice(["regular", "regular", "periodic", "ad_hoc"])
        sessions.append(ReceptionSession(
            unit=rng.choice(new_communes), date=_day(rng, REFORM, today), kind=kind,
            form="online" if rng.random() < 0.1 else "in_person", received_by=user,
            leader=user if kind == "periodic" else None, leader_role="commune_chair" if kind == "periodic" else "",
        ))  # fmt: skip
    with transaction.atomic():
        fast_insert(Case, cases)
        for letter, case in zip(firsts, cases, strict=True):
            letter.case = case
        for number, letter in enumerate(firsts, start=1):
            letter.pk = number  # the repeats point at them
        repeats = []
        for _ in range(n_letters - len(firsts)):
            first = rng.choice(firsts)
            repeats.append(Letter(unit=first.unit, case=first.case, duplicate_of=first,
                                  received_on=_later(rng, first.received_on, 1, 60, today) or first.received_on,
                                  channel=first.channel, kind=first.kind, subject=first.subject, content="Lặp lại",
                                  eligible=first.eligible))  # fmt: skip
        fast_insert(Letter, firsts + repeats)
        fast_insert(ReceptionSession, sessions)
    return {
        "models": len(models),
        "commendations": len(commended),
        "result_values": ResultValue.objects.count(),
        "letters": len(firsts) + len(repeats),
        "cases": len(cases),
        "sessions": len(sessions),
    }


# --- figures as flat dictionaries -----------------------------------------------------------------


def _put(out: Figures, key: str, value: Any) -> None:
    if value:  # zero figures are absent on both sides
        out[key] = round(float(value), 2)


def django_initiatives(stats: Any, prefix: str = "") -> Figures:
    out: Figures = {}
    for m in stats.MEASURES:
        _put(out, f"{prefix}total.{m}", getattr(stats, m))
        _put(out, f"{prefix}kind.model.{m}", stats.collective[m])
        _put(out, f"{prefix}kind.exemplar.{m}", stats.individual[m])
    for name, rows in (("field", stats.by_field.rows), ("subfield", stats.by_subfield.rows)):
        for label, counter in rows.items():
            for m, v in counter.items():
                _put(out, f"{prefix}{name}.{label}.{m}", v)
    for k, v in stats.by_level.items():
        _put(out, f"{prefix}level.{k}", v)
    for k, v in stats.by_status.items():
        _put(out, f"{prefix}status.{k}", v)
    for unit, counter in stats.by_unit:
        for m, v in counter.items():
            _put(out, f"{prefix}unit.{unit.code}.{m}", v)
    for metric, total in stats.results:
        _put(out, f"{prefix}result.{metric.name}", total)
    return out


def django_petitions(stats: Any, prefix: str = "") -> Figures:
    out: Figures = {}
    scalars = ["sessions_online", "visits", "delegations", "letters", "carried_over", "duplicates", "eligible",
               "not_eligible", "cases", "in_competence", "resolved", "resolved_on_time", "overdue_open",
               "money_recovered", "land_recovered", "discipline_proposed"]  # fmt: skip
    for name in scalars:
        _put(out, f"{prefix}{name}", getattr(stats, name))
    for name in ("sessions", "letters_by_kind", "letters_by_subject", "outcomes", "complaint_results",
                 "denunciation_results", "resolutions"):  # fmt: skip
        for k, v in getattr(stats, name).items():
            _put(out, f"{prefix}{name}.{k}", v)
    for unit, letters, cases, resolved in stats.by_unit:
        _put(out, f"{prefix}unit.{unit.code}.letters", letters)
        _put(out, f"{prefix}unit.{unit.code}.cases", cases)
        _put(out, f"{prefix}unit.{unit.code}.resolved", resolved)
    return out


# --- the same rows in Parquet, the same figures in DuckDB -----------------------------------------


def export_parquet(folder: Path) -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from danvan.initiatives.models import Commendation, Initiative, ResultValue
    from danvan.petitions.models import Case, Letter, ReceptionSession

    def write(name: str, qs: Any, columns: dict[str, str], types: dict[str, Any]) -> Path:
        rows = list(qs.values_list(*columns.values()))
        data = {col: [float(r[i]) if col in types else r[i] for r in rows] for i, col in enumerate(columns)}
        table = pa.table({col: pa.array(values, type=types.get(col)) for col, values in data.items()})
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        return path

    money = {"value": pa.float64(), "money": pa.float64(), "land": pa.float64()}
    return {
        "initiatives": write("initiatives", Initiative.objects.order_by(), {
            "id": "id", "path": "unit__path", "kind": "kind", "field": "field__name",
            "parent": "subfield__parent__name",
            "subfield": "subfield__name", "level": "level", "status": "status", "registered_on": "registered_on",
            "recognised_on": "recognised_on", "exemplary_on": "exemplary_on", "replicated_on": "replicated_on"}, money),
        "commendations": write("commendations", Commendation.objects.order_by(),
                               {"initiative_id": "initiative_id", "decision_date": "decision_date"}, money),
        "results": write("results", ResultValue.objects.order_by(), {
            "path": "initiative__unit__path", "metric": "metric__name", "value": "value", "period_end": "period_end"},
            money),
        "letters": write("letters", Letter.objects.order_by(), {
            "path": "unit__path", "received_on": "received_on", "channel": "channel", "co_signers": "co_signers",
            "duplicate_of": "duplicate_of_id", "eligible": "eligible", "kind": "kind", "subject": "subject__name"},
            money),
        "cases": write("cases", Case.objects.order_by(), {
            "path": "unit__path", "received_on": "received_on", "accepted_on": "accepted_on", "ended_on": "ended_on",
            "decided_on": "decided_on", "route": "route", "due_at_decision": "due_at_decision", "due_on": "due_on",
            "status": "status", "kind": "kind", "outcome": "outcome", "money": "money_recovered",
            "resolved_on": "resolved_on", "resolution": "resolution",
            "land": "land_recovered", "discipline": "discipline_proposed"}, money),
        "sessions": write("sessions", ReceptionSession.objects.order_by(),
                          {"path": "unit__path", "date": "date", "kind": "kind", "form": "form"}, money),
    }  # fmt: skip


def targets_for(
    units: list[Any], today: datetime.date
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str, int]]]:
    """What DuckDB is given of the tree: each target's coverage prefixes, and its sub-units' prefixes
    (the unit tree's own definitions, ``units.selectors.coverage_prefixes`` walked for many at once)."""
    from danvan.stats import paths

    coverage, owners = [], []
    for unit in units:
        covered = paths.coverage_of(unit)
        coverage += [(unit.code, p) for p in covered]
        for order, (child, prefixes) in enumerate(
            paths.sub_units(unit, today_tree=True, period_end=today, today=today, covered=covered)
        ):
            owners += [(unit.code, p, child.code, order) for p in prefixes]
    return coverage, owners


class DuckStats:
    """The same figures, in DuckDB SQL over the Parquet files (an independent second implementation)."""

    def __init__(self, files: dict[str, Path]) -> None:
        import duckdb

        self.db = duckdb.connect()
        self.db.execute("SET threads = 2")
        for name, path in files.items():
            self.db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")

    def set_targets(self, coverage: list[tuple[str, str]], owners: list[tuple[str, str, str, int]]) -> None:
        import pyarrow as pa

        cov = pa.table({"target": [c[0] for c in coverage], "prefix": [c[1] for c in coverage]})
        own = pa.table({k: [o[i] for o in owners] for i, k in enumerate(["target", "prefix", "child", "ord"])})
        self.db.register("cov_arrow", cov)
        self.db.register("own_arrow", own)
        self.db.execute("CREATE OR REPLACE TABLE cov AS SELECT * FROM cov_arrow")
        self.db.execute("CREATE OR REPLACE TABLE own AS SELECT * FROM own_arrow")
        # Which target and which sub-unit each unit path belongs to (the longest prefix wins).
        self.db.execute("""
            CREATE OR REPLACE TABLE paths AS
            WITH up AS (SELECT path FROM initiatives UNION SELECT path FROM letters UNION SELECT path FROM cases
                        UNION SELECT path FROM sessions UNION SELECT path FROM results)
            SELECT DISTINCT up.path, cov.target FROM up JOIN cov ON starts_with(up.path, cov.prefix)""")
        self.db.execute("""
            CREATE OR REPLACE TABLE owner AS
            SELECT p.path, own.target, arg_max(own.child, len(own.prefix) * 100000 - own.ord) AS child
            FROM paths p JOIN own ON own.target = p.target AND starts_with(p.path, own.prefix) GROUP BY ALL""")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.db.execute(sql).fetchall()

    def initiatives(self, start: datetime.date, end: datetime.date) -> Figures:
        s, e = f"DATE '{start}'", f"DATE '{end}'"
        measures = {
            "registered": f"registered_on BETWEEN {s} AND {e}",
            "recognised": f"recognised_on BETWEEN {s} AND {e}",
            "exemplary": f"exemplary_on BETWEEN {s} AND {e}",
            "commended": "commended_id IS NOT NULL",
            "replicated": f"replicated_on BETWEEN {s} AND {e}",
        }
        aggs = ", ".join(f"count(*) FILTER (WHERE {cond}) AS {m}" for m, cond in measures.items())
        base = f"""(SELECT i.*, c.initiative_id AS commended_id FROM initiatives i
                    LEFT JOIN (SELECT DISTINCT initiative_id
                    FROM commendations WHERE decision_date BETWEEN {s} AND {e}) c ON c.initiative_id = i.id) r"""
        out: Figures = {}
        names = list(measures)
        for target, kind, field, parent, subfield, level, status, *values in self.rows(
            f"SELECT t.target, kind, field, parent, subfield, level, status, {aggs} FROM {base} "
            "JOIN paths t USING (path) GROUP BY ALL"
        ):
            for m, v in zip(names, values, strict=True):
                for key in (f"total.{m}", f"kind.{kind}.{m}", f"field.{field}.{m}",
                            f"subfield.{parent} › {subfield}.{m}" if subfield else ""):  # fmt: skip
                    if key and v:
                        out[f"{target}|{key}"] = out.get(f"{target}|{key}", 0) + v
                if v and m == "recognised" and level:
                    out[f"{target}|level.{level}"] = out.get(f"{target}|level.{level}", 0) + v
                if v and m == "registered":
                    out[f"{target}|status.{status}"] = out.get(f"{target}|status.{status}", 0) + v
        for target, child, *values in self.rows(
            f"SELECT o.target, o.child, {aggs} FROM {base} JOIN owner o USING (path) GROUP BY ALL"
        ):
            for m, v in zip(names, values, strict=True):
                if v:
                    out[f"{target}|unit.{child}.{m}"] = v
        for target, metric, total in self.rows(
            f"SELECT t.target, metric, sum(value) FROM results JOIN paths t USING (path) "
            f"WHERE period_end BETWEEN {s} AND {e} GROUP BY ALL"
        ):
            if total:
                out[f"{target}|result.{metric}"] = round(total, 2)
        return {k: round(float(v), 2) for k, v in out.items()}

    def petitions(self, start: datetime.date, end: datetime.date, today: datetime.date) -> Figures:
        s, e, t = f"DATE '{start}'", f"DATE '{end}'", f"DATE '{min(today, end)}'"
        out: Figures = {}

        def put(key: str, value: Any) -> None:
            if value:
                out[key] = out.get(key, 0) + value

        for target, kind, n, online in self.rows(
            f"SELECT t.target, kind, count(*), count(*) FILTER (WHERE form = 'online') FROM sessions "
            f"JOIN paths t USING (path) WHERE date BETWEEN {s} AND {e} GROUP BY ALL"
        ):
            put(f"{target}|sessions.{kind}", n)
            put(f"{target}|sessions_online", online)
        in_period = f"received_on BETWEEN {s} AND {e}"
        letter_aggs = (
            f"count(*) FILTER (WHERE {in_period}), "
            f"count(*) FILTER (WHERE {in_period} AND channel = 'in_person'), "
            f"count(*) FILTER (WHERE {in_period} AND channel = 'in_person' AND co_signers >= 5), "
            f"count(*) FILTER (WHERE {in_period} AND duplicate_of IS NOT NULL), "
            f"count(*) FILTER (WHERE {in_period} AND eligible)"
        )
        for target, kind, subject, letters, visits, delegations, duplicates, eligible in self.rows(
            f"SELECT t.target, kind, subject, {letter_aggs} FROM letters JOIN paths t USING (path) GROUP BY ALL"
        ):
            for key, v in (("letters", letters), ("visits", visits), ("delegations", delegations),
                           ("duplicates", duplicates), ("eligible", eligible), ("not_eligible", letters - eligible),
                           (f"letters_by_kind.{kind}", letters),
                           (f"letters_by_subject.{subject}", letters)):  # fmt: skip
                put(f"{target}|{key}", v)
        for target, child, letters in self.rows(
            f"SELECT o.target, o.child, count(*) FROM letters JOIN owner o USING (path) WHERE {in_period} GROUP BY ALL"
        ):
            put(f"{target}|unit.{child}.letters", letters)
        decided = f"decided_on BETWEEN {s} AND {e}"
        resolved = f"resolved_on BETWEEN {s} AND {e}"
        open_statuses = "('received','classified','proposed','accepted','verifying','dialogue','suspended'," \
                        "'decided','enforcing','transferred','urged')"  # fmt: skip
        case_aggs = (
            f"count(*) FILTER (WHERE received_on < {s} AND (ended_on IS NULL OR ended_on >= {s})), "
            f"count(*) FILTER (WHERE {in_period}), "
            f"count(*) FILTER (WHERE accepted_on BETWEEN {s} AND {e}), "
            f"count(*) FILTER (WHERE ended_on BETWEEN {s} AND {e} AND route <> ''), "
            f"count(*) FILTER (WHERE {resolved}), "
            f"count(*) FILTER (WHERE {resolved} AND (due_at_decision IS NULL OR due_at_decision >= resolved_on)), "
            f"count(*) FILTER (WHERE status IN {open_statuses} AND due_on < {t}), "
            f"sum(money) FILTER (WHERE {decided}), sum(land) FILTER (WHERE {decided}), "
            f"sum(discipline) FILTER (WHERE {decided})"
        )
        for row in self.rows(
            f"SELECT t.target, kind, outcome, route, resolution, {case_aggs} FROM cases JOIN paths t USING (path) "
            "GROUP BY ALL"
        ):
            target, kind, outcome, route, resolution, carried, cases, accepted, ended, n_resolved, on_time, overdue = (
                row[:12]
            )
            sums = row[12:]
            for key, v in (("carried_over", carried), ("cases", cases), ("in_competence", accepted),
                           ("outcomes.accept", accepted), ("resolved_on_time", on_time),
                           ("overdue_open", overdue), ("money_recovered", sums[0]), ("land_recovered", sums[1]),
                           ("discipline_proposed", sums[2])):  # fmt: skip
                put(f"{target}|{key}", v)
            put(f"{target}|resolved", n_resolved)
            if resolution:
                put(f"{target}|resolutions.{resolution}", n_resolved)
            if route:
                put(f"{target}|outcomes.{route}", ended)
            if kind == "kn" and resolution == "decision":
                put(f"{target}|complaint_results.{outcome}", n_resolved)
            elif kind == "tc" and resolution == "decision":
                put(f"{target}|denunciation_results.{outcome}", n_resolved)
        for target, child, cases, resolved_by_child in self.rows(
            f"SELECT o.target, o.child, count(*) FILTER (WHERE {in_period}), count(*) FILTER (WHERE {resolved}) "
            "FROM cases JOIN owner o USING (path) GROUP BY ALL"
        ):
            put(f"{target}|unit.{child}.cases", cases)
            put(f"{target}|unit.{child}.resolved", resolved_by_child)
        return {k: round(float(v), 2) for k, v in out.items()}


# --- timing ----------------------------------------------------------------------------------------


def median_ms(run: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = run()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples) * 1000, 1), result


def vn(n: int) -> str:
    """1.451, as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def fmt_ms(ms: float) -> str:
    whole, _, decimals = f"{ms:.1f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + decimals if ms < 100 else "") + " ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 200.000 models and 200.000 letters")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the Parquet files")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-stats-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DANVAN_DATA_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from danvan.core.periods import Period
    from danvan.initiatives import selectors as initiative_selectors
    from danvan.petitions import selectors as petition_selectors
    from danvan.stats.engine import WHOLE_SYSTEM
    from danvan.units.loader import load_national_units
    from danvan.units.selectors import children_on, unit_by_code

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the tree's revision lives in the cache
    load_national_units()
    today = timezone.localdate()
    counts = generate(args.scale, today)
    from danvan.stats import keys

    if wrong := keys.drift():  # the rows were written around the ORM's save(): their keys must still hold
        raise SystemExit(f"province keys out of step after generating: {wrong}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    generated_s = round(time.perf_counter() - started, 1)
    files = export_parquet(tmp)
    duck = DuckStats(files)
    period = Period.year(today.year)
    provinces = children_on(None, today)
    scopes = [  # (label, units, one stats_for per unit or stats_for_units for them all)
        ("commune", [unit_by_code(COMMUNE)], False),
        ("province", [unit_by_code(PROVINCE)], False),
        ("nation (34 stats_for)", provinces, False),
        ("nation (stats_for_units)", provinces, True),
    ]
    areas = {
        "initiatives": (initiative_selectors, django_initiatives, lambda: duck.initiatives(period.start, period.end)),
        "petitions": (petition_selectors, django_petitions, lambda: duck.petitions(period.start, period.end, today)),
    }

    def run(selectors: Any, chosen: list[Any], together: bool) -> list[Any]:
        if together:
            return list(selectors.stats_for_units(chosen, period, user=WHOLE_SYSTEM))
        return [selectors.stats_for(u, period, user=WHOLE_SYSTEM) for u in chosen]

    results: list[dict[str, Any]] = []
    for scope, chosen, together in scopes:
        duck.set_targets(*targets_for(chosen, today))
        for area, (selectors, flatten, in_duck) in areas.items():
            django_ms, answers = median_ms(lambda s=selectors, c=chosen, t=together: run(s, c, t), args.runs)
            ours: Figures = {}
            for unit, answer in zip(chosen, answers, strict=True):
                ours |= flatten(answer, f"{unit.code}|")
            duck_ms, theirs = median_ms(in_duck, args.runs)
            mismatches = sorted(k for k in ours.keys() | theirs.keys() if abs(ours.get(k, 0) - theirs.get(k, 0)) > 0.01)
            rows_in_unit = int(ours.get(f"{chosen[0].code}|total.registered", 0)) if len(chosen) == 1 else None
            results.append({
                "area": area, "scope": scope, "calls": 1 if together else len(chosen), "figures": len(ours),
                "mismatches": len(mismatches),
                "first_mismatches": [(k, ours.get(k), theirs.get(k)) for k in mismatches[:5]],
                "django_ms": django_ms, "duckdb_ms": duck_ms,
                "ratio": round(django_ms / duck_ms, 2) if duck_ms else None,
                "registered_in_unit": rows_in_unit,
            })  # fmt: skip
            print(f"{area:11} {scope:24} {fmt_ms(django_ms):>11} DuckDB {fmt_ms(duck_ms):>10} "
                  f"figures {len(ours):5} mismatches {len(mismatches)}", flush=True)  # fmt: skip

    vendor = connection.vendor
    report = {"database": vendor, "scale": args.scale, "runs": args.runs, "rows": counts,
              "generate_and_load_s": generated_s, "period": period.label, "results": results}  # fmt: skip
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"stats-{vendor}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    lines = [
        f"# Statistics benchmark — {vendor}, scale {args.scale} ({vn(counts['models'])} models, "
        f"{vn(counts['letters'])} letters, {vn(counts['cases'])} cases), {period.label}, medians of {args.runs}",
        "",
        "| statistics | calls | figures | DanVan | DuckDB | ratio | mismatches |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r['area']}, {r['scope']} | {r['calls']} | {vn(r['figures'])} | {fmt_ms(r['django_ms'])} | "
                     f"{fmt_ms(r['duckdb_ms'])} | {str(r['ratio']).replace('.', ',')} | "
                     f"{r['mismatches']} |")  # fmt: skip
    text = "\n".join(lines) + "\n"
    (out / f"stats-{vendor}.md").write_text(text)
    print(text)
    connection.close()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if any(r["mismatches"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
