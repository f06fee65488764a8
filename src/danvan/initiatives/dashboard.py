"""What the statistics page of "Dân vận khéo" shows around :func:`selectors.stats_for`: each key figure
beside the previous period and the same period last year, the months of the period, the tables with
their totals and the charts drawn from them.

The figures are the statistics layer's: the selector's for the period, :mod:`danvan.stats.compare`
with the measures of :mod:`danvan.initiatives.measures` for the other periods and the months.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from danvan.initiatives import measures, rules
from danvan.initiatives.selectors import InitiativeStats
from danvan.stats.compare import Comparison, compare, monthly
from danvan.stats.display import Chart, Row, Table, bar_chart, series_chart, series_table
from danvan.stats.engine import Target, Value

#: The measures of the page's tables, in their order, with their labels.
LABELS: dict[str, str] = {m.name: m.label for m in measures.INITIATIVES.measures}
KEY = InitiativeStats.MEASURES
#: Month by month: the measures dated on the model itself (one grouped scan each).
TREND = ("registered", "recognised", "exemplary", "replicated")
#: Sub-units in the chart (all of them in the table).
TOP_UNITS = 15


@dataclass
class Dashboard:
    comparisons: list[Comparison]
    tables: dict[str, Table]
    charts: dict[str, Chart]

    def chart_data(self) -> dict[str, Any]:
        """Every chart's data, by chart id: what the page gives its script in one ``json_script``."""
        return {chart.id: chart.data() for chart in self.charts.values()}


def _row(label: str, counter: Any, href: str = "") -> Row:
    return Row(label, [counter[m] for m in KEY], href)


def dashboard_for(stats: InitiativeStats, *, user: Any) -> Dashboard:
    """The page's comparisons, tables and charts for ``stats`` (the same unit, period, tree and viewer)."""
    target = Target(stats.unit, stats.period, viewer=user, today_tree=stats.today_tree)
    totals: dict[str, Value] = {m: getattr(stats, m) for m in KEY}
    total = [totals[m] for m in KEY]
    columns = [LABELS[m] for m in KEY]
    comparisons = compare(target, [(measures.INITIATIVES, KEY)], current=totals)
    series = monthly(measures.INITIATIVES, target, TREND)
    unit_list = reverse("initiative_list")

    tables = {
        "by_month": series_table(series, TREND, LABELS, id="by-month", title="Theo tháng"),
        "by_kind": Table(
            "by-kind",
            "Mô hình tập thể và điển hình cá nhân",
            "Loại",
            columns,
            [_row("Mô hình (tập thể)", stats.collective), _row("Điển hình (cá nhân)", stats.individual)],
            total=total,
            sortable=False,
        ),
        # Fields in the catalogue's order (as the selector gives them); sortable on the page.
        "by_field": Table(
            "by-field",
            "Theo lĩnh vực",
            "Lĩnh vực",
            columns,
            [_row(k, v) for k, v in stats.by_field.rows.items()],
            total=total,
        ),
        "by_subfield": Table(
            "by-subfield",
            "Theo lĩnh vực con",
            "Lĩnh vực con",
            columns,
            [_row(k, v) for k, v in stats.by_subfield.rows.items()],
            total=total,
            rest_label="Chưa chọn lĩnh vực con",
        ),
        "by_unit": Table(
            "by-unit",
            "Theo đơn vị trực thuộc",
            "Đơn vị",
            columns,
            [_row(u.name, c, f"{unit_list}?unit={u.code}" if u.code else "") for u, c in stats.by_unit],
            total=total,
            rest_label=f"Của chính {stats.unit.name}",
        ).by_name(),
        "by_level": Table(
            "by-level",
            "Công nhận theo cấp",
            "Cấp công nhận",
            [LABELS["recognised"]],
            [Row(rules.LEVEL_LABELS[k], [n]) for k, n in sorted(stats.by_level.items())],
            total=[stats.recognised],
            sortable=False,
        ),
        "by_status": Table(
            "by-status",
            "Trạng thái hiện nay của các mô hình đăng ký trong kỳ",
            "Trạng thái",
            [LABELS["registered"]],
            [Row(rules.STATUS_LABELS[k], [n]) for k, n in stats.by_status.most_common()],
            total=[stats.registered],
        ),
    }
    charts = {
        "by_month": series_chart(
            series, TREND, LABELS, id="chart-by-month", title="Mô hình theo tháng", table="by-month"
        ),
        "by_field": bar_chart(tables["by_field"], [0, 1, 2], id="chart-by-field", title="Theo lĩnh vực"),
        "by_unit": bar_chart(
            tables["by_unit"],
            [0, 1],
            id="chart-by-unit",
            title="Theo đơn vị trực thuộc",
            top=TOP_UNITS,
            horizontal=True,
        ),
    }
    return Dashboard(list(comparisons.values()), tables, charts)
