"""The satisfaction section of the periodic report, on survey answers and per-dossier ratings written through
the services: the sentences word for word (with the target and its source, the elements, the rank and its
change, the ratings), the comparison with the same period of last year, a month with nothing, the viewer's
scope and the nation.

6 tháng cuối năm 2026 — Xã A: overall 5, 4, 4, 3 (75%); Xã B: 5, 2 (50%), and Xã B's forms answer the first
element 2. 6 tháng đầu năm 2026 — Xã A: 2, 4 (50%); Xã B: 5 (100%). 6 tháng cuối năm 2025 — Xã A: 4, 2.
Three dossiers of Xã A rated 5, 4 and 2 in August 2026.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from danvan.core.periods import Period
from danvan.onestop import services as onestop
from danvan.satisfaction import report, services
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say
from tests.satisfaction.conftest import SYSTEM, Survey, answer_all

pytestmark = pytest.mark.django_db
H2 = Period.second_half(2026)
CODE = "1.001193"


def render(context: Context) -> tuple[list[str], Built]:
    """The section as the report builds it: the figures of the three periods, then the sentences."""
    section = sections.section("satisfaction")
    now = section.figures(context, context.period)
    built = section.build(context, now, section.figures(context, context.previous),
                          section.figures(context, context.last_year))  # fmt: skip
    return [say(p.phrase, context.common() | p.values) if isinstance(p, Said) else p for p in built.paragraphs], built


def answered(survey: Survey, campaign, unit, day: datetime.date, overall: list[int], first: int = 4) -> None:
    """Forms of ``unit`` answered on ``day``: every item 4, the overall question ``overall``, the first
    element's own question ``first``."""
    forms = [
        services.Answers(
            unit, CODE, answer_all(survey, 4) | {survey.overall: o, survey.element_item(0): first}, None, day
        )
        for o in overall
    ]
    services.record_responses(campaign=campaign, responses=forms, actor=SYSTEM)


def rated(tree, levels: list[int]) -> None:
    """Dossiers of Xã A received, finished, returned and rated in August 2026 (the one-stop ratings)."""
    procedure = onestop.save_procedure(actor=SYSTEM, unit=tree.province, code=CODE, name="Đăng ký khai sinh",
                                       field="Hộ tịch", level="commune", days=3, online_level="full")  # fmt: skip
    point = onestop.save_service_point(actor=SYSTEM, unit=tree.commune_a, name="Trung tâm PVHCC xã A", kind="commune")
    monday = datetime.date(2026, 8, 3)
    for level in levels:

        def at(days: int, hour: int) -> datetime.datetime:
            return timezone.make_aware(datetime.datetime.combine(monday + datetime.timedelta(days=days),
                                                                 datetime.time(hour)))  # fmt: skip

        with onestop.business_time(at(0, 9)):
            dossier = onestop.receive_dossier(actor=SYSTEM, service_point=point, procedure=procedure,
                                              applicant_name="Hoàng Thị Mai")  # fmt: skip
        with onestop.business_time(at(1, 9)):
            onestop.act(actor=SYSTEM, dossier=dossier, action="result")
        with onestop.business_time(at(1, 10)):
            onestop.act(actor=SYSTEM, dossier=dossier, action="return_result", method="desk")
            onestop.rate(dossier=dossier, channel="kiosk", level=level, token=dossier.rating_token)


