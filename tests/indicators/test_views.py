"""Pages and API: personas × pages, the entry forms (good and refused), the definition form, the import
page's upload → preview → confirm, and the API's scope, 403s and 422s naming the field."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.indicators.models import Indicator, Target, Value
from tests.indicators.test_imports import VALUES, sheet
from tests.indicators.test_services import record, target

pytestmark = pytest.mark.django_db
PERSONAS = ["officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "admin", "anonymous"]
Y2026 = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def client_for(personas, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(getattr(personas, name))
    return client


PAGES = {
    "indicators_list": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "indicators_value": {"officer_a": 200, "leader_a": 200, "officer_b": 200, "supervisor": 403, "unit_admin": 403,
                         "admin": 403, "anonymous": 302},  # (the administrator has no working unit until they pick)
    "indicators_target": {p: 403 for p in PERSONAS} | {"leader_a": 200, "anonymous": 302},
    "indicators_define": {p: 403 for p in PERSONAS} | {"leader_a": 200, "admin": 200, "anonymous": 302},
    "indicators_import": {p: 200 for p in PERSONAS} | {"supervisor": 403, "unit_admin": 403, "anonymous": 302},
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_personas_and_pages(tree, personas, poverty, persona) -> None:
    client = client_for(personas, persona)
    for name, expected in PAGES.items():
        assert client.get(reverse(name)).status_code == expected[persona], name
    detail = reverse("indicators_detail", args=[poverty.code])
    assert client.get(detail).status_code == (302 if persona == "anonymous" else 200)
    edit = reverse("indicators_edit", args=[poverty.code])  # an indicator for everywhere: the administrator's
    assert client.get(edit).status_code == {"admin": 200, "anonymous": 302}.get(persona, 403)
    assert client.get(reverse("indicators_detail", args=["khong_co"])).status_code == (
        302 if persona == "anonymous" else 404
    )
    # Another commune's figures: "not found" for an officer of xã A, as for any unit out of scope.
    other = client.get(reverse("indicators_list"), {"unit": "90020"}).status_code
    assert other == {"officer_a": 404, "leader_a": 404, "anonymous": 302}.get(persona, 200)


def test_the_board_of_the_working_unit(tree, personas, poverty, satisfaction) -> None:
    record(poverty, tree.commune_a, numerator=D(470), denominator=D(9344), period=Y2026)
    target(poverty, tree.province, period=Y2026, comparison="lt", value=D(6), basis="Nghị quyết Đại hội tỉnh")
    page = client_for(personas, "officer_a").get(reverse("indicators_list"), {"year": 2026})
    body = page.content.decode()
    assert page.context["board"].unit == tree.commune_a
    assert "5,03%" in body and "dưới 6%" in body and "Nghị quyết Đại hội tỉnh" in body and "Vượt" in body
    province = client_for(personas, "supervisor").get(reverse("indicators_list"), {"year": 2026, "unit": "92"})
    assert "Tổng hợp từ số liệu của 1 đơn vị" in province.content.decode()
    detail = client_for(personas, "supervisor").get(reverse("indicators_detail", args=["ho_ngheo"]),
                                                   {"year": 2026, "unit": "92"})  # fmt: skip
    assert [(u.short_name, r.shown) for u, r in detail.context["sub_units"]] == [("A", "5,03%")]


def test_entering_a_value_refused_then_saved(tree, personas, poverty, new_rural) -> None:
    client = client_for(personas, "officer_a")
    url = reverse("indicators_value")
    data = {"indicator": new_rural.pk, "unit": tree.commune_a.pk, "period": "year", "year": "2026", "value": "5,03%",
            "source": "Báo cáo của UBND xã"}  # fmt: skip
    refused = client.post(url, data)
    assert (
        refused.status_code == 200
        and "Đơn vị tính sai: chỉ tiêu tính bằng “xã”, không phải “%”." in refused.content.decode()
    )
    refused = client.post(url, data | {"indicator": poverty.pk, "value": "", "numerator": "500", "denominator": "400"})
    assert "Số hộ nghèo (500) lớn hơn tổng số hộ (400)." in refused.content.decode()
    refused = client.post(url, data | {"period": "custom", "start": "2026-06-30", "end": "2026-01-01", "value": "1"})
    assert "kỳ không thể kết thúc trước khi bắt đầu" in refused.content.decode()
    refused = client.post(url, data | {"unit": tree.commune_b.pk, "value": "1"})  # not a choice the form offers
    assert refused.status_code == 200 and not Value.objects.exists()
    saved = client.post(url, data | {"value": "1 xã"})
    assert saved.status_code == 302 and Value.objects.get().value == D(1)
    assert client.get(saved["Location"]).status_code == 200


def test_setting_a_target_needs_its_basis(tree, personas, poverty) -> None:
    client = client_for(personas, "leader_a")
    url = reverse("indicators_target")
    data = {"indicator": poverty.pk, "unit": tree.commune_a.pk, "period": "year", "year": "2026", "comparison": "lt",
            "value": "6", "basis": ""}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Target.objects.exists()
    assert "Căn cứ" in refused.content.decode()
    assert client.post(url, data | {"basis": "Nghị quyết Đại hội Đảng bộ xã"}).status_code == 302
    assert Target.objects.get().words == "dưới 6%"


def test_the_administrator_defines_an_indicator(tree, personas) -> None:
    client = client_for(personas, "admin")
    data = {"code": "nuoc_sach", "name": "Tỷ lệ hộ dùng nước sạch", "measure_unit": "percent", "direction": "higher",
            "source": "manual", "aggregation": "rate", "scope": "", "order": "5", "active": "on"}  # fmt: skip
    refused = client.post(reverse("indicators_define"), data | {"measure_unit": "household"})
    assert "Chỉ tiêu tỷ lệ (tính lại từ tử số và mẫu số) có đơn vị tính “%”." in refused.content.decode()
    saved = client.post(reverse("indicators_define"), data)
    assert saved.status_code == 302 and Indicator.objects.get().unit is None
    # A commune's leader defines one for the commune only.
    leader = client_for(personas, "leader_a")
    assert leader.post(reverse("indicators_define"), data | {"code": "x", "scope": ""}).status_code == 200
    assert (
        leader.post(reverse("indicators_define"), data | {"code": "x", "scope": str(tree.commune_a.pk)}).status_code
        == 302
    )
    assert Indicator.objects.get(code="x").unit == tree.commune_a


def test_the_import_page_previews_then_writes_every_row(tree, personas, poverty, tmp_path, settings) -> None:
    settings.DATA_DIR = str(tmp_path)
    client = client_for(personas, "officer_a")
    url = reverse("indicators_import")
    good = [VALUES, (1, "ho_ngheo", "90010", "Cả năm", 2026, None, None, None, 470, 9344, None, "Báo cáo của UBND xã")]
    bad = [VALUES, (1, "ho_ngheo", "90010", "Cả năm", 2026, None, None, None, 500, 400, None, "Báo cáo")]

    def upload(rows):
        return SimpleUploadedFile("so-lieu.xlsx", sheet(*rows).getvalue())

    refused = client.post(url, {"step": "upload", "kind": "values", "file": upload(bad)})
    assert "Dòng 2, cột “Tử số”: Số hộ nghèo (500) lớn hơn tổng số hộ (400)." in refused.content.decode()
    preview = client.post(url, {"step": "upload", "kind": "values", "file": upload(good)})
    assert preview.context["preview"].count == 1 and not Value.objects.exists()
    token = preview.context["token"]
    assert client.post(url, {"step": "confirm", "token": "other"}).status_code == 302 and not Value.objects.exists()
    preview = client.post(url, {"step": "upload", "kind": "values", "file": upload(good)})
    done = client.post(url, {"step": "confirm", "token": preview.context["token"]})
    assert done.status_code == 302 and Value.objects.get().value == D("5.0300")
    assert not list(tmp_path.glob("imports/indicators-*")) and token
    template = client.get(reverse("indicators_import_template", args=["values"]))
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_api(tree, personas, poverty, satisfaction) -> None:
    officer, other, leader = (client_for(personas, n) for n in ("officer_a", "officer_b", "leader_a"))
    json = {"content_type": "application/json"}
    assert Client().get("/api/v1/indicators").status_code == 401
    listed = officer.get("/api/v1/indicators").json()
    assert [(i["code"], i["measure_unit_label"], i["aggregation"]) for i in listed] == [
        ("ho_ngheo", "%", "rate"),
        ("hai_long", "%", "none"),
    ]
    body = {"indicator": "ho_ngheo", "unit": "90010", "period": "year", "year": 2026, "numerator": 470,
            "denominator": 9344, "source": "Báo cáo của UBND xã"}  # fmt: skip
    created = officer.post("/api/v1/indicators/values", body, **json)
    assert created.status_code == 201 and created.json()["shown"] == "5,03%"
    bad = officer.post("/api/v1/indicators/values", body | {"numerator": 9999}, **json)
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["numerator"]
    over = officer.post("/api/v1/indicators/values", {**body, "indicator": "hai_long", "value": 120, "numerator": None,
                                                      "denominator": None}, **json)  # fmt: skip
    assert over.status_code == 422 and over.json()["errors"] == [
        {"field": "value", "message": "Giá trị: tỷ lệ phần trăm phải từ 0 đến 100 (đã ghi 120%)."}
    ]
    backwards = officer.post("/api/v1/indicators/values", body | {"period": "custom", "start": "2026-06-30",
                                                                  "end": "2026-01-01"}, **json)  # fmt: skip
    assert backwards.status_code == 422 and [e["field"] for e in backwards.json()["errors"]] == ["end"]
    elsewhere = other.post("/api/v1/indicators/values", body, **json)  # xã A is not xã B's officer's
    assert elsewhere.status_code == 422 and elsewhere.json()["errors"][0]["field"] == "unit"
    board = officer.get("/api/v1/indicators/values", {"year": 2026}).json()
    row = next(r for r in board["rows"] if r["indicator"] == "ho_ngheo")
    assert board["unit"]["code"] == "90010" and row["shown"] == "5,03%" and row["how"] == "entered"
    assert other.get("/api/v1/indicators/values", {"year": 2026, "unit": "90010"}).status_code == 404
    goal = {"indicator": "ho_ngheo", "unit": "90010", "period": "year", "year": 2026, "comparison": "lt", "value": 6,
            "basis": ""}  # fmt: skip
    assert officer.post("/api/v1/indicators/targets", goal | {"basis": "NQ"}, **json).status_code == 403
    no_basis = leader.post("/api/v1/indicators/targets", goal, **json)
    assert (
        no_basis.status_code == 422 and no_basis.json()["errors"][0]["field"] == "basis" and not Target.objects.exists()
    )
    saved = leader.post("/api/v1/indicators/targets", goal | {"basis": "Nghị quyết Đại hội Đảng bộ xã"}, **json)
    assert saved.status_code == 201 and saved.json()["words"] == "dưới 6%"
    row = next(r for r in officer.get("/api/v1/indicators/values", {"year": 2026}).json()["rows"]
               if r["indicator"] == "ho_ngheo")  # fmt: skip
    assert row["status"] == "exceeded" and row["target"]["basis"] == "Nghị quyết Đại hội Đảng bộ xã"
    assert [t["words"] for t in officer.get("/api/v1/indicators/targets", {"unit": "90010"}).json()] == ["dưới 6%"]
    document = officer.get("/api/v1/openapi.json").json()
    assert {"/api/v1/indicators", "/api/v1/indicators/values", "/api/v1/indicators/targets"} <= set(document["paths"])
    assert set(document["paths"]["/api/v1/indicators/values"]) == {"get", "post"}
