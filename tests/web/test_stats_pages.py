"""The statistics pages: their charts carry the statistics layer's figures, each key figure stands beside
the previous period and the same period last year, the sub-units come in name order with a total, and
the Excel file opens from the first visit."""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.accounts.models import User
from danvan.core.periods import Period
from danvan.demo.seed import seed_demo
from danvan.initiatives import dashboard as initiative_dashboard
from danvan.initiatives import measures as initiative_measures
from danvan.initiatives import selectors as initiative_selectors
from danvan.petitions import measures as petition_measures
from danvan.petitions import selectors as petition_selectors
from danvan.stats.compare import months, vietnamese_key
from danvan.stats.engine import Target, compute
from tests.conftest import Personas, Tree
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def chart_data(body: str) -> dict[str, Any]:
    found = re.search(r'<script id="stats-charts" type="application/json">(.*?)</script>', body, re.S)
    assert found, "the page gives its charts' data in a json_script"
    return json.loads(found.group(1))


def unit_rows(body: str) -> list[str]:
    table = re.search(r'<table[^>]* id="by-unit".*?<tbody>(.*?)</tbody>', body, re.S)
    assert table
    return [re.sub(r"<[^>]+>", "", label) for label in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table.group(1))]


def rows_of(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_charts_carry_the_statistics_layers_figures_for_the_demo() -> None:
    seed_demo()
    supervisor = User.objects.get(username="tinh.tgdv")
    client = Client()
    client.force_login(supervisor)

    # "Dân vận khéo": the province of the officer, this year.
    page = client.get(reverse("initiative_stats"))
    body = page.content.decode()
    stats = page.context["stats"]
    assert stats.unit.code == "19" and stats.period == Period.year(timezone.localdate().year)
    charts = chart_data(body)
    by_field = charts["chart-by-field"]
    assert by_field["labels"] == list(stats.by_field.rows)
    for dataset, measure in zip(by_field["datasets"], ("registered", "recognised", "exemplary"), strict=True):
        assert dataset["data"] == [counts[measure] for counts in stats.by_field.rows.values()]
    by_unit = {unit.name: counts for unit, counts in stats.by_unit}
    units_chart = charts["chart-by-unit"]
    assert len(units_chart["labels"]) == min(initiative_dashboard.TOP_UNITS, len(by_unit)) > 5
    for i, name in enumerate(units_chart["labels"]):
        assert [d["data"][i] for d in units_chart["datasets"]] == [
            by_unit[name]["registered"],
            by_unit[name]["recognised"],
        ]
    # The largest sub-units are the chart's; the table has them all, in name order, and the total.
    assert min(by_unit[n]["registered"] for n in units_chart["labels"]) >= max(
        c["registered"] for n, c in by_unit.items() if n not in units_chart["labels"]
    )
    rows = unit_rows(body)
    assert rows[: len(by_unit)] == sorted(by_unit, key=vietnamese_key)
    assert re.search(r"<tfoot>.*Tổng số.*</tfoot>", body, re.S)
    trend = charts["chart-by-month"]
    assert trend["labels"] == [f"{m}/{stats.period.start.year}" for m in range(1, 13)]
    for i, month in enumerate(months(stats.period)):
        alone = compute(initiative_measures.INITIATIVES, Target(stats.unit, month, viewer=supervisor),
                        measures=initiative_dashboard.TREND).total  # fmt: skip
        assert [d["data"][i] for d in trend["datasets"]] == [alone[n] for n in initiative_dashboard.TREND]
    assert [sum(d["data"]) for d in trend["datasets"]] == [getattr(stats, n) for n in initiative_dashboard.TREND]
    # Each key figure beside the previous period (here the same as last year's: the year before).
    before = initiative_selectors.stats_for(stats.unit, stats.period.previous(), user=supervisor)
    board = page.context["board"]
    assert [(c.name, c.current, c.previous, c.last_year) for c in board.comparisons] == [
        (m, getattr(stats, m), getattr(before, m), getattr(before, m))
        for m in initiative_selectors.InitiativeStats.MEASURES
    ]
    assert 'role="img" aria-label="Biểu đồ đường: đăng ký' in body
    assert f"kỳ trước ({stats.period.previous().label}): {before.registered}" in body

    # Reception and petitions, for the same question.
    page = client.get(reverse("petition_stats"))
    body = page.content.decode()
    stats = page.context["stats"]
    charts = chart_data(body)
    subjects = charts["chart-by-subject"]
    assert dict(zip(subjects["labels"], subjects["datasets"][0]["data"], strict=True)) == dict(stats.letters_by_subject)
    assert sum(charts["chart-by-kind"]["datasets"][0]["data"]) == stats.letters
    units_chart = charts["chart-by-unit"]
    by_unit_counts = {unit.name: [letters, cases, resolved] for unit, letters, cases, resolved in stats.by_unit}
    assert {name: [d["data"][i] for d in units_chart["datasets"]] for i, name in enumerate(units_chart["labels"])} == (
        by_unit_counts
    )
    trend = charts["chart-by-month"]
    for i, month in enumerate(months(stats.period)):
        target = Target(stats.unit, month, viewer=supervisor)
        letters = compute(petition_measures.LETTERS, target, measures=["letters"]).total["letters"]
        cases = compute(petition_measures.CASES, target, measures=["cases", "resolved"]).total
        assert [d["data"][i] for d in trend["datasets"]] == [letters, cases["cases"], cases["resolved"]]
    assert [sum(d["data"]) for d in trend["datasets"]] == [stats.letters, stats.cases, stats.resolved]
    before = petition_selectors.stats_for(stats.unit, stats.period.previous(), user=supervisor)
    figures = {c.name: (c.current, c.previous) for c in page.context["board"].comparisons}
    assert figures["letters"] == (stats.letters, before.letters)
    assert figures["resolved"] == (stats.resolved, before.resolved)
    assert figures["accepted"] == (stats.in_competence, before.in_competence)


def test_the_excel_files_open_from_the_first_visit(tree: Tree, personas: Personas) -> None:
    make_initiative(tree.commune_a, "recognised")
    make_initiative(tree.commune_b, "exemplary")
    client = Client()
    client.force_login(personas.supervisor)
    year = timezone.localdate().year
    for name, first_row in (("initiative_stats", "TỔNG SỐ"), ("petition_stats", "Chỉ tiêu")):
        page = client.get(reverse(name))
        assert page.status_code == 200 and page.context["stats"].unit == tree.province
        link = re.search(r'id="stats-xlsx" href="\?([^"]+)"', page.content.decode())
        assert link, name
        query = link.group(1).replace("&amp;", "&")
        assert f"unit={tree.province.code}" in query and f"year={year}" in query and "format=xlsx" in query
        assert any(row and row[0] == first_row for row in rows_of(client.get(reverse(name) + "?" + query)))
        # The address with no parameter but the format, or with empty ones, is the same file.
        assert any(row and row[0] == first_row for row in rows_of(client.get(reverse(name), {"format": "xlsx"})))
        empty = {"unit": "", "year": "", "period": "", "format": "xlsx"}
        assert any(row and row[0] == first_row for row in rows_of(client.get(reverse(name), empty)))
    rows = rows_of(client.get(reverse("initiative_stats"), {"format": "xlsx", "year": 2026}))
    assert ("TỔNG SỐ", 2, 2, 1, 0, 0) in rows
    assert ("Đăng ký", 2, 0, "▲ 2", 0, "▲ 2") in rows  # beside the previous period and last year


def test_each_key_figure_beside_the_previous_period_and_last_year_on_the_page(tree: Tree, personas: Personas) -> None:
    # A model registered in each of the three periods: the first half of 2026, the second half of 2025
    # (the previous period) and the first half of 2025 (the same period last year).
    for day in (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 4, 2),
        datetime.date(2025, 9, 1),
        datetime.date(2025, 2, 1),
    ):
        initiative = make_initiative(tree.commune_a, "registered")
        type(initiative).objects.filter(pk=initiative.pk).update(registered_on=day, year=day.year)
    client = Client()
    client.force_login(personas.supervisor)
    page = client.get(reverse("initiative_stats"), {"year": 2026, "period": "h1"})
    registered = next(c for c in page.context["board"].comparisons if c.name == "registered")
    assert (registered.current, registered.previous, registered.last_year) == (2, 1, 1)
    body = page.content.decode()
    assert '▲ 1 (+100%) <span class="text-body-secondary">· kỳ trước (6 tháng cuối năm 2025): 1</span>' in body
    assert "· cùng kỳ năm trước (6 tháng đầu năm 2025): 1" in body
    # The tabs lead to the other area's statistics for the same period.
    assert f'href="{reverse("petition_stats")}?year=2026&amp;period=h1"' in body