@pytest.fixture
def year(survey, tree) -> Survey:
    a, b = tree.commune_a, tree.commune_b
    answered(survey, survey.campaign, a, datetime.date(2026, 8, 10), [5, 4, 4, 3])
    answered(survey, survey.campaign, b, datetime.date(2026, 9, 10), [5, 2], first=2)
    answered(survey, survey.campaign, a, datetime.date(2026, 3, 10), [2, 4])
    answered(survey, survey.campaign, b, datetime.date(2026, 3, 10), [5])
    plan = [{"unit": a, "procedure_code": CODE, "procedure_name": "Đăng ký khai sinh", "quota": 2}]
    before = services.create_campaign(actor=SYSTEM, questionnaire=survey.questionnaire, unit=tree.province,
                                      name="Khảo sát 2025", starts_on=datetime.date(2025, 7, 1),
                                      ends_on=datetime.date(2025, 12, 31), plan=plan)  # fmt: skip
    services.open_campaign(actor=SYSTEM, campaign=before)
    answered(survey, before, a, datetime.date(2025, 9, 10), [4, 2])
    services.set_target(actor=SYSTEM, unit=tree.province, period=H2, value="80", legal_basis="Đề án 06")
    services.set_target(actor=SYSTEM, unit=a, period=H2, value="70", comparison="at_least")
    rated(tree, [5, 4, 2])
    return survey


def test_the_province_and_the_commune_word_for_word(year, tree, personas) -> None:
    said, built = render(Context(tree.province, H2, personas.supervisor))
    assert said == [
        "Trong 6 tháng cuối năm 2026, qua khảo sát 6 phiếu, chỉ số hài lòng của người dân, tổ chức đối với sự phục "
        "vụ của cơ quan hành chính nhà nước toàn tỉnh đạt 66,67% (mục tiêu Đề án 06 là phấn đấu đạt trên 80%), chưa "
        "đạt mục tiêu đề ra (còn thiếu 13,33 điểm %).",
        "Theo từng yếu tố, chỉ số hài lòng về tiếp cận dịch vụ đạt 66,67%; thủ tục hành chính đạt 100%; công chức "
        "trực tiếp giải quyết công việc đạt 100%; kết quả cung ứng dịch vụ đạt 100%; tiếp nhận, giải quyết góp ý, "
        "phản ánh, kiến nghị đạt 100%.",
        "Về chỉ số hài lòng, Tỉnh Mới xếp thứ 1/1 tỉnh, thành phố, giữ nguyên thứ hạng so với 6 tháng đầu năm 2026.",
        "Người dân, tổ chức đã thực hiện 3 lượt đánh giá việc giải quyết hồ sơ thủ tục hành chính, trong đó hài "
        "lòng, rất hài lòng 2 lượt, đạt 66,67%.",
        "So với 6 tháng cuối năm 2025, chỉ số hài lòng tăng 16,67 điểm %; tỷ lệ hài lòng qua đánh giá hồ sơ chưa có "
        "số liệu để so sánh.",
    ]
    comparison, elements, sub_units, siblings = built.tables  # no expectation ticked: no table of them
    rows = {row[0]: row[1:] for row in comparison.text_rows()}
    assert rows["Chỉ số hài lòng chung"] == ["66,67%", "66,67%", "50%", "tăng 16,67 điểm %"]
    assert rows["Phiếu khảo sát thu về"] == ["6", "3", "2", "tăng 4 (200%)"]
    assert rows["Lượt đánh giá hồ sơ"] == ["3", "0", "0", "tăng 3"]
    assert elements.text_rows()[0] == ["Tiếp cận dịch vụ", "6", "4", "66,67%"]
    assert elements.text_rows()[-1] == ["Hài lòng chung", "6", "4", "66,67%"]
    assert sub_units.text_rows() == [["1/2", "Xã A", "4", "3", "75%"], ["2/2", "Xã B", "2", "1", "50%"]]
    assert siblings.text_rows() == [["1/1", "Tỉnh Mới", "6", "4", "66,67%"]]
    assert built.charts[0].labels == ["7/2026", "8/2026", "9/2026", "10/2026", "11/2026", "12/2026"]
    assert built.charts[0].series[0] == ("Ý kiến hợp lệ về sự hài lòng chung", [0.0, 4.0, 2.0, 0.0, 0.0, 0.0])
    assert built.charts[1].series == [("Chỉ số hài lòng", [75.0, 50.0])]
    # Xã A: its own target ("từ 70%", no source named) is met; it rose from second to first among the communes.
    said, built = render(Context(tree.commune_a, H2, personas.officer_a))
    assert said[0] == (
        "Trong 6 tháng cuối năm 2026, qua khảo sát 4 phiếu, chỉ số hài lòng của người dân, tổ chức đối với sự phục "
        "vụ của cơ quan hành chính nhà nước toàn xã đạt 75% (mục tiêu là phấn đấu đạt từ 70% trở lên), đạt mục tiêu "
        "đề ra (cao hơn 5 điểm %)."
    )
    assert said[2] == "Về chỉ số hài lòng, Xã A xếp thứ 1/2 xã, phường, tăng 1 bậc so với 6 tháng đầu năm 2026."
    assert said[-1] == (
        "So với 6 tháng cuối năm 2025, chỉ số hài lòng tăng 25 điểm %; tỷ lệ hài lòng qua đánh giá hồ sơ chưa có số "
        "liệu để so sánh."
    )
    # The rank is among every commune; the table of siblings shows only those the officer may see.
    siblings = next(t for t in built.tables if t.title == "Xếp hạng chỉ số hài lòng giữa các xã, phường")
    assert [row[:2] for row in siblings.text_rows()] == [["1/2", "Xã A"]]


