"""The inspections' part of the periodic report (issue 14): "Công tác kiểm tra, giám sát".

The key figures (:func:`figures`) are the area's measures (:mod:`.measures`) over the unit's coverage,
within the viewer's scope: the plans issued (counted at the inspecting body's unit) and the conclusions,
the visits made and the units visited, the recommendations made, carried out (on time or late against the
deadline the team set), not accepted, and still open at the period's end, within time or overdue
(counted at the visited unit).

Basis: Quyết định 23-QĐ/TW (30/07/2021), Quy chế công tác dân vận của hệ thống chính trị — the Party
committees and their Ban Tuyên giáo và Dân vận inspect dân vận work and the implementation of grassroots
democracy; the conclusion is a Party document (Hướng dẫn 36-HD/VPTW). No statute sets the time a visited
unit has to carry out a recommendation: the deadline is the team's (:data:`.rules.DEADLINES`).
"""

from __future__ import annotations

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.core.text import format_date
from danvan.inspections.measures import PLANS, RECOMMENDATIONS, VISITS
from danvan.inspections.models import Recommendation
from danvan.stats.engine import Target, compute
from danvan.stats.report_parts import (
    LIST_LIMIT,
    any_counted,
    as_int,
    changes,
    list_note,
    month_chart,
    part_phrase,
    unit_table,
    until,
)
from danvan.stats.sections import (
    Built,
    Cell,
    Context,
    Figures,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
    rate,
)

VIEW = roles.INSPECTIONS.view

LABELS: dict[str, str] = {
    "plans": "Kế hoạch kiểm tra, giám sát đã ban hành",
    "concluded": "Thông báo kết luận kiểm tra đã ban hành",
    "visits": "Buổi kiểm tra, giám sát tại đơn vị",
    "units_visited": "Đơn vị được kiểm tra, giám sát",
    "recommendations": "Kiến nghị đưa ra",
    "closed": "Kiến nghị đã thực hiện xong",
    "closed_on_time": "Trong đó: đúng hạn",
    "closed_late": "Trong đó: quá hạn",
    "on_time_rate": "Tỷ lệ kiến nghị thực hiện đúng hạn",
    "not_accepted": "Kiến nghị không được tiếp thu",
    "open": "Kiến nghị chưa thực hiện xong (cuối kỳ)",
    "overdue": "Trong đó: quá hạn",
}
PERCENTS = frozenset({"on_time_rate"})


def figures(context: Context, period: Period) -> Figures:
    """The key figures of ``context``'s unit (None: the nation) in ``period``, within the viewer's scope."""
    target = context.target(period)
    plans = compute(PLANS, target, measures=("plans", "concluded")).total
    visits = compute(VISITS, target).total
    recs = compute(
        RECOMMENDATIONS,
        target,
        measures=("made", "closed_on_time", "closed_late", "not_accepted", "open_within", "open_overdue"),
    ).total
    on_time, late, overdue = as_int(recs["closed_on_time"]), as_int(recs["closed_late"]), as_int(recs["open_overdue"])
    return {
        "plans": as_int(plans["plans"]),
        "concluded": as_int(plans["concluded"]),
        "visits": as_int(visits["visits"]),
        "units_visited": as_int(visits["units_visited"]),
        "recommendations": as_int(recs["made"]),
        "closed": on_time + late,
        "closed_on_time": on_time,
        "closed_late": late,
        "on_time_rate": rate(on_time, on_time + late).value,
        "not_accepted": as_int(recs["not_accepted"]),
        "open": as_int(recs["open_within"]) + overdue,
        "overdue": overdue,
    }


# --- the sentences ------------------------------------------------------------------------------------

_PLAN_HELP = {
    "ke_hoach": "số kế hoạch kiểm tra, giám sát ban hành trong kỳ",
    "ket_luan": "số thông báo kết luận kiểm tra ban hành trong kỳ",
}
PLANS_ISSUED = Phrase(
    "inspections.plans",
    "Kế hoạch và kết luận kiểm tra",
    "{trong_ky}, {pham_vi} đã ban hành {ke_hoach} kế hoạch kiểm tra, giám sát và {ket_luan} thông báo kết luận "
    "kiểm tra",
    zero="{trong_ky}, {pham_vi} chưa ban hành kế hoạch kiểm tra, giám sát nào",
    lead="ke_hoach",
    help=_PLAN_HELP,
)
PLANS_ONLY = Phrase(
    "inspections.plans_only",
    "Kế hoạch kiểm tra, chưa có kết luận",
    "{trong_ky}, {pham_vi} đã ban hành {ke_hoach} kế hoạch kiểm tra, giám sát",
    help=_PLAN_HELP,
)
CONCLUSIONS_ONLY = Phrase(
    "inspections.conclusions_only",
    "Kết luận kiểm tra, không có kế hoạch mới",
    "{trong_ky}, {pham_vi} không ban hành kế hoạch kiểm tra mới; đã ban hành {ket_luan} thông báo kết luận kiểm tra",
    help=_PLAN_HELP,
)
VISITED = Phrase(
    "inspections.visits",
    "Buổi kiểm tra tại đơn vị",
    "Đã tổ chức {buoi} buổi kiểm tra, giám sát trực tiếp tại {don_vi} đơn vị",
    zero="Trong kỳ chưa có buổi kiểm tra, giám sát nào tại đơn vị",
    lead="buoi",
    help={"buoi": "số buổi làm việc của các đoàn tại đơn vị", "don_vi": "số đơn vị được kiểm tra, giám sát"},
)
RECOMMENDED = Phrase(
    "inspections.recommendations",
    "Kiến nghị sau kiểm tra",
    "Qua kiểm tra, giám sát đã đưa ra {kien_nghi} kiến nghị",
    zero="Qua kiểm tra, giám sát chưa có kiến nghị nào được đưa ra trong kỳ",
    lead="kien_nghi",
    help={"kien_nghi": "số kiến nghị đưa ra trong kỳ"},
)

