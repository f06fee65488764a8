"""The sections of the periodic report, declared by each area; the report reads them all (issue 14).

An area describes what its part of a report says, once, in its ``report.py``, and registers the
:class:`Section` in its ``AppConfig.ready`` — the report (``danvan.reports``), the dashboards and the
computed indicators read every section from here without importing any area, and an area that lands
later adds its section without a line of the report changing.

A section has two halves:

* :attr:`Section.figures` — the key figures of a unit's coverage for one period (a name → a number),
  computed with the statistics engine inside the viewer's scope. The kit calls it for the period, the
  previous period and the same period of last year, and lays the three side by side
  (:func:`comparison_table`); the dashboards show them with their trend, and an indicator computed "from
  an area's statistics" names one of them (``"petitions.letters"``).
* :attr:`Section.build` — the narrative and the detail tables, from those figures (and more queries of
  its own if it needs them: by field, by sub-unit, by month). The sentences are :class:`Phrase` s: the area
  gives the default wording with named blanks, administrators may rewrite it (the report keeps their
  wording), and :func:`say` fills the blanks with numbers, percentages and dates in Vietnamese format.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import re
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.utils import timezone

from danvan.core.periods import Period, PeriodKind
from danvan.core.text import format_amount, format_date, format_number, format_percent
from danvan.stats import paths
from danvan.stats.engine import Target
from danvan.units.models import Unit

# --- values in sentences and tables ------------------------------------------------------------------


@dataclass(frozen=True)
class Percent:
    """A share in per cent, written "85,16%" (``None``: no denominator, written "—")."""

    value: Decimal | None
    decimals: int = 2

    def __str__(self) -> str:
        return "—" if self.value is None else format_percent(self.value, self.decimals)


def rate(numerator: int | Decimal | None, denominator: int | Decimal | None, decimals: int = 2) -> Percent:
    """``numerator`` out of ``denominator`` as a :class:`Percent` (rounded half up; none of zero)."""
    if not denominator:
        return Percent(None, decimals)
    share = Decimal(numerator or 0) * 100 / Decimal(denominator)
    return Percent(share.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), decimals)


Number = int | Decimal | None
Cell = str | int | Decimal | Percent | datetime.date | None


def show(value: Any) -> str:
    """A value as a report writes it: 2.707; 12,5; 85,16%; 1/12/2026; "0" for nothing counted."""
    if value is None:
        return "0"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, Decimal | float):
        return format_amount(Decimal(str(value)))
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


def versus(now: Number, before: Number, *, points: bool = False) -> str:
    """The change from ``before`` to ``now`` in a report's words: "tăng 12 (7,14%)", "giảm 3 (50%)",
    "bằng", or "tăng 4" when there was nothing before (no percentage of zero). A share (``points``) changes
    by percentage points: "tăng 16,67 điểm %"; a share missing on either side is not compared ("—")."""
    if points and (now is None or before is None):
        return "—"
    a, b = Decimal(now or 0), Decimal(before or 0)
    if a == b:
        return "bằng"
    word = "tăng" if a > b else "giảm"
    diff = show(abs(a - b) if (a - b) % 1 else int(abs(a - b)))
    if points:
        return f"{word} {diff} điểm %"
    if not b:
        return f"{word} {diff}"
    return f"{word} {diff} ({rate(abs(a - b), b)})"


# --- the sentences --------------------------------------------------------------------------------------

#: The blanks every sentence may use, filled from the report's unit and period (:meth:`Context.common`).
COMMON: Mapping[str, str] = {
    "ky": "tên kỳ báo cáo, như “6 tháng đầu năm 2026”",
    "trong_ky": "“Trong 6 tháng đầu năm 2026” (đầu câu)",
    "pham_vi": "phạm vi, như “toàn tỉnh”, “toàn xã”, “toàn quốc”",
    "don_vi": "tên đơn vị, như “Tỉnh Cao Bằng”",
    "ky_truoc": "tên kỳ trước, như “6 tháng cuối năm 2025”",
    "cung_ky": "tên cùng kỳ năm trước, như “6 tháng đầu năm 2025”",
}


class PhraseError(ValueError):
    """A sentence template that cannot be used; the message names the blank at fault."""


_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def placeholders(template: str) -> list[str]:
    """The blanks of ``template`` ("{vu_viec}"), in order. Only plain names are allowed: no attribute,
    index, format or conversion ("{a.b}", "{a[0]}", "{a:>5}", "{a!r}"), so an edited template cannot
    reach into the values. ``{{`` and ``}}`` write a brace."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise PhraseError(f"Mẫu câu viết sai dấu ngoặc nhọn: {exc}.") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _NAME.match(name) or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise PhraseError(f"Chỗ trống “{shown}” không hợp lệ: chỉ viết tên, như {{vu_viec}}.")
        names.append(name)
    return names


