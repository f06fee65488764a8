"""The periodic report's section on citizen reception and petitions (issue 14, DOMAIN §1.7).

The key figures come from the statistics engine (:mod:`danvan.petitions.measures`), inside the viewer's
scope, for the report's unit or the whole nation. The narrative follows the register of the seeds — "Trong
6 tháng đầu năm 2026, toàn tỉnh đã tiếp nhận 189 đơn, thư với 167 vụ việc; đã giải quyết 77 đơn/77 vụ
việc" — and never writes "0 đơn": a sentence whose part would be zero has a wording without that part
(:func:`paragraphs` chooses it), and a sentence about nothing is left out or says so in words.
"""

from __future__ import annotations

from collections.abc import Mapping

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.petitions import measures, rules
from danvan.petitions.models import CASE_CELLS, Subject
from danvan.stats.engine import Figures as Computed
from danvan.stats.engine import Target, compute
from danvan.stats.report_parts import (
    TOTAL,
    any_counted,
    as_int,
    changes,
    counts_in_words,
    month_chart,
    summed_table,
    table_chart,
)
from danvan.stats.sections import (
    Built,
    Cell,
    Chart,
    Context,
    Figures,
    Number,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
    rate,
)
from danvan.units.models import Unit

# --- the key figures ------------------------------------------------------------------------------

LABELS: dict[str, str] = {
    "sessions": "Lượt tiếp công dân",
    "visits": "Lượt công dân đến trực tiếp",
    "letters": "Đơn, thư tiếp nhận",
    "cases": "Vụ việc mới",
    "carried_over": "Vụ việc kỳ trước chuyển sang",
    "letters_resolved": "Đơn đã giải quyết",
    "resolved": "Vụ việc đã giải quyết",
    "resolved_on_time": "Vụ việc giải quyết đúng hạn",
    "on_time_rate": "Tỷ lệ giải quyết đúng hạn",
    "overdue_open": "Vụ việc quá hạn chưa giải quyết",
    "complaints": "Đơn khiếu nại",
    "denunciations": "Đơn tố cáo",
    "proposals": "Đơn kiến nghị, phản ánh",
}
PERCENTS = frozenset({"on_time_rate"})
CASE_FIGURES = ("carried_over", "cases", "resolved", "resolved_on_time", "overdue_open")

#: The kinds of letter as the report groups them (DOMAIN §1.7: "KN / TC / KNPA"), with the words of a count.
KIND_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("complaints", (rules.LetterKind.COMPLAINT,), "đơn khiếu nại"),
    ("denunciations", (rules.LetterKind.DENUNCIATION,), "đơn tố cáo"),
    ("proposals", (rules.LetterKind.PROPOSAL, rules.LetterKind.REPORT), "đơn kiến nghị, phản ánh"),
)
MIXED_WORDS = "đơn có nhiều nội dung"


def figures(context: Context, period: Period) -> Figures:
    """The key figures of the report's coverage in ``period``: four grouped reads, one per table."""
    target = context.target(period)
    sessions = compute(measures.SESSIONS, target, measures=["sessions"])
    letters = compute(measures.LETTERS, target, measures=["letters", "visits"], breakdown=("kind",))
    resolved_letters = compute(measures.RESOLVED_LETTERS, target)
    cases = compute(measures.CASES, target, measures=list(CASE_FIGURES))
    out: Figures = {
        "sessions": as_int(sessions.total["sessions"]),
        "visits": as_int(letters.total["visits"]),
        "letters": as_int(letters.total["letters"]),
        **{name: as_int(cases.total[name]) for name in CASE_FIGURES},
        "letters_resolved": as_int(resolved_letters.total["letters_resolved"]),
    }
    out["on_time_rate"] = rate(out["resolved_on_time"], out["resolved"]).value
    by_kind = letters.breakdown(0, "letters")
    for name, kinds, _ in KIND_GROUPS:
        out[name] = sum(as_int(by_kind.get(kind)) for kind in kinds)
    return {name: out[name] for name in LABELS}


