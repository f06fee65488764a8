"""The dialogues' section of the periodic report: the data walked through the services, the sentences word
for word (the zero cases too), the comparison with last year, the viewer's scope and the nation."""

from __future__ import annotations

import datetime

import pytest

from danvan.accounts import roles
from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.dialogues import report, rules, services
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say
from tests.dialogues.conftest import commitment_in, plan

pytestmark = pytest.mark.django_db
D = datetime.date
H1 = Period.first_half(2026)
TODAY = D(2026, 12, 1)


def hold(unit, day, *, kind=rules.MeetingKind.DIALOGUE, raised=0, answered=0, listed=(), commitments=()):
    extra = (
        {"council": rules.Council.COMMUNE, "timing": rules.Timing.BEFORE} if kind != rules.MeetingKind.DIALOGUE else {}
    )
    meeting = plan(unit, kind=kind, planned_on=day, **extra)
    return services.record_meeting(
        actor=SYSTEM, meeting=meeting, held_on=day, attendance={rules.Group.HOUSEHOLDS: 40}, issues=list(listed),
        commitments=list(commitments), issues_raised=raised, issues_answered=answered,
    )  # fmt: skip


def complete(commitment, day):
    services.act_commitment(actor=SYSTEM, commitment=commitment, action="complete", note="Đã thực hiện",
                            reference="BC 1", on=day)  # fmt: skip


@pytest.fixture
def half_year(tree, ubnd_a):
    """H1 2026 in the province: xã A a dialogue (5 opinions, 3 answered, 3 commitments) and a voter contact (2
    opinions, 1 answered, 1 commitment), xã B a dialogue (1 opinion, answered); the Đông Khê market campaign
    with its 7 working groups; H1 2025 one dialogue in the old commune merged into xã A."""
    dialogue = hold(
        tree.commune_a, D(2026, 3, 2), raised=5, answered=3,
        listed=[rules.IssueIn("Đường lầy lội", rules.Field.INFRASTRUCTURE, answer="Sửa trong quý II"),
                rules.IssueIn("Chậm cấp sổ đỏ", rules.Field.LAND)],
        commitments=[commitment_in(ubnd_a, due=D(2026, 4, 1)),
                     commitment_in(ubnd_a, content="Trả lời về sổ đỏ", due=D(2026, 3, 20)),
                     commitment_in(ubnd_a, content="Lắp đèn đường", due=D(2026, 5, 30))],
    )  # fmt: skip
    on_time, late, _overdue = dialogue.commitments.order_by("pk")
    complete(on_time, D(2026, 3, 25))
    complete(late, D(2026, 4, 10))
    hold(tree.commune_a, D(2026, 4, 15), kind=rules.MeetingKind.VOTER_CONTACT, raised=2, answered=1,
         commitments=[commitment_in(ubnd_a, content="Nạo vét kênh", due=D(2026, 9, 30))])  # fmt: skip
    hold(tree.commune_b, D(2026, 5, 10), raised=1, answered=1)
    market = services.create_campaign(
        actor=SYSTEM, unit=tree.commune_a, name="Vận động di dời chợ Đông Khê cũ sang chợ mới",
        goal="Tiểu thương chủ động di dời", households_target=150,
        groups=[services.GroupIn(f"Tổ công tác số {n}") for n in range(1, 8)],
    )  # fmt: skip
    services.act_campaign(actor=SYSTEM, campaign=market, action="start", on=D(2026, 2, 1))
    services.act_campaign(actor=SYSTEM, campaign=market, action="progress", reached=120, agreeing=110,
                          on=D(2026, 5, 1))  # fmt: skip
    hold(tree.old_commune, D(2025, 3, 1), raised=1)


def section_of(unit, period, viewer) -> tuple[Context, Built]:
    context = Context(unit, period, viewer, today=TODAY)
    section = sections.section("dialogues")
    figures = [section.figures(context, p) for p in (period, context.previous, context.last_year)]
    return context, section.build(context, *figures)


def texts(context: Context, built: Built) -> list[str]:
    return [say(p.phrase, {**context.common(), **p.values}) if isinstance(p, Said) else p for p in built.paragraphs]


