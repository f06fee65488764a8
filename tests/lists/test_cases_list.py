"""The case list on the kit: queues with their counts, accent-free search, sorting, scope, export."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.accounts.access import SYSTEM
from danvan.petitions import services
from danvan.petitions.lists import CASES
from tests.api.test_initiatives_api import bearer
from tests.initiatives.test_views import logged_in
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(tree, personas):
    today = timezone.localdate()
    recent = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, intake=intake(received_on=today, content="Đề nghị sửa đường liên thôn")
    ).case
    old = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_b,
        intake=intake(sender_name="Người khác", sender_id_number="", received_on=today - datetime.timedelta(days=60)),
    ).case
    outside = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_c, intake=intake(sender_name="Ở tỉnh khác", sender_id_number="")
    ).case
    recent.handlers.add(personas.supervisor)
    return recent, old, outside


def test_queue_tabs_carry_their_counts_within_scope(tree, personas, cases) -> None:
    recent, old, _outside = cases
    page = logged_in(personas.supervisor).get(reverse("case_list"))
    assert page.context["queues"] == [
        ("", "Tất cả", 2), ("mine", "Của tôi", 1), ("due_soon", "Sắp đến hạn", 0), ("overdue", "Quá hạn", 1),
    ]  # fmt: skip
    assert [c.pk for c in page.context["page"]] == [recent.pk, old.pk]
    overdue = logged_in(personas.supervisor).get(reverse("case_list"), {"queue": "overdue"})
    assert [c.pk for c in overdue.context["page"]] == [old.pk]
    assert "2 vụ việc" in page.content.decode()


def test_search_ignores_accents_and_sort_turns_round(tree, personas, cases) -> None:
    recent, old, _ = cases
    found = CASES.bind(personas.supervisor, {"q": "sua duong lien thon"}).queryset()
    assert list(found) == [recent]
    assert list(CASES.bind(personas.supervisor, {"q": "SỬA ĐƯỜNG"}).queryset()) == [recent]
    assert list(CASES.bind(personas.supervisor, {"sort": "received_on"}).queryset()) == [old, recent]
    assert list(CASES.bind(personas.supervisor, {"sort": "-received_on"}).queryset()) == [recent, old]


def test_api_list_keeps_its_shape_and_filters(tree, personas, cases) -> None:
    api = bearer(personas.supervisor)
    body = api.get("/api/v1/cases", {"queue": "overdue"}).json()
    assert set(body) == {"count", "page", "page_size", "results"} and body["count"] == 1
    assert api.get("/api/v1/cases", {"q": "sua duong"}).json()["count"] == 1
    assert api.get("/api/v1/cases", {"queue": "later"}).status_code == 422
    assert api.get("/api/v1/cases", {"page": 10**12}).json()["results"] == []


def test_export_lists_only_the_scope_and_never_a_formula(tree, personas, cases) -> None:
    recent, _, _ = cases
    recent.summary = '=HYPERLINK("http://x","bấm")'
    recent.save(update_fields=["summary"])
    response = logged_in(personas.supervisor).get(reverse("case_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows() if isinstance(r[0].value, int)]
    assert sorted(r[1].value for r in rows) == sorted([recent.number, cases[1].number])
    summary = next(r[5] for r in rows if r[1].value == recent.number)
    assert summary.value == recent.summary and summary.data_type == "s"


def test_the_api_takes_the_parameters_the_list_declares() -> None:
    from danvan.petitions.api import CaseFilters

    declared = {f.name for f in CASES.filters} | {"q", "sort", "page", "page_size"}
    assert set(CaseFilters.model_fields) == declared
