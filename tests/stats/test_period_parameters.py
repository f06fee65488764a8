"""The statistics pages and API endpoints read their period through the one parser (core.periods)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.services import create_token
from danvan.initiatives.models import Field, Initiative
from tests.conftest import Personas, Tree

pytestmark = pytest.mark.django_db


def api(user: User) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def registered(tree: Tree, day: datetime.date) -> None:
    field = Field.objects.get(parent=None, name="Kinh tế")
    Initiative.objects.create(
        unit=tree.commune_a, year=day.year, name=f"Mô hình {day}", name_folded=f"mo hinh {day}", field=field,
        owner_name="Chi bộ", status="registered", registered_on=day,
    )  # fmt: skip


def test_the_initiatives_api_reads_every_period_kind(tree: Tree, personas: Personas) -> None:
    registered(tree, datetime.date(2026, 2, 10))
    registered(tree, datetime.date(2026, 8, 10))
    client = api(personas.supervisor)
    url = f"/api/v1/initiatives/stats?unit={tree.province.code}&year=2026"
    assert client.get(url).json()["totals"]["registered"] == 2
    q1 = client.get(url + "&period=q1").json()
    assert (q1["period_start"], q1["period_end"], q1["period_label"]) == ("2026-01-01", "2026-03-31", "Quý I/2026")
    assert q1["totals"]["registered"] == 1
    assert client.get(url + "&period=h2").json()["totals"]["registered"] == 1
    refused = client.get(url + "&period=week")
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("Kỳ: “week” không phải là kỳ báo cáo")


def test_the_petitions_api_keeps_its_periods_and_accepts_more(tree: Tree, personas: Personas) -> None:
    client = api(personas.supervisor)
    url = f"/api/v1/petitions/stats?unit={tree.province.code}&year=2026"
    answer = client.get(url + "&period=h2").json()
    assert (answer["period_start"], answer["period_end"]) == ("2026-07-01", "2026-12-31")
    nine = client.get(url + "&period=9m").json()
    assert (nine["period_start"], nine["period_end"]) == ("2026-01-01", "2026-09-30")
    assert client.get(f"/api/v1/petitions/stats?unit={tree.province.code}&year=20260").status_code == 422


def test_the_pages_name_a_wrong_period_field_in_vietnamese(tree: Tree, personas: Personas) -> None:
    client = Client()
    client.force_login(personas.supervisor)
    page = client.get(reverse("petition_stats"), {"unit": tree.province.code, "year": "hai nghìn", "period": "h1"})
    assert page.status_code == 200
    assert "Năm: “hai nghìn” không phải là số." in page.content.decode()
    good = client.get(reverse("petition_stats"), {"unit": tree.province.code, "year": "2026", "period": "h2"})
    assert good.context["stats"].period.label == "6 tháng cuối năm 2026"
    models = client.get(reverse("initiative_stats"), {"unit": tree.province.code, "year": 2026, "period": "q4"})
    assert models.context["stats"].period.label == "Quý IV/2026"