_CLOSED_HELP = {
    "xong": "số kiến nghị đã thực hiện xong trong kỳ",
    "dung_han": "số kiến nghị thực hiện xong đúng hạn",
    "tre_han": "số kiến nghị thực hiện xong quá hạn",
    "ty_le": "tỷ lệ thực hiện đúng hạn, như “50%”",
}
CLOSED = Phrase(
    "inspections.closed",
    "Kiến nghị đã thực hiện xong",
    "Đã thực hiện xong {xong} kiến nghị (đúng hạn {dung_han})",
    zero="Trong kỳ chưa có kiến nghị nào được thực hiện xong",
    lead="xong",
    help=_CLOSED_HELP,
)
CLOSED_ALL_ON_TIME = Phrase(
    "inspections.closed_all_on_time",
    "Kiến nghị đều thực hiện đúng hạn",
    "Đã thực hiện xong đúng hạn {xong} kiến nghị",
    help=_CLOSED_HELP,
)
CLOSED_ALL_LATE = Phrase(
    "inspections.closed_all_late",
    "Kiến nghị đều thực hiện quá hạn",
    "Đã thực hiện xong {xong} kiến nghị nhưng quá thời hạn",
    help=_CLOSED_HELP,
)

_OPEN_HELP = {
    "den_ngay": "ngày tính số kiến nghị còn lại: cuối kỳ, hoặc hôm nay nếu kỳ chưa kết thúc",
    "dang": "số kiến nghị chưa thực hiện xong đến ngày đó",
    "qua_han": "số kiến nghị đã quá hạn trong số đó",
}
OPEN = Phrase(
    "inspections.open",
    "Kiến nghị chưa thực hiện xong, quá hạn",
    "Đến ngày {den_ngay}, còn {dang} kiến nghị chưa thực hiện xong, trong đó {qua_han} kiến nghị quá hạn",
    zero="Đến ngày {den_ngay}, không còn kiến nghị nào chưa thực hiện xong",
    lead="dang",
    help=_OPEN_HELP,
)
OPEN_WITHIN = Phrase(
    "inspections.open_within",
    "Kiến nghị chưa thực hiện xong, đều trong hạn",
    "Đến ngày {den_ngay}, còn {dang} kiến nghị đang thực hiện trong hạn",
    help=_OPEN_HELP,
)
OPEN_ALL_OVERDUE = Phrase(
    "inspections.open_all_overdue",
    "Kiến nghị chưa thực hiện xong, đều quá hạn",
    "Đến ngày {den_ngay}, còn {dang} kiến nghị đã quá hạn nhưng chưa thực hiện xong",
    help=_OPEN_HELP,
)
NOT_ACCEPTED = Phrase(
    "inspections.not_accepted",
    "Kiến nghị không được tiếp thu",
    "Có {khong_tiep_thu} kiến nghị không được đơn vị tiếp thu",
    zero="Không có kiến nghị nào bị đơn vị từ chối tiếp thu",
    lead="khong_tiep_thu",
    help={"khong_tiep_thu": "số kiến nghị đơn vị không tiếp thu trong kỳ"},
)
VERSUS = Phrase(
    "inspections.versus",
    "So sánh với cùng kỳ năm trước",
    "So với {cung_ky}, số buổi kiểm tra, giám sát {buoi}; số kiến nghị đưa ra {kien_nghi}; số kiến nghị đã thực "
    "hiện xong {xong}",
    help={
        "buoi": "mức tăng, giảm số buổi kiểm tra, như “tăng 2 (50%)”",
        "kien_nghi": "mức tăng, giảm số kiến nghị đưa ra",
        "xong": "mức tăng, giảm số kiến nghị đã thực hiện xong",
    },
)

PHRASES = (
    PLANS_ISSUED,
    PLANS_ONLY,
    CONCLUSIONS_ONLY,
    VISITED,
    RECOMMENDED,
    CLOSED,
    CLOSED_ALL_ON_TIME,
    CLOSED_ALL_LATE,
    OPEN,
    OPEN_WITHIN,
    OPEN_ALL_OVERDUE,
    NOT_ACCEPTED,
    VERSUS,
)


