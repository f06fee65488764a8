"""The report's section "Kết quả thực hiện các chỉ tiêu": the data behind the seeds' sentences is built
through the services, and the sentences are checked word for word."""

import datetime
from decimal import Decimal as D

import pytest

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.indicators import report, services
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Context, Said, comparison_table, say
from tests.indicators.test_services import record, target

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)
Y = (YEAR.start, YEAR.end)


def written(context: Context) -> tuple[list[str], sections.Built]:
    section = sections.section("indicators")
    now = section.figures(context, context.period)
    built = section.build(context, now, section.figures(context, context.previous),
                          section.figures(context, context.last_year))  # fmt: skip
    common = context.common()
    texts = [say(p.phrase, {**common, **p.values}) if isinstance(p, Said) else p for p in built.paragraphs]
    return texts, built


def test_the_seeds_sentences(tree, poverty, new_rural, criteria, satisfaction) -> None:
    assert sections.section("indicators") is report.SECTION and report.SECTION.order == 90
    # 470 poor households of 9.344 in the two communes: 5,03%, against "dưới 6%" of the resolution.
    record(poverty, tree.commune_a, numerator=D(300), denominator=D(6000), period=Y)
    record(poverty, tree.commune_b, numerator=D(170), denominator=D(3344), period=Y)
    target(poverty, tree.province, period=Y, comparison="lt", value=D(6), basis="Nghị quyết")
    # 19 communes certified (the province's own figure); 19 and 6 criteria in the two communes: 12,5.
    record(new_rural, tree.province, value=D(19), period=Y, source="Báo cáo của UBND tỉnh")
    record(criteria, tree.commune_a, value=D(19), weight=D(1), period=Y)
    record(criteria, tree.commune_b, value=D(6), weight=D(1), period=Y)
    record(satisfaction, tree.province, value=D("91.3"), period=Y, source="Kết quả khảo sát SIPAS")
    target(satisfaction, tree.province, period=Y, comparison="gt", value=D(80), basis="Đề án 06")
    context = Context(tree.province, YEAR, WHOLE_SYSTEM, today=datetime.date(2026, 12, 1))
    texts, built = written(context)
    assert texts == [
        "Tỷ lệ hộ nghèo còn 5,03%, vượt chỉ tiêu Nghị quyết (dưới 6%).",
        # The criteria's own sentence names its target; without one the section's wording is used.
        "19 xã đạt chuẩn nông thôn mới; số tiêu chí nông thôn mới bình quân mỗi xã đạt 12,5 tiêu chí.",
        "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước đạt 91,3% "
        "(mục tiêu Đề án 06 là phấn đấu đạt trên 80%).",
    ]
    term = (datetime.date(2021, 1, 1), datetime.date(2026, 12, 31))
    target(criteria, tree.province, period=term, comparison="gte", value=D(12),
           basis="Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI")  # fmt: skip
    assert written(context)[0][1] == (
        "19 xã đạt chuẩn nông thôn mới; bình quân mỗi xã đạt 12,5 tiêu chí, vượt mục tiêu Nghị quyết Đại hội "
        "Đảng bộ tỉnh lần thứ XI đề ra."
    )
    services.save_indicator(actor=SYSTEM, indicator=criteria, code=criteria.code, name=criteria.name,
                            measure_unit=criteria.measure_unit, direction=criteria.direction,
                            aggregation=criteria.aggregation, group=criteria.group, weight_label="Số xã",
                            decimals=1, order=criteria.order, sentence="bình quân mỗi xã đạt {gia_tri}")  # fmt: skip
    assert written(context)[0][1] == "19 xã đạt chuẩn nông thôn mới; bình quân mỗi xã đạt 12,5 tiêu chí."
    # The table: this period, the previous one, the same period last year, the target and its basis, the status.
    (table,) = built.tables
    assert table.title == comparison_table(report.SECTION, context, {}, {}, {}).title  # it replaces the kit's
    assert table.text_rows()[0] == ["Tỷ lệ hộ nghèo", "%", "5,03%", "—", "—", "dưới 6% (Nghị quyết)", "Vượt"]
    assert table.text_rows()[2] == [criteria.name, "tiêu chí", "12,5", "—", "—", "", ""]
    assert [r[0] for r in table.rows] == [poverty.name, new_rural.name, criteria.name, satisfaction.name]


def test_a_commune_missing_its_target_and_a_unit_without_figures(tree, poverty, satisfaction) -> None:
    record(poverty, tree.commune_b, numerator=D(700), denominator=D(10000), period=Y)
    target(poverty, tree.province, period=Y, comparison="lt", value=D(6), basis="Nghị quyết Đại hội Đảng bộ tỉnh")
    last_year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    record(poverty, tree.commune_b, numerator=D(800), denominator=D(10000), period=last_year)
    texts, built = written(Context(tree.commune_b, YEAR, WHOLE_SYSTEM))
    assert texts == ["Tỷ lệ hộ nghèo còn 7%, chưa đạt chỉ tiêu Nghị quyết Đại hội Đảng bộ tỉnh (dưới 6%)."]
    assert built.tables[0].text_rows() == [
        # (a year's previous period is the year before, as is its same period last year)
        ["Tỷ lệ hộ nghèo", "%", "7%", "8%", "8%", "dưới 6% (Nghị quyết Đại hội Đảng bộ tỉnh)", "Chưa đạt"]
    ]
    assert report.figures(Context(tree.commune_b, YEAR, WHOLE_SYSTEM), YEAR) == {
        "ho_ngheo": D("7.00"),
        "hai_long": None,
    }
    texts, built = written(Context(tree.commune_c, YEAR, WHOLE_SYSTEM))
    assert texts == [] and built.tables[0].rows == []
    assert dict(report.SECTION.labels) == {"ho_ngheo": "Tỷ lệ hộ nghèo", "hai_long": satisfaction.name}
