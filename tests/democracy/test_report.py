"""The grassroots-democracy section of the periodic report: the data walked through the services, the
sentences word for word (the zero cases too), the comparison with last year, the viewer's scope and the
nation."""

from __future__ import annotations

import datetime

import pytest

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.democracy import report, services
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say
from tests.democracy.conftest import SYSTEM, VN, decision_data, publication_data

pytestmark = pytest.mark.django_db
D = datetime.date
H1 = Period.first_half(2026)
TODAY = D(2026, 12, 1)


@pytest.fixture
def half_year(tree):
    """H1 2026: xã A publishes on time and 7 working days late, xã B a procedure list (posted permanently) and a
    social-support list posted 17 days only; xã A's thôn A1 votes a contribution (not passed) and its head
    (passed, recognised late); a consultation in each commune, xã A's answered; two findings of xã A's board,
    one answered. H1 2025: one publication of the old commune merged into xã A."""
    a, b = tree.commune_a, tree.commune_b
    services.record_publication(actor=SYSTEM, unit=a, **publication_data())
    services.record_publication(
        actor=SYSTEM, unit=a, **publication_data(published_on=D(2026, 3, 12), posted_from=D(2026, 3, 12))
    )
    services.record_publication(actor=SYSTEM, unit=b, **publication_data(category=13, posted_to=None))
    services.record_publication(actor=SYSTEM, unit=b, **publication_data(category=7, posted_to=D(2026, 3, 20)))
    april = datetime.datetime(2026, 4, 10, 19, 0, tzinfo=VN)
    services.record_decision(actor=SYSTEM, unit=a, hamlet=tree.hamlet_a, **decision_data(held_at=april, votes_for=50))
    head = services.record_decision(
        actor=SYSTEM, unit=a, hamlet=tree.hamlet_a, **decision_data(matter=4, held_at=april, votes_for=50)
    )
    services.act_on_decision(actor=SYSTEM, decision=head, action="send", on=D(2026, 4, 13))
    services.act_on_decision(actor=SYSTEM, decision=head, action="recognise", on=D(2026, 4, 24), decision_ref="7/QĐ")
    for unit, response in ((a, "Đã tiếp thu, điều chỉnh kế hoạch"), (b, "")):
        services.record_consultation(
            actor=SYSTEM, unit=unit, subject="plans", title="Kế hoạch phát triển kinh tế - xã hội năm 2027",
            forms=["meeting"], starts_on=D(2026, 5, 4), ends_on=D(2026, 5, 20), participants=120,
            response=response, responded_on=D(2026, 5, 25) if response else None,
        )  # fmt: skip
    board = services.save_board(actor=SYSTEM, unit=a, term_start=D(2025, 7, 1), term_end=D(2030, 6, 30))
    for subject in ("Quỹ đóng góp làm đường", "Công khai danh sách hộ nghèo"):
        finding = services.record_finding(
            actor=SYSTEM, board=board, found_on=D(2026, 5, 5), subject=subject, finding="Chưa công khai",
            recommendation="Công khai tại nhà văn hóa", addressed_to="UBND xã A",
        )  # fmt: skip
    services.answer_finding(actor=SYSTEM, finding=finding, answer="Đã niêm yết", answered_on=D(2026, 5, 20))
    services.record_publication(
        actor=SYSTEM, unit=tree.old_commune,
        **publication_data(decided_on=D(2025, 3, 2), published_on=D(2025, 3, 4), posted_from=D(2025, 3, 4),
                           posted_to=D(2025, 4, 10)),
    )  # fmt: skip


def section_of(unit, period, viewer) -> tuple[Context, Built]:
    context = Context(unit, period, viewer, today=TODAY)
    section = sections.section("democracy")
    figures = [section.figures(context, p) for p in (period, context.previous, context.last_year)]
    return context, section.build(context, *figures)


def texts(context: Context, built: Built) -> list[str]:
    return [say(p.phrase, {**context.common(), **p.values}) if isinstance(p, Said) else p for p in built.paragraphs]


