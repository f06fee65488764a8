"""A report's content as data: what the preview API returns, what an issued report freezes, what every
output (HTML, DOCX, XLSX, PDF) is drawn from.

The shape is a promise to outside scripts (issue 14, ``GET /api/v1/reports/preview``)::

    {"unit": "01", "unit_name": …, "period": "h1", "period_label": "6 tháng đầu năm 2026",
     "period_start": "2026-01-01", "period_end": "2026-06-30", "tree": "today" | "then",
     "sections": [{"key", "title", "paragraphs": [text, …],
                   "tables": [{"title", "columns", "rows", "values"}],
                   "charts": [{"title", "kind", "labels", "series": [{"name", "values"}]}],
                   "figures": {"now": {name: number}, "previous": {…}, "last_year": {…}},
                   "labels": {name: label}}]}

``rows`` are the cells as the report prints them (1.451; 85,16%; 1/12/2026); ``values`` are the same
cells as numbers where they are numbers (for Excel), text otherwise. Figures are numbers (an integer, or
a decimal written as a JSON number), ``null`` when there is nothing to divide.
"""

from __future__ import annotations

from typing import Any, TypedDict


class SeriesJSON(TypedDict):
    name: str
    values: list[float]


class ChartJSON(TypedDict):
    title: str
    kind: str
    labels: list[str]
    series: list[SeriesJSON]


class TableJSON(TypedDict):
    title: str
    columns: list[str]
    rows: list[list[str]]
    values: list[list[Any]]


class SectionJSON(TypedDict):
    key: str
    title: str
    paragraphs: list[str]
    tables: list[TableJSON]
    charts: list[ChartJSON]
    figures: dict[str, dict[str, Any]]
    labels: dict[str, str]


class Content(TypedDict):
    unit: str
    unit_name: str
    period: str
    period_label: str
    period_start: str
    period_end: str
    tree: str
    sections: list[SectionJSON]


class SignatureJSON(TypedDict):
    on_behalf: str
    title: str
    name: str


class Header(TypedDict, total=False):
    """Who issues the report and how it is headed (DOMAIN §7): drawn from the issuer's template, edited on
    the draft, frozen on issue. ``fmt`` is "state" (NĐ 30/2020), "party" (HD 36-HD/VPTW) or "front" (the
    MTTQ's own); ``number`` is the full number and symbol after "Số" ("05/BC-UBND"), empty on a draft;
    ``day`` is an ISO date, empty on a draft (the blanks are printed)."""

    fmt: str
    parent: str
    issuer: str
    number: str
    #: The issuer's symbol ("BC-UBND", "BC/BTGDVTU"): the draft's number line shows it after the blanks.
    symbol: str
    place: str
    day: str
    doc_type: str
    subject: str
    recipients: list[str]
    signature: SignatureJSON
