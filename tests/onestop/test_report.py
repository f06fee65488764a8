"""The one-stop section of the periodic report, on dossiers walked through the services: the sentences word
for word (with their zero and "no late dossier" variants), the comparison with the same period of last
year, the tables, the viewer's scope and the nation.

Quý III/2026 at Xã A: an early, an on-time (online), a late one with its apology slip, a chứng thực by post
(early), one overdue and one within time at the end of September, and a land dossier carried over from
June (finished late). Xã B: one early. Phường C (another province): one early. Quý III/2025 at Xã A: one
early, one late.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.core.periods import Period
from danvan.onestop import report, rules, services
from danvan.onestop.models import Dossier, Procedure, ServicePoint
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor("kiểm thử")
Q3 = Period.quarter(2026, 3)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def step(when: datetime.datetime, dossier: Dossier, action: str, **params: Any) -> None:
    with services.business_time(when):
        services.act(actor=SYSTEM, dossier=dossier, action=action, **params)


def receive(point: ServicePoint, procedure: Procedure, when: datetime.datetime, channel: str = "desk") -> Dossier:
    with services.business_time(when):
        return services.receive_dossier(actor=SYSTEM, service_point=point, procedure=procedure, channel=channel,
                                        applicant_name="Lương Văn Tuấn")  # fmt: skip


def finish(dossier: Dossier, when: datetime.datetime) -> Dossier:
    step(when - datetime.timedelta(minutes=30), dossier, "hand_over", department="Tư pháp")
    step(when, dossier, "result")
    dossier.refresh_from_db()
    return dossier


def render(context: Context) -> tuple[list[str], Built]:
    """The section as the report builds it: the figures of the three periods, then the sentences."""
    section = sections.section("onestop")
    now = section.figures(context, context.period)
    built = section.build(context, now, section.figures(context, context.previous),
                          section.figures(context, context.last_year))  # fmt: skip
    return [say(p.phrase, context.common() | p.values) if isinstance(p, Said) else p for p in built.paragraphs], built


@pytest.fixture
def quarter(desk, tree) -> dict[str, Dossier]:
    mon = datetime.date(2026, 7, 6)  # Monday 6/7/2026 … Friday 10/7/2026: an ordinary week
    tue, wed, thu, fri = (mon + datetime.timedelta(days=n) for n in range(1, 5))
    d: dict[str, Dossier] = {}
    d["carried"] = finish(
        receive(desk.point, desk.land, at(datetime.date(2026, 6, 22), 9)), at(datetime.date(2026, 7, 20), 9)
    )
    d["early"] = finish(receive(desk.point, desk.birth, at(mon, 9)), at(wed, 10))
    with services.business_time(at(mon, 8)):
        online = services.submit_online(service_point=desk.point, procedure=desk.birth, applicant_name="Bế Thị Lan")
    step(at(mon, 9), online, "receive")
    d["on_time"] = finish(online, at(thu, 16))
    late = receive(desk.point, desk.birth, at(mon, 9))
    step(at(tue, 9), late, "hand_over", department="Tư pháp")
    step(at(wed, 10), late, "apologise", reason="Chờ xác minh nơi sinh", new_due=fri)
    step(at(fri, 9), late, "result")
    late.refresh_from_db()
    d["late"] = late
    d["post"] = receive(desk.point, desk.certify, at(mon, 15, 10), channel="post")
    step(at(mon, 16), d["post"], "result")
    overdue = receive(desk.point, desk.birth, at(datetime.date(2026, 9, 21), 9))
    step(at(datetime.date(2026, 9, 21), 10), overdue, "hand_over", department="Tư pháp")
    d["within"] = receive(desk.point, desk.land, at(datetime.date(2026, 9, 28), 9))
    d["b"] = finish(receive(desk.point_b, desk.birth, at(mon, 9)), at(tue, 9))
    d["c"] = finish(receive(desk.point_c, desk.other_certify, at(mon, 9)), at(mon, 11))
    # The same quarter of 2025 at Xã A: one early, one late.
    mon25 = datetime.date(2025, 7, 7)
    d["early25"] = finish(receive(desk.point, desk.birth, at(mon25, 9)), at(mon25 + datetime.timedelta(days=1), 9))
    d["late25"] = finish(receive(desk.point, desk.birth, at(mon25, 9)), at(mon25 + datetime.timedelta(days=7), 9))
    return d


def test_the_province_word_for_word_with_last_year(quarter, tree, personas) -> None:
    T = rules.Timeliness
    assert [quarter[k].timeliness for k in ("carried", "early", "on_time", "late", "b", "early25", "late25")] == [
        T.LATE, T.EARLY, T.ON_TIME, T.LATE, T.EARLY, T.EARLY, T.LATE
    ]  # fmt: skip
    said, built = render(Context(tree.province, Q3, personas.supervisor))
    assert said == [
        "Trong quý III/2026, toàn tỉnh đã tiếp nhận 8 hồ sơ, gồm 1 hồ sơ kỳ trước chuyển sang và 7 hồ sơ tiếp nhận "
        "mới (trực tuyến 1 hồ sơ, đạt 14,29%; trực tiếp 5 hồ sơ; qua dịch vụ bưu chính công ích 1 hồ sơ).",
        "Đã giải quyết 6 hồ sơ, trong đó đúng hạn và trước hạn 4 hồ sơ (đạt 66,67%), trễ hạn 2 hồ sơ.",
        "Còn 2 hồ sơ đang giải quyết, trong đó trong hạn 1 hồ sơ, quá hạn 1 hồ sơ.",
        "Đã ban hành 1 phiếu xin lỗi và hẹn lại ngày trả kết quả.",
        "Tổng số thủ tục hành chính đang áp dụng là 3 thủ tục, trong đó dịch vụ công trực tuyến toàn trình 1 thủ "
        "tục (33,33%), dịch vụ công trực tuyến một phần 1 thủ tục (33,33%); 3 thủ tục (100%) được giải quyết theo "
        "cơ chế một cửa, một cửa liên thông.",
        "So với quý III/2025, số hồ sơ tiếp nhận tăng 6 (300%), số hồ sơ đã giải quyết tăng 4 (200%), số hồ sơ trễ "
        "hạn tăng 1 (100%); tỷ lệ giải quyết đúng hạn và trước hạn tăng 16,67 điểm %.",
    ]
    comparison, by_field, by_procedure, by_point, by_unit, catalogue = built.tables
    rows = {row[0]: row[1:] for row in comparison.text_rows()}
    # This quarter, the previous (the land dossier received in June, still in progress then), last year's.
    assert rows["Tổng số hồ sơ tiếp nhận"] == ["8", "1", "2", "tăng 6 (300%)"]
    on_time = rows["Tỷ lệ giải quyết đúng hạn và trước hạn"]
    assert (on_time[0], on_time[2], on_time[3]) == ("66,67%", "50%", "tăng 16,67 điểm %")
    assert rows["Đang giải quyết trong hạn"][:3] == ["1", "1", "0"]
    assert by_field.text_rows() == [
        ["Hộ tịch", "5", "1", "4", "2", "1", "1", "75%", "1"],
        ["Đất đai", "2", "0", "1", "0", "0", "1", "0%", "0"],
        ["Chứng thực", "1", "0", "1", "1", "0", "0", "100%", "0"],
        ["Tổng cộng", "8", "1", "6", "3", "1", "2", "66,67%", "1"],
    ]
    assert by_procedure.text_rows()[0][:3] == ["1.001193", "Đăng ký khai sinh", "5"]
    assert [r[:2] for r in by_point.text_rows()] == [["Trung tâm PVHCC xã A", "7"], ["Trung tâm PVHCC xã B", "1"],
                                                     ["Tổng cộng", "8"]]  # fmt: skip
    assert [r[:2] for r in by_unit.text_rows()] == [["Xã A", "7"], ["Xã B", "1"], ["Tổng cộng", "8"]]
    assert catalogue.text_rows()[0] == ["Dịch vụ công trực tuyến toàn trình", "1", "33,33%"]
    by_month, by_sub_unit = built.charts
    assert by_month.labels == ["7/2026", "8/2026", "9/2026"]
    assert by_month.series[0] == ("Tiếp nhận mới trong kỳ", [5.0, 0.0, 2.0])
    assert by_sub_unit.series[0] == ("Tiếp nhận", [7.0, 1.0])


def test_the_viewer_scope_the_nation_and_a_quarter_with_nothing(quarter, tree, personas) -> None:
    # Xã B's officer asking about the province reads Xã B alone: nothing late, nothing in progress.
    said, built = render(Context(tree.province, Q3, personas.officer_b))
    assert said[:4] == [
        "Trong quý III/2026, toàn tỉnh đã tiếp nhận 1 hồ sơ (trực tuyến 0 hồ sơ, đạt 0%; trực tiếp 1 hồ sơ; qua "
        "dịch vụ bưu chính công ích 0 hồ sơ).",
        "Đã giải quyết 1 hồ sơ, tất cả đều đúng hạn và trước hạn, không có hồ sơ trễ hạn.",
        "Không còn hồ sơ đang giải quyết.",
        "Không phát sinh phiếu xin lỗi và hẹn lại ngày trả kết quả.",
    ]
    assert said[-1] == (
        "So với quý III/2025, số hồ sơ tiếp nhận tăng 1, số hồ sơ đã giải quyết tăng 1, số hồ sơ trễ hạn không thay "
        "đổi; tỷ lệ giải quyết đúng hạn và trước hạn chưa có số liệu để so sánh."
    )
    assert [r[0] for r in built.tables[-2].rows] == ["Xã B", "Tổng cộng"]  # the sub-units: his own only
    # The nation (no unit): every province, the whole catalogue.
    nation = Context(None, Q3, WHOLE_SYSTEM)
    said, built = render(nation)
    assert said[0] == (
        "Trong quý III/2026, toàn quốc đã tiếp nhận 9 hồ sơ, gồm 1 hồ sơ kỳ trước chuyển sang và 8 hồ sơ tiếp nhận "
        "mới (trực tuyến 1 hồ sơ, đạt 12,5%; trực tiếp 6 hồ sơ; qua dịch vụ bưu chính công ích 1 hồ sơ)."
    )
    assert said[1] == "Đã giải quyết 7 hồ sơ, trong đó đúng hạn và trước hạn 5 hồ sơ (đạt 71,43%), trễ hạn 2 hồ sơ."
    assert said[4].startswith("Tổng số thủ tục hành chính đang áp dụng là 4 thủ tục, trong đó")
    assert [r[0] for r in built.tables[-2].rows] == ["Tỉnh Mới", "Tỉnh Khác", "Tổng cộng"]
    # A quarter with no dossier at all: one sentence says so, and no comparison of nothing with nothing.
    said, built = render(Context(tree.province, Period.quarter(2026, 1), WHOLE_SYSTEM))
    assert said == [
        "Trong quý I/2026, toàn tỉnh không tiếp nhận hồ sơ thủ tục hành chính nào.",
        "Tổng số thủ tục hành chính đang áp dụng là 3 thủ tục, trong đó dịch vụ công trực tuyến toàn trình 1 thủ "
        "tục (33,33%), dịch vụ công trực tuyến một phần 1 thủ tục (33,33%); 3 thủ tục (100%) được giải quyết theo "
        "cơ chế một cửa, một cửa liên thông.",
    ]
    # The detail tables of a quarter with nothing are left out (records of other quarters are not rows).
    assert [t.title for t in built.tables] == [
        "Công tác cải cách hành chính, thực hiện cơ chế một cửa, một cửa liên thông: các số liệu chính",
        "Thủ tục hành chính theo mức độ cung cấp dịch vụ công trực tuyến",
    ]


def test_the_section_is_registered_with_its_sentences() -> None:
    section = sections.section("onestop")
    assert section is report.SECTION and section.order == 50
    assert set(section.percents) <= set(section.labels)
    assert {p.key for p in section.phrases} <= set(sections.phrases())