def test_the_half_year_of_the_province_word_for_word(tree, half_year) -> None:
    context, built = section_of(tree.province, H1, WHOLE_SYSTEM)
    assert texts(context, built) == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã công khai 4 nội dung thông tin theo Điều 11 Luật Thực hiện dân "
        "chủ ở cơ sở 2022, trong đó 2 nội dung chưa bảo đảm quy định tại Điều 13 (1 nội dung công khai chậm quá "
        "05 ngày làm việc, 1 nội dung niêm yết chưa đủ thời gian).",
        "Nhân dân đã bàn và quyết định 2 việc theo Điều 15, trong đó 1 việc được thông qua.",
        "Đã công nhận 1 kết quả Nhân dân bàn và quyết định theo thẩm quyền (Điều 21.2).",
        "Có 1 trường hợp gửi biên bản hoặc công nhận kết quả chậm so với thời hạn 05 ngày làm việc (Điều 20.3, 21.2).",
        "Đã tổ chức 2 đợt lấy ý kiến Nhân dân theo Điều 25, trong đó 1 đợt đã tiếp thu, giải trình ý kiến của "
        "Nhân dân.",
        "Qua kiểm tra, giám sát, Ban Thanh tra nhân dân đã có 2 kiến nghị, trong đó 1 kiến nghị đã được trả lời, "
        "xử lý.",
        "So với 6 tháng đầu năm 2025, số nội dung thông tin được công khai tăng 3 (300%); số việc Nhân dân bàn và "
        "quyết định tăng 2; số đợt lấy ý kiến Nhân dân tăng 2.",
    ]
    comparison, by_unit, by_category, by_matter = built.tables
    assert comparison.text_rows()[0] == ["Nội dung thông tin đã công khai (Điều 11)", "4", "0", "1", "tăng 3 (300%)"]
    assert ["Tỷ lệ công khai đúng thời hạn", "75%", "—", "100%", "giảm 25 điểm %"] in comparison.text_rows()
    assert by_unit.text_rows() == [
        ["Xã A", "2", "1", "1", "2", "1", "1"],
        ["Xã B", "2", "0", "1", "0", "0", "0"],
        ["Tổng cộng", "4", "1", "2", "2", "1", "1"],
    ]
    assert by_category.text_rows() == [
        ["1. Kế hoạch phát triển kinh tế - xã hội và kết quả thực hiện", "2", "1", "1"],
        ["7. Chính sách an sinh xã hội: tiêu chí, đối tượng, kết quả", "1", "0", "1"],
        ["13. Thủ tục hành chính", "1", "0", "0"],
        ["Tổng cộng", "4", "1", "2"],
    ]
    assert by_matter.text_rows() == [
        ["1. Chủ trương, mức đóng góp xây dựng công trình công cộng, hạ tầng", "1", "0", "0"],
        ["4. Bầu, cho thôi làm trưởng thôn, tổ trưởng tổ dân phố", "1", "1", "1"],
        ["Tổng cộng", "2", "1", "1"],
    ]
    (chart,) = built.charts
    assert chart.series == [
        ("Nội dung đã công khai", [0.0, 0.0, 4.0, 0.0, 0.0, 0.0]),
        ("Việc Nhân dân bàn, quyết định", [0.0, 0.0, 0.0, 2.0, 0.0, 0.0]),
    ]


def test_an_empty_quarter_reads_without_a_zero(tree, half_year) -> None:
    context, built = section_of(tree.commune_b, Period.quarter(2026, 3), WHOLE_SYSTEM)
    assert texts(context, built) == [
        "Trong quý III/2026, toàn xã chưa ghi nhận nội dung thông tin nào được công khai theo Điều 11 Luật Thực hiện "
        "dân chủ ở cơ sở 2022.",
        "Trong kỳ chưa tổ chức cho Nhân dân bàn và quyết định việc nào theo Điều 15.",
        "Trong kỳ chưa tổ chức đợt lấy ý kiến Nhân dân nào theo Điều 25.",
        "Trong kỳ Ban Thanh tra nhân dân chưa có kiến nghị nào.",
    ]
    assert len(built.tables) == 1 and built.charts == []


def test_the_viewer_sees_only_their_scope_and_the_nation_sees_every_province(tree, personas, half_year) -> None:
    context, built = section_of(tree.province, H1, personas.officer_b)
    assert texts(context, built)[:3] == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã công khai 2 nội dung thông tin theo Điều 11 Luật Thực hiện dân "
        "chủ ở cơ sở 2022, trong đó 1 nội dung chưa bảo đảm quy định tại Điều 13 (1 nội dung niêm yết chưa đủ "
        "thời gian).",
        "Trong kỳ chưa tổ chức cho Nhân dân bàn và quyết định việc nào theo Điều 15.",
        "Đã tổ chức 1 đợt lấy ý kiến Nhân dân theo Điều 25; chưa có đợt nào được tiếp thu, giải trình.",
    ]
    services.record_publication(actor=SYSTEM, unit=tree.commune_c, **publication_data())
    context, built = section_of(None, H1, WHOLE_SYSTEM)
    assert report.figures(context, H1)["published"] == 5
    assert [row[:2] for row in built.tables[1].text_rows()] == [
        ["Tỉnh Mới", "4"],
        ["Tỉnh Khác", "1"],
        ["Tổng cộng", "5"],
    ]


def test_the_section_is_registered_with_its_sentences() -> None:
    section = sections.section("democracy")
    assert section is report.SECTION and section.order == 70 and section.permission == roles.DEMOCRACY.view
    assert {"democracy.publications", "democracy.decisions", "democracy.versus"} <= set(sections.phrases())