@dataclass(frozen=True)
class Phrase:
    """One sentence of a section, declared by the area: its default wording with named blanks.

    ``zero`` is the wording when the value named ``lead`` is zero ("không phát sinh đơn, thư nào"), so
    that nothing reads "đã tiếp nhận 0 đơn". ``help`` tells the template editor what each blank holds.
    """

    key: str
    label: str
    text: str
    zero: str = ""
    lead: str = ""
    help: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if "." not in self.key:
            raise ValueError(f"Khóa mẫu câu phải có dạng “lĩnh_vực.tên”: {self.key!r}")
        allowed = self.names()
        for template in (self.text, self.zero):
            unknown = [n for n in placeholders(template) if n not in allowed]
            if unknown:
                raise ValueError(f"{self.key}: chỗ trống {unknown} chưa được mô tả trong help")

    def names(self) -> set[str]:
        """The blanks a template of this sentence may use."""
        return set(COMMON) | set(self.help)

    def check(self, template: str) -> None:
        """Refuse an edited template with a blank this sentence does not fill (a clear message)."""
        allowed = self.names()
        for name in placeholders(template):
            if name not in allowed:
                known = ", ".join("{" + n + "}" for n in sorted(allowed))
                raise PhraseError(f"Chỗ trống “{{{name}}}” không có trong câu này; dùng được: {known}.")


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".:;!?…" else text + "."


