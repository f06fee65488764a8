"""The report's section on the "Dân vận khéo" movement (issue 14): the seeds' sentences word for word from
models registered and recognised through the services, the zero and singular wordings, the comparison with
the previous period and the same period last year, the viewer's scope and the nation."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.initiatives import report, services
from danvan.initiatives.models import Field, Initiative
from danvan.reports.build import build as build_report
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Built, Context, Said, say
from danvan.units.models import Unit
from tests.conftest import Personas, Tree
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db
d = datetime.date
YEAR = Period.year(2026)
H1 = Period.first_half(2026)


def section_of(unit: Unit | None, period: Period, viewer: Any) -> tuple[Context, dict[str, Any], Built]:
    """The section as the report builds it: the figures of the three periods, then the narrative."""
    context = Context(unit, period, viewer)
    section = sections.section("initiatives")
    now, previous, last_year = (section.figures(context, p) for p in (period, context.previous, context.last_year))
    return (
        context,
        {"now": now, "previous": previous, "last_year": last_year},
        section.build(context, now, previous, last_year),
    )


def text(context: Context, built: Built) -> list[str]:
    return [say(p.phrase, {**context.common(), **p.values}) if isinstance(p, Said) else p for p in built.paragraphs]


def field(name: str) -> Field:
    return Field.objects.get(parent=None, name=name)


def individual(unit: Unit, status: str = "registered", **more: Any) -> Initiative:
    return make_initiative(
        unit, status, kind="exemplar", owner_name="Nông Thị Lan", owner_position="Bí thư chi bộ", **more
    )


_names = iter(range(1, 100_000))


def registered_on(unit: Unit, day: datetime.date, kind: str = "model") -> Initiative:
    """A model registered on ``day`` through the services (the factory's models are registered in 2026)."""
    data = services.Registration(
        name=f"Mô hình đăng ký ngày {day.isoformat()} số {next(_names)}",
        field=field("Kinh tế"),
        year=day.year,
        owner_name="Chi hội phụ nữ thôn",
        kind=kind,
        owner_position="Trưởng thôn" if kind == "exemplar" else "",
    )
    return services.create_initiative(actor=SYSTEM, unit=unit, data=data, register=True, on=day)


def test_collectives_and_individuals_registered_and_certified_read_as_the_seed(tree: Tree, personas: Personas) -> None:
    """Seed 000: "Đã có 46 tập thể, 72 cá nhân đăng ký điển hình “Dân vận khéo” trên các lĩnh vực. Trong đó có
    1 tập thể và 1 cá nhân được cấp chứng nhận điển hình “Dân vận khéo”"."""
    economy, culture = field("Kinh tế"), field("Văn hóa – xã hội")
    for n in range(45):
        make_initiative(tree.commune_a if n % 2 else tree.hamlet_a, "registered", field=economy if n < 30 else culture)
    for n in range(71):
        individual(tree.commune_b, field=economy if n < 39 else culture)
    make_initiative(tree.commune_a, "recognised", field=economy)
    individual(tree.commune_b, "recognised", field=culture)

    context, figures, built = section_of(tree.province, YEAR, personas.supervisor)
    assert {k: figures["now"][k] for k in ("collective_registered", "individual_registered")} == {
        "collective_registered": 46,
        "individual_registered": 72,
    }
    assert text(context, built) == [
        "Trong năm 2026, toàn tỉnh đã đăng ký xây dựng 118 mô hình “Dân vận khéo”, trong đó 2 mô hình được công nhận.",
        "Đã có 46 tập thể, 72 cá nhân đăng ký điển hình “Dân vận khéo” trên các lĩnh vực. "
        "Trong đó có 1 tập thể và 1 cá nhân được cấp chứng nhận điển hình “Dân vận khéo”.",
        "Kinh tế là lĩnh vực có số lượng mô hình “Dân vận khéo” đăng ký thực hiện nhiều nhất với 70 mô hình.",
        # A year's previous period is the same period last year: said once.
        "So với cùng kỳ năm trước, số mô hình đăng ký tăng 118, số mô hình được công nhận tăng 2.",
    ]
    by_kind = next(t for t in built.tables if t.title == "Mô hình tập thể và điển hình cá nhân")
    assert by_kind.text_rows() == [
        ["Mô hình (tập thể)", "46", "1", "0", "0", "0"],
        ["Điển hình (cá nhân)", "72", "1", "0", "0", "0"],
        ["Tổng cộng", "118", "2", "0", "0", "0"],
    ]
    by_field = next(t for t in built.tables if t.title.endswith("theo lĩnh vực"))
    assert [row[:2] for row in by_field.text_rows()] == [
        ["Kinh tế", "70"],
        ["Văn hóa – xã hội", "48"],
        ["Tổng cộng", "118"],
    ]
    by_unit = next(t for t in built.tables if t.title.endswith("theo đơn vị trực thuộc"))
    assert [row[:3] for row in by_unit.text_rows()] == [
        ["Xã A", "46", "1"],
        ["Xã B", "72", "1"],
        ["Tổng cộng", "118", "2"],
    ]
    months, fields = built.charts
    assert months.kind == "line" and len(months.labels) == 12 and months.series[0][1][0] == 118
    assert fields.kind == "bar" and fields.labels == ["Kinh tế", "Văn hóa – xã hội"]


def test_the_seeds_figures_given_to_the_section_read_as_the_seed(tree: Tree) -> None:
    """Seed 002: "đã đăng ký xây dựng 2.707 mô hình “Dân vận khéo”… 1.100 mô hình… 274 mô hình điển hình,
    tiêu biểu"; "Xây dựng nông thôn mới là lĩnh vực… nhiều nhất với 1.685 mô hình"."""
    context = Context(tree.province, H1, WHOLE_SYSTEM)
    now: dict[str, Any] = dict.fromkeys(report.LABELS, 0) | {"registered": 2707, "recognised": 1100, "exemplary": 274}
    now |= {"commended": 3, "replicated": 12}
    fields = {"Kinh tế": 1685, "Xây dựng hệ thống chính trị": 655, "Văn hóa – xã hội": 367}
    previous = now | {"registered": 2500}
    last_year = now | {"registered": 2707, "recognised": 1000}
    said = report.paragraphs(now, previous, last_year, fields=fields)
    assert text(context, Built(paragraphs=list(said))) == [
        "Trong 6 tháng đầu năm 2026, toàn tỉnh đã đăng ký xây dựng 2.707 mô hình “Dân vận khéo”, trong đó 1.100 mô "
        "hình được công nhận, 274 mô hình điển hình, tiêu biểu.",
        "Kinh tế là lĩnh vực có số lượng mô hình “Dân vận khéo” đăng ký thực hiện nhiều nhất với 1.685 mô hình.",
        "Có 3 mô hình được biểu dương, khen thưởng và 12 mô hình được nhân rộng.",
        "So với cùng kỳ năm trước, số mô hình đăng ký không thay đổi, số mô hình được công nhận tăng 100 (10%); "
        "so với 6 tháng cuối năm 2025, số mô hình đăng ký tăng 207 (8,28%).",
    ]


def test_a_period_without_anything_reads_in_words(tree: Tree, personas: Personas) -> None:
    context, figures, built = section_of(tree.commune_b, YEAR, personas.supervisor)
    assert set(figures["now"].values()) == {0}
    paragraphs = text(context, built)
    assert paragraphs == [
        "Trong năm 2026, toàn xã không có mô hình “Dân vận khéo” nào được đăng ký mới hoặc được công nhận."
    ]
    assert not any(re.search(r"(^|\D)0 ", p) for p in paragraphs)
    assert [t.title for t in built.tables] == [f"{report.SECTION.title}: các số liệu chính"]


def test_one_individual_in_one_field_reads_naturally(tree: Tree, personas: Personas) -> None:
    individual(tree.commune_a)
    context, _, built = section_of(tree.commune_a, YEAR, personas.officer_a)
    assert text(context, built) == [
        "Trong năm 2026, toàn xã đã đăng ký xây dựng 1 mô hình “Dân vận khéo”; chưa có mô hình nào được công nhận.",
        "Đã có 1 cá nhân đăng ký điển hình “Dân vận khéo” trong lĩnh vực kinh tế; "
        "chưa có tập thể, cá nhân nào được cấp chứng nhận.",
        "So với cùng kỳ năm trước, số mô hình đăng ký tăng 1, số mô hình được công nhận không thay đổi.",
    ]


def test_compared_with_the_previous_period_and_the_same_period_last_year(tree: Tree, personas: Personas) -> None:
    registered_on(tree.old_commune, d(2025, 3, 2))  # H1 2025, in the commune merged into xã A on 1/7/2025
    for day in (d(2025, 8, 4), d(2025, 9, 8), d(2025, 10, 6), d(2025, 11, 3)):  # H2 2025
        registered_on(tree.commune_a, day, kind="model" if day.month % 2 else "exemplar")
    make_initiative(tree.commune_a, "registered")
    make_initiative(tree.commune_b, "registered")  # both on 15/1/2026
    context, figures, built = section_of(tree.province, H1, personas.supervisor)
    assert [figures[k]["registered"] for k in ("now", "previous", "last_year")] == [2, 4, 1]
    assert text(context, built)[-1] == (
        "So với cùng kỳ năm trước, số mô hình đăng ký tăng 1 (100%), số mô hình được công nhận không thay đổi; "
        "so với 6 tháng cuối năm 2025, số mô hình đăng ký giảm 2 (50%)."
    )
    comparison = built.tables[0]
    assert comparison.columns[1:4] == [
        "6 tháng đầu năm 2026",
        "Kỳ trước (6 tháng cuối năm 2025)",
        "Cùng kỳ (6 tháng đầu năm 2025)",
    ]
    rows = {row[0]: row[1:] for row in comparison.text_rows()}
    assert rows["Mô hình, điển hình đăng ký"] == ["2", "4", "1", "tăng 1 (100%)"]
    assert rows["Cá nhân đăng ký (điển hình)"] == ["0", "2", "0", "bằng"]
    # On the tree as it was, the new province has no predecessor's models of H1 2025.
    then = Context(tree.province, H1, personas.supervisor, today_tree=False)
    assert sections.section("initiatives").figures(then, then.last_year)["registered"] == 0


def test_an_officer_of_commune_a_does_not_count_commune_b(tree: Tree, personas: Personas) -> None:
    make_initiative(tree.commune_a, "registered")
    for _ in range(3):
        make_initiative(tree.commune_b, "registered")
    officer = section_of(tree.province, YEAR, personas.officer_a)
    supervisor = section_of(tree.province, YEAR, personas.supervisor)
    assert officer[1]["now"]["registered"] == 1 and supervisor[1]["now"]["registered"] == 4
    assert text(*officer[::2])[0].startswith("Trong năm 2026, toàn tỉnh đã đăng ký xây dựng 1 mô hình")
    mine = next(t for t in officer[2].tables if t.title.endswith("theo đơn vị trực thuộc"))
    assert [row[:2] for row in mine.text_rows()] == [["Xã A", "1"], ["Tổng cộng", "1"]]


def test_the_nation_counts_every_province(tree: Tree, personas: Personas) -> None:
    make_initiative(tree.commune_a, "recognised")
    make_initiative(tree.commune_c, "exemplary")
    context, figures, built = section_of(None, YEAR, WHOLE_SYSTEM)
    assert (figures["now"]["registered"], figures["now"]["recognised"], figures["now"]["exemplary"]) == (2, 2, 1)
    assert text(context, built)[:2] == [
        "Trong năm 2026, toàn quốc đã đăng ký xây dựng 2 mô hình “Dân vận khéo”, trong đó 2 mô hình được công nhận, "
        "1 mô hình điển hình, tiêu biểu.",
        "Đã có 2 tập thể đăng ký điển hình “Dân vận khéo” trong lĩnh vực kinh tế. "
        "Trong đó có 2 tập thể được cấp chứng nhận điển hình “Dân vận khéo”.",
    ]
    by_unit = next(t for t in built.tables if t.title.endswith("theo đơn vị trực thuộc"))
    assert [row[0] for row in by_unit.rows] == ["Tỉnh Mới", "Tỉnh Khác", "Tổng cộng"]


def test_the_report_shows_the_section_to_whoever_may_read_initiatives(tree: Tree, personas: Personas) -> None:
    make_initiative(tree.commune_a, "registered")
    content = build_report(tree.province, YEAR, viewer=personas.supervisor)
    keys = [s["key"] for s in content["sections"]]
    assert keys.index("petitions") < keys.index("initiatives")  # orders 30 and 40
    part = content["sections"][keys.index("initiatives")]
    assert part["title"] == "Phong trào thi đua “Dân vận khéo”"
    assert part["paragraphs"][0] == (
        "Trong năm 2026, toàn tỉnh đã đăng ký xây dựng 1 mô hình “Dân vận khéo”; chưa có mô hình nào được công nhận."
    )
    assert part["figures"]["now"]["registered"] == 1
    assert sections.section("initiatives") is report.SECTION
    for phrase in report.PHRASES:  # every wording is one an administrator may keep as it is
        phrase.check(phrase.text)
        phrase.check(phrase.zero)
