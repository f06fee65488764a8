"""The value of an indicator for a unit and a period: its own entered value, else aggregated from its
coverage by the indicator's rule — merged units counted under their successors on today's tree — within
the viewer's scope; computed indicators from a report section's figures; the target in force."""

import datetime
from decimal import Decimal as D

import pytest

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.indicators import rules, selectors
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from tests.indicators.conftest import define
from tests.indicators.test_services import record, target

pytestmark = pytest.mark.django_db
Y2026, Y2024 = Period.year(2026), Period.year(2024)
YEAR_2026 = (Y2026.start, Y2026.end)
YEAR_2024 = (Y2024.start, Y2024.end)


def value(indicator, unit, period=Y2026, viewer=WHOLE_SYSTEM, today_tree=True):
    return selectors.reading(indicator, unit, period, viewer=viewer, today_tree=today_tree)


def test_sums_roll_up_and_a_units_own_value_wins(tree, new_rural) -> None:
    record(new_rural, tree.commune_a, value=D(1), period=YEAR_2026)
    record(new_rural, tree.commune_b, value=D(1), period=YEAR_2026)
    record(new_rural, tree.hamlet_a, value=D(5), period=YEAR_2026)  # under xã A, which has its own value
    got = value(new_rural, tree.province)
    assert (got.value, got.how, got.units) == (D(2), selectors.HOW_AGGREGATED, 2)
    assert got.shown == "2 xã" and got.how_label == "Tổng hợp từ số liệu của 2 đơn vị"
    record(new_rural, tree.province, value=D(3), period=YEAR_2026, source="Báo cáo của UBND tỉnh")
    got = value(new_rural, tree.province)
    assert (got.value, got.how) == (D(3), selectors.HOW_ENTERED)
    assert value(new_rural, tree.other_province).value is None
    assert value(new_rural, tree.province, period=Period.first_half(2026)).value is None  # another period


def test_a_rate_is_recomputed_from_the_communes_numerators_and_denominators(tree, poverty) -> None:
    record(poverty, tree.commune_a, numerator=D(470), denominator=D(9344), period=YEAR_2026)
    record(poverty, tree.commune_b, numerator=D(30), denominator=D(1000), period=YEAR_2026)
    got = value(poverty, tree.province)
    assert (got.numerator, got.denominator) == (D(500), D(10344)) and got.shown == "4,83%"


def test_a_weighted_average_and_a_not_aggregable_index(tree, criteria, satisfaction) -> None:
    record(criteria, tree.commune_a, value=D(19), weight=D(1), period=YEAR_2026)
    record(criteria, tree.commune_b, value=D(6), weight=D(1), period=YEAR_2026)
    assert value(criteria, tree.province).shown == "12,5 tiêu chí"
    record(satisfaction, tree.commune_a, value=D("91.3"), period=YEAR_2026)
    assert value(satisfaction, tree.commune_a).shown == "91,3%"
    assert value(satisfaction, tree.province).value is None  # only a unit's own index


def test_a_value_entered_on_a_merged_unit_counts_under_its_successor_on_todays_tree(tree, poverty, new_rural) -> None:
    # Xã Cũ (until 30/6/2025) was merged into xã A; Tỉnh Cũ into Tỉnh Mới.
    record(poverty, tree.old_commune, numerator=D(12), denominator=D(400), period=YEAR_2024)
    record(new_rural, tree.old_commune, value=D(1), period=YEAR_2024)
    assert value(poverty, tree.commune_a, period=Y2024).shown == "3%"
    assert value(poverty, tree.province, period=Y2024).shown == "3%"
    assert value(new_rural, tree.province, period=Y2024).value == D(1)
    # On the tree as it was, xã A and Tỉnh Mới had no such commune: their own subtrees only.
    assert value(poverty, tree.commune_a, period=Y2024, today_tree=False).value is None
    assert value(poverty, tree.old_province, period=Y2024, today_tree=False).shown == "3%"


def test_the_viewer_sees_the_values_of_their_scope_only(tree, personas, poverty) -> None:
    record(poverty, tree.commune_a, numerator=D(470), denominator=D(9344), period=YEAR_2026)
    record(poverty, tree.commune_b, numerator=D(30), denominator=D(1000), period=YEAR_2026)
    assert value(poverty, tree.province, viewer=personas.officer_b).shown == "3%"  # xã B's only
    assert value(poverty, tree.province, viewer=personas.supervisor).shown == "4,83%"
    assert value(poverty, tree.commune_a, viewer=personas.officer_b).value is None
    by_unit = selectors.by_sub_unit(poverty, tree.province, Y2026, viewer=personas.supervisor)
    assert [(u.short_name, r.shown) for u, r in by_unit] == [("A", "5,03%"), ("B", "3%")]


def test_the_target_in_force(tree, poverty, new_rural) -> None:
    term = (datetime.date(2021, 1, 1), datetime.date(2030, 12, 31))
    target(poverty, tree.province, period=term, comparison="lt", value=D(6), basis="Nghị quyết Đại hội tỉnh")
    target(new_rural, tree.province, period=YEAR_2026, comparison="gte", value=D(2), basis="Kế hoạch năm 2026")
    indicators = [poverty, new_rural]
    province = selectors.targets_for(indicators, tree.province, Y2026)
    assert province[poverty.pk].words == "dưới 6%" and not province[poverty.pk].inherited
    assert province[new_rural.pk].basis == "Kế hoạch năm 2026"
    # A commune: the province's rate target holds, its count of communes does not.
    commune = selectors.targets_for(indicators, tree.commune_a, Y2026)
    assert commune[poverty.pk].inherited and new_rural.pk not in commune
    # The shortest period wins over the term; the unit's own over the province's.
    target(poverty, tree.province, period=YEAR_2026, comparison="lt", value=D(5), basis="Kế hoạch năm 2026")
    target(poverty, tree.commune_a, period=term, comparison="lt", value=D(4), basis="Nghị quyết Đại hội xã")
    assert selectors.targets_for(indicators, tree.province, Y2026)[poverty.pk].words == "dưới 5%"
    assert selectors.targets_for(indicators, tree.commune_a, Y2026)[poverty.pk].words == "dưới 4%"
    assert selectors.targets_for(indicators, tree.province, Period.year(2031)) == {}


