"""The reference lists that writes need: letter subjects, channels and kinds; fields, criteria and metrics.

Reference data for every signed-in account (as the unit tree is), read-only, active entries only; the
ids they answer are the ones ``POST /letters`` and ``POST /initiatives`` take.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.services import create_token
from danvan.initiatives.models import Criterion, Field, Metric
from danvan.petitions import rules as petition_rules
from danvan.petitions.models import Subject

pytestmark = pytest.mark.django_db

REFERENCE_PATHS = {
    "/api/v1/petitions/subjects": "Danh mục lĩnh vực đơn thư",
    "/api/v1/petitions/channels": "Danh mục nguồn đơn",
    "/api/v1/petitions/kinds": "Danh mục loại đơn",
    "/api/v1/initiatives/fields": "Danh mục lĩnh vực và lĩnh vực con",
    "/api/v1/initiatives/criteria": "Tiêu chí đánh giá của hội đồng thẩm định",
    "/api/v1/initiatives/metrics": "Danh mục chỉ tiêu kết quả",
}


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_letter_subjects_are_the_active_ones_and_their_ids_file_a_letter(tree, personas) -> None:
    retired = Subject.objects.order_by("order").last()
    assert retired is not None
    retired.active = False
    retired.save()
    officer = bearer(personas.officer_a)
    body = officer.get("/api/v1/petitions/subjects").json()
    names = [s["name"] for s in body["results"]]
    assert body["count"] == Subject.objects.filter(active=True).count() == len(names)
    assert retired.name not in names and "Đất đai" in names
    assert [s["order"] for s in body["results"]] == sorted(s["order"] for s in body["results"])
    land = next(s for s in body["results"] if s["name"] == "Đất đai")
    channel = officer.get("/api/v1/petitions/channels").json()["results"][0]["value"]
    created = officer.post(
        "/api/v1/letters",
        {"unit_code": tree.commune_a.code, "received_on": timezone.localdate().isoformat(), "channel": channel,
         "kind": "kng", "subject_id": land["id"], "content": "Kiến nghị làm lại đường liên thôn",
         "sender_name": "Nông Văn Dền", "conditions_met": ["form"]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["subject"] == "Đất đai"


def test_channels_and_kinds_carry_their_vietnamese_labels(tree, personas) -> None:
    client = bearer(personas.officer_b)
    channels = {c["value"]: c for c in client.get("/api/v1/petitions/channels").json()["results"]}
    assert set(channels) == {c.value for c in petition_rules.Channel}
    assert channels["post"] == {"value": "post", "label": "Qua bưu chính", "forwarded": False}
    assert channels["deputy"]["label"] == "Đại biểu Quốc hội chuyển đến" and channels["deputy"]["forwarded"]
    kinds = client.get("/api/v1/petitions/kinds").json()
    assert kinds["count"] == 5
    assert {k["value"]: k["label"] for k in kinds["results"]} == {
        "kn": "Khiếu nại",
        "tc": "Tố cáo",
        "kng": "Kiến nghị",
        "pa": "Phản ánh",
        "mixed": "Nhiều nội dung",
    }


def test_fields_nest_their_active_subfields_and_their_ids_register_a_model(tree, personas) -> None:
    economy = Field.objects.get(parent=None, name="Kinh tế")
    retired_sub = economy.subfields.get(name="Kinh tế tập thể, hợp tác xã")
    retired_sub.active = False
    retired_sub.save()
    defence = Field.objects.get(parent=None, name="Quốc phòng – an ninh")
    defence.active = False
    defence.save()
    officer = bearer(personas.officer_a)
    body = officer.get("/api/v1/initiatives/fields").json()
    by_name = {f["name"]: f for f in body["results"]}
    assert body["count"] == 3 and "Quốc phòng – an ninh" not in by_name
    assert [s["name"] for s in by_name["Kinh tế"]["subfields"]] == [
        "Xây dựng nông thôn mới, đô thị văn minh",
        "Giảm nghèo, phát triển sản xuất",
    ]
    assert by_name["Kinh tế"]["parent_id"] is None

    only = officer.get(f"/api/v1/initiatives/fields?parent={economy.pk}").json()
    assert [s["name"] for s in only["results"]] == [s["name"] for s in by_name["Kinh tế"]["subfields"]]
    assert {s["parent_id"] for s in only["results"]} == {economy.pk}

    poverty = next(s for s in only["results"] if s["name"] == "Giảm nghèo, phát triển sản xuất")
    created = officer.post(
        "/api/v1/initiatives",
        {"unit_code": tree.commune_a.code, "year": 2026, "name": "Nuôi bò sinh sản thoát nghèo",
         "field_id": by_name["Kinh tế"]["id"], "subfield_id": poverty["id"], "owner_name": "Hội Nông dân xã A"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["subfield"] == "Giảm nghèo, phát triển sản xuất"


def test_subfields_of_a_missing_or_retired_field_are_not_found(tree, personas) -> None:
    officer = bearer(personas.officer_a)
    retired = Field.objects.get(parent=None, name="Quốc phòng – an ninh")
    retired.active = False
    retired.save()
    sub = Field.objects.filter(parent__isnull=False).first()
    assert sub is not None
    for parent in (retired.pk, sub.pk, 999999):
        missing = officer.get(f"/api/v1/initiatives/fields?parent={parent}")
        assert missing.status_code == 404
        assert missing.json() == {"detail": f"Không có lĩnh vực số {parent} đang dùng.", "errors": []}
    wrong = officer.get("/api/v1/initiatives/fields?parent=kinh-te")
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == "Dữ liệu không hợp lệ: parent."
    assert wrong.json()["errors"] == [{"field": "parent", "message": "Phải là số nguyên."}]


def test_criteria_give_weights_scale_and_pass_mark(tree, personas) -> None:
    retired = Criterion.objects.order_by("order").last()
    assert retired is not None
    retired.active = False
    retired.save()
    body = bearer(personas.supervisor).get("/api/v1/initiatives/criteria").json()
    assert body["count"] == Criterion.objects.filter(active=True).count() == 4
    assert Decimal(str(body["pass_mark"])) == Decimal(70)
    first = body["results"][0]
    assert first["name"] == "Nội dung thiết thực" and first["max_score"] == 10
    assert Decimal(str(first["weight"])) == Criterion.objects.get(pk=first["id"]).weight
    assert retired.name not in [c["name"] for c in body["results"]]


def test_metrics_give_unit_aliases_and_whole_numbers(tree, personas) -> None:
    Metric.objects.filter(name="Cây xanh trồng mới").update(active=False)
    body = bearer(personas.officer_b).get("/api/v1/initiatives/metrics").json()
    by_name = {m["name"]: m for m in body["results"]}
    assert "Cây xanh trồng mới" not in by_name and body["count"] == len(by_name) == 6
    land = by_name["Diện tích đất hiến"]
    assert (land["unit_label"], land["integral"]) == ("m²", False) and "m2" in land["aliases"]
    assert by_name["Ngày công lao động"]["integral"] is True


@pytest.mark.parametrize("path", sorted(REFERENCE_PATHS))
def test_reference_lists_need_a_token(tree, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Chưa xác thực")
    assert response["WWW-Authenticate"] == "Bearer"
    expired = Client(headers={"Authorization": "Bearer sai-ma"}).get(path)
    assert expired.status_code == 401


def test_reference_lists_are_documented_in_vietnamese(tree, personas) -> None:
    schema = bearer(personas.officer_a).get("/api/v1/openapi.json").json()
    for path, summary in REFERENCE_PATHS.items():
        operation = schema["paths"][path]["get"]
        assert operation["summary"] == summary
        assert set(schema["paths"][path]) == {"get"}  # read-only


def test_processing_conditions_say_for_which_kinds_they_are_checked(personas) -> None:
    from danvan.accounts.services import create_token

    _, raw = create_token(user=personas.officer_a)
    body = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/petitions/conditions").json()
    by_value = {row["value"]: row for row in body["results"]}
    assert body["count"] == len(by_value) >= 4
    assert "tc" in by_value["tc_content"]["kinds"] and "kn" not in by_value["tc_content"]["kinds"]
    assert set(by_value["form"]["kinds"]) >= {"kn", "tc", "kng", "pa"}
    assert all(row["label"] for row in body["results"])
