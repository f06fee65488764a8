"""The statistics engine: coverage after a merger, the two trees, the viewer's scope, sub-units that add up.

Records are written straight to the tables (the engine only reads them); the tree is the shared
fixture: Xã Cũ of Tỉnh Cũ was merged into Xã A of Tỉnh Mới on 1/7/2025.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from danvan.core.periods import Period
from danvan.initiatives import measures as initiative_measures
from danvan.initiatives import selectors as initiative_selectors
from danvan.initiatives.models import Field, Initiative
from danvan.petitions import measures as petition_measures
from danvan.petitions import selectors as petition_selectors
from danvan.petitions.models import Case, Letter, ReceptionSession, Subject
from danvan.stats import paths
from danvan.stats.engine import WHOLE_SYSTEM, Figures, Measure, Source, Target, compute, compute_many
from danvan.units.models import Unit
from danvan.units.selectors import coverage_prefixes
from tests.conftest import Personas, Tree
from tests.factories import LineageFactory, UnitFactory

pytestmark = pytest.mark.django_db
YEAR_2026 = Period.year(2026)
YEAR_2024 = Period.year(2024)


def figures_of(
    source: Source, unit: Unit | None, period: Period, *, viewer: Any, today_tree: bool = True, **options: Any
) -> Figures:
    return compute(source, Target(unit, period, viewer=viewer, today_tree=today_tree), **options)


def model(unit: Unit, registered: datetime.date, **fields: Any) -> Initiative:
    field = Field.objects.get(parent=None, name="Kinh tế")
    n = Initiative.objects.count() + 1
    values: dict[str, Any] = {"owner_name": "Chi bộ", "status": "registered"} | fields
    return Initiative.objects.create(
        unit=unit, year=registered.year, name=f"Mô hình {n}", name_folded=f"mo hinh {n}", field=field,
        registered_on=registered, **values,
    )  # fmt: skip


def test_upper_bound_follows_the_trees_alphabet() -> None:
    assert paths.upper_bound("0001") == "0002"
    assert paths.upper_bound("0009") == "000A"
    assert paths.upper_bound("000Z") == "001"
    assert paths.upper_bound("00010ZZZ") == "00011"
    assert paths.upper_bound("ZZZZ") is None
    with pytest.raises(ValueError, match="đường dẫn"):
        paths.upper_bound("00a1")


def test_a_prefix_range_takes_the_subtree_and_nothing_beside_it(tree: Tree) -> None:
    inside = Unit.objects.filter(paths.prefix_q([tree.province.path], "path"))
    assert set(inside) == {tree.province, tree.commune_a, tree.hamlet_a, tree.commune_b}
    assert Unit.objects.filter(paths.prefix_q([], "path")).count() == 0
    assert Unit.objects.filter(paths.prefix_q([""], "path")).count() == Unit.objects.count()


def test_sub_units_coverage_computed_at_once_is_the_same_as_one_by_one(tree: Tree) -> None:
    # A second merger under the first: a hamlet of another old commune went into Xã Cũ before 2025.
    older = UnitFactory(parent=tree.old_province, kind="xa", short_name="Cũ hơn", code="90002")
    LineageFactory(predecessor=older, successor=tree.old_commune)
    children = [tree.commune_a, tree.commune_b]
    at_once = paths.coverages(children, coverage_prefixes(tree.province))
    assert at_once == {child.pk: coverage_prefixes(child) for child in children}
    assert paths.coverage_of(tree.province) == coverage_prefixes(tree.province)
    assert paths.coverage_of(tree.commune_a) == coverage_prefixes(tree.commune_a)
    assert older.path in at_once[tree.commune_a.pk] and tree.old_commune.path in at_once[tree.commune_a.pk]


def test_a_merged_commune_counts_under_its_successor_today_and_under_itself_as_it_was(tree: Tree) -> None:
    model(tree.old_hamlet, datetime.date(2024, 5, 1))
    model(tree.commune_a, datetime.date(2024, 6, 1))
    today = figures_of(initiative_measures.INITIATIVES, tree.commune_a, YEAR_2024, viewer=WHOLE_SYSTEM)
    assert today.total["registered"] == 2
    then = figures_of(initiative_measures.INITIATIVES, tree.commune_a, YEAR_2024, viewer=WHOLE_SYSTEM, today_tree=False)
    assert then.total["registered"] == 1
    old = figures_of(
        initiative_measures.INITIATIVES, tree.old_province, YEAR_2024, viewer=WHOLE_SYSTEM, today_tree=False,
        by_unit=True,
    )  # fmt: skip
    assert old.total["registered"] == 1
    assert [(u, v["registered"]) for u, v in old.by_unit] == [(tree.old_commune, 1)]
    # On today's tree the province's sub-unit Xã A carries the old commune's model.
    province = figures_of(initiative_measures.INITIATIVES, tree.province, YEAR_2024, viewer=WHOLE_SYSTEM, by_unit=True)
    assert [(u, v["registered"]) for u, v in province.by_unit] == [(tree.commune_a, 2)]


def test_records_outside_the_viewers_scope_are_not_counted(tree: Tree, personas: Personas) -> None:
    model(tree.hamlet_a, datetime.date(2026, 2, 1))
    model(tree.old_commune, datetime.date(2024, 2, 1))
    model(tree.commune_b, datetime.date(2026, 3, 1))
    model(tree.commune_c, datetime.date(2026, 3, 1))
    source = initiative_measures.INITIATIVES
    assert figures_of(source, tree.province, YEAR_2026, viewer=personas.supervisor).total["registered"] == 2
    assert figures_of(source, tree.province, YEAR_2026, viewer=personas.officer_a).total["registered"] == 1
    officer_a = figures_of(source, tree.province, YEAR_2024, viewer=personas.officer_a, by_unit=True)
    assert officer_a.total["registered"] == 1  # the merged commune's model is Xã A's too
    assert figures_of(source, tree.province, YEAR_2026, viewer=personas.officer_b).total["registered"] == 1
    assert figures_of(source, tree.other_province, YEAR_2026, viewer=personas.officer_a).total["registered"] == 0
    assert figures_of(source, None, YEAR_2026, viewer=WHOLE_SYSTEM).total["registered"] == 3
    assert figures_of(source, None, YEAR_2026, viewer=personas.admin).total["registered"] == 3
    with pytest.raises(TypeError, match="WHOLE_SYSTEM"):
        figures_of(source, tree.province, YEAR_2026, viewer=None)


def test_sub_units_add_up_to_the_unit(tree: Tree) -> None:
    for day in (datetime.date(2026, 1, 5), datetime.date(2026, 4, 9), datetime.date(2026, 11, 30)):
        model(tree.hamlet_a, day, recognised_on=day, status="recognised", level="co_so")
        model(tree.commune_b, day)
    model(tree.province, datetime.date(2026, 8, 1))  # the province's own model: in the total, under no sub-unit
    model(tree.old_commune, datetime.date(2026, 8, 1))
    figures = figures_of(
        initiative_measures.INITIATIVES, tree.province, YEAR_2026, viewer=WHOLE_SYSTEM, by_unit=True,
        breakdown=("level",),
    )  # fmt: skip
    by_unit = {u.short_name: v for u, v in figures.by_unit}
    assert by_unit["A"]["registered"] == 4 and by_unit["A"]["recognised"] == 3 and by_unit["B"]["registered"] == 3
    assert figures.total["registered"] == 8 == sum(v["registered"] for v in by_unit.values()) + 1
    assert figures.total["recognised"] == sum(v["recognised"] for v in by_unit.values())
    assert figures.breakdown(0, "recognised") == {"co_so": 3}
    assert sum(figures.breakdown(0, "registered").values()) == figures.total["registered"]
    h1 = figures_of(initiative_measures.INITIATIVES, tree.province, Period.first_half(2026), viewer=WHOLE_SYSTEM)
    assert h1.total["registered"] == 4


def test_a_measure_may_sum_count_distinct_and_depend_on_the_period(tree: Tree) -> None:
    model(tree.commune_a, datetime.date(2025, 12, 20), owner_name="Hội Nông dân")
    model(tree.commune_a, datetime.date(2026, 1, 20), owner_name="Hội Nông dân")
    model(tree.commune_b, datetime.date(2026, 2, 20), owner_name="Chi đoàn")
    source = Source(
        model=Initiative,
        measures=(
            Measure("owners", "Số chủ thể", date="registered_on", aggregate="count_distinct", field="owner_name"),
            Measure("years", "Tổng năm đăng ký", date="registered_on", aggregate="sum", field="year"),
            Measure("before", "Đăng ký trước kỳ", where=lambda w: Q(registered_on__lt=w.period.start)),
        ),
    )
    figures = figures_of(source, tree.province, YEAR_2026, viewer=WHOLE_SYSTEM, by_unit=True)
    assert figures.total == {"owners": 2, "years": 4052, "before": 1}
    assert [(u.short_name, v["owners"]) for u, v in figures.by_unit] == [("A", 1), ("B", 1)]
    nothing = figures_of(source, tree.other_province, YEAR_2026, viewer=WHOLE_SYSTEM)
    assert nothing.total == {"owners": 0, "years": None, "before": 0}


def test_reception_sessions_are_counted_within_the_users_scope(tree: Tree, personas: Personas) -> None:
    for unit in (tree.commune_a, tree.commune_b):
        ReceptionSession.objects.create(
            unit=unit, date=datetime.date(2026, 3, 2), kind="regular", received_by=personas.officer_a
        )
    assert petition_selectors.stats_for(tree.province, YEAR_2026, user=personas.supervisor).sessions["regular"] == 2
    assert petition_selectors.stats_for(tree.province, YEAR_2026, user=personas.officer_a).sessions["regular"] == 1
    whole = figures_of(petition_measures.SESSIONS, tree.province, YEAR_2026, viewer=WHOLE_SYSTEM, breakdown=("kind",))
    assert whole.cells == {("regular",): {"sessions": 2, "sessions_online": 0}}


def test_every_measure_has_a_vietnamese_label() -> None:
    for source in (*initiative_measures.SOURCES, *petition_measures.SOURCES):
        for measure in source.measures:
            assert measure.label and measure.label[0].isupper(), measure.name


def test_many_targets_in_one_pass_give_each_targets_figures(tree: Tree) -> None:
    for day in (datetime.date(2026, 1, 5), datetime.date(2026, 6, 9)):
        model(tree.hamlet_a, day, recognised_on=day, status="recognised", level="co_so")
        model(tree.commune_b, day)
        model(tree.commune_c, day, kind="exemplar")
    model(tree.old_commune, datetime.date(2026, 3, 1))
    source = initiative_measures.INITIATIVES
    targets = [Target(u, YEAR_2026, viewer=WHOLE_SYSTEM) for u in (tree.province, tree.other_province)]
    together = compute_many(source, targets, breakdown=("kind", "level"), by_unit=True)
    apart = [compute(source, t, breakdown=("kind", "level"), by_unit=True) for t in targets]
    assert together == apart
    assert together[0].total["registered"] == 5 and together[1].total["registered"] == 2
    assert [(u.short_name, v["registered"]) for u, v in together[0].by_unit] == [("A", 3), ("B", 2)]
    # Communes (two levels deep) share a pass too, with the same answer.
    communes = [Target(u, YEAR_2026, viewer=WHOLE_SYSTEM) for u in (tree.commune_a, tree.commune_b)]
    assert compute_many(source, communes) == [compute(source, t) for t in communes]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan: PostgreSQL groups by hashing")
@pytest.mark.parametrize("area", ["initiatives", "petitions"])
def test_sqlite_groups_a_province_as_it_reads_the_statistics_indexes(tree: Tree, area: str) -> None:
    """SQLite has no hash aggregation: a ``GROUP BY`` it cannot read in index order sorts every row of
    the coverage (most of a province's time). Each grouped query of a province's statistics must read
    a covering index in its GROUP BY's order (models.STATS_CELLS, CASE_CELLS, LETTER_CELLS): this
    keeps the breakdowns, the indexes and their order in step (decision record 0009)."""
    subject = Subject.objects.first()
    for n, day in enumerate((datetime.date(2026, 2, 1), datetime.date(2026, 6, 1))):
        model(tree.commune_a, day, recognised_on=day, status="recognised", level="co_so")
        case = Case.objects.create(
            unit=tree.commune_a, number=f"{n}/2026", kind="kn", subject=subject, summary="Tranh chấp đất",
            received_on=day, tracking_code=f"TESTCODE{n}",
        )  # fmt: skip
        Letter.objects.create(
            unit=tree.commune_a, case=case, received_on=day, channel="in_person", kind="kn", subject=subject,
            content="Tranh chấp đất",
        )  # fmt: skip
    selectors = initiative_selectors if area == "initiatives" else petition_selectors
    with CaptureQueriesContext(connection) as queries:
        selectors.stats_for(tree.province, YEAR_2026, user=WHOLE_SYSTEM)
    grouped = [q["sql"] for q in queries.captured_queries if " GROUP BY " in q["sql"]]
    assert grouped
    with connection.cursor() as cursor:
        for sql in grouped:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " / ".join(row[3] for row in cursor.fetchall())
            assert "TEMP B-TREE FOR GROUP BY" not in plan, (sql, plan)
            assert "COVERING INDEX" in plan, (sql, plan)