def test_the_viewer_scope_the_nation_and_a_month_with_nothing(year, tree, personas) -> None:
    # Xã B's officer asking about the province reads Xã B's forms alone, and not the province's target.
    said, _ = render(Context(tree.province, H2, personas.officer_b))
    assert said[0] == (
        "Trong 6 tháng cuối năm 2026, qua khảo sát 2 phiếu, chỉ số hài lòng của người dân, tổ chức đối với sự phục "
        "vụ của cơ quan hành chính nhà nước toàn tỉnh đạt 50% (1/2 ý kiến hài lòng, rất hài lòng)."
    )
    assert "Chưa có lượt đánh giá nào của người dân, tổ chức đối với việc giải quyết hồ sơ thủ tục hành chính." in said
    # The nation: no target, no siblings; its provinces ranked.
    said, built = render(Context(None, H2, WHOLE_SYSTEM))
    assert said[0] == (
        "Trong 6 tháng cuối năm 2026, qua khảo sát 6 phiếu, chỉ số hài lòng của người dân, tổ chức đối với sự phục "
        "vụ của cơ quan hành chính nhà nước toàn quốc đạt 66,67% (4/6 ý kiến hài lòng, rất hài lòng)."
    )
    assert said[1].startswith("Theo từng yếu tố, chỉ số hài lòng về tiếp cận dịch vụ đạt 66,67%; thủ tục")
    assert not any(s.startswith("Về chỉ số hài lòng") for s in said)
    assert said[-1].startswith("So với 6 tháng cuối năm 2025, chỉ số hài lòng tăng 16,67 điểm %")
    assert built.tables[1].text_rows()[0] == ["Tiếp cận dịch vụ", "6", "4", "66,67%"]
    assert built.tables[2].text_rows() == [["1/1", "Tỉnh Mới", "6", "4", "66,67%"]]
    # November 2026: no form, no rating, nothing to compare; the target of the half-year still stands.
    said, built = render(Context(tree.province, Period.month(2026, 11), personas.supervisor))
    assert said == [
        "Trong tháng 11/2026, toàn tỉnh chưa có kết quả khảo sát sự hài lòng của người dân, tổ chức (mục tiêu Đề án "
        "06 là phấn đấu đạt trên 80%).",
        "Chưa có lượt đánh giá nào của người dân, tổ chức đối với việc giải quyết hồ sơ thủ tục hành chính.",
    ]
    assert [t.title for t in built.tables] == ["Sự hài lòng của người dân, tổ chức: các số liệu chính"]


def test_the_section_is_registered_with_its_sentences() -> None:
    section = sections.section("satisfaction")
    assert section is report.SECTION and section.order == 55
    assert set(section.percents) <= set(section.labels)
    assert {p.key for p in section.phrases} <= set(sections.phrases())
