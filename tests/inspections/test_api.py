"""The API: same scope (404 out of scope), rights (403), 422 naming the field; steps through the kit's
workflow API."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fields(response) -> set[str]:
    return {e.get("field", "") for e in response.json().get("errors", [])}


def test_read_in_scope(inspection, personas) -> None:
    plan, rec = inspection.plan, inspection.rec
    c = _client(inspection.inspector)
    body = c.get(f"{BASE}/plans/{plan.pk}").json()
    assert body["team"][0] == {
        "name": "Nguyễn Thị Huế",
        "position": "Phó Trưởng Ban",
        "role": "head",
        "role_label": "Trưởng đoàn",
        "username": None,
    }
    assert body["visits"][0]["figures"][0]["label"] == "Mô hình “Dân vận khéo” đăng ký xây dựng"
    assert c.get(f"{BASE}/plans").json()["count"] == 1
    assert _client(personas.officer_b).get(f"{BASE}/plans/{plan.pk}").status_code == 404
    assert _client(personas.officer_b).get(f"{BASE}/recommendations/{rec.pk}").status_code == 404
    assert _client(personas.officer_a).get(f"{BASE}/recommendations/{rec.pk}").json()["allowed_actions"] == [
        "start",
        "close",
    ]
    assert _client(personas.supervisor).get(f"{BASE}/recommendations?queue=open").json()["count"] == 1
    stats = c.get(f"{BASE}/stats?year=2026").json()
    assert stats["recommendations"]["made"] == 1 and stats["visits"]["units_visited"] == 1


def test_steps_and_refusals(inspection, personas) -> None:
    rec = inspection.rec
    officer = _client(personas.officer_a)
    response = officer.post(
        f"{BASE}/recommendations/{rec.pk}/transitions/close", {"note": "Đã rà soát"}, content_type="application/json"
    )
    assert response.status_code == 422 and "evidence" in _fields(response)
    assert "minh chứng" in response.json()["detail"]
    response = _client(personas.supervisor).post(
        f"{BASE}/recommendations/{rec.pk}/transitions/start", {}, content_type="application/json"
    )
    assert response.status_code == 403
    response = officer.post(
        f"{BASE}/recommendations/{rec.pk}/transitions/close",
        {"note": "Đã rà soát", "document_no": "125/BC-UBND", "on": "2026-11-20"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_create_with_bad_input(inspection, personas, tree) -> None:
    c = _client(inspection.inspector)
    payload = {
        "body_id": inspection.ban.pk,
        "number": "30-KH",
        "plan_date": "2026-10-01",
        "title": "Kiểm tra",
        "scopes": ["democracy"],
        "start_on": "2026-10-02",
        "end_on": "2026-10-10",
        "unit_codes": [tree.commune_c.code],
    }
    response = c.post(f"{BASE}/plans", payload, content_type="application/json")
    assert response.status_code == 422 and "units" in _fields(response)
    payload["unit_codes"] = [tree.commune_a.code]
    response = c.post(f"{BASE}/plans", payload, content_type="application/json")
    assert response.status_code == 201
    pk = response.json()["id"]
    response = c.put(
        f"{BASE}/plans/{pk}/team", {"members": [{"name": "A", "role": "member"}]}, content_type="application/json"
    )
    assert response.status_code == 422 and "team" in _fields(response)
    response = c.post(
        f"{BASE}/visits/{inspection.visit.pk}/recommendations",
        {"content": "Rà soát", "responsible": "UBND", "due_on": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "due_on" in _fields(response)
    response = c.post(
        f"{BASE}/plans/{inspection.plan.pk}/visits",
        {"unit_code": tree.commune_c.code, "visited_on": "2026-09-15", "checked": ["x"], "strengths": "y"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "unit" in _fields(response)
    # The supervisor sees the body but has no right to plan; the officer of Xã A does not even see it.
    response = _client(personas.supervisor).post(
        f"{BASE}/plans", payload | {"number": "31"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = _client(personas.officer_a).post(
        f"{BASE}/plans", payload | {"number": "31"}, content_type="application/json"
    )
    assert response.status_code == 422 and "body_id" in _fields(response)
