"""/api/v1/onestop: the catalogue, the service points, dossiers and their steps, the paper rating, the
statistics — with bearer tokens, the pages' scope (404), the area's rights (403) and named 422s."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.services import create_token
from danvan.core.periods import Period
from danvan.core.selectors import current_calendar
from danvan.onestop import rules, selectors, services
from danvan.onestop.models import Dossier, Procedure, Rating
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/onestop"


def bearer(user: Any) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(API + path, data=json.dumps(body, default=str), content_type="application/json")


def receive(client: Client, desk: Any, **extra: Any) -> dict[str, Any]:
    body = {"service_point_id": desk.point.pk, "procedure_code": desk.land.code, "applicant_name": "Hoàng Văn Thắng",
            "applicant_phone": "0912 345 678", **extra}  # fmt: skip
    response = post(client, "/dossiers", body)
    assert response.status_code == 201, response.content
    return response.json()


def fields_of(response: Any) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def test_catalogue_and_service_points_are_scoped(desk, personas) -> None:
    clerk = bearer(desk.clerk)
    page = clerk.get(f"{API}/procedures").json()
    # The commune's desk reads its province's catalogue, not the other province's.
    assert {p["code"] for p in page["results"]} == {desk.certify.code, desk.birth.code, desk.land.code}
    assert page["count"] == 3
    found = clerk.get(f"{API}/procedures", {"q": "khai sinh"}).json()["results"]
    assert [p["code"] for p in found] == [desk.birth.code]
    assert found[0]["online_level"] == "full" and found[0]["time_label"] == "3 ngày làm việc"
    assert [c["name"] for c in found[0]["components"]] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    certify = clerk.get(f"{API}/procedures/{desk.certify.pk}").json()
    assert certify["cutoff"] == "15:00:00" and certify["time_label"] == "Trong ngày"
    assert clerk.get(f"{API}/procedures/{desk.other_certify.pk}").status_code == 404
    points = clerk.get(f"{API}/service-points").json()
    assert [p["name"] for p in points["results"]] == ["Trung tâm PVHCC xã A"]
    supervisor = bearer(personas.supervisor).get(f"{API}/service-points").json()
    assert {p["name"] for p in supervisor["results"]} == {"Trung tâm PVHCC xã A", "Trung tâm PVHCC xã B"}
    assert Client().get(f"{API}/procedures").status_code == 401


def test_create_procedure_needs_the_decide_right_and_names_fields(desk, personas, tree) -> None:
    body = {"unit_code": tree.province.code, "code": "1.009994", "name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
            "field": "Xây dựng", "days": 15, "online_level": "partial", "fee": "75.000 đồng",
            "components": [{"name": "Đơn đề nghị", "originals": 1, "copies": 0}]}  # fmt: skip
    refused = post(bearer(personas.officer_a), "/procedures", body)
    assert refused.status_code == 403
    boss = UserFactory(username="province_leader")
    RoleAssignmentFactory(user=boss, role="leader", unit=tree.province)
    client = bearer(boss)
    created = post(client, "/procedures", body)
    assert created.status_code == 201, created.content
    assert created.json()["time_label"] == "15 ngày làm việc" and created.json()["unit"]["code"] == "92"
    assert Procedure.objects.filter(unit=tree.province, code="1.009994").exists()
    again = post(client, "/procedures", body | {"cutoff": "25h", "level": "district"})
    assert again.status_code == 422
    assert fields_of(again) == {"code", "cutoff", "level"}
    assert "1.009994" in again.json()["detail"]
    assert fields_of(post(client, "/procedures", body | {"unit_code": "00000"})) == {"unit_code"}
    assert fields_of(post(client, "/procedures", body | {"name": "bad\x00"})) == {"name"}


def test_receive_step_by_step_and_the_timeline(desk, personas) -> None:
    clerk = bearer(desk.clerk)
    received = receive(clerk, desk, received_at=(timezone.now() - datetime.timedelta(hours=1)).isoformat())
    pk = received["id"]
    assert received["status"] == "received" and received["code"].startswith("90010-")
    assert received["due_at"] is not None and received["timeliness"] == "" and received["rating"] is None
    assert received["applicant_phone"] == "0912345678"
    assert "hand_over" in received["allowed_actions"] and "rate" not in received["allowed_actions"]

    actions = clerk.get(f"{API}/dossiers/{pk}/actions").json()
    assert actions["expected"] == "hand_over"
    hand_over = next(a for a in actions["results"] if a["name"] == "hand_over")
    handler = next(p for p in hand_over["params"] if p["name"] == "handler")
    assert handler["kind"] == "user" and "officer_a" in {c["username"] for c in handler["candidates"]}
    assert "officer_b" not in {c["username"] for c in handler["candidates"]}

    step = post(clerk, f"/dossiers/{pk}/transitions/hand_over", {"department": "Địa chính", "handler": "officer_a"})
    assert step.status_code == 200, step.content
    assert step.json()["handler"] == "officer_a" and step.json()["handovers"][0]["to_department"] == "Địa chính"
    officer = bearer(personas.officer_a)
    assert post(officer, f"/dossiers/{pk}/transitions/ask_financial", {"note": "Lệ phí trước bạ"}).status_code == 200
    paused = officer.get(f"{API}/dossiers/{pk}").json()
    assert paused["status"] == "financial" and paused["due_at"] is None and paused["pauses"][0]["ended_at"] is None
    assert post(officer, f"/dossiers/{pk}/transitions/financial_done", {}).status_code == 200
    # Not ready: no return yet (422 naming the status).
    early_return = post(clerk, f"/dossiers/{pk}/transitions/return_result", {"method": "desk"})
    assert early_return.status_code == 422 and fields_of(early_return) == {"status"}
    assert post(officer, f"/dossiers/{pk}/transitions/result", {}).status_code == 200
    done = post(clerk, f"/dossiers/{pk}/transitions/return_result", {"method": "post"}).json()
    assert done["status"] == "returned" and done["timeliness"] == "early" and done["return_method"] == "post"
    # "rate" is not a step of the API's machine: a rating goes through POST …/rating.
    assert post(clerk, f"/dossiers/{pk}/transitions/rate", {}).status_code == 404

    timeline = clerk.get(f"{API}/dossiers/{pk}/timeline").json()
    assert [e["action"] for e in timeline["results"]] == [
        "open", "hand_over", "ask_financial", "financial_done", "result", "return_result",
    ]  # fmt: skip
    assert timeline["results"][1]["note"].startswith("Chuyển Địa chính")


def test_foreign_handler_is_refused_by_the_machine(desk, tree) -> None:
    stranger = UserFactory(username="stranger")
    RoleAssignmentFactory(user=stranger, role="officer", unit=tree.commune_c)
    clerk = bearer(desk.clerk)
    pk = receive(clerk, desk)["id"]
    refused = post(clerk, f"/dossiers/{pk}/transitions/hand_over", {"department": "Tư pháp", "handler": "stranger"})
    assert refused.status_code == 422 and fields_of(refused) == {"handler"}
    assert "stranger" in refused.json()["detail"]
    dossier = Dossier.objects.get(pk=pk)
    assert dossier.status == rules.Status.RECEIVED and not dossier.handovers.exists()
    unknown = post(clerk, f"/dossiers/{pk}/transitions/hand_over", {"department": "Tư pháp", "extra": 1})
    assert unknown.status_code == 422


def test_scope_404_rights_403_and_named_422(desk, personas, tree) -> None:
    clerk = bearer(desk.clerk)
    pk = receive(clerk, desk)["id"]
    outsider = bearer(personas.officer_b)  # xã B: another commune of the same province
    assert outsider.get(f"{API}/dossiers/{pk}").status_code == 404
    assert outsider.get(f"{API}/dossiers/{pk}/timeline").status_code == 404
    assert post(outsider, f"/dossiers/{pk}/transitions/result", {}).status_code == 404
    assert post(outsider, f"/dossiers/{pk}/rating", {"level": 5}).status_code == 404
    assert post(outsider, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.land.pk,
                                         "applicant_name": "A"}).status_code == 404  # fmt: skip
    # The province's supervisor reads it but may not act on it.
    supervisor = bearer(personas.supervisor)
    assert supervisor.get(f"{API}/dossiers/{pk}").json()["allowed_actions"] == []
    assert post(supervisor, f"/dossiers/{pk}/transitions/result", {}).status_code == 403
    assert post(supervisor, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.land.pk,
                                           "applicant_name": "A"}).status_code == 403  # fmt: skip
    # Bad input, named.
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.other_certify.pk,
                                    "applicant_name": ""})  # fmt: skip
    assert bad.status_code == 422 and fields_of(bad) == {"procedure_id"}  # another province's catalogue
    assert "danh mục" in bad.json()["detail"]
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "procedure_code": "9.999999",
                                    "applicant_name": "A"})  # fmt: skip
    assert fields_of(bad) == {"procedure_code"} and "9.999999" in bad.json()["detail"]
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.land.pk,
                                    "applicant_name": " ", "applicant_id_number": "12", "channel": "fax"})  # fmt: skip
    assert bad.status_code == 422
    assert fields_of(bad) == {"channel"}  # the channel is checked first, nothing written
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.land.pk,
                                    "applicant_name": " ", "applicant_id_number": "12"})  # fmt: skip
    assert fields_of(bad) == {"applicant_name", "applicant_id_number"}
    assert "họ tên" in bad.json()["detail"]
    future = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.land.pk,
                                    "applicant_name": "A", "received_at": future})  # fmt: skip
    assert fields_of(bad) == {"received_at"} and "tương lai" in bad.json()["detail"]
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "applicant_name": "A"})
    assert fields_of(bad) == {"procedure_id"}
    bad = post(clerk, "/dossiers", {"service_point_id": desk.point.pk, "procedure_id": desk.land.pk,
                                    "applicant_name": "A", "sets": 0})  # fmt: skip
    assert fields_of(bad) == {"sets"}
    assert Dossier.objects.count() == 1
    assert clerk.get(f"{API}/dossiers", {"year": "1"}).status_code == 422
    assert fields_of(clerk.get(f"{API}/dossiers", {"sort": "nope"})) == {"sort"}


def test_list_queues_and_search(desk, personas) -> None:
    clerk = bearer(desk.clerk)
    now = timezone.now()
    late = receive(
        clerk, desk, procedure_code=desk.birth.code, received_at=(now - datetime.timedelta(days=30)).isoformat()
    )
    fresh = receive(clerk, desk, applicant_name="Lý Thị Mai")
    post(clerk, f"/dossiers/{late['id']}/transitions/hand_over", {"department": "Tư pháp", "handler": "officer_a"})
    overdue = clerk.get(f"{API}/dossiers", {"queue": "overdue"}).json()
    assert [d["id"] for d in overdue["results"]] == [late["id"]] and overdue["results"][0]["overdue"] is True
    mine = bearer(personas.officer_a).get(f"{API}/dossiers", {"queue": "mine"}).json()
    assert [d["id"] for d in mine["results"]] == [late["id"]]
    found = clerk.get(f"{API}/dossiers", {"q": "ly thi mai"}).json()
    assert [d["id"] for d in found["results"]] == [fresh["id"]]
    by_code = clerk.get(f"{API}/dossiers", {"q": fresh["code"]}).json()
    assert by_code["count"] == 1
    everything = clerk.get(f"{API}/dossiers", {"sort": "-received", "page_size": 1}).json()
    assert everything["count"] == 2 and [d["id"] for d in everything["results"]] == [fresh["id"]]
    assert clerk.get(f"{API}/dossiers", {"queue": "nope"}).status_code == 422


def test_due_tomorrow_queue(desk) -> None:
    clerk = bearer(desk.clerk)
    today = timezone.localdate()
    tomorrow = selectors.next_working_day(today)
    # A 3-working-day procedure received three working days before the next working day is due then.
    day = tomorrow
    for _ in range(3):
        day = day - datetime.timedelta(days=1)
        while not current_calendar().is_working_day(day):
            day -= datetime.timedelta(days=1)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    assert at < timezone.now()  # three working days before tomorrow is always past
    dossier = receive(clerk, desk, procedure_code=desk.birth.code, received_at=at.isoformat())
    assert dossier["due_on"] == tomorrow.isoformat() and dossier["due_tomorrow"] is True
    queue = clerk.get(f"{API}/dossiers", {"queue": "due_tomorrow"}).json()
    assert [d["id"] for d in queue["results"]] == [dossier["id"]]


def _returned(desk: Any, personas: Any) -> Dossier:
    dossier = services.receive_dossier(actor=desk.clerk, service_point=desk.point, procedure=desk.certify,
                                       received_at=timezone.now() - datetime.timedelta(minutes=30),
                                       applicant_name="Hà Văn Thiên")  # fmt: skip
    services.act(actor=desk.clerk, dossier=dossier, action="result")
    services.act(actor=desk.clerk, dossier=dossier, action="return_result", method="desk")
    return dossier


def test_paper_rating_once_within_the_scale(desk, personas) -> None:
    dossier = _returned(desk, personas)
    clerk = bearer(desk.clerk)
    six = post(clerk, f"/dossiers/{dossier.pk}/rating", {"level": 6})
    assert six.status_code == 422 and fields_of(six) == {"level"} and "1 đến 5" in six.json()["detail"]
    nine = post(clerk, f"/dossiers/{dossier.pk}/rating", {"indices": [2] * 9})
    assert nine.status_code == 422 and fields_of(nine) == {"indices"}  # the province's scheme is five levels
    assert post(bearer(personas.supervisor), f"/dossiers/{dossier.pk}/rating", {"level": 4}).status_code == 403
    rated = post(clerk, f"/dossiers/{dossier.pk}/rating", {"level": 4, "comment": "Cán bộ nhiệt tình"})
    assert rated.status_code == 201, rated.content
    body = rated.json()
    assert body["status"] == "rated"
    assert body["rating"] | {"rated_on": None} == {
        "scheme": "five", "channel": "paper", "channel_label": "Phiếu giấy (cán bộ nhập)", "level": 4,
        "level_label": "Hài lòng", "satisfied": True, "indices": [], "officer_points": None,
        "comment": "Cán bộ nhiệt tình", "rated_on": None,
    }  # fmt: skip
    second = post(clerk, f"/dossiers/{dossier.pk}/rating", {"level": 5})
    assert second.status_code == 422 and fields_of(second) == {"status"}
    assert Rating.objects.filter(dossier=dossier).count() == 1


def test_nine_index_rating(desk, personas, tree) -> None:
    services.set_settings(actor=services.SystemActor("kiểm thử"), province=tree.province, rating_scheme="nine",
                          timeliness_rule="day")  # fmt: skip
    dossier = _returned(desk, personas)
    clerk = bearer(desk.clerk)
    short = post(clerk, f"/dossiers/{dossier.pk}/rating", {"indices": [2, 2, 2]})
    assert short.status_code == 422 and fields_of(short) == {"indices"}
    rated = post(clerk, f"/dossiers/{dossier.pk}/rating", {"indices": [2, 2, 1, 1, 2, 2, 2, 1, 1]}).json()
    assert rated["rating"]["level"] == 4 and rated["rating"]["officer_points"] == 8


def test_stats_equal_stats_for(desk, personas, tree) -> None:
    clerk = bearer(desk.clerk)
    now = timezone.now()
    year = timezone.localdate().year
    for days_ago in (40, 20, 2):
        receive(clerk, desk, received_at=(now - datetime.timedelta(days=days_ago)).isoformat())
    online = services.submit_online(service_point=desk.point_b, procedure=desk.birth, applicant_name="Bế Văn Nam")
    services.act(actor=personas.officer_b, dossier=online, action="receive")
    dossier = _returned(desk, personas)
    services.rate(dossier=dossier, channel="kiosk", level=5, token=dossier.rating_token)

    supervisor = bearer(personas.supervisor)
    answer = supervisor.get(f"{API}/stats", {"unit": tree.province.code, "year": year}).json()
    stats = selectors.stats_for(tree.province, Period.year(year), user=personas.supervisor)
    assert answer["unit"]["code"] == "92" and answer["period_start"] == f"{year}-01-01"
    assert answer["totals"] == {k: int(stats.totals[k] or 0) for k in answer["totals"]}
    assert answer["totals"]["received"] == 5 and answer["totals"]["received_online"] == 1
    assert answer["received_total"] == stats.received_total
    for share in ("online_share", "on_time_share", "satisfaction_share", "one_stop_share"):
        value = getattr(stats, share)
        assert (Decimal(answer[share]) if answer[share] is not None else None) == value
    assert Decimal(answer["online_share"]) == Decimal("20.00")
    assert answer["apologies"] == stats.apologies
    assert answer["ratings"] == {k: int(stats.ratings[k] or 0) for k in answer["ratings"]}
    assert answer["ratings"]["rated"] == 1 and answer["ratings"]["satisfied"] == 1
    assert {r["field"]: r["counts"]["received"] for r in answer["by_field"]} == {
        k: v["received"] for k, v in stats.by_field.items()
    }
    assert {r["id"]: r["counts"]["received"] for r in answer["by_procedure"]} == {
        k: v["received"] for k, v in stats.by_procedure.items()
    }
    assert {r["id"]: r["counts"]["received"] for r in answer["by_service_point"]} == {
        desk.point.pk: 4,
        desk.point_b.pk: 1,
    }
    assert {r["code"]: r["counts"]["received"] for r in answer["by_unit"]} == {
        u.code: v["received"] for u, v in stats.by_unit
    }
    assert answer["procedures_total"] == stats.procedures_total == 3
    assert answer["procedure_levels"] == {"full": 1, "partial": 1, "none": 1}
    # The commune's clerk asks without a unit: his working unit; another province's unit is 404.
    own = clerk.get(f"{API}/stats", {"year": year}).json()
    assert own["unit"]["code"] == "90010" and own["totals"]["received"] == 4
    assert clerk.get(f"{API}/stats", {"unit": tree.other_province.code, "year": year}).status_code == 404
    assert fields_of(clerk.get(f"{API}/stats", {"year": year, "period": "month"})) == {"period"}
    assert fields_of(clerk.get(f"{API}/stats", {"year": 1})) == {"year"}
    h1 = supervisor.get(f"{API}/stats", {"unit": "92", "year": year, "period": "h1"}).json()
    assert h1["period_end"] == f"{year}-06-30"
