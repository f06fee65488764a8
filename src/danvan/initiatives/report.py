"""The periodic report's section on the "Dân vận khéo" emulation movement (issue 14, DOMAIN §5.3).

The key figures come from the statistics engine (:mod:`danvan.initiatives.measures`), inside the viewer's
scope, for the report's unit or the whole nation: models registered, recognised, chosen as exemplary,
commended and replicated, and the collectives (mô hình) and individuals (điển hình) among the registered and
the recognised. The narrative follows the seeds — "đã đăng ký xây dựng 2.707 mô hình “Dân vận khéo”, trong
đó 1.100 mô hình được công nhận, 274 mô hình điển hình, tiêu biểu"; "Đã có 46 tập thể, 72 cá nhân đăng ký
điển hình “Dân vận khéo” trên các lĩnh vực. Trong đó có 1 tập thể và 1 cá nhân được cấp chứng nhận…" — and
never writes "0 mô hình": :func:`paragraphs` chooses the wording without the part that would be zero.
"""

from __future__ import annotations

from collections.abc import Mapping

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.initiatives import measures
from danvan.initiatives.models import Field, Initiative
from danvan.stats.engine import Figures as Computed
from danvan.stats.engine import Target, compute
from danvan.stats.report_parts import (
    any_counted,
    as_int,
    changes,
    counts_in_words,
    lower_first,
    month_chart,
    summed_table,
    table_chart,
)
from danvan.stats.sections import (
    Built,
    Chart,
    Context,
    Figures,
    Number,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
)
from danvan.units.models import Unit

# --- the key figures ------------------------------------------------------------------------------

MEASURES = ("registered", "recognised", "exemplary", "commended", "replicated")
LABELS: dict[str, str] = {
    "registered": "Mô hình, điển hình đăng ký",
    "recognised": "Được công nhận",
    "exemplary": "Điển hình, tiêu biểu",
    "commended": "Được biểu dương, khen thưởng",
    "replicated": "Được nhân rộng",
    "collective_registered": "Tập thể đăng ký (mô hình)",
    "individual_registered": "Cá nhân đăng ký (điển hình)",
    "collective_recognised": "Tập thể được công nhận",
    "individual_recognised": "Cá nhân được công nhận",
}
#: Mô hình is a collective's, điển hình an individual's (DOMAIN §5.3).
KINDS = ((Initiative.Kind.MODEL, "collective", "tập thể"), (Initiative.Kind.EXEMPLAR, "individual", "cá nhân"))


def figures(context: Context, period: Period) -> Figures:
    """The key figures of the report's coverage in ``period``: one grouped read (by kind)."""
    computed = compute(measures.INITIATIVES, context.target(period), measures=list(MEASURES), breakdown=("kind",))
    out: Figures = {name: as_int(computed.total[name]) for name in MEASURES}
    for kind, prefix, _ in KINDS:
        for name in ("registered", "recognised"):
            out[f"{prefix}_{name}"] = as_int(computed.breakdown(0, name).get(kind))
    return {name: out[name] for name in LABELS}


# --- the sentences ----------------------------------------------------------------------------------

