"""The two sections the report writes itself: the units and staffing it covers, and the summary of the
dân vận chính quyền work, which reads the areas' sections by name (never an area).

The summary opens the report as officers open theirs ("Công tác dân vận chính quyền tiếp tục được quan tâm
…"): a few figures taken from the other sections — reception sessions, dialogues held, commitments kept,
dossiers on time, the satisfaction index — each only when its section is registered and the viewer may
read it.
"""

from __future__ import annotations

from django.db.models import Q, Sum

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.stats import paths, sections
from danvan.stats.sections import Built, Context, Figures, Phrase, Said, Section
from danvan.units.models import Staffing, Unit
from danvan.units.rules import Level

# --- units and staffing ---------------------------------------------------------------------------------

UNITS_PHRASES = (
    Phrase(
        "units.tree",
        "Đơn vị hành chính",
        "Đến hết {ky}, {pham_vi} có {xa} đơn vị hành chính cấp xã với {thon} thôn, tổ dân phố",
        zero="Đến hết {ky}, {pham_vi} chưa có đơn vị hành chính cấp xã nào trong hệ thống",
        lead="xa",
        help={"xa": "số xã, phường, đặc khu", "thon": "số thôn, tổ dân phố"},
    ),
    Phrase(
        "units.hamlets",
        "Thôn, tổ dân phố (báo cáo của một xã)",
        "Đến hết {ky}, {don_vi} có {thon} thôn, tổ dân phố",
        zero="Đến hết {ky}, {don_vi} chưa có thôn, tổ dân phố nào trong hệ thống",
        lead="thon",
        help={"thon": "số thôn, tổ dân phố"},
    ),
    Phrase(
        "units.staffing",
        "Biên chế",
        "Tổng biên chế của các cơ quan, tổ chức là {tong} người, gồm {cong_chuc} công chức, {vien_chuc} viên chức"
        " và {hop_dong} người lao động hợp đồng",
        zero="Chưa có số liệu biên chế năm {nam} của các cơ quan, tổ chức",
        lead="tong",
        help={
            "tong": "tổng số người",
            "cong_chuc": "số công chức",
            "vien_chuc": "số viên chức",
            "hop_dong": "số lao động hợp đồng",
            "nam": "năm của số liệu biên chế",
        },
    ),
)
UNITS_LABELS = {
    "communes": "Đơn vị hành chính cấp xã",
    "hamlets": "Thôn, tổ dân phố",
    "staff": "Tổng biên chế (người)",
    "civil_servants": "Công chức",
    "public_employees": "Viên chức",
    "contract_workers": "Lao động hợp đồng",
}


def _prefixes(context: Context, permission: str) -> list[str]:
    """The report's coverage where the viewer holds ``permission`` (the engine's own intersection)."""
    return context.target().prefixes(permission)


def units_figures(context: Context, period: Period) -> Figures:
    """Communes and hamlets in force at the end of ``period`` under the coverage; the staffing of that year."""
    prefixes = _prefixes(context, roles.VIEW_UNITS)
    if not prefixes:
        return dict.fromkeys(UNITS_LABELS, 0)
    under = Q()
    for prefix in prefixes:
        under |= Q(path__startswith=prefix)
    units = Unit.objects.filter(under).valid_on(period.end)
    communes = units.filter(level=Level.COMMUNE).count()
    hamlets = units.filter(level=Level.HAMLET).count()
    staffing = Staffing.objects.filter(paths.path_filter("organization__unit__path", prefixes), year=period.end.year)
    sums = staffing.aggregate(c=Sum("civil_servants"), p=Sum("public_employees"), h=Sum("contract_workers"))
    civil, public, contract = (int(sums[k] or 0) for k in ("c", "p", "h"))
    return {
        "communes": communes,
        "hamlets": hamlets,
        "staff": civil + public + contract,
        "civil_servants": civil,
        "public_employees": public,
        "contract_workers": contract,
    }


def units_build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    tree, hamlets, staffing = UNITS_PHRASES
    commune = context.unit is not None and context.unit.level == Level.COMMUNE
    return Built(
        paragraphs=[
            Said(hamlets, {"thon": now["hamlets"]})
            if commune
            else Said(tree, {"xa": now["communes"], "thon": now["hamlets"]}),
            Said(
                staffing,
                {
                    "tong": now["staff"],
                    "cong_chuc": now["civil_servants"],
                    "vien_chuc": now["public_employees"],
                    "hop_dong": now["contract_workers"],
                    "nam": str(context.period.end.year),
                },
            ),
        ]
    )


