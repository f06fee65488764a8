"""The provincial supervisor's statistics in Chromium: from the home page to the statistics, a chart drawn,
a table sorted, the Excel file downloaded, the other area's statistics for the same period — at an office
screen's width and on a phone.

Set ``DANVAN_SCREENSHOTS`` to a directory to keep a picture of each page."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_journeys import sign_in
from tests.conftest import Personas, Tree
from tests.factories import PASSWORD, make_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def new_page(browser: Browser, viewport: dict[str, int]) -> Page:
    context = browser.new_context(locale="vi-VN", viewport=viewport, accept_downloads=True)  # type: ignore[arg-type]
    return context.new_page()


def keep_picture(page: Page, name: str) -> None:
    folder = os.environ.get("DANVAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def first_column(page: Page, table: str) -> list[str]:
    return [text.strip() for text in page.locator(f"#{table} tbody tr th").all_inner_texts()]


@pytest.fixture
def models(tree: Tree) -> None:
    """This year: one model of Xã A, two of Xã B (one of them recognised)."""
    year = timezone.localdate().year  # the page opens on this year
    make_initiative(tree.commune_a, "registered", year=year)
    make_initiative(tree.commune_b, "registered", year=year)
    make_initiative(tree.commune_b, "recognised", year=year)
    from danvan.initiatives.models import Initiative

    # The services date the steps in 2026; the page opens on this year.
    Initiative.objects.update(registered_on=datetime.date(year, 1, 15))
    Initiative.objects.filter(recognised_on__isnull=False).update(recognised_on=datetime.date(year, 3, 2))


def test_the_supervisor_sees_a_chart_sorts_a_table_and_exports(
    browser: Browser, live_server: Any, tree: Tree, personas: Personas, models: None, tmp_path: Path
) -> None:
    page = new_page(browser, OFFICE)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url
    sign_in(page, base, "supervisor", PASSWORD)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Thống kê").click()
    expect(page.locator("h2").first).to_contain_text("Tỉnh Mới")

    # The chart is drawn from the page's figures, and says what it shows to a screen reader.
    chart = page.locator("canvas#chart-by-unit")
    expect(chart).to_have_attribute("data-drawn", "2")
    expect(chart).to_have_attribute("role", "img")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.evaluate("document.getElementById('chart-by-unit').toDataURL().length") > 3000  # not blank
    expect(page.locator("canvas#chart-by-month")).to_have_attribute("data-drawn", "4")
    expect(page.locator("#stats-summary [data-measure=registered]")).to_have_text("3")
    # Hovering Xã B's bars shows its figures; numbers are written the Vietnamese way (1.451; 85,16%).
    bar = page.evaluate(
        "(() => { const e = Chart.getChart('chart-by-unit').getDatasetMeta(0).data[1]; return [e.x, e.y]; })()"
    )
    chart.hover(position={"x": bar[0] - 5, "y": bar[1]})
    lines = page.evaluate("Chart.getChart('chart-by-unit').tooltip.body.flatMap((b) => b.lines)")
    assert lines == ["Đăng ký: 2", "Được công nhận: 1"], lines
    label = page.evaluate(
        "Chart.getChart('chart-by-unit').options.plugins.tooltip.callbacks"
        ".label({dataset: {label: 'Đơn'}, parsed: {x: 1451}})"
    )
    assert label == "Đơn: 1.451"
    ticks = page.evaluate("Chart.getChart('chart-by-unit').scales.x.ticks.map((t) => t.label)")
    assert ticks == ["0", "1", "2"], ticks  # counts: whole numbers only
    keep_picture(page, "stats-initiatives-1366")

    # Sub-units in name order, with the total; sorted by the registrations, then back.
    assert first_column(page, "by-unit") == ["Xã A", "Xã B"]
    expect(page.locator("#by-unit tfoot")).to_contain_text("Tổng số")
    header = page.locator("#by-unit thead th").nth(1)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert first_column(page, "by-unit") == ["Xã B", "Xã A"]
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert first_column(page, "by-unit") == ["Xã A", "Xã B"]
    name = page.locator("#by-unit thead th").first
    name.get_by_role("button").click()  # by name again: A→Z first, then Z→A
    expect(name).to_have_attribute("aria-sort", "ascending")
    expect(header).to_have_attribute("aria-sort", "none")
    assert first_column(page, "by-unit") == ["Xã A", "Xã B"]
    name.get_by_role("button").click()
    expect(name).to_have_attribute("aria-sort", "descending")
    assert first_column(page, "by-unit") == ["Xã B", "Xã A"]
    expect(page.locator("#by-unit tfoot")).to_contain_text("3")  # the total row stays at the foot

    # The Excel file of the page, from the first visit.
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith(f"thong-ke-dan-van-kheo-{tree.province.code}-") and saved.stat().st_size > 1000

    # The other area's statistics for the same unit and period, and its file.
    page.get_by_role("link", name="Tiếp công dân, đơn thư").click()
    expect(page.get_by_role("heading", name="Thống kê tiếp công dân, xử lý đơn thư")).to_be_visible()
    expect(page.locator("h2").first).to_contain_text("Tỉnh Mới")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename.startswith(f"thong-ke-don-thu-{tree.province.code}-")
    keep_picture(page, "stats-petitions-1366")
    assert errors == []


def test_on_a_phone_the_charts_fit_the_screen(
    browser: Browser, live_server: Any, tree: Tree, personas: Personas, models: None
) -> None:
    page = new_page(browser, PHONE)
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/initiatives/stats/")
    for chart in ("chart-by-month", "chart-by-field", "chart-by-unit"):
        canvas = page.locator(f"canvas#{chart}")
        expect(canvas).to_have_attribute("data-drawn", {"chart-by-month": "4", "chart-by-field": "3"}.get(chart, "2"))
        box = canvas.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (chart, box)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    keep_picture(page, "stats-initiatives-390")