_REGISTERED = {
    "dang_ky": "số mô hình, điển hình đăng ký trong kỳ",
    "cong_nhan": "số mô hình được công nhận trong kỳ (ở mọi cấp)",
    "dien_hinh": "số mô hình được chọn là điển hình, tiêu biểu trong kỳ",
}
REGISTERED = Phrase(
    key="initiatives.registered",
    label="Đăng ký, công nhận mô hình",
    text="{trong_ky}, {pham_vi} đã đăng ký xây dựng {dang_ky} mô hình “Dân vận khéo”, trong đó {cong_nhan} mô hình "
    "được công nhận, {dien_hinh} mô hình điển hình, tiêu biểu",
    help=_REGISTERED,
)
REGISTERED_RECOGNISED = Phrase(
    key="initiatives.registered_recognised",
    label="Đăng ký, công nhận mô hình (chưa có điển hình, tiêu biểu)",
    text="{trong_ky}, {pham_vi} đã đăng ký xây dựng {dang_ky} mô hình “Dân vận khéo”, trong đó {cong_nhan} mô hình "
    "được công nhận",
    zero="{trong_ky}, {pham_vi} đã đăng ký xây dựng {dang_ky} mô hình “Dân vận khéo”; chưa có mô hình nào được "
    "công nhận",
    lead="cong_nhan",
    help=_REGISTERED,
)
NOT_REGISTERED = Phrase(
    key="initiatives.not_registered",
    label="Không có mô hình đăng ký mới",
    text="{trong_ky}, {pham_vi} không có mô hình “Dân vận khéo” đăng ký mới; có {cong_nhan} mô hình được công nhận",
    zero="{trong_ky}, {pham_vi} không có mô hình “Dân vận khéo” nào được đăng ký mới hoặc được công nhận",
    lead="cong_nhan",
    help=_REGISTERED,
)
_KINDS = {
    "dang_ky_theo_loai": "tập thể, cá nhân đăng ký, như “46 tập thể, 72 cá nhân” (bỏ phần bằng không)",
    "chung_nhan_theo_loai": "tập thể, cá nhân được công nhận, như “1 tập thể và 1 cá nhân”",
    "chung_nhan": "tổng số tập thể, cá nhân được công nhận",
    "linh_vuc": "“trên các lĩnh vực”, hoặc “trong lĩnh vực kinh tế” khi chỉ có một lĩnh vực",
    "tap_the": "số tập thể đăng ký (mô hình)",
    "ca_nhan": "số cá nhân đăng ký (điển hình)",
    "tap_the_chung_nhan": "số tập thể được công nhận",
    "ca_nhan_chung_nhan": "số cá nhân được công nhận",
}
BY_KIND = Phrase(
    key="initiatives.by_kind",
    label="Tập thể, cá nhân đăng ký và được chứng nhận",
    text="Đã có {dang_ky_theo_loai} đăng ký điển hình “Dân vận khéo” {linh_vuc}. Trong đó có {chung_nhan_theo_loai} "
    "được cấp chứng nhận điển hình “Dân vận khéo”",
    zero="Đã có {dang_ky_theo_loai} đăng ký điển hình “Dân vận khéo” {linh_vuc}; chưa có tập thể, cá nhân nào được "
    "cấp chứng nhận",
    lead="chung_nhan",
    help=_KINDS,
)
CERTIFIED = Phrase(
    key="initiatives.certified",
    label="Tập thể, cá nhân được chứng nhận (không có đăng ký mới)",
    text="Có {chung_nhan_theo_loai} được cấp chứng nhận điển hình “Dân vận khéo”",
    help=_KINDS,
)
TOP_FIELD = Phrase(
    key="initiatives.top_field",
    label="Lĩnh vực có nhiều mô hình nhất",
    text="{linh_vuc_nhieu_nhat} là lĩnh vực có số lượng mô hình “Dân vận khéo” đăng ký thực hiện nhiều nhất với "
    "{so_mo_hinh} mô hình",
    help={"linh_vuc_nhieu_nhat": "tên lĩnh vực có nhiều mô hình đăng ký nhất", "so_mo_hinh": "số mô hình của nó"},
)
_FOLLOWED = {"khen_thuong": "số mô hình được biểu dương, khen thưởng", "nhan_rong": "số mô hình được nhân rộng"}
COMMENDED_REPLICATED = Phrase(
    key="initiatives.commended_replicated",
    label="Khen thưởng và nhân rộng",
    text="Có {khen_thuong} mô hình được biểu dương, khen thưởng và {nhan_rong} mô hình được nhân rộng",
    help=_FOLLOWED,
)
COMMENDED = Phrase(
    key="initiatives.commended",
    label="Khen thưởng (chưa có mô hình nhân rộng)",
    text="Có {khen_thuong} mô hình được biểu dương, khen thưởng",
    help=_FOLLOWED,
)
REPLICATED = Phrase(
    key="initiatives.replicated",
    label="Nhân rộng (chưa có mô hình được khen thưởng)",
    text="Có {nhan_rong} mô hình được nhân rộng",
    help=_FOLLOWED,
)
COMPARED = Phrase(
    key="initiatives.compared",
    label="So sánh với cùng kỳ và kỳ trước",
    text="So với cùng kỳ năm trước, số mô hình đăng ký {dang_ky_cung_ky}, số mô hình được công nhận "
    "{cong_nhan_cung_ky}; so với {ky_truoc}, số mô hình đăng ký {dang_ky_ky_truoc}",
    help={
        "dang_ky_cung_ky": "mức thay đổi số mô hình đăng ký so với cùng kỳ, như “tăng 12 (7,14%)”, “không thay đổi”",
        "cong_nhan_cung_ky": "mức thay đổi số mô hình được công nhận so với cùng kỳ",
        "dang_ky_ky_truoc": "mức thay đổi số mô hình đăng ký so với kỳ trước",
    },
)
COMPARED_LAST_YEAR = Phrase(
    key="initiatives.compared_last_year",
    label="So sánh với cùng kỳ (kỳ trước cũng là cùng kỳ năm trước)",
    text="So với cùng kỳ năm trước, số mô hình đăng ký {dang_ky_cung_ky}, "
    "số mô hình được công nhận {cong_nhan_cung_ky}",
    help=COMPARED.help,
)
PHRASES = (
    REGISTERED,
    REGISTERED_RECOGNISED,
    NOT_REGISTERED,
    BY_KIND,
    CERTIFIED,
    TOP_FIELD,
    COMMENDED_REPLICATED,
    COMMENDED,
    REPLICATED,
    COMPARED,
    COMPARED_LAST_YEAR,
)


