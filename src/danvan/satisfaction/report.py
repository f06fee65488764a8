"""The satisfaction part of the periodic report: "Sự hài lòng của người dân, tổ chức" (issue 14; DOMAIN §4).

The key figures of a period — the survey's responses, the overall index (the valid answers "hài lòng" or
"rất hài lòng" to the overall question, QĐ 2640/QĐ-BNV and QĐ 1001/QĐ-BNV, DOMAIN §4.1 [M]) and the
per-dossier ratings of the one-stop area (read by name from the statistics registry, ``onestop.ratings``,
never by importing that area) — are computed inside the viewer's scope. The narrative adds what
:func:`.selectors.stats_for` gives for a unit: the index per service element, the rank among the sibling
units and its change against the previous period ("xếp thứ 32/63 tỉnh, thành phố, tăng 10 bậc"), and the
target with its source ("91,3% (mục tiêu Đề án 06 là phấn đấu đạt trên 80%)", NQ 76/NQ-CP). The nation
has neither siblings nor a target: its elements and its provinces are computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.core.text import format_percent
from danvan.satisfaction import measures, rules, selectors
from danvan.satisfaction.models import IndexTarget, ServiceElement
from danvan.stats import registry
from danvan.stats.engine import Source, Target, compute
from danvan.stats.report_parts import as_int, as_percent, change, lower_first, month_chart
from danvan.stats.sections import (
    Built,
    Cell,
    Chart,
    Context,
    Figures,
    Percent,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
)

KEY = "satisfaction"
RATINGS = "onestop.ratings"

#: The key figures, in the order the comparison table lists them.
LABELS: dict[str, str] = {
    "index": "Chỉ số hài lòng chung",
    "responses": "Phiếu khảo sát thu về",
    "responses_paper": "Phiếu giấy",
    "responses_online": "Phiếu trực tuyến",
    "valid": "Ý kiến hợp lệ về sự hài lòng chung",
    "satisfied": "Ý kiến hài lòng, rất hài lòng",
    "rating_share": "Tỷ lệ hài lòng qua đánh giá hồ sơ",
    "rated": "Lượt đánh giá hồ sơ",
    "rated_satisfied": "Lượt đánh giá hài lòng, rất hài lòng",
}
PERCENTS = frozenset({"index", "rating_share"})

# --- the sentences -----------------------------------------------------------------------------------

#: Every blank the sentences of this section may use (each sentence is given all of them).
HELP: dict[str, str] = {
    "phieu": "số phiếu khảo sát thu về",
    "hop_le": "số ý kiến hợp lệ về sự hài lòng chung",
    "hai_long": "số ý kiến hài lòng, rất hài lòng",
    "chi_so": "chỉ số hài lòng chung, như “85,16%”",
    "muc_tieu": "mục tiêu, như “trên 80%”",
    "can_cu": "văn bản đặt mục tiêu, như “Đề án 06” (có thể trống)",
    "danh_gia_muc_tieu": "so với mục tiêu, như “đạt mục tiêu đề ra (cao hơn 11,3 điểm %)”",
    "cac_yeu_to": "chỉ số theo từng yếu tố, như “tiếp cận dịch vụ đạt 90%; thủ tục hành chính đạt 85%”",
    "thu_hang": "thứ hạng của đơn vị",
    "so_don_vi": "số đơn vị được xếp hạng",
    "cap_don_vi": "các đơn vị cùng cấp, như “tỉnh, thành phố”",
    "thay_doi_thu_hang": "thay đổi thứ hạng so với kỳ trước, như “tăng 10 bậc”",
    "danh_gia": "số lượt đánh giá hồ sơ",
    "danh_gia_hai_long": "số lượt đánh giá hài lòng, rất hài lòng",
    "ty_le_danh_gia": "tỷ lệ hài lòng qua đánh giá hồ sơ",
    "so_chi_so": "chỉ số hài lòng so với cùng kỳ, như “tăng 2,68 điểm %”",
    "so_ty_le_danh_gia": "tỷ lệ hài lòng qua đánh giá hồ sơ so với cùng kỳ",
    "so_danh_gia": "số lượt đánh giá hồ sơ so với cùng kỳ, như “tăng 12 (7,14%)”",
}

_SURVEYED = (
    "{trong_ky}, qua khảo sát {phieu} phiếu, chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
    "hành chính nhà nước {pham_vi} đạt {chi_so}"
)
_NOT_SURVEYED = "{trong_ky}, {pham_vi} chưa có kết quả khảo sát sự hài lòng của người dân, tổ chức"

INDEX = Phrase(
    key="satisfaction.index",
    label="Chỉ số hài lòng",
    text=_SURVEYED + " ({hai_long}/{hop_le} ý kiến hài lòng, rất hài lòng)",
    zero=_NOT_SURVEYED,
    lead="hop_le",
    help=HELP,
)
INDEX_TARGET = Phrase(
    key="satisfaction.index_target",
    label="Chỉ số hài lòng so với mục tiêu",
    text=_SURVEYED + " (mục tiêu {can_cu} là phấn đấu đạt {muc_tieu}), {danh_gia_muc_tieu}",
    zero=_NOT_SURVEYED + " (mục tiêu {can_cu} là phấn đấu đạt {muc_tieu})",
    lead="hop_le",
    help=HELP,
)
ELEMENTS = Phrase(
    key="satisfaction.elements",
    label="Chỉ số hài lòng theo yếu tố dịch vụ",
    text="Theo từng yếu tố, chỉ số hài lòng về {cac_yeu_to}",
    help=HELP,
)
RANK = Phrase(
    key="satisfaction.rank",
    label="Xếp hạng và thay đổi thứ hạng",
    text="Về chỉ số hài lòng, {don_vi} xếp thứ {thu_hang}/{so_don_vi} {cap_don_vi}, {thay_doi_thu_hang} "
    "so với {ky_truoc}",
    help=HELP,
)
RANK_ONLY = Phrase(
    key="satisfaction.rank_only",
    label="Xếp hạng (kỳ trước chưa xếp hạng)",
    text="Về chỉ số hài lòng, {don_vi} xếp thứ {thu_hang}/{so_don_vi} {cap_don_vi}",
    help=HELP,
)
RATED = Phrase(
    key="satisfaction.ratings",
    label="Đánh giá việc giải quyết hồ sơ",
    text="Người dân, tổ chức đã thực hiện {danh_gia} lượt đánh giá việc giải quyết hồ sơ thủ tục hành chính, "
    "trong đó hài lòng, rất hài lòng {danh_gia_hai_long} lượt, đạt {ty_le_danh_gia}",
    zero="Chưa có lượt đánh giá nào của người dân, tổ chức đối với việc giải quyết hồ sơ thủ tục hành chính",
    lead="danh_gia",
    help=HELP,
)
VERSUS = Phrase(
    key="satisfaction.versus",
    label="So với cùng kỳ năm trước",
    text="So với {cung_ky}, chỉ số hài lòng {so_chi_so}; tỷ lệ hài lòng qua đánh giá hồ sơ {so_ty_le_danh_gia}",
    help=HELP,
)
PHRASES = (INDEX, INDEX_TARGET, ELEMENTS, RANK, RANK_ONLY, RATED, VERSUS)

# --- the figures -------------------------------------------------------------------------------------


def ratings_source() -> Source | None:
    """The one-stop area's per-dossier ratings, when that area is installed."""
    try:
        return registry.source(RATINGS)
    except LookupError:
        return None