UNITS = Section(
    key="units",
    title="Tình hình đơn vị hành chính, tổ chức bộ máy và biên chế",
    order=10,
    permission=roles.VIEW_UNITS,
    figures=units_figures,
    labels=UNITS_LABELS,
    build=units_build,
    phrases=UNITS_PHRASES,
)

# --- the summary of the dân vận chính quyền work ---------------------------------------------------------

#: The figures the summary borrows: (section, figure) → the summary's name, label and words ("{n}": the value).
BORROWED = {
    ("petitions", "sessions"): ("tiep_dan", "Buổi tiếp công dân", "tổ chức {n} buổi tiếp công dân"),
    ("dialogues", "dialogues"): (
        "doi_thoai", "Cuộc đối thoại trực tiếp với nhân dân", "{n} cuộc đối thoại trực tiếp với nhân dân"
    ),
    ("dialogues", "kept"): ("cam_ket", "Cam kết đã thực hiện", "thực hiện xong {n} cam kết với nhân dân"),
    ("onestop", "on_time_share"): (
        "dung_han", "Hồ sơ thủ tục hành chính giải quyết đúng hạn (%)",
        "giải quyết đúng hạn, trước hạn {n} hồ sơ thủ tục hành chính",
    ),
    ("satisfaction", "index"): ("hai_long", "Chỉ số hài lòng (%)", "chỉ số hài lòng của người dân đạt {n}"),
    ("initiatives", "registered"): (
        "mo_hinh", "Mô hình “Dân vận khéo” đăng ký mới", "đăng ký mới {n} mô hình “Dân vận khéo”"
    ),
}  # fmt: skip
SUMMARY_PERCENTS = frozenset({"dung_han", "hai_long"})
SUMMARY_PHRASES = (
    Phrase(
        "danvan.opening",
        "Câu mở đầu",
        "{trong_ky}, công tác dân vận chính quyền của {pham_vi} tiếp tục được các cấp ủy, chính quyền quan tâm lãnh"
        " đạo, chỉ đạo; các cơ quan, đơn vị đã gắn công tác dân vận với thực hiện nhiệm vụ chính trị của địa phương",
    ),
    Phrase(
        "danvan.figures",
        "Kết quả nổi bật",
        "Trong kỳ, {pham_vi} đã {ket_qua}",
        zero="Trong kỳ chưa có số liệu của các lĩnh vực trong hệ thống",
        lead="ket_qua",
        help={"ket_qua": "các kết quả nổi bật: tiếp công dân, đối thoại, cam kết, một cửa, hài lòng, mô hình"},
    ),
)


def _borrowed(context: Context, period: Period) -> Figures:
    out: Figures = {}
    for (key, name), (mine, _, _words) in BORROWED.items():
        try:
            section, _name = sections.figure(f"{key}.{name}")
        except LookupError:
            continue
        if not _prefixes(context, section.permission):
            continue
        out[mine] = sections.figures_of(section, context, period).get(name)
    return out


def summary_figures(context: Context, period: Period) -> Figures:
    return _borrowed(context, period)


def summary_build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    opening, figures = SUMMARY_PHRASES
    words = {mine: phrase for mine, _label, phrase in BORROWED.values()}
    parts = []
    for name, value in now.items():
        if value in (None, 0):
            continue
        shown = sections.show(value) + ("%" if name in SUMMARY_PERCENTS else "")
        parts.append(words[name].replace("{n}", shown))
    return Built(paragraphs=[Said(opening, {}), Said(figures, {"ket_qua": "; ".join(parts)})])


SUMMARY = Section(
    key="danvan",
    title="Công tác dân vận chính quyền",
    order=20,
    permission=roles.VIEW_RECORDS,
    figures=summary_figures,
    labels={mine: label for mine, label, _words in BORROWED.values()},
    build=summary_build,
    phrases=SUMMARY_PHRASES,
    percents=SUMMARY_PERCENTS,
)
