"""Open311 GeoReport v2: an existing client library (georeport, from PyPI) reads services and statuses; the
request is filed as the specification's example POST (the library has no call for it)."""

from __future__ import annotations

import pytest
import requests
from django.test import Client
from georeport import GeoReport

from danvan.accounts.access import SYSTEM
from danvan.accounts.services import create_token
from danvan.petitions import services
from danvan.petitions.models import Case

# A live server, so the client talks HTTP (transactional; reference lists put back by tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_client_files_feedback_and_reads_its_status(live_server, tree, personas) -> None:
    _, key = create_token(user=personas.officer_a)
    root = f"{live_server.url}/open311/v2"
    client = GeoReport(root, jurisdiction=tree.commune_a.code, api_key=key)
    codes = {s["service_code"]: s for s in client.get_service_list()}
    assert "moi-truong" in codes and codes["moi-truong"]["service_name"] == "Môi trường"
    assert client.get_service_definition("moi-truong")["service_code"] == "moi-truong"

    filed = requests.post(
        f"{root}/requests.json",
        data={
            "api_key": key,
            "jurisdiction_id": tree.commune_a.code,
            "service_code": "moi-truong",
            "lat": "22.147100",
            "long": "105.834700",
            "address_string": "Cầu tràn thôn A1",
            "email": "dan@example.vn",
            "first_name": "Hoa",
            "last_name": "Đàm Thị",
            "phone": "0987654321",
            "description": "Rác thải đổ xuống suối ở cầu tràn, bốc mùi.",
            "media_url": "https://example.vn/anh/ca-u-tran.jpg",
        },
        timeout=10,
    )
    assert filed.status_code == 201, filed.text
    request_id = filed.json()[0]["service_request_id"]
    case = Case.objects.get(tracking_code=request_id)
    letter = case.letters.get()
    assert (letter.channel, letter.kind, letter.sender_name, str(letter.latitude)) == (
        "open311", "pa", "Đàm Thị Hoa", "22.147100",
    )  # fmt: skip

    status = client.get_service_request(request_id)
    assert status["status"] == "open" and status["agency_responsible"] == "Xã A"
    assert status["expected_datetime"].startswith(case.due_on.isoformat())
    assert "Đàm" not in str(status) and "0987654321" not in str(status)

    services.route(actor=SYSTEM, case=case, action="guide")
    services.route(actor=SYSTEM, case=case, action="close")
    closed = client.get_service_requests(service_request_id=request_id)
    assert [r["status"] for r in closed] == ["closed"]
    as_xml = GeoReport(root, jurisdiction=tree.commune_a.code, output_format="xml").get_service_request(request_id)
    assert as_xml["status"] == "closed" and as_xml["status_notes"] == "Đã kết thúc"


def test_bad_key_missing_fields_and_unknown_service(tree, personas) -> None:
    _, key = create_token(user=personas.officer_a)
    client = Client()
    base = {"jurisdiction_id": tree.commune_a.code, "service_code": "moi-truong", "lat": "22.1", "long": "105.8",
            "description": "Rác"}  # fmt: skip
    bad_key = client.post("/open311/v2/requests.json", base | {"api_key": "sai"})
    assert bad_key.status_code == 403 and bad_key.json()[0]["code"] == 403
    missing = client.post("/open311/v2/requests.json", {"api_key": key, "service_code": "moi-truong"})
    assert missing.status_code == 400 and "description" in missing.json()[0]["description"]
    unknown = client.post("/open311/v2/requests.xml", base | {"api_key": key, "service_code": "khong-co"})
    assert unknown.status_code == 404 and b"<errors><error><code>404</code>" in unknown.content
    outside = client.post("/open311/v2/requests.json", base | {"api_key": key, "jurisdiction_id": tree.commune_b.code})
    assert outside.status_code == 403
    assert Case.objects.count() == 0