def figures(context: Context, period: Period) -> Figures:
    """The key figures of the report's unit (None: the nation) in ``period``, within the viewer's scope."""
    target = context.target(period)
    answers = compute(measures.ANSWERS, target, measures=("overall_valid", "overall_satisfied")).total
    responses = compute(measures.RESPONSES, target).total
    valid, satisfied = as_int(answers["overall_valid"]), as_int(answers["overall_satisfied"])
    source = ratings_source()
    ratings = compute(source, target, measures=("rated", "satisfied")).total if source else {}
    rated, rated_satisfied = as_int(ratings.get("rated")), as_int(ratings.get("satisfied"))
    return {
        "index": rules.index_of(satisfied, valid),
        "responses": as_int(responses["responses"]),
        "responses_paper": as_int(responses["paper"]),
        "responses_online": as_int(responses["online"]),
        "valid": valid,
        "satisfied": satisfied,
        "rating_share": rules.index_of(rated_satisfied, rated),
        "rated": rated,
        "rated_satisfied": rated_satisfied,
    }


# --- what the narrative and the tables add -----------------------------------------------------------


@dataclass
class Detail:
    """The index's detail for the report: per element, the sub-units ranked, the rank among the siblings,
    the target and the expectations (a unit's from :func:`selectors.stats_for`; the nation's computed here)."""

    elements: list[selectors.ElementFigure] = field(default_factory=list)
    sub_units: list[selectors.SiblingRow] = field(default_factory=list)
    siblings: list[selectors.SiblingRow] = field(default_factory=list)
    sibling_noun: str = ""
    rank: rules.Rank | None = None
    rank_change: str = ""
    target: IndexTarget | None = None
    target_status: rules.TargetStatus | None = None
    expectations: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)


