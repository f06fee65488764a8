"""A report's charts as pictures: PNG for the DOCX, SVG inlined in the printed page (PDF) and the HTML.

Drawn with matplotlib on its Agg canvas (no GUI, no ``pyplot`` and its global figures, so that two
requests never draw on each other's chart), in DejaVu Sans (matplotlib ships it, and it carries every
Vietnamese diacritic), with the axes in Vietnamese number format ("1.451", "12,5") and the legend and
the category labels as the report gives them. Kinds: ``bar`` (grouped columns, one group per label, one
column per series, each column with its figure), ``hbar`` (the same, horizontal, for long names) and
``line`` (by month, one line per series).

The SVG is made safe to put inside a page: no XML prolog or DOCTYPE, no metadata, no script (matplotlib
writes none, and every text it writes is escaped), a ``<title>`` first (what a screen reader announces)
and every ``id`` prefixed, so that two charts in one page do not share the ids of their clip paths.
Text is kept as text (``svg.fonttype = none``): it can be read, searched and copied, and the page's fonts
draw it; the styles are written as presentation attributes, so the page needs no CSS for them. Mathtext is
off: a "$" in a unit's name is a dollar sign, not a formula.

matplotlib is imported when the first chart is drawn (it costs a second at start-up). Its settings are set
for the drawing only (``rc_context``); they are process-wide while it lasts, so charts are drawn one at a
time in a process (a lock), never with another thread's settings.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import textwrap
import threading
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from danvan.core.text import format_amount, format_number
from danvan.reports.content import ChartJSON

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FONT = "DejaVu Sans"
#: Colours that stay apart in print and for the common colour blindnesses (Okabe–Ito), black text.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MM_PER_INCH = 25.4
#: PNG resolution: sharp when printed at its width on A4.
DPI = 200
#: Above this many columns the figures are not written on the columns (they would overlap).
MAX_LABELLED_BARS = 24
EMPTY = "Không có số liệu trong kỳ"
#: One drawing at a time per process: matplotlib's settings are global while a drawing uses them.
_DRAWING = threading.Lock()

_STYLE: dict[Any, Any] = {
    "font.family": FONT,
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "danvan",
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.titleweight": "bold",
    "axes.titlesize": 10,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
}


def tick_text(value: float) -> str:
    """An axis figure the Vietnamese way: 1.451; 12,5; 0 (no "-0", no "1e6")."""
    if value == int(value):
        return format_number(int(value))
    return format_amount(Decimal(str(round(value, 6))))


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _chars(width_mm: float, labels: Sequence[str]) -> int:
    """How many characters of a category label fit on one line under its slot (9 pt: about 2 mm each)."""
    return max(8, int(width_mm * 0.9 / max(1, len(labels)) / 2.0))


def _values(chart: ChartJSON) -> list[list[float]]:
    """Each series' values, as long as the labels (a missing figure, or one that is not a finite number,
    counts as 0)."""
    count = len(chart["labels"])
    out = []
    for series in chart["series"]:
        values = [float(v) if v and math.isfinite(float(v)) else 0.0 for v in series["values"]][:count]
        out.append(values + [0.0] * (count - len(values)))
    return out


def _draw(chart: ChartJSON, width_mm: float, *, titled: bool) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    labels = [str(label) for label in chart["labels"]]
    kind = chart.get("kind", "bar")
    values = _values(chart)
    names = [s["name"] for s in chart["series"]]
    horizontal = kind == "hbar"
    width_in = width_mm / MM_PER_INCH
    height_in = width_in * (0.5 if not horizontal else max(0.35, min(1.3, 0.06 * len(labels) * max(1, len(names)))))
    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    axes: Axes = figure.add_subplot()
    if titled and chart.get("title"):
        axes.set_title(chart["title"], loc="left")
    if not labels or not any(any(v for v in s) for s in values):
        axes.set_axis_off()
        axes.text(0.5, 0.5, EMPTY, ha="center", va="center", transform=axes.transAxes, color="#333333")
        return figure
    integers = all(v == int(v) for s in values for v in s)
    formatter = FuncFormatter(lambda v, _pos: tick_text(v))
    value_axis = axes.xaxis if horizontal else axes.yaxis
    value_axis.set_major_formatter(formatter)
    value_axis.set_major_locator(MaxNLocator(nbins=6, integer=integers, min_n_ticks=3))
    value_axis.grid(True, color="#DDDDDD", linewidth=0.6)
    axes.set_axisbelow(True)
    positions = list(range(len(labels)))
    if kind == "line":
        marker = "o" if len(labels) <= 24 else None
        for n, (name, series) in enumerate(zip(names, values, strict=True)):
            axes.plot(positions, series, label=name, color=COLOURS[n % len(COLOURS)], marker=marker, markersize=3.5,
                      linewidth=1.6)  # fmt: skip
        axes.set_xticks(positions, [_wrap(label, _chars(width_mm, labels)) for label in labels])
        axes.set_ylim(bottom=0)
        if len(labels) > 12:
            axes.tick_params(axis="x", labelrotation=45)
    else:
        group = 0.8
        bar = group / max(1, len(values))
        labelled = len(labels) * len(values) <= MAX_LABELLED_BARS
        for n, (name, series) in enumerate(zip(names, values, strict=True)):
            offsets = [p - group / 2 + bar * (n + 0.5) for p in positions]
            colour = COLOURS[n % len(COLOURS)]
            if horizontal:
                bars = axes.barh(offsets, series, height=bar, label=name, color=colour)
            else:
                bars = axes.bar(offsets, series, width=bar, label=name, color=colour)
            if labelled:
                axes.bar_label(bars, labels=[tick_text(v) for v in series], padding=2, fontsize=7.5)
        if horizontal:
            axes.set_yticks(positions, [_wrap(label, 28) for label in labels])
            axes.invert_yaxis()
            axes.margins(x=0.08)
        else:
            many = len(labels) > 6
            axes.set_xticks(positions, [_wrap(label, 22 if many else _chars(width_mm, labels)) for label in labels])
            if many:
                axes.tick_params(axis="x", labelrotation=35)
                for text in axes.get_xticklabels():
                    text.set_horizontalalignment("right")
            axes.margins(y=0.1)
    if len(names) > 1 or (names and names[0]):
        # Under the plot, outside it, where it covers nothing.
        figure.legend(loc="outside lower center", ncols=min(4, len(names)), frameon=False)
    return figure


def _render(chart: ChartJSON, width_mm: float, fmt: str, *, titled: bool) -> bytes:
    import matplotlib

    with _DRAWING, matplotlib.rc_context(_STYLE):
        figure = _draw(chart, width_mm, titled=titled)
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def png(chart: ChartJSON, *, width_mm: float = 160, titled: bool = True) -> bytes:
    """The chart as a PNG ``width_mm`` wide at 200 dpi; ``titled=False`` leaves the title to the page
    (the DOCX writes it as text above the picture)."""
    return _render(chart, width_mm, "png", titled=titled)


_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
#: matplotlib's one stylesheet ("*{stroke-linejoin: round; stroke-linecap: butt}") would apply to the whole
#: page once inlined: it goes, and the same defaults go on the <svg> as attributes, which only it inherits.
_STYLESHEET = re.compile(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>\s*|<style[^>]*>[^<]*</style>\s*")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
#: The properties matplotlib writes in ``style``, each also an SVG presentation attribute.
_PRESENTATION = frozenset(
    ("fill", "fill-opacity", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-opacity",
     "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity", "font-size", "font-family",
     "font-weight", "font-style", "text-anchor", "clip-path")
)  # fmt: skip
_REF = re.compile(r"(url\(#|xlink:href=\"#|href=\"#)([^)\"]+)")
_UNSAFE = re.compile(r"<script|<style|<foreignObject|<[^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _attributes(match: re.Match[str]) -> str:
    """``style="fill: #0072b2; stroke: #fff"`` → `` fill="#0072b2" stroke="#fff"``: no CSS in the page (a
    printer need not parse it, a strict policy need not allow it); what is not an attribute stays a style."""
    attributes, rest = [], []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name:
            continue
        if name in _PRESENTATION:
            attributes.append(f" {name}={quoteattr(value)}")
        else:
            rest.append(f"{name}: {value}")
    return "".join(attributes) + (f' style="{"; ".join(rest)}"' if rest else "")


def chart_id(chart: ChartJSON) -> str:
    """A short stable id of the chart's content: the prefix of its SVG ids."""
    digest = hashlib.sha1(json.dumps(chart, sort_keys=True, ensure_ascii=False).encode(), usedforsecurity=False)
    return "ch" + digest.hexdigest()[:10]