def paragraphs(
    now: Mapping[str, Number],
    previous: Mapping[str, Number],
    last_year: Mapping[str, Number],
    *,
    fields: dict[str, int] | None = None,
    previous_is_last_year: bool = False,
) -> list[Said]:
    """The narrative from the figures of the three periods; ``fields``: the registrations of the period
    by field name (for "trên các lĩnh vực" and the field with the most models); ``previous_is_last_year``:
    a year or nine months, whose previous period is the same period last year."""
    n = {name: as_int(now.get(name)) for name in LABELS}
    fields = {name: count for name, count in (fields or {}).items() if count}
    said: list[Said] = []
    registered = {"dang_ky": n["registered"], "cong_nhan": n["recognised"], "dien_hinh": n["exemplary"]}
    if not n["registered"]:
        said.append(Said(NOT_REGISTERED, registered))
    elif n["recognised"] and n["exemplary"]:
        said.append(Said(REGISTERED, registered))
    else:
        said.append(Said(REGISTERED_RECOGNISED, registered))

    kinds_registered = [(n[f"{prefix}_registered"], words) for _, prefix, words in KINDS]
    kinds_recognised = [(n[f"{prefix}_recognised"], words) for _, prefix, words in KINDS]
    by_kind = {
        "dang_ky_theo_loai": counts_in_words(kinds_registered, last=", "),
        "chung_nhan_theo_loai": counts_in_words(kinds_recognised, last=" và "),
        "chung_nhan": sum(k for k, _ in kinds_recognised),
        "linh_vuc": "trên các lĩnh vực" if len(fields) != 1 else f"trong lĩnh vực {lower_first(next(iter(fields)))}",
        "tap_the": n["collective_registered"],
        "ca_nhan": n["individual_registered"],
        "tap_the_chung_nhan": n["collective_recognised"],
        "ca_nhan_chung_nhan": n["individual_recognised"],
    }
    if any(k for k, _ in kinds_registered):
        said.append(Said(BY_KIND, by_kind))
    elif by_kind["chung_nhan"]:
        said.append(Said(CERTIFIED, by_kind))

    if len(fields) > 1:
        most = max(fields.values())
        leaders = [name for name, count in fields.items() if count == most]
        if len(leaders) == 1:
            said.append(Said(TOP_FIELD, {"linh_vuc_nhieu_nhat": leaders[0], "so_mo_hinh": most}))

    followed = {"khen_thuong": n["commended"], "nhan_rong": n["replicated"]}
    if n["commended"] and n["replicated"]:
        said.append(Said(COMMENDED_REPLICATED, followed))
    elif n["commended"]:
        said.append(Said(COMMENDED, followed))
    elif n["replicated"]:
        said.append(Said(REPLICATED, followed))

    if any_counted((now, previous, last_year), ("registered", "recognised")):
        compared = {
            **changes(now, last_year, (("dang_ky_cung_ky", "registered"), ("cong_nhan_cung_ky", "recognised"))),
            **changes(now, previous, (("dang_ky_ky_truoc", "registered"),)),
        }
        said.append(Said(COMPARED_LAST_YEAR if previous_is_last_year else COMPARED, compared))
    return said


