"""The one-stop part of the periodic report: "Công tác cải cách hành chính, thực hiện cơ chế một cửa, một
cửa liên thông" (issue 14; the indicators of DOMAIN §3.5 and issue 12).

The key figures of a period come from the area's measures (:mod:`.measures`) in two scans — the dossiers
and the apology slips — inside the viewer's scope; they are asked for the period, the previous period and
the same period of last year. The narrative, the tables by field, procedure, service point and sub-unit,
and the catalogue by online level come from :func:`.selectors.stats_for` for the period itself.

Shares: the online share is the dossiers filed online among the dossiers newly received (DOMAIN §3.4);
the on-time share is the dossiers finished early or on time among those finished (QĐ 766/QĐ-TTg, group
2 "Tiến độ, kết quả giải quyết").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.core.text import format_percent
from danvan.onestop import measures, rules, selectors
from danvan.onestop.models import Procedure, ServicePoint
from danvan.stats.engine import compute
from danvan.stats.report_parts import TOTAL, any_counted, as_int, as_percent, change, month_chart
from danvan.stats.sections import (
    Built,
    Cell,
    Chart,
    Context,
    Figures,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
    rate,
)

KEY = "onestop"

#: The key figures, in the order the comparison table lists them.
LABELS: dict[str, str] = {
    "received_total": "Tổng số hồ sơ tiếp nhận",
    "carried_over": "Kỳ trước chuyển sang",
    "received": "Tiếp nhận mới trong kỳ",
    "received_desk": "Tiếp nhận trực tiếp",
    "received_online": "Tiếp nhận trực tuyến",
    "received_post": "Tiếp nhận qua dịch vụ bưu chính công ích",
    "online_share": "Tỷ lệ hồ sơ trực tuyến",
    "finished": "Đã giải quyết",
    "early": "Giải quyết trước hạn",
    "on_time": "Giải quyết đúng hạn",
    "late": "Giải quyết trễ hạn",
    "on_time_share": "Tỷ lệ giải quyết đúng hạn và trước hạn",
    "in_progress": "Đang giải quyết",
    "in_progress_within": "Đang giải quyết trong hạn",
    "in_progress_overdue": "Đang giải quyết quá hạn",
    "apologies": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "withdrawn": "Rút hồ sơ",
    "refused": "Từ chối tiếp nhận",
}
PERCENTS = frozenset({"online_share", "on_time_share"})

# --- the sentences -----------------------------------------------------------------------------------

#: Every blank the sentences of this section may use (each sentence is given all of them, so that an
#: administrator may rewrite any sentence with any figure).
HELP: dict[str, str] = {
    "tiep_nhan": "tổng số hồ sơ tiếp nhận (kỳ trước chuyển sang và tiếp nhận mới)",
    "chuyen_sang": "số hồ sơ kỳ trước chuyển sang",
    "moi": "số hồ sơ tiếp nhận mới trong kỳ",
    "truc_tiep": "số hồ sơ tiếp nhận trực tiếp",
    "truc_tuyen": "số hồ sơ tiếp nhận trực tuyến",
    "buu_chinh": "số hồ sơ tiếp nhận qua dịch vụ bưu chính công ích",
    "ty_le_truc_tuyen": "tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới, như “55%”",
    "da_giai_quyet": "số hồ sơ đã giải quyết",
    "truoc_han": "số hồ sơ giải quyết trước hạn",
    "dung_han": "số hồ sơ giải quyết đúng hạn",
    "dung_truoc_han": "số hồ sơ giải quyết đúng hạn và trước hạn",
    "tre_han": "số hồ sơ giải quyết trễ hạn",
    "ty_le_dung_han": "tỷ lệ giải quyết đúng hạn và trước hạn, như “99%”",
    "dang_giai_quyet": "số hồ sơ đang giải quyết",
    "trong_han": "số hồ sơ đang giải quyết trong hạn",
    "qua_han": "số hồ sơ đang giải quyết quá hạn",
    "phieu_xin_loi": "số phiếu xin lỗi và hẹn lại ngày trả kết quả đã ban hành",
    "rut": "số hồ sơ công dân rút",
    "tu_choi": "số hồ sơ từ chối tiếp nhận",
    "thu_tuc": "số thủ tục hành chính đang áp dụng",
    "toan_trinh": "số thủ tục cung cấp dịch vụ công trực tuyến toàn trình",
    "ty_le_toan_trinh": "tỷ lệ thủ tục trực tuyến toàn trình",
    "mot_phan": "số thủ tục cung cấp dịch vụ công trực tuyến một phần",
    "ty_le_mot_phan": "tỷ lệ thủ tục trực tuyến một phần",
    "mot_cua": "số thủ tục giải quyết theo cơ chế một cửa, một cửa liên thông",
    "ty_le_mot_cua": "tỷ lệ thủ tục giải quyết theo cơ chế một cửa, một cửa liên thông",
    "so_tiep_nhan": "số hồ sơ tiếp nhận so với cùng kỳ, như “tăng 12 (7,14%)”",
    "so_giai_quyet": "số hồ sơ đã giải quyết so với cùng kỳ",
    "so_tre_han": "số hồ sơ trễ hạn so với cùng kỳ",
    "so_ty_le_dung_han": "tỷ lệ đúng hạn và trước hạn so với cùng kỳ, như “tăng 2,5 điểm %”",
}

_CHANNELS = (
    "trực tuyến {truc_tuyen} hồ sơ, đạt {ty_le_truc_tuyen}; trực tiếp {truc_tiep} hồ sơ; "
    "qua dịch vụ bưu chính công ích {buu_chinh} hồ sơ"
)

RECEIVED = Phrase(
    key="onestop.received",
    label="Tiếp nhận hồ sơ",
    text="{trong_ky}, {pham_vi} đã tiếp nhận {tiep_nhan} hồ sơ (" + _CHANNELS + ")",
    zero="{trong_ky}, {pham_vi} không tiếp nhận hồ sơ thủ tục hành chính nào",
    lead="tiep_nhan",
    help=HELP,
)
RECEIVED_CARRIED = Phrase(
    key="onestop.received_carried",
    label="Tiếp nhận hồ sơ, có hồ sơ kỳ trước chuyển sang",
    text="{trong_ky}, {pham_vi} đã tiếp nhận {tiep_nhan} hồ sơ, gồm {chuyen_sang} hồ sơ kỳ trước chuyển sang và "
    "{moi} hồ sơ tiếp nhận mới (" + _CHANNELS + ")",
    zero="{trong_ky}, {pham_vi} không tiếp nhận hồ sơ mới; có {chuyen_sang} hồ sơ kỳ trước chuyển sang",
    lead="moi",
    help=HELP,
)
FINISHED = Phrase(
    key="onestop.finished",
    label="Giải quyết hồ sơ",
    text="Đã giải quyết {da_giai_quyet} hồ sơ, trong đó đúng hạn và trước hạn {dung_truoc_han} hồ sơ "
    "(đạt {ty_le_dung_han}), trễ hạn {tre_han} hồ sơ",
    zero="Trong kỳ chưa có hồ sơ nào được giải quyết",
    lead="da_giai_quyet",
    help=HELP,
)
FINISHED_ON_TIME = Phrase(
    key="onestop.finished_on_time",
    label="Giải quyết hồ sơ, không có hồ sơ trễ hạn",
    text="Đã giải quyết {da_giai_quyet} hồ sơ, tất cả đều đúng hạn và trước hạn, không có hồ sơ trễ hạn",
    help=HELP,
)
IN_PROGRESS = Phrase(
    key="onestop.in_progress",
    label="Hồ sơ đang giải quyết",
    text="Còn {dang_giai_quyet} hồ sơ đang giải quyết, trong đó trong hạn {trong_han} hồ sơ, quá hạn {qua_han} hồ sơ",
    zero="Không còn hồ sơ đang giải quyết",
    lead="dang_giai_quyet",
    help=HELP,
)
IN_PROGRESS_WITHIN = Phrase(
    key="onestop.in_progress_within",
    label="Hồ sơ đang giải quyết, không có hồ sơ quá hạn",
    text="Còn {dang_giai_quyet} hồ sơ đang giải quyết, đều trong hạn",
    help=HELP,
)
APOLOGIES = Phrase(
    key="onestop.apologies",
    label="Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    text="Đã ban hành {phieu_xin_loi} phiếu xin lỗi và hẹn lại ngày trả kết quả",
    zero="Không phát sinh phiếu xin lỗi và hẹn lại ngày trả kết quả",
    lead="phieu_xin_loi",
    help=HELP,
)
PROCEDURES = Phrase(
    key="onestop.procedures",
    label="Thủ tục hành chính theo mức độ dịch vụ công trực tuyến",
    text="Tổng số thủ tục hành chính đang áp dụng là {thu_tuc} thủ tục, trong đó dịch vụ công trực tuyến toàn "
    "trình {toan_trinh} thủ tục ({ty_le_toan_trinh}), dịch vụ công trực tuyến một phần {mot_phan} thủ tục "
    "({ty_le_mot_phan}); {mot_cua} thủ tục ({ty_le_mot_cua}) được giải quyết theo cơ chế một cửa, một cửa liên thông",
    help=HELP,
)
VERSUS = Phrase(
    key="onestop.versus",
    label="So với cùng kỳ năm trước",
    text="So với {cung_ky}, số hồ sơ tiếp nhận {so_tiep_nhan}, số hồ sơ đã giải quyết {so_giai_quyet}, "
    "số hồ sơ trễ hạn {so_tre_han}; tỷ lệ giải quyết đúng hạn và trước hạn {so_ty_le_dung_han}",
    help=HELP,
)

PHRASES = (
    RECEIVED,
    RECEIVED_CARRIED,
    FINISHED,
    FINISHED_ON_TIME,
    IN_PROGRESS,
    IN_PROGRESS_WITHIN,
    APOLOGIES,
    PROCEDURES,
    VERSUS,
)

# --- the figures -------------------------------------------------------------------------------------


def figures(context: Context, period: Period) -> Figures:
    """The key figures of the report's unit (None: the nation) in ``period``, within the viewer's scope."""
    target = context.target(period)
    t = {name: as_int(value) for name, value in compute(measures.DOSSIERS, target).total.items()}
    apologies = as_int(compute(measures.APOLOGIES, target).total["apologies"])
    return {
        "received_total": t["carried_over"] + t["received"],
        "carried_over": t["carried_over"],
        "received": t["received"],
        "received_desk": t["received_desk"],
        "received_online": t["received_online"],
        "received_post": t["received_post"],
        "online_share": rate(t["received_online"], t["received"]).value,
        "finished": t["finished"],
        "early": t["early"],
        "on_time": t["on_time"],
        "late": t["late"],
        "on_time_share": rate(t["early"] + t["on_time"], t["finished"]).value,
        "in_progress": t["in_progress_within"] + t["in_progress_overdue"],
        "in_progress_within": t["in_progress_within"],
        "in_progress_overdue": t["in_progress_overdue"],
        "apologies": apologies,
        "withdrawn": t["withdrawn"],
        "refused": t["refused"],
    }


def points(now: Any, before: Any) -> str:
    """The change of a share in points: "tăng 2,5 điểm %", "giảm 1 điểm %", "không thay đổi"; without
    one of the two shares, "chưa có số liệu để so sánh"."""
    if now is None or before is None:
        return "chưa có số liệu để so sánh"
    delta = Decimal(now) - Decimal(before)
    if not delta:
        return "không thay đổi"
    return f"{'tăng' if delta > 0 else 'giảm'} {format_percent(abs(delta)).removesuffix('%')} điểm %"


def values_of(now: Figures, last_year: Figures, stats: selectors.OneStopStats) -> dict[str, Any]:
    """The values of every blank in :data:`HELP`."""
    levels = stats.procedure_levels
    total = stats.procedures_total
    return {
        "tiep_nhan": now["received_total"],
        "chuyen_sang": now["carried_over"],
        "moi": now["received"],
        "truc_tiep": now["received_desk"],
        "truc_tuyen": now["received_online"],
        "buu_chinh": now["received_post"],
        "ty_le_truc_tuyen": as_percent(now["online_share"]),
        "da_giai_quyet": now["finished"],
        "truoc_han": now["early"],
        "dung_han": now["on_time"],
        "dung_truoc_han": as_int(now["early"]) + as_int(now["on_time"]),
        "tre_han": now["late"],
        "ty_le_dung_han": as_percent(now["on_time_share"]),
        "dang_giai_quyet": now["in_progress"],
        "trong_han": now["in_progress_within"],
        "qua_han": now["in_progress_overdue"],
        "phieu_xin_loi": now["apologies"],
        "rut": now["withdrawn"],
        "tu_choi": now["refused"],
        "thu_tuc": total,
        "toan_trinh": levels.get(rules.OnlineLevel.FULL, 0),
        "ty_le_toan_trinh": rate(levels.get(rules.OnlineLevel.FULL, 0), total),
        "mot_phan": levels.get(rules.OnlineLevel.PARTIAL, 0),
        "ty_le_mot_phan": rate(levels.get(rules.OnlineLevel.PARTIAL, 0), total),
        "mot_cua": stats.procedures_one_stop,
        "ty_le_mot_cua": rate(stats.procedures_one_stop, total),
        "so_tiep_nhan": change(now["received_total"], last_year.get("received_total")),
        "so_giai_quyet": change(now["finished"], last_year.get("finished")),
        "so_tre_han": change(now["late"], last_year.get("late")),
        "so_ty_le_dung_han": points(now["on_time_share"], last_year.get("on_time_share")),
    }


def paragraphs(now: Figures, last_year: Figures, values: Mapping[str, Any]) -> list[Said | str]:
    """The sentences, each in the variant that reads naturally for its figures (no "0 hồ sơ trễ hạn")."""
    said: list[Said | str] = [Said(RECEIVED_CARRIED if now["carried_over"] else RECEIVED, values)]
    # Nothing received and nothing finished: the first sentence says it all.
    if now["received_total"] or now["finished"]:
        if now["finished"] and not now["late"]:
            said.append(Said(FINISHED_ON_TIME, values))
        else:
            said.append(Said(FINISHED, values))
        if now["in_progress"] and not now["in_progress_overdue"]:
            said.append(Said(IN_PROGRESS_WITHIN, values))
        else:
            said.append(Said(IN_PROGRESS, values))
        said.append(Said(APOLOGIES, values))
    if values["thu_tuc"]:
        said.append(Said(PROCEDURES, values))
    if any_counted((now, last_year), ("received_total", "finished")):
        said.append(Said(VERSUS, values))
    return said


# --- the tables and charts ---------------------------------------------------------------------------

_DETAIL_COLUMNS = [
    "Tiếp nhận",
    "Trong đó trực tuyến",
    "Đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Trễ hạn",
    "Tỷ lệ đúng hạn và trước hạn",
    "Đang giải quyết quá hạn",
]


def _detail(values: Mapping[str, Any]) -> list[Cell]:
    """One row of a detail table from the measures of :data:`measures.DOSSIERS`."""
    v = {name: as_int(values.get(name)) for name in ("carried_over", "received", "received_online", "finished")}
    early, on_time, late = (as_int(values.get(n)) for n in ("early", "on_time", "late"))
    return [
        v["carried_over"] + v["received"],
        v["received_online"],
        v["finished"],
        early,
        on_time,
        late,
        rate(early + on_time, v["finished"]),
        as_int(values.get("in_progress_overdue")),
    ]


def _summed(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            total[name] = total.get(name, 0) + as_int(value)
    return total


def _table(title: str, heading: list[str], rows: list[tuple[list[Cell], Mapping[str, Any]]]) -> list[TableData]:
    """A detail table: each row's heading cells and measures (a row with nothing in the period left out),
    then the total row; none when no row is left."""
    rows = [(cells, values) for cells, values in rows if any(values.values())]
    if not rows:
        return []
    body = [[*cells, *_detail(values)] for cells, values in rows]
    blank: list[Cell] = [""] * (len(heading) - 1)
    body.append([TOTAL, *blank, *_detail(_summed(values for _, values in rows))])
    return [TableData(title=title, columns=[*heading, *_DETAIL_COLUMNS], rows=body)]


def _busiest(items: Mapping[Any, Mapping[str, Any]]) -> list[Any]:
    """The keys of a breakdown, the most dossiers first (then by key, so that the order is stable)."""
    return sorted(
        items, key=lambda k: (-(as_int(items[k].get("carried_over")) + as_int(items[k].get("received"))), str(k))
    )


def tables(stats: selectors.OneStopStats) -> list[TableData]:
    """By field, procedure, service point and sub-unit, then the catalogue by online level."""
    out: list[TableData] = []
    if stats.by_field:
        rows: list[tuple[list[Cell], Mapping[str, Any]]] = [
            ([name], stats.by_field[name]) for name in _busiest(stats.by_field)
        ]
        out += _table("Kết quả giải quyết hồ sơ theo lĩnh vực", ["Lĩnh vực"], rows)
    if stats.by_procedure:
        names = {p.pk: p for p in Procedure.objects.filter(pk__in=list(stats.by_procedure)).only("code", "name")}
        rows = [([names[pk].code, names[pk].name], stats.by_procedure[pk]) for pk in _busiest(stats.by_procedure)]
        out += _table("Kết quả giải quyết hồ sơ theo thủ tục hành chính", ["Mã thủ tục", "Thủ tục"], rows)
    if stats.by_service_point:
        places = {p.pk: p.name for p in ServicePoint.objects.filter(pk__in=list(stats.by_service_point)).only("name")}
        rows = [([places[pk]], stats.by_service_point[pk]) for pk in _busiest(stats.by_service_point)]
        out += _table("Kết quả giải quyết hồ sơ theo nơi tiếp nhận", ["Nơi tiếp nhận"], rows)
    if stats.by_unit:
        rows = [([unit.name], values) for unit, values in stats.by_unit]
        out += _table("Kết quả giải quyết hồ sơ theo đơn vị trực thuộc", ["Đơn vị"], rows)
    if stats.procedures_total:
        levels = stats.procedure_levels
        level_rows: list[list[Cell]] = [
            [label, levels.get(level, 0), rate(levels.get(level, 0), stats.procedures_total)]
            for level, label in rules.OnlineLevel.choices
        ]
        level_rows.append(
            [
                "Giải quyết theo cơ chế một cửa, một cửa liên thông",
                stats.procedures_one_stop,
                rate(stats.procedures_one_stop, stats.procedures_total),
            ]
        )
        level_rows.append(["Tổng số thủ tục hành chính đang áp dụng", stats.procedures_total, rate(1, 1)])
        out.append(
            TableData(
                title="Thủ tục hành chính theo mức độ cung cấp dịch vụ công trực tuyến",
                columns=["Mức độ", "Số thủ tục", "Tỷ lệ"],
                rows=level_rows,
            )
        )
    return out


def charts(context: Context, stats: selectors.OneStopStats) -> list[Chart]:
    out = [
        month_chart(
            "Hồ sơ tiếp nhận mới, đã giải quyết và trễ hạn theo tháng",
            context.target(),
            [(measures.DOSSIERS, name, LABELS[name]) for name in ("received", "finished", "late")],
        )
    ]
    if stats.by_unit:
        out.append(
            Chart(
                title="Hồ sơ tiếp nhận và đã giải quyết theo đơn vị trực thuộc",
                kind="bar",
                labels=[unit.name for unit, _ in stats.by_unit],
                series=[
                    (
                        "Tiếp nhận",
                        [float(as_int(v.get("carried_over")) + as_int(v.get("received"))) for _, v in stats.by_unit],
                    ),
                    ("Đã giải quyết", [float(as_int(v.get("finished"))) for _, v in stats.by_unit]),
                ],
            )
        )
    return out


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the tables and the charts of the one-stop section."""
    stats = selectors.stats_for(context.unit, context.period, user=context.viewer, today_tree=context.today_tree)
    values = values_of(now, last_year, stats)
    return Built(
        paragraphs=paragraphs(now, last_year, values),
        tables=[comparison_table(SECTION, context, now, previous, last_year), *tables(stats)],
        charts=charts(context, stats),
    )


SECTION = Section(
    key=KEY,
    title="Công tác cải cách hành chính, thực hiện cơ chế một cửa, một cửa liên thông",
    order=50,
    permission=roles.ONESTOP.view,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
    percents=PERCENTS,
)
