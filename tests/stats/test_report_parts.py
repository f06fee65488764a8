"""The parts every section of the report is made of (danvan.stats.report_parts): the words of a change and of
a list of counts, the variant of a sentence when a part is zero, tables with their total and their direct row,
and charts by month and from a table."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from danvan.core.periods import Period
from danvan.initiatives.models import Field, Initiative
from danvan.stats import report_parts as parts
from danvan.stats.engine import WHOLE_SYSTEM, Figures, Measure, Source, Target
from danvan.stats.sections import Context, Percent, Phrase, TableData
from danvan.units.models import Unit
from tests.conftest import Tree

SOME = Phrase("test.some", "Có phần", "Đã giải quyết {xong}/{tong} việc", zero="Không có việc nào", lead="tong",
              help={"xong": "số đã xong", "tong": "tổng số"})  # fmt: skip
NONE = Phrase("test.none", "Không phần nào", "Có {tong} việc, chưa giải quyết xong việc nào", help=SOME.help)
EVERY = Phrase("test.every", "Tất cả", "Đã giải quyết xong cả {tong} việc", help=SOME.help)


def test_a_change_is_a_clause_and_an_unchanged_figure_reads_khong_thay_doi() -> None:
    assert parts.change(189, 150) == "tăng 39 (26%)"
    assert parts.change(3, 4) == "giảm 1 (25%)" and parts.change(4, None) == "tăng 4"
    assert parts.change(7, 7) == "không thay đổi" and parts.change(None, 0) == "không thay đổi"
    now, last_year = {"letters": 189, "cases": 167}, {"letters": 150, "cases": 167}
    assert parts.changes(now, last_year, [("don", "letters"), ("vu", "cases"), ("khac", "missing")]) == {
        "don": "tăng 39 (26%)",
        "vu": "không thay đổi",
        "khac": "không thay đổi",
    }


def test_nothing_against_nothing_is_not_compared() -> None:
    assert not parts.any_counted(({"a": 0, "b": None}, {"a": 0}), ("a", "b"))
    assert parts.any_counted(({"a": 0}, {"a": 0, "b": 2}), ["a", "b"])
    # The names may be a generator: each set of figures is asked about every name.
    assert parts.any_counted(({"a": 0}, {"b": 1}), (name for name in ("a", "b")))


def test_counts_in_words_leave_out_the_zero_parts() -> None:
    kinds = [(85, "đơn khiếu nại"), (0, "đơn tố cáo"), (1064, "đơn kiến nghị, phản ánh")]
    assert parts.counts_in_words(kinds) == "85 đơn khiếu nại và 1.064 đơn kiến nghị, phản ánh"
    people = [(46, "tập thể"), (72, "cá nhân")]
    assert parts.counts_in_words(people, last=", ") == "46 tập thể, 72 cá nhân"
    assert parts.counts_in_words([(1, "tập thể"), (1, "cá nhân"), (3, "hộ")]) == "1 tập thể, 1 cá nhân và 3 hộ"
    assert parts.counts_in_words([(0, "tập thể"), (1, "cá nhân")]) == "1 cá nhân"
    assert parts.counts_in_words([(0, "tập thể")]) == ""


def test_a_sentence_chooses_its_wording_by_the_part() -> None:
    assert parts.part_phrase(5, 2, SOME, NONE, EVERY) is SOME
    assert parts.part_phrase(5, 0, SOME, NONE, EVERY) is NONE
    assert parts.part_phrase(5, 5, SOME, NONE, EVERY) is EVERY
    assert parts.part_phrase(5, 5, SOME, NONE) is SOME  # no wording for "all of it": the general one
    assert parts.part_phrase(0, 0, SOME, NONE, EVERY) is SOME  # nothing at all: its zero wording says so


def test_values_and_names_as_a_report_writes_them() -> None:
    assert parts.as_int(None) == 0 and parts.as_int(Decimal("12")) == 12 and parts.as_int(7) == 7
    assert parts.as_percent(None) == Percent(None) and str(parts.as_percent(None)) == "—"
    assert str(parts.as_percent(Decimal("85.16"))) == "85,16%" and str(parts.as_percent(80)) == "80%"
    assert parts.lower_first("Kinh tế") == "kinh tế" and parts.lower_first("") == ""
    assert parts.month_label(datetime.date(2026, 5, 1)) == "5/2026"
    assert parts.list_note(20, 35, "cam kết quá hạn lâu nhất") == " (20 cam kết quá hạn lâu nhất trong tổng số 35)"
    assert parts.list_note(20, 1234, "kiến nghị") == " (20 kiến nghị trong tổng số 1.234)"
    assert parts.list_note(3, 3, "kiến nghị") == ""


def test_the_stocks_are_drawn_at_the_periods_end_or_today() -> None:
    half = Period.first_half(2026)
    assert parts.until(Context(None, half, viewer=WHOLE_SYSTEM, today=datetime.date(2026, 9, 1))) == half.end
    assert parts.until(Context(None, half, viewer=WHOLE_SYSTEM, today=datetime.date(2026, 3, 2))) == (
        datetime.date(2026, 3, 2)
    )


def test_a_table_of_counts_keeps_the_rows_with_something_and_adds_the_total() -> None:
    rows = [("Kinh tế", [3, 1]), ("Văn hóa", [0, 0]), ("Xã hội", [2, 0])]
    table = parts.summed_table("Theo lĩnh vực", ["Lĩnh vực", "Đăng ký", "Công nhận"], rows)
    assert table.rows == [["Kinh tế", 3, 1], ["Xã hội", 2, 0], ["Tổng cộng", 5, 1]]
    # Every row kept, with a share worked out from each row's counts and, on the total row, from the sums.
    shared = parts.summed_table(
        "Theo đơn vị", ["Đơn vị", "Giải quyết", "Đúng hạn", "Tỷ lệ"], rows, keep=lambda _: True,
        tail=lambda counts: [f"{counts[1]}/{counts[0]}"],
    )  # fmt: skip
    assert shared.rows[1] == ["Văn hóa", 0, 0, "0/0"] and shared.rows[-1] == ["Tổng cộng", 5, 1, "1/5"]
    only_first = parts.summed_table("T", ["Nội dung", "Công khai", "Chậm"], [("a", [0, 2]), ("b", [1, 0])],
                                    keep=lambda counts: bool(counts[0]))  # fmt: skip
    assert only_first.rows == [["b", 1, 0], ["Tổng cộng", 1, 0]]
    assert parts.summed_table("T", ["Loại", "Số"], [("a", [0])]).rows == []


def test_a_bar_chart_draws_a_tables_rows_without_the_total() -> None:
    table = TableData("T", ["Đơn vị", "Đơn", "Vụ việc", "Tỷ lệ"], [["Xã A", 3, 2, Percent(None)], ["Xã B", 1, 0, None]])
    table.rows.append(["Tổng cộng", 4, 2, None])
    chart = parts.table_chart("Theo đơn vị", table, ["Vụ việc", "Tỷ lệ"])
    assert chart is not None and chart.kind == "bar" and chart.labels == ["Xã A", "Xã B"]
    assert chart.series == [("Vụ việc", [2.0, 0.0]), ("Tỷ lệ", [0.0, 0.0])]  # a cell that is no number: 0
    assert parts.table_chart("Trống", TableData("T", ["Đơn vị", "Đơn"], []), ["Đơn"]) is None


def _unit(pk: int, code: str, name: str) -> Unit:
    return Unit(pk=pk, code=code, name=name)


def test_a_table_by_sub_unit_has_the_units_own_records_and_the_total_of_the_coverage() -> None:
    a, b = _unit(2, "02", "Xã B"), _unit(1, "01", "Xã A")
    meetings = Figures(total={"held": 6, "voters": None}, by_unit=[(a, {"held": 1, "voters": None}), (b, {"held": 3})])
    commitments = Figures(total={"made": 4, "late": 1}, by_unit=[(a, {"made": 4, "late": 1})])
    province = Context(_unit(9, "09", "Tỉnh Cao Bằng"), Period.first_half(2026), viewer=WHOLE_SYSTEM)
    columns = [("Cuộc họp", ("held", "voters")), ("Cam kết", ("made",)), ("Chậm", ("late",))]
    table = parts.unit_table(province, "Theo đơn vị", columns, [meetings, commitments])
    assert table is not None and table.columns == ["Đơn vị", "Cuộc họp", "Cam kết", "Chậm"]
    assert table.rows == [
        ["Xã A", 3, 0, 0],  # in code order
        ["Xã B", 1, 4, 1],
        ["Tỉnh Cao Bằng (trực tiếp)", 2, 0, 0],  # held at the province itself
        ["Tổng cộng", 6, 4, 1],
    ]
    # Nothing kept at the unit itself: no direct row; the nation's own records are the centre's.
    nation = Context(None, Period.first_half(2026), viewer=WHOLE_SYSTEM)
    exact = Figures(total={"held": 4}, by_unit=[(a, {"held": 1}), (b, {"held": 3})])
    own = parts.unit_table(nation, "T", [("Họp", ("held",))], [exact])
    assert own is not None and [row[0] for row in own.rows] == ["Xã A", "Xã B", "Tổng cộng"]
    assert parts.direct_label(nation) == "Trung ương (trực tiếp)"
    assert parts.unit_table(nation, "T", [("Họp", ("held",))], [Figures(total={"held": 2})]) is None


# --- charts by month (the database) ----------------------------------------------------------------

REGISTERED = Source(model=Initiative, measures=(Measure("registered", "Đăng ký", date="registered_on"),))
KINDS = Source(
    model=Initiative,
    measures=(
        Measure("models", "Mô hình", date="registered_on", where=Q(kind=Initiative.Kind.MODEL)),
        Measure("exemplars", "Điển hình", date="registered_on", where=Q(kind=Initiative.Kind.EXEMPLAR)),
    ),
)


def _initiative(unit: Unit, registered: datetime.date, kind: str = Initiative.Kind.MODEL) -> None:
    n = Initiative.objects.count() + 1
    Initiative.objects.create(
        unit=unit, year=registered.year, name=f"Mô hình {n}", name_folded=f"mo hinh {n}", kind=kind,
        field=Field.objects.get(parent=None, name="Kinh tế"), registered_on=registered, owner_name="Chi bộ",
        status="registered",
    )  # fmt: skip


@pytest.mark.django_db
def test_a_chart_by_month_has_every_month_and_reads_each_source_once(tree: Tree) -> None:
    _initiative(tree.commune_a, datetime.date(2026, 1, 5))
    _initiative(tree.commune_b, datetime.date(2026, 1, 20), kind=Initiative.Kind.EXEMPLAR)
    _initiative(tree.commune_a, datetime.date(2026, 3, 31))
    _initiative(tree.commune_a, datetime.date(2026, 4, 1))  # after the quarter
    target = Target(tree.province, Period.quarter(2026, 1), viewer=WHOLE_SYSTEM)
    series = [(KINDS, "models", "Mô hình"), (KINDS, "exemplars", "Điển hình"), (REGISTERED, "registered", "Cộng")]
    chart = parts.month_chart("Theo tháng", target, series)
    assert chart.kind == "line" and chart.labels == ["1/2026", "2/2026", "3/2026"]
    assert chart.series == [("Mô hình", [1.0, 0.0, 1.0]), ("Điển hình", [1.0, 0.0, 0.0]), ("Cộng", [2.0, 0.0, 1.0])]
    # The two measures of one source share its read: the chart of two sources costs twice one source's.
    with CaptureQueriesContext(connection) as one_source:
        parts.month_chart("Theo tháng", target, [(REGISTERED, "registered", "Cộng")])
    with CaptureQueriesContext(connection) as two_sources:
        parts.month_chart("Theo tháng", target, series)
    assert len(one_source) >= 1 and len(two_sources) == 2 * len(one_source)


@pytest.mark.django_db
def test_a_chart_by_month_may_leave_out_a_single_month_or_nothing_counted(tree: Tree) -> None:
    _initiative(tree.commune_a, datetime.date(2026, 5, 5))
    series = [(REGISTERED, "registered", "Đăng ký")]
    month = Target(tree.province, Period.month(2026, 5), viewer=WHOLE_SYSTEM)
    with CaptureQueriesContext(connection) as asked:
        assert parts.month_chart("Theo tháng", month, series, skip_empty=True) is None
    assert len(asked) == 0  # one month is no trend: nothing is read
    assert parts.month_chart("Theo tháng", month, series).series == [("Đăng ký", [1.0])]
    quiet = Target(tree.other_province, Period.first_half(2026), viewer=WHOLE_SYSTEM)
    assert parts.month_chart("Theo tháng", quiet, series, skip_empty=True) is None
    drawn = parts.month_chart("Theo tháng", quiet, series)
    assert drawn.labels[0] == "1/2026" and drawn.series == [("Đăng ký", [0.0] * 6)]