# --- the sentences ----------------------------------------------------------------------------------

_RECEIVED = {
    "don_thu": "số đơn, thư tiếp nhận trong kỳ",
    "vu_viec": "số vụ việc mới (đơn trùng gộp vào một vụ việc)",
    "don_giai_quyet": "số đơn của các vụ việc đã giải quyết trong kỳ",
    "vu_giai_quyet": "số vụ việc đã giải quyết trong kỳ (quyết định, kết luận; rút đơn; hòa giải thành)",
}
RECEIVED = Phrase(
    key="petitions.received",
    label="Tiếp nhận và giải quyết đơn, thư",
    text="{trong_ky}, {pham_vi} đã tiếp nhận {don_thu} đơn, thư với {vu_viec} vụ việc; "
    "đã giải quyết {don_giai_quyet} đơn/{vu_giai_quyet} vụ việc",
    zero="{trong_ky}, {pham_vi} đã tiếp nhận {don_thu} đơn, thư với {vu_viec} vụ việc; "
    "chưa có vụ việc nào được giải quyết xong",
    lead="vu_giai_quyet",
    help=_RECEIVED,
)
RECEIVED_REPEATS = Phrase(
    key="petitions.received_repeats",
    label="Tiếp nhận đơn, thư (chỉ có đơn của vụ việc đã có)",
    text="{trong_ky}, {pham_vi} đã tiếp nhận {don_thu} đơn, thư thuộc vụ việc đã có từ trước; "
    "đã giải quyết {don_giai_quyet} đơn/{vu_giai_quyet} vụ việc",
    zero="{trong_ky}, {pham_vi} đã tiếp nhận {don_thu} đơn, thư thuộc vụ việc đã có từ trước; "
    "chưa có vụ việc nào được giải quyết xong",
    lead="vu_giai_quyet",
    help=_RECEIVED,
)
NO_LETTERS = Phrase(
    key="petitions.no_letters",
    label="Không tiếp nhận đơn, thư mới",
    text="{trong_ky}, {pham_vi} không tiếp nhận đơn, thư mới; "
    "đã giải quyết {don_giai_quyet} đơn/{vu_giai_quyet} vụ việc",
    zero="{trong_ky}, {pham_vi} không phát sinh đơn, thư mới và không có vụ việc nào được giải quyết xong",
    lead="vu_giai_quyet",
    help=_RECEIVED,
)
_RECEPTION = {
    "luot_tiep": "số lượt tiếp công dân (thường xuyên, định kỳ, đột xuất)",
    "luot_den": "số lượt công dân đến trình bày trực tiếp",
}
RECEPTION = Phrase(
    key="petitions.reception",
    label="Tiếp công dân",
    text="Các cơ quan, đơn vị đã tổ chức {luot_tiep} lượt tiếp công dân, tiếp {luot_den} lượt công dân "
    "đến trình bày trực tiếp",
    help=_RECEPTION,
)
RECEPTION_SESSIONS = Phrase(
    key="petitions.reception_sessions",
    label="Tiếp công dân (không có lượt công dân đến trực tiếp)",
    text="Các cơ quan, đơn vị đã tổ chức {luot_tiep} lượt tiếp công dân",
    zero="Trong {ky}, không có lượt tiếp công dân nào được ghi nhận",
    lead="luot_tiep",
    help=_RECEPTION,
)
RECEPTION_VISITS = Phrase(
    key="petitions.reception_visits",
    label="Công dân đến trực tiếp (không ghi nhận lượt tiếp)",
    text="Có {luot_den} lượt công dân đến trình bày trực tiếp",
    help=_RECEPTION,
)
KINDS = Phrase(
    key="petitions.kinds",
    label="Phân loại đơn, thư",
    text="Về phân loại, có {theo_loai}",
    help={
        "theo_loai": "các loại đơn có trong kỳ, như “85 đơn khiếu nại, 40 đơn tố cáo và 64 đơn kiến nghị, phản ánh”",
        "khieu_nai": "số đơn khiếu nại",
        "to_cao": "số đơn tố cáo",
        "kien_nghi_phan_anh": "số đơn kiến nghị, phản ánh",
    },
)
_ON_TIME = {
    "ty_le_dung_han": "tỷ lệ vụ việc giải quyết đúng hạn trên số đã giải quyết, như “85,16%”",
    "dung_han": "số vụ việc giải quyết đúng hạn",
    "vu_giai_quyet": "số vụ việc đã giải quyết trong kỳ",
}
ON_TIME = Phrase(
    key="petitions.on_time",
    label="Giải quyết đúng hạn",
    text="Tỷ lệ giải quyết đúng hạn đạt {ty_le_dung_han} ({dung_han}/{vu_giai_quyet} vụ việc)",
    zero="Không có vụ việc nào được giải quyết đúng hạn ({vu_giai_quyet} vụ việc giải quyết quá hạn)",
    lead="dung_han",
    help=_ON_TIME,
)
CARRIED_OVER = Phrase(
    key="petitions.carried_over",
    label="Vụ việc kỳ trước chuyển sang",
    text="Có {chuyen_sang} vụ việc từ kỳ trước chuyển sang tiếp tục giải quyết",
    help={"chuyen_sang": "số vụ việc nhận trước kỳ, còn đang giải quyết khi kỳ bắt đầu"},
)
OVERDUE = Phrase(
    key="petitions.overdue",
    label="Vụ việc quá hạn",
    text="Còn {qua_han} vụ việc quá hạn chưa giải quyết, cần tập trung chỉ đạo giải quyết dứt điểm",
    zero="Không có vụ việc nào quá hạn giải quyết",
    lead="qua_han",
    help={"qua_han": "số vụ việc chưa giải quyết xong đã quá hạn (tính đến cuối kỳ hoặc hôm nay)"},
)
COMPARED = Phrase(
    key="petitions.compared",
    label="So sánh với cùng kỳ và kỳ trước",
    text="So với cùng kỳ năm trước, số đơn, thư tiếp nhận {don_cung_ky}, số vụ việc mới {vu_cung_ky}, "
    "số vụ việc đã giải quyết {giai_quyet_cung_ky}; so với {ky_truoc}, số đơn, thư {don_ky_truoc}",
    help={
        "don_cung_ky": "mức thay đổi số đơn, thư so với cùng kỳ, như “tăng 12 (7,14%)”, “không thay đổi”",
        "vu_cung_ky": "mức thay đổi số vụ việc mới so với cùng kỳ",
        "giai_quyet_cung_ky": "mức thay đổi số vụ việc đã giải quyết so với cùng kỳ",
        "don_ky_truoc": "mức thay đổi số đơn, thư so với kỳ trước",
    },
)
COMPARED_LAST_YEAR = Phrase(
    key="petitions.compared_last_year",
    label="So sánh với cùng kỳ (kỳ trước cũng là cùng kỳ năm trước)",
    text="So với cùng kỳ năm trước, số đơn, thư tiếp nhận {don_cung_ky}, số vụ việc mới {vu_cung_ky}, "
    "số vụ việc đã giải quyết {giai_quyet_cung_ky}",
    help=COMPARED.help,
)
PHRASES = (
    RECEIVED,
    RECEIVED_REPEATS,
    NO_LETTERS,
    RECEPTION,
    RECEPTION_SESSIONS,
    RECEPTION_VISITS,
    KINDS,
    ON_TIME,
    CARRIED_OVER,
    OVERDUE,
    COMPARED,
    COMPARED_LAST_YEAR,
)


