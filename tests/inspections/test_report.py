"""The inspections' section of the periodic report: the data walked through the services, the sentences word
for word (the zero cases too), the comparison with last year, the viewer's scope and the nation."""

from __future__ import annotations

import datetime

import pytest

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.inspections import report, services
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say
from tests.factories import OrganizationFactory
from tests.inspections.conftest import SYSTEM, approve, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
H1 = Period.first_half(2026)
TODAY = D(2026, 12, 1)


def visit(plan, unit, day):
    return services.record_visit(actor=SYSTEM, plan=plan, unit=unit, visited_on=day, checked=["Quy chế dân chủ"],
                                 strengths="Công khai đầy đủ")  # fmt: skip


def recommend(plan, at, content, due):
    return services.add_recommendation(actor=SYSTEM, plan=plan, visit=at, content=content,
                                       responsible=f"Ủy ban nhân dân {at.unit.name}", due_on=due)  # fmt: skip


def close(rec, day):
    services.act_recommendation(actor=SYSTEM, recommendation=rec, action="close", note="Đã thực hiện",
                                document_no="1/BC", on=day)  # fmt: skip


@pytest.fixture
def half_year(tree):
    """H1 2026: the province's Ban plans on 2/3 and visits xã A (three recommendations: closed on time, closed
    late, overdue at 30/6) and xã B (one, due 30/9), then concludes on 5/4. H1 2025: the old province's plan,
    one visit of the old commune (merged into xã A), one recommendation closed on time."""
    ban = OrganizationFactory(unit=tree.province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy Mới", kind="ban_tgdv")
    plan = approve(make_plan(tree, ban, plan_date=D(2026, 3, 2), start_on=D(2026, 3, 10), end_on=D(2026, 3, 31)))
    at_a, at_b = visit(plan, tree.commune_a, D(2026, 3, 12)), visit(plan, tree.commune_b, D(2026, 3, 20))
    close(recommend(plan, at_a, "Niêm yết danh mục thông tin công khai hằng quý", D(2026, 4, 15)), D(2026, 4, 10))
    close(recommend(plan, at_a, "Rà soát hương ước, quy ước", D(2026, 4, 1)), D(2026, 4, 20))
    recommend(plan, at_a, "Kiện toàn Ban Thanh tra nhân dân", D(2026, 5, 15))
    recommend(plan, at_b, "Nhân rộng mô hình “Dân vận khéo”", D(2026, 9, 30))
    services.act_plan(actor=SYSTEM, plan=plan, action="conclude", number="12-TB/BTGDVTU", on=D(2026, 4, 5))
    old_ban = OrganizationFactory(unit=tree.old_province, name="Ban Dân vận Tỉnh ủy Cũ", kind="ban_tgdv")
    old = approve(
        make_plan(tree, old_ban, plan_date=D(2025, 3, 2), start_on=D(2025, 3, 10), end_on=D(2025, 3, 31),
                  units=[tree.old_commune])
    )  # fmt: skip
    close(recommend(old, visit(old, tree.old_commune, D(2025, 3, 12)), "Công khai quỹ", None), D(2025, 4, 1))
    return plan


def section_of(unit, period, viewer) -> tuple[Context, Built]:
    context = Context(unit, period, viewer, today=TODAY)
    section = sections.section("inspections")
    figures = [section.figures(context, p) for p in (period, context.previous, context.last_year)]
    return context, section.build(context, *figures)


def texts(context: Context, built: Built) -> list[str]:
    return [say(p.phrase, {**context.common(), **p.values}) if isinstance(p, Said) else p for p in built.paragraphs]


def test_the_half_year_of_the_province_word_for_word(tree, half_year) -> None:
    context, built = section_of(tree.province, H1, WHOLE_SYSTEM)
    assert texts(context, built) == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã ban hành 1 kế hoạch kiểm tra, giám sát và 1 thông báo kết luận "
        "kiểm tra.",
        "Đã tổ chức 2 buổi kiểm tra, giám sát trực tiếp tại 2 đơn vị.",
        "Qua kiểm tra, giám sát đã đưa ra 4 kiến nghị.",
        "Đã thực hiện xong 2 kiến nghị (đúng hạn 1).",
        "Đến ngày 30/6/2026, còn 2 kiến nghị chưa thực hiện xong, trong đó 1 kiến nghị quá hạn.",
        # H1 2025: the old province's visit of the old commune, counted under the province that succeeded it.
        "So với 6 tháng đầu năm 2025, số buổi kiểm tra, giám sát tăng 1 (100%); số kiến nghị đưa ra tăng 3 "
        "(300%); số kiến nghị đã thực hiện xong tăng 1 (100%).",
    ]
    comparison, by_unit, overdue = built.tables
    assert comparison.text_rows()[0] == ["Kế hoạch kiểm tra, giám sát đã ban hành", "1", "0", "1", "bằng"]
    assert ["Tỷ lệ kiến nghị thực hiện đúng hạn", "50%", "—", "100%", "giảm 50 điểm %"] in comparison.text_rows()
    assert by_unit.text_rows() == [
        ["Xã A", "1", "1", "3", "2", "1", "1"],
        ["Xã B", "1", "1", "1", "0", "1", "0"],
        ["Tổng cộng", "2", "2", "4", "2", "2", "1"],
    ]
    assert overdue.title == "Kiến nghị quá hạn chưa thực hiện xong, tính đến ngày 30/6/2026"
    assert overdue.text_rows() == [
        ["Xã A", "Kiện toàn Ban Thanh tra nhân dân", "Ủy ban nhân dân Xã A", "05-KH/BTGDVTU", "15/5/2026", "46"]
    ]
    (chart,) = built.charts
    assert chart.labels == ["1/2026", "2/2026", "3/2026", "4/2026", "5/2026", "6/2026"]
    assert chart.series == [
        ("Buổi kiểm tra, giám sát", [0.0, 0.0, 2.0, 0.0, 0.0, 0.0]),
        ("Kiến nghị đưa ra", [0.0, 0.0, 4.0, 0.0, 0.0, 0.0]),
    ]