# --- the tables and charts -----------------------------------------------------------------------


def _table(title: str, heading: str, rows: list[tuple[str, dict[str, int]]]) -> TableData:
    """The five measures of each row (a row with none left out), and their total."""
    return summed_table(
        title,
        [heading, *(LABELS[m] for m in MEASURES)],
        [(label, [values.get(m, 0) for m in MEASURES]) for label, values in rows],
    )


def _rolled(computed: Computed, dimension: int) -> dict[object, dict[str, int]]:
    out: dict[object, dict[str, int]] = {}
    for name in MEASURES:
        for key, value in computed.breakdown(dimension, name).items():
            out.setdefault(key, dict.fromkeys(MEASURES, 0))[name] += as_int(value)
    return out


def _sub_units(computed: Computed) -> TableData:
    rows: list[tuple[Unit, dict[str, int]]] = [
        (unit, {m: as_int(values.get(m)) for m in MEASURES}) for unit, values in computed.by_unit
    ]
    return _table("Mô hình “Dân vận khéo” theo đơn vị trực thuộc", "Đơn vị", [(u.name, v) for u, v in rows])


def _months(target: Target) -> Chart:
    names = ("registered", "recognised", "exemplary", "replicated")
    return month_chart(
        "Mô hình “Dân vận khéo” theo tháng", target, [(measures.INITIATIVES, name, LABELS[name]) for name in names]
    )


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the comparison and the detail tables (by kind, by field, by sub-unit), and the charts
    by month and by field. Besides the key figures: two grouped reads, and one per date for the months."""
    target = context.target()
    computed = compute(
        measures.INITIATIVES, target, measures=list(MEASURES), breakdown=("kind", "field_id"), by_unit=True
    )
    catalogue = {f.pk: f for f in Field.objects.filter(parent=None)}
    by_field = _rolled(computed, 1)
    ordered = sorted(by_field, key=lambda pk: (catalogue[pk].order, catalogue[pk].name) if pk in catalogue else (0, ""))
    field_rows = [(catalogue[pk].name if pk in catalogue else str(pk), by_field[pk]) for pk in ordered]
    by_kind = _rolled(computed, 0)
    kind_labels = dict(Initiative.Kind.choices)
    kind_rows = [(str(kind_labels[kind]), by_kind.get(kind, {})) for kind, _, _ in KINDS]
    fields_table = _table("Mô hình “Dân vận khéo” theo lĩnh vực", "Lĩnh vực", field_rows)
    tables = [
        comparison_table(SECTION, context, now, previous, last_year),
        _table("Mô hình tập thể và điển hình cá nhân", "Loại", kind_rows),
        fields_table,
        _sub_units(computed),
    ]
    charts = [_months(target)]
    by_field_chart = table_chart(
        "Mô hình “Dân vận khéo” theo lĩnh vực", fields_table, [LABELS["registered"], LABELS["recognised"]]
    )
    if by_field_chart is not None:
        charts.append(by_field_chart)
    registrations = {name: values["registered"] for name, values in field_rows}
    return Built(
        paragraphs=list(
            paragraphs(
                now,
                previous,
                last_year,
                fields=registrations,
                previous_is_last_year=context.previous == context.last_year,
            )
        ),
        tables=[t for i, t in enumerate(tables) if i == 0 or t.rows],
        charts=charts,
    )


SECTION = Section(
    key="initiatives",
    title="Phong trào thi đua “Dân vận khéo”",
    order=40,
    permission=roles.INITIATIVES.view,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
)