def paragraphs(
    now: Mapping[str, Number],
    previous: Mapping[str, Number],
    last_year: Mapping[str, Number],
    *,
    mixed: int = 0,
    previous_is_last_year: bool = False,
) -> list[Said]:
    """The narrative from the figures of the three periods (``mixed``: letters of several contents;
    ``previous_is_last_year``: a year or nine months, whose previous period is the same period last year)."""
    n = {name: as_int(now.get(name)) for name in LABELS if name not in PERCENTS}
    said: list[Said] = []
    received = {
        "don_thu": n["letters"],
        "vu_viec": n["cases"],
        "don_giai_quyet": n["letters_resolved"],
        "vu_giai_quyet": n["resolved"],
    }
    if not n["letters"]:
        said.append(Said(NO_LETTERS, received))
    else:
        said.append(Said(RECEIVED if n["cases"] else RECEIVED_REPEATS, received))
    reception = {"luot_tiep": n["sessions"], "luot_den": n["visits"]}
    if n["sessions"] and n["visits"]:
        said.append(Said(RECEPTION, reception))
    elif n["visits"]:
        said.append(Said(RECEPTION_VISITS, reception))
    else:
        said.append(Said(RECEPTION_SESSIONS, reception))
    kinds = [(n[name], words) for name, _, words in KIND_GROUPS] + [(mixed, MIXED_WORDS)]
    if n["letters"] and any(k for k, _ in kinds):
        said.append(
            Said(
                KINDS,
                {
                    "theo_loai": counts_in_words(kinds),
                    "khieu_nai": n["complaints"],
                    "to_cao": n["denunciations"],
                    "kien_nghi_phan_anh": n["proposals"],
                },
            )
        )
    if n["resolved"]:
        on_time = rate(n["resolved_on_time"], n["resolved"])
        said.append(
            Said(
                ON_TIME, {"ty_le_dung_han": on_time, "dung_han": n["resolved_on_time"], "vu_giai_quyet": n["resolved"]}
            )
        )
    if n["carried_over"]:
        said.append(Said(CARRIED_OVER, {"chuyen_sang": n["carried_over"]}))
    said.append(Said(OVERDUE, {"qua_han": n["overdue_open"]}))
    if any_counted((now, previous, last_year), ("letters", "cases", "resolved")):
        compared = {
            **changes(
                now,
                last_year,
                (("don_cung_ky", "letters"), ("vu_cung_ky", "cases"), ("giai_quyet_cung_ky", "resolved")),
            ),
            **changes(now, previous, (("don_ky_truoc", "letters"),)),
        }
        said.append(Said(COMPARED_LAST_YEAR if previous_is_last_year else COMPARED, compared))
    return said