def say(phrase: Phrase, values: Mapping[str, Any], *, text: str | None = None, zero: str | None = None) -> str:
    """The sentence ``phrase`` with its blanks filled from ``values`` (numbers, :class:`Percent`, dates,
    words), in an administrator's wording when ``text``/``zero`` are given. It begins with a capital and
    ends with a full stop; a blank without a value is left visible ("{vu_viec}") rather than guessed."""
    wording = phrase.text if text is None else text
    zero_wording = phrase.zero if zero is None else zero
    if phrase.lead and zero_wording and not values.get(phrase.lead):
        wording = zero_wording

    class _Blanks(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    return _sentence(wording.format_map(_Blanks({k: show(v) for k, v in values.items()})))


@dataclass(frozen=True)
class Said:
    """A sentence to be written: the phrase and its values (the report renders it with the wording in
    force, and keeps the rendered text once issued)."""

    phrase: Phrase
    values: Mapping[str, Any]


# --- what a section gives ---------------------------------------------------------------------------


@dataclass
class TableData:
    """A table of a report: its title, column headings and rows of cells (shown with :func:`show`)."""

    title: str
    columns: list[str]
    rows: list[list[Cell]]

    def text_rows(self) -> list[list[str]]:
        return [[show(c) if not isinstance(c, str) else c for c in row] for row in self.rows]


@dataclass
class Chart:
    """A chart: ``bar`` (by field, by sub-unit) or ``line`` (by month), with one or more series."""

    title: str
    kind: Literal["bar", "line"]
    labels: list[str]
    series: list[tuple[str, list[float]]]


@dataclass
class Built:
    """What a section's :attr:`Section.build` returns."""

    paragraphs: list[Said | str] = field(default_factory=list)
    tables: list[TableData] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


# --- the context a section is built in ---------------------------------------------------------------

#: How a report names its scope after "toàn": the unit's kind.
_SCOPE_WORDS = {
    "tinh": "toàn tỉnh",
    "thanh_pho_tw": "toàn thành phố",
    "huyen": "toàn huyện",
    "quan": "toàn quận",
    "thi_xa": "toàn thị xã",
    "thanh_pho": "toàn thành phố",
    "xa": "toàn xã",
    "phuong": "toàn phường",
    "thi_tran": "toàn thị trấn",
    "dac_khu": "toàn đặc khu",
}


def scope_word(unit: Unit | None) -> str:
    """ "toàn tỉnh", "toàn xã", "toàn quốc" (no unit), or "toàn thôn Nà Pồng" for a hamlet."""
    if unit is None:
        return "toàn quốc"
    return _SCOPE_WORDS.get(unit.kind, f"toàn {unit.name[:1].lower()}{unit.name[1:]}")


@dataclass(frozen=True)
class Context:
    """A report's unit (None: the nation), period and viewer, and which tree it is drawn on."""

    unit: Unit | None
    period: Period
    viewer: Any
    today_tree: bool = True
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def last_year(self) -> Period:
        return self.period.same_period_last_year()

    def target(self, period: Period | None = None) -> Target:
        """The statistics engine's target for ``period`` (the report's by default)."""
        chosen = period or self.period
        target = Target(self.unit, chosen, viewer=self.viewer, today_tree=self.today_tree, today=self.today)
        target._coverage = coverage(self)  # one lineage query per report, not one per section and period
        return target

    def common(self) -> dict[str, str]:
        """The values of the :data:`COMMON` blanks."""
        label = period_words(self.period)
        return {
            "ky": label,
            "trong_ky": f"Trong {label}",
            "pham_vi": scope_word(self.unit),
            "don_vi": self.unit.name if self.unit else "Toàn quốc",
            "ky_truoc": period_words(self.previous),
            "cung_ky": period_words(self.last_year),
        }


def period_words(period: Period) -> str:
    """The period as a sentence writes it: "6 tháng đầu năm 2026", "quý III/2026", "tháng 5/2026",
    "năm 2026", "thời gian từ 15/12/2025 đến 14/6/2026"."""
    label = period.label
    if period.kind == PeriodKind.CUSTOM:
        return f"thời gian từ {format_date(period.start)} đến {format_date(period.end)}"
    if period.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        return label[:1].lower() + label[1:]
    return label


# --- the sections ----------------------------------------------------------------------------------

Figures = dict[str, Number]


@dataclass(frozen=True)
class Section:
    """One part of the report, declared by an area.

    ``figures(context, period)`` gives the key figures of the unit's coverage in ``period`` (labelled in
    ``labels``, in the order the comparison table lists them); ``build(context, now, previous, last_year)``
    gives the narrative and the detail tables from the figures of the three periods. ``permission`` is
    the right that shows the section: a viewer who holds it nowhere in the report's coverage gets the
    report without it. ``phrases`` are the sentences the section may say (the template editor lists them).
    """

    key: str
    title: str
    order: int
    permission: str
    figures: Callable[[Context, Period], Figures]
    labels: Mapping[str, str]
    build: Callable[[Context, Figures, Figures, Figures], Built]
    phrases: tuple[Phrase, ...] = ()
    #: The figures that are shares in per cent (shown with "%", and never summed by a comparison).
    percents: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for phrase in self.phrases:
            if not phrase.key.startswith(f"{self.key}."):
                raise ValueError(f"Mẫu câu {phrase.key} phải bắt đầu bằng “{self.key}.”")


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    _SECTIONS[section.key] = section
    return section


def sections() -> list[Section]:
    """Every registered section, in report order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def section(key: str) -> Section:
    try:
        return _SECTIONS[key]
    except KeyError:
        raise LookupError(f"Chưa có phần báo cáo “{key}”.") from None


def phrases() -> dict[str, Phrase]:
    """Every sentence of every section, by key."""
    return {p.key: p for s in sections() for p in s.phrases}


def figure(name: str) -> tuple[Section, str]:
    """The section and figure of a name "petitions.letters" (an indicator computed from the statistics)."""
    key, _, measure = name.partition(".")
    chosen = section(key)
    if measure not in chosen.labels:
        raise LookupError(f"Phần “{chosen.title}” không có số liệu “{measure}”.")
    return chosen, measure


def comparison_table(
    section: Section,
    context: Context,
    now: Figures,
    previous: Figures,
    last_year: Figures,
    *,
    names: Sequence[str] = (),
) -> TableData:
    """The key figures of the three periods side by side, with the change against the same period of
    last year ("So với cùng kỳ")."""
    rows: list[list[Cell]] = []
    for name in names or list(section.labels):
        cells: list[Cell] = [section.labels[name]]
        share = name in section.percents
        for figures in (now, previous, last_year):
            value = figures.get(name)
            cells.append(Percent(None if value is None else Decimal(value), 2) if share else value)
        cells.append(versus(now.get(name), last_year.get(name), points=share))
        rows.append(cells)
    return TableData(
        title=f"{section.title}: các số liệu chính",
        columns=[
            "Chỉ tiêu",
            context.period.label,
            f"Kỳ trước ({context.previous.label})",
            f"Cùng kỳ ({context.last_year.label})",
            "So với cùng kỳ",
        ],
        rows=rows,
    )


#: The figures computed during one report, by (section, unit, period, tree): a section that reads another's
#: (the summary) and the other itself then share one computation.
_MEMO: contextvars.ContextVar[dict[tuple[object, ...], Any] | None] = contextvars.ContextVar("memo", default=None)


@contextlib.contextmanager
def one_report() -> Iterator[None]:
    """Within the block, :func:`figures_of` computes each section's figures of a period once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def coverage(context: Context) -> list[str]:
    """The coverage of the report's unit (:func:`danvan.stats.paths.coverage`), once per report."""
    memo = _MEMO.get()
    key = ("coverage", context.unit.pk if context.unit else None, context.today_tree)
    if memo is not None and key in memo:
        return list(memo[key])
    found = paths.coverage(context.unit, today_tree=context.today_tree)
    if memo is not None:
        memo[key] = found
    return list(found)


def figures_of(section: Section, context: Context, period: Period) -> Figures:
    """``section.figures(context, period)``, once per report (:func:`one_report`)."""
    memo = _MEMO.get()
    if memo is None:
        return section.figures(context, period)
    key = (section.key, context.unit.pk if context.unit else None, period, context.today_tree, id(context.viewer))
    if key not in memo:
        memo[key] = section.figures(context, period)
    return memo[key]
