"""A long export in Chromium: the progress page follows the job by itself (htmx, under the strict CSP) and
offers the file once it is ready; the officer sorts the list by a column header first."""

import pytest
from playwright.sync_api import Page, expect

from danvan.lists.models import ExportJob
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD, make_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sort_by_header_then_follow_a_long_export(page: Page, live_server, tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    for name in ("Bế Văn Lâm hiến đất", "Biến rác thành phân bón", "An ninh thôn"):
        make_initiative(tree.commune_a, "registered", name=name)
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/initiatives/")
    page.get_by_role("link", name="Tên mô hình, điển hình").click()
    names = page.locator("tbody tr td:nth-child(2) > a")
    expect(names).to_have_text(["An ninh thôn", "Bế Văn Lâm hiến đất", "Biến rác thành phân bón"])
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Tên mô hình, điển hình")

    job = ExportJob.objects.create(owner=personas.supervisor, list_name="initiatives", filename="mo-hinh.xlsx")
    ExportJob.objects.filter(pk=job.pk).update(status="running", total=3000, done=1500)
    page.goto(f"{live_server.url}/exports/{job.pk}/")
    expect(page.locator("#export-progress")).to_have_attribute("value", "50")
    expect(page.get_by_text("1.500 / 3.000 dòng (50 %)")).to_be_visible()
    job.path.parent.mkdir(parents=True, exist_ok=True)
    job.path.write_bytes(b"PK\x03\x04")
    ExportJob.objects.filter(pk=job.pk).update(status="done", done=3000)
    expect(page.get_by_role("link", name="Tải tệp Excel")).to_be_visible(timeout=10_000)  # no reload
    expect(page.locator("#export-progress")).to_have_attribute("value", "100")
