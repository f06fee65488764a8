"""What the statistics page of reception and petitions shows around :func:`selectors.stats_for`: each
key figure beside the previous period and the same period last year, the months of the period, the
tables with their totals and the charts drawn from them.

The figures are the statistics layer's: the selector's for the period, :mod:`danvan.stats.compare`
with the measures of :mod:`danvan.petitions.measures` for the other periods and the months.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from danvan.petitions import measures, rules
from danvan.petitions.models import ReceptionSession
from danvan.petitions.selectors import PetitionStats
from danvan.stats.compare import Comparison, Series, compare, monthly
from danvan.stats.display import Chart, Row, Table, bar_chart, series_chart, series_table
from danvan.stats.engine import Target, Value

LABELS: dict[str, str] = {m.name: m.label for s in measures.SOURCES for m in s.measures}
#: The key figures, by source, each beside the previous period and the same period last year.
KEY: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (measures.SESSIONS, ("sessions",)),
    (measures.LETTERS, ("visits", "letters")),
    (measures.CASES, ("cases", "accepted", "resolved", "resolved_on_time")),
)
#: Month by month: letters received, new cases, resolved cases (one grouped scan per date).
TREND: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (measures.LETTERS, ("letters",)),
    (measures.CASES, ("cases", "resolved")),
)
TREND_NAMES = tuple(n for _, names in TREND for n in names)
#: How a case left the desk (thụ lý, or the route of a case outside competence).
OUTCOME_LABELS = {
    "accept": "Thụ lý",
    "guide": "Hướng dẫn",
    "transfer": "Chuyển đơn",
    "urge": "Đôn đốc",
    "file": "Lưu đơn",
    "return_papers": "Trả đơn",
}
TOP_UNITS = 15


@dataclass
class Dashboard:
    comparisons: list[Comparison]
    tables: dict[str, Table]
    charts: dict[str, Chart]

    def chart_data(self) -> dict[str, Any]:
        """Every chart's data, by chart id: what the page gives its script in one ``json_script``."""
        return {chart.id: chart.data() for chart in self.charts.values()}


def current_figures(stats: PetitionStats) -> dict[str, Value]:
    """The key figures of the period, as the selector computed them."""
    return {
        "sessions": sum(stats.sessions.values()),
        "visits": stats.visits,
        "letters": stats.letters,
        "cases": stats.cases,
        "accepted": stats.in_competence,
        "resolved": stats.resolved,
        "resolved_on_time": stats.resolved_on_time,
    }


def dashboard_for(stats: PetitionStats, *, user: Any, today_tree: bool = True) -> Dashboard:
    """The page's comparisons, tables and charts for ``stats`` (the same unit, period, tree and viewer)."""
    target = Target(stats.unit, stats.period, viewer=user, today_tree=today_tree)
    comparisons = compare(target, KEY, current=current_figures(stats))
    parts = [monthly(source, target, names) for source, names in TREND]
    series = Series(parts[0].months, {n: v for part in parts for n, v in part.values.items()})
    kinds = {k.value: v for k, v in rules.KIND_LABELS.items()}
    session_kinds = dict(ReceptionSession.Kind.choices)
    letters = "Số đơn"

    tables = {
        "by_month": series_table(series, TREND_NAMES, LABELS, id="by-month", title="Theo tháng"),
        "sessions": Table(
            "sessions",
            "Tiếp công dân theo hình thức",
            "Hình thức tiếp",
            [LABELS["sessions"]],
            [Row(session_kinds.get(k, k), [n]) for k, n in stats.sessions.items()],
            total=[sum(stats.sessions.values())],
            sortable=False,
        ),
        "by_kind": Table(
            "by-kind",
            "Đơn theo loại",
            "Loại đơn",
            [letters],
            [Row(kinds.get(k, k), [n]) for k, n in stats.letters_by_kind.items()],
            total=[stats.letters],
        ),
        "by_subject": Table(
            "by-subject",
            "Đơn theo lĩnh vực",
            "Lĩnh vực",
            [letters],
            [Row(k, [n]) for k, n in stats.letters_by_subject.items()],
            total=[stats.letters],
        ).by_name(),
        # Not added up: a case is counted on the day it was accepted or on the day it left the desk.
        "outcomes": Table(
            "outcomes",
            "Kết quả xử lý đơn",
            "Hướng xử lý",
            ["Vụ việc"],
            [Row(OUTCOME_LABELS.get(k, k), [n]) for k, n in stats.outcomes.items()],
        ),
        "resolutions": Table(
            "resolutions",
            "Vụ việc đã giải quyết, theo cách giải quyết",
            "Cách giải quyết",
            [LABELS["resolved"]],
            [Row(rules.RESOLUTION_LABELS.get(rules.Resolution(k), k), [n]) for k, n in stats.resolutions.items()],
            total=[stats.resolved],
            sortable=False,
        ),
        "by_unit": Table(
            "by-unit",
            "Theo đơn vị trực thuộc",
            "Đơn vị",
            ["Đơn", "Vụ việc", "Đã giải quyết"],
            [Row(u.name, [n_letters, n_cases, n_resolved]) for u, n_letters, n_cases, n_resolved in stats.by_unit],
            total=[stats.letters, stats.cases, stats.resolved],
            rest_label=f"Của chính {stats.unit.name}",
        ).by_name(),
    }
    charts = {
        "by_month": series_chart(
            series, TREND_NAMES, LABELS, id="chart-by-month", title="Đơn, vụ việc theo tháng", table="by-month"
        ),
        "by_kind": bar_chart(tables["by_kind"], [0], id="chart-by-kind", title="Đơn theo loại"),
        "by_subject": bar_chart(
            tables["by_subject"], [0], id="chart-by-subject", title="Đơn theo lĩnh vực", horizontal=True
        ),
        "by_unit": bar_chart(
            tables["by_unit"],
            [0, 1, 2],
            id="chart-by-unit",
            title="Theo đơn vị trực thuộc",
            top=TOP_UNITS,
            horizontal=True,
        ),
    }
    return Dashboard(list(comparisons.values()), tables, charts)