def test_a_quiet_quarter_reads_without_a_zero(tree, half_year) -> None:
    context, built = section_of(tree.commune_b, Period.quarter(2026, 3), WHOLE_SYSTEM)
    assert texts(context, built) == [
        "Trong quý III/2026, toàn xã chưa ban hành kế hoạch kiểm tra, giám sát nào.",
        "Trong kỳ chưa có buổi kiểm tra, giám sát nào tại đơn vị.",
        "Qua kiểm tra, giám sát chưa có kiến nghị nào được đưa ra trong kỳ.",
        "Trong kỳ chưa có kiến nghị nào được thực hiện xong.",
        "Đến ngày 30/9/2026, còn 1 kiến nghị đang thực hiện trong hạn.",
    ]
    assert [t.title for t in built.tables] == ["Công tác kiểm tra, giám sát: các số liệu chính"]
    assert built.charts == []


def test_the_viewer_sees_only_their_scope_and_the_nation_sees_every_province(tree, personas, half_year) -> None:
    # The officer of xã B sees xã B's visit and recommendation, not the province's plan.
    context, built = section_of(tree.province, H1, personas.officer_b)
    assert texts(context, built)[:5] == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh chưa ban hành kế hoạch kiểm tra, giám sát nào.",
        "Đã tổ chức 1 buổi kiểm tra, giám sát trực tiếp tại 1 đơn vị.",
        "Qua kiểm tra, giám sát đã đưa ra 1 kiến nghị.",
        "Trong kỳ chưa có kiến nghị nào được thực hiện xong.",
        "Đến ngày 30/6/2026, còn 1 kiến nghị đang thực hiện trong hạn.",
    ]
    ban_c = OrganizationFactory(unit=tree.other_province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy Khác")
    make_plan(tree, ban_c, number="3-KH/BTGDVTU", plan_date=D(2026, 5, 4), start_on=D(2026, 5, 11),
              end_on=D(2026, 5, 29), units=[tree.commune_c])  # fmt: skip
    context, built = section_of(None, H1, WHOLE_SYSTEM)
    assert texts(context, built)[0] == (
        "Trong 6 tháng đầu năm 2026, toàn quốc đã ban hành 2 kế hoạch kiểm tra, giám sát và 1 thông báo kết luận "
        "kiểm tra."
    )
    assert [row[:4] for row in built.tables[1].text_rows()] == [
        ["Tỉnh Mới", "2", "2", "4"],
        ["Tổng cộng", "2", "2", "4"],
    ]


def test_the_section_is_registered_with_its_sentences() -> None:
    section = sections.section("inspections")
    assert section is report.SECTION and section.order == 75 and section.permission == roles.INSPECTIONS.view
    assert {"inspections.plans", "inspections.open", "inspections.versus"} <= set(sections.phrases())