def test_the_half_year_of_the_province_word_for_word(tree, half_year) -> None:
    context, built = section_of(tree.province, H1, WHOLE_SYSTEM)
    assert texts(context, built) == [
        "Trong 6 tháng đầu năm 2026, người đứng đầu cấp ủy, chính quyền toàn tỉnh đã tổ chức 2 cuộc đối thoại "
        "trực tiếp với nhân dân và 1 cuộc tiếp xúc cử tri.",
        "Đã tiếp nhận 8 ý kiến, kiến nghị của nhân dân, trong đó 5 ý kiến được trả lời trực tiếp tại hội nghị.",
        "Qua đối thoại đã có 4 cam kết, kết luận của người đứng đầu.",
        "Đã thực hiện xong 2 cam kết (đúng hạn 1).",
        "Đến ngày 30/6/2026, còn 2 cam kết đang thực hiện, trong đó 1 cam kết quá hạn.",
        "Đã triển khai 1 cuộc vận động nhân dân, thành lập 7 tổ công tác đẩy mạnh tuyên truyền, vận động người dân.",
        "Qua vận động đã tiếp cận 120 hộ, trong đó 110 hộ đồng thuận, đạt 91,67%.",
        # H1 2025: the old commune's dialogue (1 opinion), counted under the province that succeeded it.
        "So với 6 tháng đầu năm 2025, số cuộc đối thoại, tiếp xúc cử tri tăng 2 (200%); số ý kiến, kiến nghị "
        "tiếp nhận tăng 7 (700%); số cam kết đã thực hiện xong tăng 2.",
    ]
    comparison, by_unit, by_field, overdue, campaigns = built.tables
    assert comparison.title == "Công tác đối thoại, tiếp xúc cử tri và thực hiện các cam kết: các số liệu chính"
    assert comparison.text_rows()[0] == ["Cuộc đối thoại, tiếp xúc cử tri đã tổ chức", "3", "0", "1", "tăng 2 (200%)"]
    assert ["Tỷ lệ cam kết thực hiện đúng hạn", "50%", "—", "—", "—"] in comparison.text_rows()
    assert by_unit.text_rows() == [
        ["Xã A", "1", "1", "7", "4", "4", "2", "1"],
        ["Xã B", "1", "0", "1", "1", "0", "0", "0"],
        ["Tổng cộng", "2", "1", "8", "5", "4", "2", "1"],
    ]
    # Two opinions listed one by one (one answered); the other six only counted on the records.
    assert by_field.text_rows() == [
        ["Đất đai, giải phóng mặt bằng", "1", "0", "0%"],
        ["Giao thông, hạ tầng", "1", "1", "100%"],
        ["Chưa ghi chi tiết lĩnh vực", "6", "4", "66,67%"],
        ["Tổng cộng", "8", "5", "62,5%"],
    ]
    assert overdue.title == "Cam kết quá hạn chưa thực hiện xong, tính đến ngày 30/6/2026"
    assert overdue.text_rows() == [["Xã A", "Lắp đèn đường", "Ủy ban nhân dân xã A", "30/5/2026", "31"]]
    assert campaigns.text_rows() == [
        ["Vận động di dời chợ Đông Khê cũ sang chợ mới", "Xã A", "Đang vận động", "7", "120", "110", "91,67%"]
    ]
    meetings, commitments, fields = built.charts
    assert meetings.labels[0] == "1/2026" and len(meetings.labels) == 6
    assert meetings.series == [
        ("Đối thoại trực tiếp", [0.0, 0.0, 1.0, 0.0, 1.0, 0.0]),
        ("Tiếp xúc cử tri", [0.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
    ]
    assert commitments.series[0] == ("Cam kết đưa ra", [0.0, 0.0, 3.0, 1.0, 0.0, 0.0])
    assert fields.kind == "bar" and fields.series == [("Ý kiến, kiến nghị", [1.0, 1.0])]


def test_nothing_held_reads_without_a_zero(tree, half_year) -> None:
    context, built = section_of(tree.commune_b, Period.quarter(2026, 1), WHOLE_SYSTEM)
    assert texts(context, built) == [
        "Trong quý I/2026, toàn xã chưa tổ chức cuộc đối thoại trực tiếp với nhân dân, tiếp xúc cử tri nào."
    ]
    assert [t.title for t in built.tables] == [
        "Công tác đối thoại, tiếp xúc cử tri và thực hiện các cam kết: các số liệu chính"
    ]
    assert built.charts == []


def test_the_viewer_sees_only_their_scope_and_the_nation_sees_every_province(tree, personas, half_year) -> None:
    context, built = section_of(tree.province, H1, personas.officer_b)
    assert texts(context, built)[:3] == [
        "Trong 6 tháng đầu năm 2026, người đứng đầu cấp ủy, chính quyền toàn tỉnh đã tổ chức 1 cuộc đối thoại "
        "trực tiếp với nhân dân; chưa tổ chức cuộc tiếp xúc cử tri nào.",
        "Đã tiếp nhận 1 ý kiến, kiến nghị của nhân dân và trả lời trực tiếp ngay tại hội nghị.",
        "Trong kỳ không phát sinh cam kết, kết luận mới qua đối thoại, tiếp xúc cử tri.",
    ]
    assert report.figures(context, H1)["commitments"] == 0
    hold(tree.commune_c, D(2026, 6, 1), kind=rules.MeetingKind.VOTER_CONTACT)
    context, built = section_of(None, H1, WHOLE_SYSTEM)
    assert texts(context, built)[0] == (
        "Trong 6 tháng đầu năm 2026, người đứng đầu cấp ủy, chính quyền toàn quốc đã tổ chức 2 cuộc đối thoại "
        "trực tiếp với nhân dân và 2 cuộc tiếp xúc cử tri."
    )
    by_unit = built.tables[1]
    assert [row[:3] for row in by_unit.text_rows()] == [
        ["Tỉnh Mới", "2", "1"],
        ["Tỉnh Khác", "0", "1"],
        ["Tổng cộng", "2", "2"],
    ]


def test_the_section_is_registered_with_its_sentences() -> None:
    section = sections.section("dialogues")
    assert section is report.SECTION and section.order == 60 and section.permission == roles.DIALOGUES.view
    assert {"dialogues.meetings", "dialogues.open", "dialogues.versus"} <= set(sections.phrases())
