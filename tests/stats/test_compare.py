"""A figure beside the previous period and the same period last year, figures month by month, and the
tables a statistics page draws from them.

Records are written straight to the tables (the statistics layer only reads them); the tree is the
shared fixture.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.periods import Period
from danvan.initiatives import measures as initiative_measures
from danvan.initiatives.models import Commendation, Field, Initiative
from danvan.initiatives.rules import CommendationForm, IssuerType
from danvan.petitions import measures as petition_measures
from danvan.petitions.models import Case, Subject
from danvan.stats.compare import Change, compare, monthly, months, vietnamese_key
from danvan.stats.display import Row, Table
from danvan.stats.engine import WHOLE_SYSTEM, Target, compute
from danvan.units.models import Unit
from tests.conftest import Personas, Tree

pytestmark = pytest.mark.django_db
H1_2026 = Period.first_half(2026)


def model(unit: Unit, registered: datetime.date, **fields: Any) -> Initiative:
    field = Field.objects.get(parent=None, name="Kinh tế")
    n = Initiative.objects.count() + 1
    values: dict[str, Any] = {"owner_name": "Chi bộ", "status": "registered"} | fields
    return Initiative.objects.create(
        unit=unit, year=registered.year, name=f"Mô hình {n}", name_folded=f"mo hinh {n}", field=field,
        registered_on=registered, **values,
    )  # fmt: skip


def case(unit: Unit, received: datetime.date, **fields: Any) -> Case:
    subject = Subject.objects.order_by("pk").first() or Subject.objects.create(name="Đất đai")
    n = Case.objects.count() + 1
    return Case.objects.create(
        unit=unit, number=f"{n}/2026", kind="kn", subject=subject, summary="Tranh chấp đất", received_on=received,
        tracking_code=f"COMPARE{n}", **fields,
    )  # fmt: skip


def test_a_change_reads_as_a_report_writes_it() -> None:
    assert Change(141, 130).text == "▲ 11 (+8,5%)"
    assert Change(8, 10).text == "▼ 2 (−20%)"
    assert Change(1451, 1000).text == "▲ 451 (+45,1%)"
    assert Change(4, 0).text == "▲ 4"  # from nothing: no percentage
    assert Change(5, 5).text == "không đổi" and Change(None, None).text == "không đổi"
    assert Change(Decimal("10250.5"), None).text == "▲ 10.250,5"
    assert (Change(3, 1).direction, Change(1, 3).direction, Change(2, 2).direction) == ("up", "down", "same")


def test_each_figure_beside_the_previous_period_and_the_same_period_last_year(tree: Tree, personas: Personas) -> None:
    # First half of 2026: three models registered, two recognised. The previous period is the second half of
    # 2025 (one registered), the same period last year the first half of 2025 (two registered, one recognised).
    for day in (datetime.date(2026, 1, 5), datetime.date(2026, 3, 9), datetime.date(2026, 6, 30)):
        model(tree.hamlet_a, day)
    model(tree.commune_b, datetime.date(2026, 2, 1), recognised_on=datetime.date(2026, 2, 20))
    model(tree.commune_b, datetime.date(2025, 11, 1), recognised_on=datetime.date(2026, 4, 1))
    model(tree.commune_a, datetime.date(2025, 2, 1), recognised_on=datetime.date(2025, 5, 5))
    model(tree.commune_a, datetime.date(2025, 6, 30))
    model(tree.commune_c, datetime.date(2025, 12, 1))  # another province: never counted

    target = Target(tree.province, H1_2026, viewer=personas.supervisor)
    figures = compare(target, [(initiative_measures.INITIATIVES, ("registered", "recognised"))])
    registered, recognised = figures["registered"], figures["recognised"]
    assert (registered.current, registered.previous, registered.last_year) == (4, 1, 2)
    assert (recognised.current, recognised.previous, recognised.last_year) == (2, 0, 1)
    assert registered.previous_period == Period.second_half(2025)
    assert registered.last_year_period == Period.first_half(2025)
    assert registered.vs_previous.text == "▲ 3 (+300%)" and registered.vs_last_year.text == "▲ 2 (+100%)"
    assert recognised.vs_previous.text == "▲ 2" and recognised.label == "Được công nhận"
    # The period's own figures may come from the page's selector: then only the other periods are counted.
    with CaptureQueriesContext(connection) as given:
        again = compare(target, [(initiative_measures.INITIATIVES, ("registered",))], current={"registered": 4})
    with CaptureQueriesContext(connection) as counted:
        compare(target, [(initiative_measures.INITIATIVES, ("registered",))])
    assert again["registered"].current == 4 and len(given) < len(counted)
    # The other periods are counted within the viewer's scope, as the period is.
    officer_b = compare(Target(tree.province, H1_2026, viewer=personas.officer_b),
                        [(initiative_measures.INITIATIVES, ("registered",))])["registered"]  # fmt: skip
    assert (officer_b.current, officer_b.previous, officer_b.last_year) == (1, 1, 0)


def test_months_of_a_period() -> None:
    assert months(Period.year(2026)) == [Period.month(2026, m) for m in range(1, 13)]
    assert months(Period.quarter(2026, 4)) == [Period.month(2026, m) for m in (10, 11, 12)]
    custom = Period.custom(datetime.date(2025, 12, 20), datetime.date(2026, 2, 3))
    assert months(custom) == [Period.month(2025, 12), Period.month(2026, 1), Period.month(2026, 2)]


def test_month_by_month_each_measure_by_its_own_date(tree: Tree) -> None:
    january, march = datetime.date(2026, 1, 10), datetime.date(2026, 3, 31)
    first = model(tree.hamlet_a, january, recognised_on=march)
    model(tree.commune_b, january)
    model(tree.commune_b, datetime.date(2026, 5, 2), recognised_on=datetime.date(2026, 5, 3))
    model(tree.commune_b, datetime.date(2025, 12, 31), recognised_on=datetime.date(2026, 7, 1))  # both outside
    Commendation.objects.create(
        initiative=first, decision_no="1/QĐ", decision_date=datetime.date(2026, 2, 2), issuer="UBND xã",
        form=CommendationForm.GIAY_KHEN, issuer_type=IssuerType.STATE,
    )  # fmt: skip
    target = Target(tree.province, H1_2026, viewer=WHOLE_SYSTEM)
    names = ("registered", "recognised", "commended")
    series = monthly(initiative_measures.INITIATIVES, target, names)
    assert series.months == months(H1_2026)
    assert series.values["registered"] == [2, 0, 0, 0, 1, 0]
    assert series.values["recognised"] == [0, 0, 1, 0, 1, 0]
    assert series.values["commended"] == [0, 1, 0, 0, 0, 0]  # a commendation's date: one count per month
    # Each month is the engine's figure for that month; the months add up to the period.
    for i, month in enumerate(series.months):
        alone = compute(initiative_measures.INITIATIVES, Target(tree.province, month, viewer=WHOLE_SYSTEM),
                        measures=names).total  # fmt: skip
        assert {n: series.values[n][i] for n in names} == alone
    total = compute(initiative_measures.INITIATIVES, target, measures=names).total
    assert {n: sum(v for v in series.values[n] if v) for n in names} == total


def test_month_by_month_of_cases_counts_the_resolved_on_the_day_they_were_resolved(tree: Tree) -> None:
    case(tree.commune_a, datetime.date(2026, 1, 5), resolved_on=datetime.date(2026, 4, 1), status="closed")
    case(tree.commune_b, datetime.date(2026, 4, 7))
    series = monthly(
        petition_measures.CASES, Target(tree.province, H1_2026, viewer=WHOLE_SYSTEM), ("cases", "resolved")
    )
    assert series.values["cases"] == [1, 0, 0, 1, 0, 0]
    assert series.values["resolved"] == [0, 0, 0, 1, 0, 0]


def test_names_sort_as_a_vietnamese_list() -> None:
    names = ["Xã Đức Xuân", "Xã Dương Quang", "Xã Bắc Kạn", "Xã Ba Bể", "Xã An Khánh", "Xã Ân Thi", "Xã Ba Đình"]
    assert sorted(names, key=vietnamese_key) == [
        "Xã An Khánh", "Xã Ân Thi", "Xã Ba Bể", "Xã Ba Đình", "Xã Bắc Kạn", "Xã Dương Quang", "Xã Đức Xuân",
    ]  # fmt: skip
    assert sorted(["Phường 10", "Phường 2", "Phường A"], key=vietnamese_key)[-1] == "Phường A"


def test_a_table_adds_up_to_its_total_with_the_records_of_the_unit_itself() -> None:
    table = Table(
        "by-unit", "Theo đơn vị", "Đơn vị", ["Đăng ký", "Công nhận"],
        [Row("Xã Đức Xuân", [3, 1]), Row("Xã An Khánh", [2, 0])], total=[7, 1], rest_label="Của chính Tỉnh Mới",
    ).by_name()  # fmt: skip
    assert [r.label for r in table.rows] == ["Xã An Khánh", "Xã Đức Xuân", "Của chính Tỉnh Mới"]
    assert table.rows[-1].values == [2, 0] and table.rows[-1].fixed
    assert table.total_cells == ["7", "1"] and table.by_label
    exact = Table("t", "T", "Lĩnh vực", ["Số đơn"], [Row("Đất đai", [1451])], total=[1451], rest_label="Khác")
    assert [r.label for r in exact.rows] == ["Đất đai"] and exact.rows[0].pairs == [("1.451", "1451")]
