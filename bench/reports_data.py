"""The national dataset of the report benchmark (bench/reports.py): hamlets, then one year of records.

Written straight to the tables, not through the services (speed): each table is one ``executemany`` on
SQLite, one ``COPY`` on PostgreSQL, of tuples built here with the ids they carry (the tables start
empty, so the rows can point at each other). Every column the bench does not set gets the model
field's default, computed once. The province key (:mod:`danvan.stats.keys`) is written from the unit's
path, as the field would; the bench checks it afterwards with ``keys.drift()``.

Sizes follow the issue's ratios for ``n`` letters: about 0,8·n cases (a repeat letter joins its case),
0,2·n "Dân vận khéo" models, 5·n dossiers and 2·n ratings, plus 0,1·n reception sessions, over the
3.321 communes of today's tree (a few communes receive many more than others) and the 365 days up to
today. Shares: a third of the cases routed at triage, 45% accepted (most decided, some late), 8% of
those withdrawn or mediated; 45% of the models recognised, 30% of those exemplary; dossiers finished
early, on time or late 60/30/10, 60% online where the procedure allows it; about 89% of the ratings
satisfied.
"""

# ruff: noqa: S608 — the SQL is built from the models' own table and column names, never from input

from __future__ import annotations

import datetime
import json
import random
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

#: Hamlets a commune has, drawn between these (about 30.000 for 3.321 communes).
HAMLETS_PER_COMMUNE = (4, 14)
HAMLET_KINDS = (("thon", "Thôn"), ("to_dan_pho", "Tổ dân phố"), ("ap", "Ấp"), ("ban", "Bản"), ("xom", "Xóm"))
FIELDS = ("Chứng thực", "Hộ tịch", "Đất đai", "Xây dựng", "Đăng ký kinh doanh", "Bảo trợ xã hội")
Steps = dict[str, float]


class Rows:
    """Bulk writer of one model's rows: ``columns`` are the attnames the caller sets (in the order of
    its tuples); every other concrete field gets its default, computed once."""

    def __init__(self, model: Any, columns: Sequence[str]) -> None:
        from django.db import connection
        from django.db.models import DateTimeField
        from django.utils import timezone

        self.model = model
        self.sqlite = connection.vendor == "sqlite"
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ValueError(f"{model.__name__}: no column {unknown}")
        self.columns = [fields[c].column for c in columns]
        # An id the caller does not give is the database's to number.
        rest = [
            f
            for name, f in fields.items()
            if name not in columns and not (f.primary_key and f.get_internal_type().endswith("AutoField"))
        ]
        now = timezone.now()
        tail = []
        for f in rest:
            if isinstance(f, DateTimeField) and (f.auto_now or f.auto_now_add):
                value: Any = now
            else:
                value = f.get_default()
            tail.append(self._db(value))
        self.tail = tuple(tail)
        self.columns += [f.column for f in rest]
        self.converters: list[Callable[[Any], Any] | None] = [self._converter(fields[c]) for c in columns]

    def _db(self, value: Any) -> Any:
        if isinstance(value, list | dict):
            return json.dumps(value)
        if isinstance(value, datetime.datetime):
            return _naive_utc(value) if self.sqlite else value
        if self.sqlite and isinstance(value, datetime.date | Decimal):
            return str(value)
        return value

    def _converter(self, field: Any) -> Callable[[Any], Any] | None:
        from django.db import models

        if isinstance(field, models.JSONField):
            return json.dumps
        if not self.sqlite:
            return None
        if isinstance(field, models.DateTimeField):
            return _naive_utc
        if isinstance(field, models.DateField | models.DecimalField):
            return str
        return None

    def write(self, rows: Iterable[tuple[Any, ...]]) -> int:
        from django.db import connection

        converters = [(i, c) for i, c in enumerate(self.converters) if c is not None]
        tail = self.tail
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        names = ", ".join(quote(c) for c in self.columns)

        def prepared(row: tuple[Any, ...]) -> tuple[Any, ...]:
            if converters:
                values = list(row)
                for i, convert in converters:
                    if values[i] is not None:
                        values[i] = convert(values[i])
                row = tuple(values)
            return row + tail

        n = 0
        with connection.cursor() as cursor:
            if self.sqlite:
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(self.columns))})"
                batch: list[tuple[Any, ...]] = []
                for row in rows:
                    batch.append(prepared(row))
                    if len(batch) == 50_000:
                        cursor.executemany(sql, batch)
                        n += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    n += len(batch)
            else:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(prepared(row))
                        n += 1
        return n


