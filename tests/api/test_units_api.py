"""GET /api/v1/units and /api/v1/units/{code} against the real national list, with bearer tokens."""

import pytest
from django.test import Client

from danvan.accounts.services import create_token
from danvan.units.loader import load_national_units
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(db) -> None:
    load_national_units()


@pytest.fixture
def api(national) -> Client:
    from danvan.units.selectors import unit_by_code

    assignment = RoleAssignmentFactory(role="officer", unit=unit_by_code("01840"))
    _, raw = create_token(user=assignment.user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_province_counts_today_and_before_the_reform(api: Client) -> None:
    assert api.get("/api/v1/units?level=province").json()["count"] == 34
    assert api.get("/api/v1/units?level=province&as_of=2025-06-30").json()["count"] == 63
    assert api.get("/api/v1/units?level=commune").json()["count"] == 3321
    assert api.get("/api/v1/units?level=district").json()["count"] == 0
    assert api.get("/api/v1/units?level=district&as_of=2025-06-30").json()["count"] == 696


def test_accent_insensitive_search_and_parent_filter(api: Client) -> None:
    body = api.get("/api/v1/units?q=bac kan&as_of=2025-06-30&level=province").json()
    assert [u["name"] for u in body["results"]] == ["Tỉnh Bắc Kạn"]
    wards = api.get("/api/v1/units?parent=19&page_size=500").json()
    assert wards["count"] == len(wards["results"]) > 50
    assert all(u["parent"]["code"] == "19" for u in wards["results"])


def test_pagination(api: Client) -> None:
    first = api.get("/api/v1/units?level=commune&page=1&page_size=10").json()
    second = api.get("/api/v1/units?level=commune&page=2&page_size=10").json()
    assert first["count"] == 3321 and len(first["results"]) == 10
    assert {u["code"] for u in first["results"]}.isdisjoint({u["code"] for u in second["results"]})


def test_unit_detail_by_code_and_date(api: Client) -> None:
    today = api.get("/api/v1/units/19").json()
    assert today["name"] == "Tỉnh Thái Nguyên"
    assert {u["unit"]["name"] for u in today["formed_from"]} == {"Tỉnh Bắc Kạn", "Tỉnh Thái Nguyên"}
    old = api.get("/api/v1/units/06?as_of=2025-06-30").json()
    assert old["became"][0]["unit"]["code"] == "19"
    assert old["children_count"] == 8  # the 8 district-level units of Bắc Kạn


def test_errors_are_json_in_vietnamese(api: Client) -> None:
    missing = api.get("/api/v1/units/06")
    assert missing.status_code == 404
    assert "Không có đơn vị hành chính mã “06”" in missing.json()["detail"]
    bad = api.get("/api/v1/units?as_of=30-06-2025")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "as_of"
    assert "Ngày không hợp lệ" in bad.json()["errors"][0]["message"]
    assert api.get("/api/v1/units?level=village").status_code == 422
    anonymous = Client().get("/api/v1/me", headers={"Authorization": "Bearer dv_nope"})
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"].startswith("Chưa xác thực")


def test_me(api: Client) -> None:
    me = api.get("/api/v1/me").json()
    assert me["roles"][0]["role"] == "officer"
    assert me["roles"][0]["unit"]["code"] == "01840"
    assert "core.view_records" in me["permissions"]


def test_openapi_schema_is_served() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/units", "/api/v1/units/{code}"} <= set(schema["paths"])
