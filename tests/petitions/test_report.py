"""The report's section on citizen reception and petitions (issue 14): the seeds' sentences word for word
from letters received and cases resolved through the services, the zero and singular wordings, the
comparison with the previous period and the same period last year, the viewer's scope and the nation."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.petitions import report, services
from danvan.petitions.models import Case
from danvan.reports.build import build as build_report
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say
from danvan.units.models import Unit
from tests.conftest import Personas, Tree
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db
d = datetime.date
H1 = Period.first_half(2026)


def section_of(unit: Unit | None, period: Period, viewer: Any) -> tuple[Context, dict[str, Any], Built]:
    """The section as the report builds it: the figures of the three periods, then the narrative."""
    context = Context(unit, period, viewer)
    section = sections.section("petitions")
    now, previous, last_year = (section.figures(context, p) for p in (period, context.previous, context.last_year))
    return (
        context,
        {"now": now, "previous": previous, "last_year": last_year},
        section.build(context, now, previous, last_year),
    )


def text(context: Context, built: Built) -> list[str]:
    return [say(p.phrase, {**context.common(), **p.values}) if isinstance(p, Said) else p for p in built.paragraphs]


_senders = iter(range(1, 100_000))


def receive(unit: Unit, on: datetime.date, *, kind: str = "kn", case: Case | None = None) -> Case:
    """A letter received through the services from its own sender (so that it opens its own case), or a
    further letter of ``case``."""
    n = next(_senders)
    letter = services.receive_letter(
        actor=SYSTEM,
        unit=unit,
        case=case,
        intake=intake(
            received_on=on,
            kind=kind,
            sender_name=f"Công dân số {n}",
            sender_id_number="",
            content=f"Đơn số {n}: đề nghị xem xét việc số {n * 7919} tại thôn {n % 13}.",
        ),
    )
    assert letter.case is not None
    return letter.case


def resolve(case: Case, on: datetime.date) -> None:
    """Classified, accepted and decided (a complaint's decision; a proposal's answer) through the services."""
    services.classify(actor=SYSTEM, case=case)
    services.propose_acceptance(actor=SYSTEM, case=case)
    services.accept(actor=SYSTEM, case=case, on=case.received_on)
    services.decide(actor=SYSTEM, case=case, on=on, outcome="right" if case.kind in ("kn", "tc") else "")


def test_letters_and_cases_entered_through_the_services_read_as_the_seed(tree: Tree, personas: Personas) -> None:
    """Seed 000's sentence ("tiếp nhận 189 đơn, thư với 167 vụ việc. Trong đó, đã giải quyết 77 đơn/77 vụ
    việc") from a tenth of its letters, entered and resolved through the services (the whole 189 take 20 s:
    the seed's own figures are given to the section in the next test). A resolved case with a further
    letter counts two letters resolved."""
    cases = []
    for n in range(17):
        unit = tree.commune_a if n % 3 else tree.commune_b
        cases.append(receive(unit, d(2026, 1 + n % 6, 1 + n), kind=("kn", "tc", "kng", "pa")[n % 4]))
    for case in (cases[0], cases[9]):  # two further letters of the same matters: 19 letters
        receive(case.unit, case.received_on + datetime.timedelta(days=1), kind=case.kind, case=case)
    for case in cases[:8]:
        resolve(case, case.received_on + datetime.timedelta(days=7))

    context, figures, built = section_of(tree.province, H1, personas.supervisor)
    now = figures["now"]
    assert (now["letters"], now["cases"], now["letters_resolved"], now["resolved"]) == (19, 17, 9, 8)
    assert text(context, built)[:4] == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 19 đơn, thư với 17 vụ việc; đã giải quyết 9 đơn/8 vụ việc.",
        "Có 19 lượt công dân đến trình bày trực tiếp.",
        "Về phân loại, có 6 đơn khiếu nại, 5 đơn tố cáo và 8 đơn kiến nghị, phản ánh.",
        "Tỷ lệ giải quyết đúng hạn đạt 100% (8/8 vụ việc).",
    ]
    kinds = next(t for t in built.tables if t.title == "Đơn, thư và vụ việc theo loại")
    assert kinds.text_rows()[0] == ["Khiếu nại", "6", "31,58%", "5", "2", kinds.text_rows()[0][5]]
    assert kinds.text_rows()[-1][:5] == ["Tổng cộng", "19", "100%", "17", "8"]


def test_the_seeds_figures_given_to_the_section_read_as_the_seed(tree: Tree) -> None:
    context = Context(tree.province, H1, WHOLE_SYSTEM)
    now: dict[str, Any] = dict.fromkeys(report.LABELS, 0) | {
        "letters": 189,
        "cases": 167,
        "letters_resolved": 77,
        "resolved": 77,
    }
    now |= {"resolved_on_time": 65, "on_time_rate": Decimal("84.42"), "complaints": 85, "denunciations": 40}
    now |= {"proposals": 64, "carried_over": 12, "overdue_open": 3, "sessions": 102, "visits": 150}
    previous = now | {"letters": 160}
    last_year = now | {"letters": 175, "cases": 170, "resolved": 77}
    assert text(context, Built(paragraphs=list(report.paragraphs(now, previous, last_year)))) == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 189 đơn, thư với 167 vụ việc; "
        "đã giải quyết 77 đơn/77 vụ việc.",
        "Các cơ quan, đơn vị đã tổ chức 102 lượt tiếp công dân, tiếp 150 lượt công dân đến trình bày trực tiếp.",
        "Về phân loại, có 85 đơn khiếu nại, 40 đơn tố cáo và 64 đơn kiến nghị, phản ánh.",
        "Tỷ lệ giải quyết đúng hạn đạt 84,42% (65/77 vụ việc).",
        "Có 12 vụ việc từ kỳ trước chuyển sang tiếp tục giải quyết.",
        "Còn 3 vụ việc quá hạn chưa giải quyết, cần tập trung chỉ đạo giải quyết dứt điểm.",
        "So với cùng kỳ năm trước, số đơn, thư tiếp nhận tăng 14 (8%), số vụ việc mới giảm 3 (1,76%), "
        "số vụ việc đã giải quyết không thay đổi; so với 6 tháng cuối năm 2025, số đơn, thư tăng 29 (18,13%).",
    ]


def test_a_period_without_anything_reads_in_words(tree: Tree, personas: Personas) -> None:
    context, figures, built = section_of(tree.commune_b, H1, personas.supervisor)
    assert set(figures["now"].values()) <= {0, None}
    paragraphs = text(context, built)
    assert paragraphs == [
        "Trong 6 tháng đầu năm 2026, toàn xã không phát sinh đơn, thư mới "
        "và không có vụ việc nào được giải quyết xong.",
        "Trong 6 tháng đầu năm 2026, không có lượt tiếp công dân nào được ghi nhận.",
        "Không có vụ việc nào quá hạn giải quyết.",
    ]
    assert not any(re.search(r"(^|\D)0 ", p) for p in paragraphs)
    # The comparison table is there, the detail tables without rows are left out.
    assert [t.title for t in built.tables] == [f"{report.SECTION.title}: các số liệu chính"]


def test_one_letter_one_case_reads_naturally(tree: Tree, personas: Personas) -> None:
    case = receive(tree.commune_a, d(2026, 2, 2))
    resolve(case, d(2026, 3, 2))
    context, _, built = section_of(tree.commune_a, Period.quarter(2026, 1), personas.officer_a)
    assert text(context, built)[:4] == [
        "Trong quý I/2026, toàn xã đã tiếp nhận 1 đơn, thư với 1 vụ việc; đã giải quyết 1 đơn/1 vụ việc.",
        "Có 1 lượt công dân đến trình bày trực tiếp.",
        "Về phân loại, có 1 đơn khiếu nại.",
        "Tỷ lệ giải quyết đúng hạn đạt 100% (1/1 vụ việc).",
    ]


def test_compared_with_the_previous_period_and_the_same_period_last_year(tree: Tree, personas: Personas) -> None:
    receive(tree.old_commune, d(2025, 3, 3))  # H1 2025, in the commune merged into xã A on 1/7/2025
    for day in (d(2025, 8, 4), d(2025, 9, 8), d(2025, 10, 6)):  # H2 2025
        receive(tree.commune_a, day)
    resolved = receive(tree.commune_a, d(2026, 1, 5))
    carried = receive(tree.commune_a, d(2025, 12, 1))
    receive(tree.commune_a, d(2026, 2, 2), case=carried)
    resolve(resolved, d(2026, 2, 20))
    context, figures, built = section_of(tree.province, H1, personas.supervisor)
    assert [figures[k]["letters"] for k in ("now", "previous", "last_year")] == [2, 4, 1]
    paragraphs = text(context, built)
    assert paragraphs[0] == (
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 2 đơn, thư với 1 vụ việc; đã giải quyết 1 đơn/1 vụ việc."
    )
    # The case resolved after its deadline reads in words, not "0%".
    assert paragraphs[1:] == [
        "Có 2 lượt công dân đến trình bày trực tiếp.",
        "Về phân loại, có 2 đơn khiếu nại.",
        "Không có vụ việc nào được giải quyết đúng hạn (1 vụ việc giải quyết quá hạn).",
        "Có 5 vụ việc từ kỳ trước chuyển sang tiếp tục giải quyết.",
        "Còn 5 vụ việc quá hạn chưa giải quyết, cần tập trung chỉ đạo giải quyết dứt điểm.",
        "So với cùng kỳ năm trước, số đơn, thư tiếp nhận tăng 1 (100%), số vụ việc mới không thay đổi, "
        "số vụ việc đã giải quyết tăng 1; so với 6 tháng cuối năm 2025, số đơn, thư giảm 2 (50%).",
    ]
    comparison = built.tables[0]
    assert comparison.columns == [
        "Chỉ tiêu",
        "6 tháng đầu năm 2026",
        "Kỳ trước (6 tháng cuối năm 2025)",
        "Cùng kỳ (6 tháng đầu năm 2025)",
        "So với cùng kỳ",
    ]
    assert comparison.text_rows()[2] == ["Đơn, thư tiếp nhận", "2", "4", "1", "tăng 1 (100%)"]
    # A share: no share where nothing was resolved, and no change against nothing.
    assert comparison.text_rows()[8] == ["Tỷ lệ giải quyết đúng hạn", "0%", "—", "—", "—"]


def test_an_officer_of_commune_a_does_not_count_commune_b(tree: Tree, personas: Personas) -> None:
    for unit, n in ((tree.commune_a, 2), (tree.commune_b, 3)):
        for day in range(n):
            receive(unit, d(2026, 4, 1 + day))
    officer = section_of(tree.province, H1, personas.officer_a)
    supervisor = section_of(tree.province, H1, personas.supervisor)
    assert officer[1]["now"]["letters"] == 2 and supervisor[1]["now"]["letters"] == 5
    assert text(officer[0], officer[2])[0].startswith("Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 2 đơn, thư")
    by_unit = next(t for t in supervisor[2].tables if t.title.endswith("theo đơn vị trực thuộc"))
    assert [row[:3] for row in by_unit.text_rows()] == [["Xã A", "2", "2"], ["Xã B", "3", "3"], ["Tổng cộng", "5", "5"]]
    mine = next(t for t in officer[2].tables if t.title.endswith("theo đơn vị trực thuộc"))
    assert [row[0] for row in mine.rows] == ["Xã A", "Tổng cộng"]


def test_the_nation_counts_every_province(tree: Tree, personas: Personas) -> None:
    receive(tree.commune_a, d(2026, 5, 4), kind="tc")
    receive(tree.commune_c, d(2026, 5, 5), kind="pa")
    context, figures, built = section_of(None, H1, WHOLE_SYSTEM)
    assert figures["now"]["letters"] == 2
    paragraphs = text(context, built)
    assert paragraphs[0] == (
        "Trong 6 tháng đầu năm 2026, toàn quốc đã tiếp nhận 2 đơn, thư với 2 vụ việc; "
        "chưa có vụ việc nào được giải quyết xong."
    )
    assert "Về phân loại, có 1 đơn tố cáo và 1 đơn kiến nghị, phản ánh." in paragraphs
    by_unit = next(t for t in built.tables if t.title.endswith("theo đơn vị trực thuộc"))
    assert [row[0] for row in by_unit.rows] == ["Tỉnh Mới", "Tỉnh Khác", "Tổng cộng"]
    line, bar = built.charts
    assert line.kind == "line" and line.labels == ["1/2026", "2/2026", "3/2026", "4/2026", "5/2026", "6/2026"]
    assert line.series[0] == ("Đơn, thư tiếp nhận", [0.0, 0.0, 0.0, 0.0, 2.0, 0.0])
    assert bar.kind == "bar" and bar.labels == ["Tỉnh Mới", "Tỉnh Khác"]


def test_the_report_shows_the_section_to_whoever_may_read_petitions(tree: Tree, personas: Personas) -> None:
    receive(tree.commune_a, d(2026, 5, 4))
    content = build_report(tree.province, H1, viewer=personas.supervisor)
    part = next(s for s in content["sections"] if s["key"] == "petitions")
    assert part["title"] == report.SECTION.title
    assert part["paragraphs"][0].startswith("Trong 6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 1 đơn, thư")
    assert part["figures"]["now"]["letters"] == 1 and part["figures"]["now"]["on_time_rate"] is None
    # The comparison comes once, and first.
    assert [t["title"] for t in part["tables"]].count(f"{report.SECTION.title}: các số liệu chính") == 1
    assert sections.section("petitions") is report.SECTION
    for phrase in report.PHRASES:  # every wording is one an administrator may keep as it is
        phrase.check(phrase.text)
        phrase.check(phrase.zero)