def detail(context: Context) -> Detail:
    if context.unit is not None:
        stats = selectors.stats_for(context.unit, context.period, user=context.viewer, today_tree=context.today_tree)
        return Detail(
            elements=stats.elements,
            sub_units=stats.sub_units,
            siblings=stats.siblings,
            sibling_noun=stats.sibling_noun,
            rank=stats.rank,
            rank_change=stats.rank_change,
            target=stats.target,
            target_status=stats.target_status,
            expectations=stats.expectations,
        )
    return _nation(context.target())


def _nation(target: Target) -> Detail:
    """The nation's elements (by name, over every questionnaire) and its provinces ranked, in one pass."""
    overall = ("overall_valid", "overall_satisfied")
    answers = compute(
        measures.ANSWERS,
        target,
        measures=("valid", "satisfied", *overall),
        breakdown=("kind", "element_id"),
        by_unit=overall,
    )
    own = {key[1]: values for key, values in answers.cells.items() if key[0] == rules.ItemKind.ELEMENT}
    by_name: dict[str, selectors.ElementFigure] = {}
    for element in ServiceElement.objects.filter(pk__in=list(own)).order_by("order", "pk"):
        row = by_name.setdefault(element.name, selectors.ElementFigure(element.order, element.name))
        row.figure.add(own[element.pk])
    figures_ = [
        (unit, selectors.Figure(valid=as_int(v["overall_valid"]), satisfied=as_int(v["overall_satisfied"])))
        for unit, v in answers.by_unit
    ]
    ranks = rules.ranks({unit.pk: figure.index for unit, figure in figures_})
    sub_units = [selectors.SiblingRow(unit, figure, ranks.get(unit.pk)) for unit, figure in figures_]
    sub_units.sort(key=lambda r: (r.rank.position if r.rank else 10**6, r.unit.name))
    return Detail(elements=sorted(by_name.values(), key=lambda e: (e.order, e.name)), sub_units=sub_units)


def wanted(target: IndexTarget) -> str:
    """The target as a sentence writes it: "trên 80%", "từ 80% trở lên"."""
    if target.comparison == rules.Comparison.AT_LEAST:
        return f"từ {format_percent(target.value)} trở lên"
    return f"trên {format_percent(target.value)}"


def against_target(status: rules.TargetStatus | None) -> str:
    """ "đạt mục tiêu đề ra (cao hơn 11,3 điểm %)", "chưa đạt mục tiêu đề ra (còn thiếu 2 điểm %)"."""
    if status is None:
        return ""
    gap = format_percent(abs(status.gap)).removesuffix("%")
    if status.met:
        return f"đạt mục tiêu đề ra (cao hơn {gap} điểm %)"
    if not status.gap:
        return "chưa đạt mục tiêu đề ra (mới bằng mức mục tiêu)"
    return f"chưa đạt mục tiêu đề ra (còn thiếu {gap} điểm %)"


def elements_words(elements: list[selectors.ElementFigure]) -> str:
    """ "tiếp cận dịch vụ đạt 90%; thủ tục hành chính đạt 85%": the elements that have valid answers."""
    return "; ".join(
        f"{lower_first(e.name)} đạt {format_percent(e.figure.index)}" for e in elements if e.figure.index is not None
    )


def _compared(now: Any, before: Any) -> str:
    return rules.value_change(before, now) or "chưa có số liệu để so sánh"


def values_of(now: Figures, last_year: Figures, more: Detail) -> dict[str, Any]:
    """The values of every blank in :data:`HELP`."""
    target = more.target
    return {
        "phieu": now["responses"],
        "hop_le": now["valid"],
        "hai_long": now["satisfied"],
        "chi_so": as_percent(now["index"]),
        "muc_tieu": wanted(target) if target else "",
        "can_cu": target.legal_basis if target else "",
        "danh_gia_muc_tieu": against_target(more.target_status),
        "cac_yeu_to": elements_words(more.elements),
        "thu_hang": more.rank.position if more.rank else None,
        "so_don_vi": more.rank.of if more.rank else None,
        "cap_don_vi": more.sibling_noun,
        "thay_doi_thu_hang": "giữ nguyên thứ hạng" if more.rank_change == "giữ nguyên" else more.rank_change,
        "danh_gia": now["rated"],
        "danh_gia_hai_long": now["rated_satisfied"],
        "ty_le_danh_gia": as_percent(now["rating_share"]),
        "so_chi_so": _compared(now["index"], last_year.get("index")),
        "so_ty_le_danh_gia": _compared(now["rating_share"], last_year.get("rating_share")),
        "so_danh_gia": change(now["rated"], last_year.get("rated")),
    }