# --- the tables and charts -----------------------------------------------------------------------


def _share(n: Number, total: Number) -> Cell:
    return rate(n, total) if total else None


def _sub_units(letters: Computed, cases: Computed) -> TableData:
    rows: dict[int, tuple[Unit, dict[str, int]]] = {}
    for unit, counted_here in [*letters.by_unit, *cases.by_unit]:
        held = rows.setdefault(unit.pk, (unit, {}))[1]
        for name, value in counted_here.items():
            held[name] = held.get(name, 0) + as_int(value)
    names = ("letters", "cases", "resolved", "resolved_on_time", "overdue_open")
    return summed_table(
        "Đơn, thư và vụ việc theo đơn vị trực thuộc",
        ["Đơn vị", *(LABELS[n] for n in names), LABELS["on_time_rate"]],
        [
            (unit.name, [values.get(n, 0) for n in names])
            for unit, values in sorted(rows.values(), key=lambda row: (row[0].code, row[0].name))
        ],
        keep=lambda _: True,
        # the share on time of the cases resolved: "resolved_on_time" out of "resolved"
        tail=lambda counts: [_share(counts[3], counts[2])],
    )


def _kinds(letters: Computed, cases: Computed) -> TableData:
    letter_kinds = letters.breakdown(0, "letters")
    total = sum(as_int(v) for v in letter_kinds.values())
    table = TableData(
        title="Đơn, thư và vụ việc theo loại",
        columns=["Loại", "Số đơn", "Tỷ lệ đơn", LABELS["cases"], LABELS["resolved"], LABELS["overdue_open"]],
        rows=[],
    )
    for kind, label in rules.KIND_LABELS.items():
        letters_of_kind = as_int(letter_kinds.get(kind))
        of_cases = [as_int(cases.breakdown(0, name).get(kind)) for name in ("cases", "resolved", "overdue_open")]
        if letters_of_kind or any(of_cases):
            table.rows.append([label, letters_of_kind, _share(letters_of_kind, total), *of_cases])
    if table.rows:
        table.rows.append(
            [
                TOTAL,
                total,
                _share(total, total),
                as_int(cases.total["cases"]),
                as_int(cases.total["resolved"]),
                as_int(cases.total["overdue_open"]),
            ]
        )
    return table