def _naive_utc(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat(" ")


def reset_sequences(models: Sequence[Any]) -> None:
    """After writing ids by hand: PostgreSQL's sequences start after them (SQLite needs nothing)."""
    from django.core.management.color import no_style
    from django.db import connection

    if connection.vendor == "sqlite":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


# --- the tree --------------------------------------------------------------------------------------


def add_hamlets(today: datetime.date, rng: random.Random) -> int:
    """Hamlets (thôn, tổ dân phố…) under each of today's communes, as treebeard would number them."""
    from django.db import connection, transaction

    from danvan.core.text import fold
    from danvan.units import revision
    from danvan.units.models import Unit
    from danvan.units.rules import Level

    communes = list(
        Unit.objects.filter(level=Level.COMMUNE).valid_on(today).order_by("path").values_list("pk", "path", "code")
    )
    rows = []
    counts = []
    for pk, path, code in communes:
        n = rng.randint(*HAMLETS_PER_COMMUNE)
        counts.append((n, pk))
        kind, word = rng.choice(HAMLET_KINDS)
        for i in range(1, n + 1):
            name = f"{word} {i}"
            rows.append(
                (Unit._get_path(path, len(path) // Unit.steplen + 1, i), len(path) // Unit.steplen + 1, 0,
                 f"{code}.{i:02d}", name, name, fold(f"{name} {code}"), kind, Level.HAMLET, today.replace(day=1),
                 None, "", f"bench:h:{code}.{i:02d}")
            )  # fmt: skip
    columns = ("path", "depth", "numchild", "code", "name", "short_name", "name_folded", "kind", "level",
               "valid_from", "valid_to", "legal_basis", "source_ref")  # fmt: skip
    with transaction.atomic():
        Rows(Unit, columns).write(rows)
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Unit._meta.db_table)
            cursor.executemany(f"UPDATE {table} SET numchild = %s WHERE id = %s", counts)
        reset_sequences([Unit])
        revision.bump()  # bulk writes send no signal
    return len(rows)


# --- the records -----------------------------------------------------------------------------------


class Places:
    """Today's communes with a weight each (a lognormal draw: a city ward receives many times what a
    mountain commune does), their hamlets, and the days of the year."""

    def __init__(self, today: datetime.date, rng: random.Random) -> None:
        from itertools import accumulate

        from danvan.units.models import Unit
        from danvan.units.rules import Level

        self.rng = rng
        self.today = today
        self.first = today - datetime.timedelta(days=364)
        self.days = [self.first + datetime.timedelta(days=i) for i in range(365)]
        self.communes: list[tuple[int, str]] = list(
            Unit.objects.filter(level=Level.COMMUNE).valid_on(today).order_by("path").values_list("pk", "path")
        )
        self.cumulative = list(accumulate(rng.lognormvariate(0, 0.8) for _ in self.communes))
        self.hamlets: dict[str, list[tuple[int, str]]] = {}
        for pk, path in Unit.objects.filter(level=Level.HAMLET).order_by("path").values_list("pk", "path"):
            self.hamlets.setdefault(path[: -Unit.steplen], []).append((pk, path))

    def commune(self) -> tuple[int, str]:
        return self.rng.choices(self.communes, cum_weights=self.cumulative)[0]

    def day(self) -> datetime.date:
        return self.rng.choice(self.days)

    def later(self, day: datetime.date, low: int, high: int) -> datetime.date | None:
        """A day ``low``–``high`` days after ``day``, if it has come."""
        after = day + datetime.timedelta(days=self.rng.randint(low, high))
        return after if after <= self.today else None


def petitions(places: Places, n_letters: int, user_id: int) -> dict[str, int]:
    """Cases (0,8·n), their first letters and 0,2·n repeat letters, and 0,1·n reception sessions."""
    from danvan.petitions.models import Case, Letter, ReceptionSession, Subject

    rng, key = places.rng, _key
    subjects = list(Subject.objects.values_list("pk", flat=True))
    channels = ["post", "in_person", "in_person", "box", "online", "front", "deputy"]
    kinds = rng.choices(["kn", "tc", "kng", "pa"], [45, 10, 30, 15], k=n_letters)
    n_cases = round(n_letters * 0.8)
    cases: list[tuple[Any, ...]] = []
    letters: list[tuple[Any, ...]] = []
    firsts: list[tuple[int, int, str, datetime.date, str, str, int, bool]] = []
    for n in range(1, n_cases + 1):
        unit, path = places.commune()
        received = places.day()
        kind, subject = kinds[n - 1], rng.choice(subjects)
        status, route, resolution, outcome = "received", "", "", ""
        accepted: datetime.date | None = None
        decided = ended = resolved = None
        due, due_at_decision, money, land, discipline = None, None, Decimal(0), Decimal(0), 0
        roll = rng.random()
        if roll < 0.35:  # routed at triage: guided, transferred, urged or filed
            route = rng.choice(["guide", "transfer", "urge", "file"])
            ended = places.later(received, 1, 15)
            status = "closed" if ended else "classified"
        elif roll < 0.8:  # accepted, then perhaps decided (due 45 days after acceptance: some late)
            accepted = places.later(received, 2, 10)
            if accepted:
                status, due = "accepted", accepted + datetime.timedelta(days=45)
                decided = places.later(accepted, 10, 70)
                withdrawn = places.later(accepted, 5, 40) if rng.random() < 0.08 else None
                if withdrawn:  # withdrawn or mediated: resolved without a decision
                    status, ended, resolved, decided = "terminated", withdrawn, withdrawn, None
                    resolution = rng.choice(["withdrawn", "mediated"])
                if decided:
                    status, resolved, resolution = "decided", decided, "decision"
                    outcome = rng.choice(["right", "partly", "wrong"])
                    due_at_decision, ended = due, decided
                    money = Decimal(rng.choice([0, 0, 0, rng.randint(1, 500) * 100_000]))
                    land = Decimal(rng.choice([0, 0, rng.randint(1, 5000)])) / 4
                    discipline = rng.choice([0, 0, 0, 1, 2])
        else:  # not yet triaged: due ten days after receipt
            due = received + datetime.timedelta(days=10)
        cases.append((n, unit, key(path), f"{n}/BENCH", kind, subject, "Nội dung", status, received, accepted, decided,
                      route, ended, resolved, resolution, outcome, due, due_at_decision, money, land, discipline,
                      f"B{n:09d}"))  # fmt: skip
        firsts.append((n, unit, path, received, rng.choice(channels), kind, subject, rng.random() < 0.9))
    for n, unit, path, received, channel, kind, subject, eligible in firsts:
        letters.append((n, unit, key(path), n, received, channel, kind, subject, "Nội dung",
                        rng.choice([1, 1, 1, 2, 6]), eligible, None))  # fmt: skip
    for n in range(n_cases + 1, n_letters + 1):
        first = rng.choice(firsts)
        case, unit, path, received, channel, kind, subject, eligible = first
        again = places.later(received, 1, 60) or received
        letters.append((n, unit, key(path), case, again, channel, kind, subject, "Lặp lại", 1, eligible, case))
    sessions = []
    for n in range(1, n_letters // 10 + 1):
        unit, path = places.commune()
        kind = rng.choice(["regular", "regular", "periodic", "ad_hoc"])
        sessions.append((n, unit, key(path), places.day(), kind, "online" if rng.random() < 0.1 else "in_person",
                         user_id, user_id if kind == "periodic" else None,
                         "commune_chair" if kind == "periodic" else ""))  # fmt: skip
    Rows(Case, ("id", "unit_id", "province_key", "number", "kind", "subject_id", "summary", "status", "received_on",
                "accepted_on", "decided_on", "route", "ended_on", "resolved_on", "resolution", "outcome", "due_on",
                "due_at_decision", "money_recovered", "land_recovered", "discipline_proposed",
                "tracking_code")).write(cases)  # fmt: skip
    Rows(Letter, ("id", "unit_id", "province_key", "case_id", "received_on", "channel", "kind", "subject_id",
                  "content", "co_signers", "eligible", "duplicate_of_id")).write(letters)  # fmt: skip
    Rows(ReceptionSession, ("id", "unit_id", "province_key", "date", "kind", "form", "received_by_id", "leader_id",
                            "leader_role")).write(sessions)  # fmt: skip
    reset_sequences([Case, Letter, ReceptionSession])
    return {"cases": len(cases), "letters": len(letters), "sessions": len(sessions)}


def initiatives(places: Places, n_models: int, user_id: int) -> dict[str, int]:
    """ "Dân vận khéo" models (a quarter of them a hamlet's), their commendations and measured results."""
    from danvan.core.text import fold
    from danvan.initiatives.models import Commendation, Field, Initiative, Metric, ProgressReport, ResultValue

    rng, key = places.rng, _key
    subfields = list(Field.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))
    metrics = list(Metric.objects.values_list("pk", flat=True))
    levels = ["co_so", "co_so", "tinh", "trung_uong"]
    rows: list[tuple[Any, ...]] = []
    commendations: list[tuple[Any, ...]] = []
    reports: list[tuple[Any, ...]] = []
    results: list[tuple[Any, ...]] = []
    for n in range(1, n_models + 1):
        unit, path = places.commune()
        if rng.random() < 0.25 and places.hamlets.get(path):
            unit, path = rng.choice(places.hamlets[path])
        registered = places.day()
        sub, field = rng.choice(subfields)
        name = f"Mô hình thử nghiệm số {n}"
        kind = "exemplar" if rng.random() < 0.2 else "model"
        status, level, recognised, exemplary, replicated = "registered", "", None, None, None
        recognised = places.later(registered, 60, 300) if rng.random() < 0.45 else None
        if recognised:
            status, level = "recognised", rng.choice(levels)
            exemplary = places.later(recognised, 10, 90) if rng.random() < 0.3 else None
            if exemplary:
                status = "exemplary"
                decision = places.later(exemplary, 5, 60) if rng.random() < 0.4 else None
                if decision:
                    status = "commended"
                    for _ in range(1 + (n % 3 == 0)):  # some twice: still one commended model
                        commendations.append((len(commendations) + 1, n, "giay_khen", "state", "UBND",
                                              f"{n}/QĐ", decision))  # fmt: skip
                    replicated = places.later(decision, 10, 90) if rng.random() < 0.4 else None
                    if replicated:
                        status = "replicated"
        else:
            status = rng.choice(["registered", "in_progress", "proposed", "under_review", "not_recognised"])
        rows.append((n, kind, registered.year, unit, key(path), "Chi bộ", name, fold(name), field, sub, status,
                     registered, level, recognised, exemplary, replicated))  # fmt: skip
        if rng.random() < 0.1:
            end = places.later(registered, 30, 200) or places.today
            reports.append((len(reports) + 1, n, "half", end.replace(day=1), end, "Kết quả", user_id))
            for metric in rng.sample(metrics, k=min(2, len(metrics))):
                results.append((len(results) + 1, len(reports), n, metric, Decimal(rng.randint(1, 5000)), end,
                                key(path)))  # fmt: skip
    Rows(Initiative, ("id", "kind", "year", "unit_id", "province_key", "owner_name", "name", "name_folded",
                      "field_id", "subfield_id", "status", "registered_on", "level", "recognised_on",
                      "exemplary_on", "replicated_on")).write(rows)  # fmt: skip
    Rows(Commendation, ("id", "initiative_id", "form", "issuer_type", "issuer", "decision_no",
                        "decision_date")).write(commendations)  # fmt: skip
    Rows(ProgressReport, ("id", "initiative_id", "kind", "period_start", "period_end", "summary",
                          "created_by_id")).write(reports)  # fmt: skip
    Rows(ResultValue, ("id", "report_id", "initiative_id", "metric_id", "value", "period_end",
                       "province_key")).write(results)  # fmt: skip
    reset_sequences([Initiative, Commendation, ProgressReport, ResultValue])
    return {"initiatives": len(rows), "commendations": len(commendations), "result_values": len(results)}


def onestop(places: Places, n_dossiers: int, n_ratings: int) -> dict[str, int]:
    """15 procedures per province, a service point per commune, dossiers, apology slips and ratings."""
    from django.utils import timezone

    from danvan.onestop.models import Apology, Dossier, Procedure, Rating, ServicePoint
    from danvan.units.models import Unit

    rng, key = places.rng, _key
    provinces = list(Unit.objects.filter(depth=1).valid_on(places.today).order_by("path").values_list("pk", "path"))
    procedures: dict[str, list[tuple[int, str, int, bool]]] = {}
    procedure_rows: list[tuple[Any, ...]] = []
    for pk, path in provinces:
        for i in range(15):
            number = len(procedure_rows) + 1
            field, days = FIELDS[i % len(FIELDS)], rng.choice([0, 0, 3, 5, 10, 15])
            online = rng.choice(["full", "partial", "none"])
            procedure_rows.append((number, pk, f"{path}.{i:04d}", f"Thủ tục {i}", f"thu tuc {i}", field, "commune",
                                   days, online))  # fmt: skip
            procedures.setdefault(path, []).append((number, field, days, online != "none"))
    points = {path: (n, pk) for n, (pk, path) in enumerate(places.communes, start=1)}
    point_rows = [(n, pk, f"Trung tâm phục vụ hành chính công {n}", "commune") for path, (n, pk) in points.items()]
    tz = timezone.get_current_timezone()
    now = timezone.now()

    def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)

    # Rated: a share of the returned dossiers, so that there are about n_ratings ratings.
    rated_share = min(1.0, n_ratings / max(1, n_dossiers * 0.98 * 0.95 * 0.95))
    dossiers: list[tuple[Any, ...]] = []
    apologies: list[tuple[Any, ...]] = []
    ratings: list[tuple[Any, ...]] = []
    today = places.today
    for n in range(1, n_dossiers + 1):
        _, path = places.commune()
        point, unit = points[path]
        procedure, field, days, online_ok = rng.choice(procedures[path[: Unit.steplen]])
        received = places.day()
        received_at = at(received, 8 + rng.randrange(9))
        due_on = received + datetime.timedelta(days=days * 7 // 5)
        due_at = at(due_on, 17)
        channel = "online" if online_ok and rng.random() < 0.6 else ("post" if rng.random() < 0.05 else "desk")
        status, timeliness, method, reason = "processing", "", "", ""
        finished_on: datetime.date | None = None
        returned_on = ended_on = None
        finished_at: datetime.datetime | None = None
        returned_at = None
        roll = rng.random()
        if roll < 0.015:
            status, ended_on, reason = "withdrawn", min(today, received + datetime.timedelta(days=2)), "Rút hồ sơ"
        elif roll < 0.02:
            status, ended_on, reason = "stopped", min(today, received + datetime.timedelta(days=3)), "Dừng xử lý"
        else:
            outcome = rng.choices(["early", "on_time", "late"], [60, 30, 10])[0]
            spare = max(0, (due_on - received).days - 1)
            finished = {"early": received + datetime.timedelta(days=rng.randint(0, spare)), "on_time": due_on,
                        "late": due_on + datetime.timedelta(days=rng.randint(1, 10))}[outcome]  # fmt: skip
            if outcome == "early" and finished >= due_on:
                outcome, finished = "on_time", due_on
            if finished <= today and not (finished == today and rng.random() < 0.5):
                status, finished_on, timeliness = "result_ready", finished, outcome
                finished_at = min(now, at(finished, 16))
                back = finished + datetime.timedelta(days=rng.randint(0, 3))
                if back <= today and rng.random() < 0.95:
                    status, returned_on, method = "returned", back, "desk"
                    returned_at = max(finished_at, min(now, at(back, 16, 30)))
                    if rng.random() < rated_share:
                        status = "rated"
                        level = rng.choices([1, 2, 3, 4, 5], [2, 3, 6, 30, 59])[0]
                        ratings.append((len(ratings) + 1, n, key(path), unit, "five", "kiosk", level, level >= 4,
                                        back, returned_at))  # fmt: skip
            if outcome == "late" and rng.random() < 0.5 and due_on > received:
                issued = at(due_on - datetime.timedelta(days=1), 9)
                if issued <= now:
                    apologies.append((len(apologies) + 1, n, issued, "Chậm", due_at + datetime.timedelta(days=5),
                                      key(path)))  # fmt: skip
        dossiers.append((n, f"B{n:09d}", unit, key(path), point, procedure, field, status, channel, "Người nộp",
                         received_at, received_at, received, due_at, due_on, finished_at, finished_on, timeliness,
                         returned_at, returned_on, method, ended_on, reason, f"t{n:011d}"))  # fmt: skip
    Rows(Procedure, ("id", "unit_id", "code", "name", "name_folded", "field", "level", "days",
                     "online_level")).write(procedure_rows)  # fmt: skip
    Rows(ServicePoint, ("id", "unit_id", "name", "kind")).write(point_rows)
    Rows(Dossier, ("id", "code", "unit_id", "province_key", "service_point_id", "procedure_id", "field", "status",
                   "channel", "applicant_name", "submitted_at", "received_at", "received_on", "due_at", "due_on",
                   "finished_at", "finished_on", "timeliness", "returned_at", "returned_on", "return_method",
                   "ended_on", "end_reason", "rating_token")).write(dossiers)  # fmt: skip
    Rows(Rating, ("id", "dossier_id", "province_key", "unit_id", "scheme", "channel", "level", "satisfied",
                  "rated_on", "rated_at")).write(ratings)  # fmt: skip
    Rows(Apology, ("id", "dossier_id", "issued_at", "reason", "new_due_at", "province_key")).write(apologies)
    reset_sequences([Procedure, ServicePoint, Dossier, Rating, Apology])
    return {"dossiers": len(dossiers), "ratings": len(ratings), "apologies": len(apologies),
            "service_points": len(point_rows), "procedures": len(procedure_rows)}  # fmt: skip


def _key(path: str) -> str:
    from danvan.stats.keys import KEY_LENGTH

    return path[:KEY_LENGTH]


def generate(n_letters: int, today: datetime.date, steps: Steps) -> dict[str, int]:
    """Hamlets and one year of records for ``n_letters`` letters; the seconds of each step in ``steps``."""
    from django.db import transaction

    from danvan.accounts.models import User

    rng = random.Random(2026)
    started = time.perf_counter()
    counts = {"hamlets": add_hamlets(today, rng)}
    steps["hamlets_s"] = round(time.perf_counter() - started, 1)
    places = Places(today, rng)
    user = User.objects.create(username="bench.reports", full_name="Benchmark")
    writers: list[tuple[str, Callable[[], dict[str, int]]]] = [
        ("petitions", lambda: petitions(places, n_letters, user.pk)),
        ("initiatives", lambda: initiatives(places, round(n_letters * 0.2), user.pk)),
        ("onestop", lambda: onestop(places, n_letters * 5, n_letters * 2)),
    ]
    for name, write in writers:
        started = time.perf_counter()
        with transaction.atomic():
            counts |= write()
        steps[f"{name}_s"] = round(time.perf_counter() - started, 1)
    return counts