def description(chart: ChartJSON) -> str:
    """What the chart shows, in words (the SVG's ``<desc>``): kind, series and categories."""
    kind = {"line": "Biểu đồ đường", "hbar": "Biểu đồ cột ngang"}.get(chart.get("kind", "bar"), "Biểu đồ cột")
    names = ", ".join(s["name"] for s in chart["series"] if s["name"])
    labels = chart["labels"]
    span = f" theo {len(labels)} mục, từ “{labels[0]}” đến “{labels[-1]}”" if len(labels) > 1 else ""
    return f"{kind}{': ' + names if names else ''}{span}."


def svg(chart: ChartJSON, *, width_mm: float = 160, id_prefix: str = "") -> str:
    """The chart as an ``<svg>`` element to inline in a page: titled, described, with its own ids."""
    text = _render(chart, width_mm, "svg", titled=False).decode("utf-8")
    text = _STYLESHEET.sub("", _METADATA.sub("", _PROLOG.sub("", text, count=1)))
    text = _STYLE_ATTR.sub(_attributes, text)
    prefix = id_prefix or chart_id(chart)
    ids = set(_ID.findall(text))
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(0), text)
    title_id = f"{prefix}-title"
    desc_id = f"{prefix}-desc"
    opening = _SVG_OPEN.search(text)
    if opening is None:  # pragma: no cover - matplotlib always writes one
        raise ValueError("Không vẽ được biểu đồ.")
    tag = opening.group(0)
    labelled = (
        tag[:-1] + f' role="img" aria-labelledby="{title_id} {desc_id}" stroke-linejoin="round" stroke-linecap="butt">'
    )
    head = (
        f"<title id={quoteattr(title_id)}>{escape(chart.get('title') or 'Biểu đồ')}</title>"
        f"<desc id={quoteattr(desc_id)}>{escape(description(chart))}</desc>"
    )
    text = text[: opening.start()] + labelled + head + text[opening.end() :]
    if _UNSAFE.search(text):  # pragma: no cover - a guard: matplotlib writes neither
        raise ValueError("Biểu đồ có nội dung không an toàn.")
    return text.strip()


def series_rows(chart: ChartJSON) -> tuple[list[str], list[list[Any]]]:
    """The chart's data as a table (for Excel): a heading row and one row per label."""
    header = ["", *[s["name"] for s in chart["series"]]]
    values = _values(chart)
    rows: list[list[Any]] = []
    for i, label in enumerate(chart["labels"]):
        row: list[Any] = [label]
        for series in values:
            value = series[i]
            row.append(int(value) if value == int(value) else value)
        rows.append(row)
    return header, rows