def _subjects(letters: Computed) -> TableData:
    by_subject = letters.breakdown(1, "letters")
    total = sum(as_int(v) for v in by_subject.values())
    known = {pk: (order, name) for pk, order, name in Subject.objects.values_list("pk", "order", "name")}
    ordered = sorted(by_subject, key=lambda pk: (-as_int(by_subject[pk]), known.get(pk, (0, ""))))
    return summed_table(
        "Đơn, thư theo lĩnh vực",
        ["Lĩnh vực", "Số đơn", "Tỷ lệ"],
        [(known[pk][1], [as_int(by_subject[pk])]) for pk in ordered],
        keep=lambda _: True,
        tail=lambda counts: [_share(counts[0], total)],
    )


def _resolutions(cases: Computed) -> TableData:
    by_resolution = cases.breakdown(3, "resolved")
    rows: list[list[Cell]] = [
        [label, as_int(by_resolution.get(resolution)), _share(by_resolution.get(resolution), cases.total["resolved"])]
        for resolution, label in rules.RESOLUTION_LABELS.items()
        if by_resolution.get(resolution)
    ]
    if rows:
        rows.append([TOTAL, as_int(cases.total["resolved"]), _share(cases.total["resolved"], cases.total["resolved"])])
    return TableData(
        title="Vụ việc đã giải quyết theo hình thức", columns=["Hình thức", "Số vụ việc", "Tỷ lệ"], rows=rows
    )


def _months(target: Target) -> Chart:
    return month_chart(
        "Đơn, thư và vụ việc theo tháng",
        target,
        [
            (measures.LETTERS, "letters", LABELS["letters"]),
            (measures.CASES, "cases", LABELS["cases"]),
            (measures.CASES, "resolved", LABELS["resolved"]),
        ],
    )


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the comparison and the detail tables (by kind, field, sub-unit, how resolved), and
    the charts by month and by sub-unit. Besides the key figures: two grouped reads of the letters, two
    of the cases, and one per date for the months."""
    target = context.target()
    letters = compute(measures.LETTERS, target, measures=["letters"], breakdown=("kind", "subject_id"), by_unit=True)
    cases = compute(
        measures.CASES,
        target,
        measures=["cases", "resolved", "resolved_on_time", "overdue_open"],
        breakdown=CASE_CELLS,
        by_unit=True,
    )
    mixed = as_int(letters.breakdown(0, "letters").get(rules.LetterKind.MIXED))
    sub_units = _sub_units(letters, cases)
    charts = [_months(target)]
    by_unit = table_chart(
        "Đơn, thư và vụ việc theo đơn vị trực thuộc", sub_units, [LABELS["letters"], LABELS["resolved"]]
    )
    if by_unit is not None:
        charts.append(by_unit)
    tables = [
        comparison_table(SECTION, context, now, previous, last_year),
        _kinds(letters, cases),
        _subjects(letters),
        _resolutions(cases),
        sub_units,
    ]
    return Built(
        paragraphs=list(
            paragraphs(
                now, previous, last_year, mixed=mixed, previous_is_last_year=context.previous == context.last_year
            )
        ),
        tables=[t for i, t in enumerate(tables) if i == 0 or t.rows],
        charts=charts,
    )


SECTION = Section(
    key="petitions",
    title="Công tác tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
    order=30,
    permission=roles.PETITIONS.view,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
    percents=PERCENTS,
)