def paragraphs(context: Context, now: Figures, last_year: Figures) -> list[Said | str]:
    """The narrative of the period, sentence by sentence (each with its wording for the zero cases)."""
    out: list[Said | str] = []
    plans, concluded = as_int(now["plans"]), as_int(now["concluded"])
    phrase = PLANS_ONLY if plans and not concluded else CONCLUSIONS_ONLY if concluded and not plans else PLANS_ISSUED
    out.append(Said(phrase, {"ke_hoach": plans, "ket_luan": concluded}))
    out.append(Said(VISITED, {"buoi": now["visits"], "don_vi": now["units_visited"]}))
    made, closed, opened = as_int(now["recommendations"]), as_int(now["closed"]), as_int(now["open"])
    if as_int(now["visits"]) or made or closed or opened:  # no visit and nothing to follow: nothing to recommend
        out.append(Said(RECOMMENDED, {"kien_nghi": made}))
    if made or closed or opened:
        on_time, late = as_int(now["closed_on_time"]), as_int(now["closed_late"])
        phrase = CLOSED_ALL_LATE if closed and not on_time else CLOSED_ALL_ON_TIME if closed and not late else CLOSED
        values = {"xong": closed, "dung_han": on_time, "tre_han": late, "ty_le": rate(on_time, closed)}
        out.append(Said(phrase, values))
        overdue = as_int(now["overdue"])
        phrase = part_phrase(opened, overdue, OPEN, OPEN_WITHIN, OPEN_ALL_OVERDUE)
        out.append(Said(phrase, {"den_ngay": until(context), "dang": opened, "qua_han": overdue}))
    if as_int(now["not_accepted"]):
        out.append(Said(NOT_ACCEPTED, {"khong_tiep_thu": now["not_accepted"]}))
    compared = (("buoi", "visits"), ("kien_nghi", "recommendations"), ("xong", "closed"))
    if any_counted((now, last_year), (name for _, name in compared)):
        out.append(Said(VERSUS, changes(now, last_year, compared)))
    return out


# --- the tables and charts -------------------------------------------------------------------------


def overdue_table(context: Context, target: Target, count: int) -> TableData | None:
    """The recommendations overdue at the period's end (or today), the oldest first."""
    prefixes = target.prefixes(VIEW)
    if not count or not prefixes:
        return None
    day = until(context)
    overdue = RECOMMENDATIONS.condition(RECOMMENDATIONS.measure("open_overdue"), target.window)
    found = (
        Recommendation.objects.filter(RECOMMENDATIONS.under(prefixes), overdue)
        .select_related("unit", "plan")
        .order_by("due_on", "pk")[:LIST_LIMIT]
    )
    rows: list[list[Cell]] = [
        [r.unit.name, r.content, r.responsible, r.plan.number, r.due_on, (day - r.due_on).days] for r in found
    ]
    shown = list_note(len(rows), count, "kiến nghị quá hạn lâu nhất")
    return TableData(
        title=f"Kiến nghị quá hạn chưa thực hiện xong, tính đến ngày {format_date(day)}{shown}",
        columns=["Đơn vị", "Nội dung kiến nghị", "Cơ quan chịu trách nhiệm", "Kế hoạch kiểm tra", "Thời hạn",
                 "Số ngày quá hạn"],
        rows=rows,
    )  # fmt: skip


VISIT_COLUMNS = ("visits", "units_visited")
RECOMMENDATION_COLUMNS = ("made", "closed_on_time", "closed_late", "open_within", "open_overdue")


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the tables (the three periods side by side, by sub-unit, the overdue
    recommendations) and the chart by month."""
    target = context.target()
    built = Built(paragraphs=paragraphs(context, now, last_year))
    built.tables.append(comparison_table(SECTION, context, now, previous, last_year))
    by_unit = unit_table(
        context,
        "Kết quả kiểm tra, giám sát và thực hiện kiến nghị theo đơn vị",
        [
            ("Buổi kiểm tra", ("visits",)),
            ("Đơn vị được kiểm tra", ("units_visited",)),
            ("Kiến nghị đưa ra", ("made",)),
            ("Đã thực hiện xong", ("closed_on_time", "closed_late")),
            ("Chưa thực hiện xong", ("open_within", "open_overdue")),
            ("Quá hạn", ("open_overdue",)),
        ],
        [
            compute(VISITS, target, measures=VISIT_COLUMNS, by_unit=VISIT_COLUMNS),
            compute(RECOMMENDATIONS, target, measures=RECOMMENDATION_COLUMNS, by_unit=RECOMMENDATION_COLUMNS),
        ],
    )
    for table in (by_unit, overdue_table(context, target, as_int(now["overdue"]))):
        if table is not None:
            built.tables.append(table)
    chart = month_chart(
        "Buổi kiểm tra, giám sát và kiến nghị theo tháng",
        target,
        [(VISITS, "visits", "Buổi kiểm tra, giám sát"), (RECOMMENDATIONS, "made", "Kiến nghị đưa ra")],
        skip_empty=True,
    )
    if chart is not None:
        built.charts.append(chart)
    return built


SECTION = Section(
    key="inspections",
    title="Công tác kiểm tra, giám sát",
    order=75,
    permission=VIEW,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
    percents=PERCENTS,
)