def paragraphs(now: Figures, last_year: Figures, more: Detail, values: Mapping[str, Any]) -> list[Said | str]:
    said: list[Said | str] = [Said(INDEX_TARGET if more.target else INDEX, values)]
    if now["valid"] and values["cac_yeu_to"]:
        said.append(Said(ELEMENTS, values))
    if more.rank is not None:
        said.append(Said(RANK if more.rank_change else RANK_ONLY, values))
    if ratings_source() is not None:
        said.append(Said(RATED, values))
    comparable = (now["index"], last_year.get("index")), (now["rating_share"], last_year.get("rating_share"))
    if any(a is not None and b is not None for a, b in comparable):
        said.append(Said(VERSUS, values))
    return said


def _index_cells(figure: selectors.Figure) -> list[Cell]:
    return [figure.valid, figure.satisfied, Percent(figure.index)]


def tables(more: Detail, now: Figures) -> list[TableData]:
    """By element (those answered in the period), the sub-units ranked, the siblings ranked, the expectations."""
    out = []
    index_columns = ["Ý kiến hợp lệ", "Hài lòng, rất hài lòng", "Chỉ số hài lòng"]
    answered = [e for e in more.elements if e.figure.valid]
    if answered:
        rows: list[list[Cell]] = [[e.name, *_index_cells(e.figure)] for e in answered]
        overall = selectors.Figure(valid=as_int(now["valid"]), satisfied=as_int(now["satisfied"]))
        rows.append(["Hài lòng chung", *_index_cells(overall)])
        out.append(
            TableData(title="Chỉ số hài lòng theo yếu tố dịch vụ", columns=["Yếu tố", *index_columns], rows=rows)
        )

    def ranked(title: str, found: list[selectors.SiblingRow]) -> TableData:
        return TableData(
            title=title,
            columns=["Thứ hạng", "Đơn vị", *index_columns],
            rows=[
                [f"{r.rank.position}/{r.rank.of}" if r.rank else "—", r.unit.name, *_index_cells(r.figure)]
                for r in found
            ],
        )

    if more.sub_units:
        out.append(ranked("Chỉ số hài lòng của các đơn vị trực thuộc", more.sub_units))
    if more.siblings:
        out.append(ranked(f"Xếp hạng chỉ số hài lòng giữa các {more.sibling_noun}", more.siblings))
    if more.expectations:
        expectations: list[list[Cell]] = [
            [question, option, chosen] for question, options in more.expectations for option, chosen in options
        ]
        out.append(
            TableData(
                title="Sự mong đợi của người dân, tổ chức",
                columns=["Câu hỏi", "Nội dung", "Lượt chọn"],
                rows=expectations,
            )
        )
    return out


def charts(context: Context, more: Detail) -> list[Chart]:
    series = [
        (measures.ANSWERS, "overall_valid", LABELS["valid"]),
        (measures.ANSWERS, "overall_satisfied", LABELS["satisfied"]),
    ]
    source = ratings_source()
    if source is not None:
        series += [(source, "rated", LABELS["rated"]), (source, "satisfied", LABELS["rated_satisfied"])]
    out = [month_chart("Ý kiến về sự hài lòng và lượt đánh giá hồ sơ theo tháng", context.target(), series)]
    if more.sub_units:
        out.append(
            Chart(
                title="Chỉ số hài lòng của các đơn vị trực thuộc (%)",
                kind="bar",
                labels=[r.unit.name for r in more.sub_units],
                series=[("Chỉ số hài lòng", [float(r.figure.index or 0) for r in more.sub_units])],
            )
        )
    return out


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the tables and the charts of the satisfaction section."""
    more = detail(context)
    values = values_of(now, last_year, more)
    return Built(
        paragraphs=paragraphs(now, last_year, more, values),
        tables=[comparison_table(SECTION, context, now, previous, last_year), *tables(more, now)],
        charts=charts(context, more),
    )


SECTION = Section(
    key=KEY,
    title="Sự hài lòng của người dân, tổ chức",
    order=55,
    permission=roles.SATISFACTION.view,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
    percents=PERCENTS,
)