def test_the_board_judges_each_indicator(tree, poverty, satisfaction) -> None:
    record(poverty, tree.commune_a, numerator=D(470), denominator=D(9344), period=YEAR_2026)
    second_half = (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
    record(poverty, tree.commune_a, numerator=D(520), denominator=D(9300), period=second_half)
    target(poverty, tree.province, period=YEAR_2026, basis="Nghị quyết")
    record(satisfaction, tree.commune_a, value=D(75), period=YEAR_2026)
    target(satisfaction, tree.commune_a, period=YEAR_2026, comparison="gt", value=D(80), basis="Đề án 06")
    got = {r.indicator.code: r for r in selectors.board(tree.commune_a, Y2026, viewer=WHOLE_SYSTEM).rows}
    assert got["ho_ngheo"].status == rules.Status.EXCEEDED and got["ho_ngheo"].target.inherited
    assert got["hai_long"].status == rules.Status.MISSED and got["hai_long"].status_label == "Chưa đạt"
    h2 = {r.indicator.code: r for r in selectors.board(tree.commune_a, Period.second_half(2025),
                                                         viewer=WHOLE_SYSTEM).rows}  # fmt: skip
    assert h2["ho_ngheo"].now.shown == "5,59%" and h2["ho_ngheo"].status is None  # no target for that half-year


def test_which_indicators_concern_a_unit(tree) -> None:
    everywhere = define("chung", name="Chung", measure_unit="turn", direction="higher", aggregation="sum")
    province = define("tinh", name="Của tỉnh", measure_unit="turn", direction="higher", aggregation="sum",
                      unit=tree.province)  # fmt: skip
    commune_b = define("xa_b", name="Của xã B", measure_unit="turn", direction="higher", aggregation="sum",
                       unit=tree.commune_b)  # fmt: skip
    old = define("tinh_cu", name="Của tỉnh cũ", measure_unit="turn", direction="higher", aggregation="sum",
                 unit=tree.old_province)  # fmt: skip
    codes = lambda unit: {i.code for i in selectors.indicators_for(unit)}  # noqa: E731
    assert codes(tree.commune_a) == {everywhere.code, province.code, old.code}  # xã Cũ lay under Tỉnh Cũ
    assert codes(tree.province) == {everywhere.code, province.code, commune_b.code, old.code}
    assert codes(tree.commune_c) == {everywhere.code}
    assert codes(None) == {everywhere.code, province.code, commune_b.code, old.code}


@pytest.fixture
def letters_section():
    """A tiny report section of another area, registered for the test (the real ones land elsewhere)."""

    def figures(context, period):
        # 189 letters in 167 cases, 77 resolved, in 2026 for xã A; nothing elsewhere or in other years.
        here = context.unit is not None and context.unit.short_name == "A" and period.start.year == 2026
        return {"letters": 189 if here else 0, "resolved": 77 if here else 0, "cases": 167 if here else 0}

    section = sections.Section(
        key="thu_nghiem", title="Thử nghiệm", order=999, permission="petitions.view", figures=figures,
        labels={"letters": "Đơn, thư", "resolved": "Đã giải quyết", "cases": "Vụ việc"},
        build=lambda *a: sections.Built(),
    )  # fmt: skip
    sections.register(section)
    yield section
    sections._SECTIONS.pop("thu_nghiem", None)


def test_a_computed_indicator_reads_a_section_figure(tree, letters_section) -> None:
    letters = define("don_thu", name="Số đơn, thư tiếp nhận", measure_unit="case", direction="lower",
                     aggregation="none", source="computed", figure="thu_nghiem.letters")  # fmt: skip
    resolved = define("giai_quyet", name="Tỷ lệ giải quyết", measure_unit="percent", direction="higher",
                      aggregation="sum", source="computed", numerator_figure="thu_nghiem.resolved",
                      denominator_figure="thu_nghiem.cases")  # fmt: skip
    assert letters.aggregation == rules.Aggregation.SUM and resolved.aggregation == rules.Aggregation.RATE
    got = selectors.readings([letters, resolved], tree.commune_a, Y2026, viewer=WHOLE_SYSTEM)
    assert (got[letters.pk].value, got[letters.pk].how) == (D(189), selectors.HOW_COMPUTED)
    assert got[resolved.pk].shown == "46,11%" and (got[resolved.pk].numerator, got[resolved.pk].denominator) == (
        77,
        167,
    )
    assert selectors.reading(resolved, tree.commune_b, Y2026, viewer=WHOLE_SYSTEM).value is None  # 0 of 0
    # A section that is gone gives no value and says why, rather than failing the page.
    sections._SECTIONS.pop("thu_nghiem")
    gone = selectors.reading(letters, tree.commune_a, Y2026, viewer=SYSTEM)
    assert gone.value is None and gone.problem == "Chưa có phần báo cáo “thu_nghiem”."
