"""The kit, through a third workflow written only for the tests (tests/workflow_app): a table and its
services get the page form, the API routes, bulk actions, allowed actions and the timeline from the kit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from danvan.accounts.access import SYSTEM
from danvan.accounts.services import create_token
from danvan.core.models import Event
from danvan.workflow.engine import allowed_actions, transition, waiting_for
from danvan.workflow.timeline import timeline
from tests.workflow_app.machine import ERRAND, SIDE_EFFECTS
from tests.workflow_app.models import Errand

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflow_app.urls")]


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def errand(tree):
    return Errand.objects.create(unit=tree.commune_a, title="Đề nghị sửa nhà văn hóa thôn A1")


def events(errand) -> list[str]:
    return list(Event.objects.for_object(errand).values_list("action", flat=True))


def test_page_form_comes_from_the_parameters_and_the_step_is_recorded_with_its_date(client, errand, personas) -> None:
    transition(ERRAND, actor=personas.officer_a, obj=errand, action="submit")
    client.force_login(personas.leader_a)
    page = client.get(f"/errands/{errand.pk}/act/approve/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ngày phê duyệt" in html and 'type="date"' in html and "Quy chế thử nghiệm, Điều 1" in html
    response = client.post(f"/errands/{errand.pk}/act/approve/", {"on": "2026-11-20", "note": "Đồng ý"})
    assert response.status_code == 302
    errand.refresh_from_db()
    assert (errand.status, errand.approved_on) == ("approved", datetime.date(2026, 11, 20))
    steps = timeline(ERRAND, errand)
    assert [(e.label, e.to_label) for e in steps] == [("Gửi đề nghị", "Đã gửi"), ("Phê duyệt", "Đã duyệt")]
    assert steps[-1].day == datetime.date(2026, 11, 20)  # the business date, not the day it was typed
    assert steps[-1].note == "Đồng ý"


def test_a_refused_page_step_names_the_field_and_writes_nothing(client, errand, personas) -> None:
    transition(ERRAND, actor=personas.officer_a, obj=errand, action="submit")
    client.force_login(personas.leader_a)
    response = client.post(f"/errands/{errand.pk}/act/reject/", {"reason": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode() or "Lý do" in response.content.decode()
    assert events(errand) == ["submit"]
    client.force_login(personas.officer_a)  # may edit, may not decide
    assert client.get(f"/errands/{errand.pk}/act/approve/").status_code == 403
    client.force_login(personas.officer_b)  # another commune: not found
    assert client.get(f"/errands/{errand.pk}/act/approve/").status_code == 404
    errand.refresh_from_db()
    assert errand.status == "submitted"


def test_api_route_per_action_documented_and_refusals_are_clear(
    errand, personas, django_capture_on_commit_callbacks
) -> None:
    leader, officer, outsider = bearer(personas.leader_a), bearer(personas.officer_a), bearer(personas.officer_b)
    schema = Client().get("/errand-api/openapi.json").json()
    approve = schema["paths"]["/errand-api/errands/{pk}/transitions/approve"]["post"]
    assert approve["summary"] == "Phê duyệt"
    body = approve["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][body]["properties"]) == {"on", "note"}

    def post(client: Client, action: str, **payload):
        return client.post(f"/errand-api/errands/{errand.pk}/transitions/{action}", payload,
                           content_type="application/json")  # fmt: skip

    wrong_state = post(leader, "approve")
    assert wrong_state.status_code == 422 and "Không thể “Phê duyệt”" in wrong_state.json()["detail"]
    assert post(outsider, "submit").status_code == 404
    assert post(officer, "nonsense").status_code == 404
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submitted = post(officer, "submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert len(callbacks) == 1 and SIDE_EFFECTS[-1] == f"submitted {errand.pk}"  # after commit, not before
    no_right = post(officer, "approve")
    assert no_right.status_code == 403 and "không có quyền" in no_right.json()["detail"]
    missing = post(leader, "reject")
    assert missing.status_code == 422
    assert events(errand) == ["submit"]
    done = post(leader, "approve", on="2026-11-25")
    assert done.status_code == 200 and done.json()["status"] == "approved"
    assert done.json()["allowed_actions"] == []


def test_bulk_is_all_or_nothing_and_names_the_record(client, tree, personas) -> None:
    good = Errand.objects.create(unit=tree.commune_a, title="Đề nghị một")
    bad = Errand.objects.create(unit=tree.commune_a, title="Đề nghị bị cấm")
    for e in (good, bad):
        transition(ERRAND, actor=SYSTEM, obj=e, action="submit")
    client.force_login(personas.leader_a)
    response = client.post("/errands/bulk/", {"action": "approve", "ids": [good.pk, bad.pk], "on": "2026-11-20"},
                           follow=True)  # fmt: skip
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Không thực hiện thao tác nào" in text and "“Đề nghị bị cấm”" in text
    good.refresh_from_db()
    assert good.status == "submitted" and events(good) == ["submit"]
    response = client.post("/errands/bulk/", {"action": "approve", "ids": [good.pk], "on": "2026-11-20"}, follow=True)
    assert "Đã thực hiện “Phê duyệt” cho 1 đề nghị" in " ".join(str(m) for m in response.context["messages"])
    good.refresh_from_db()
    assert good.status == "approved"
    response = client.post("/errands/bulk/", {"action": "reject", "ids": [bad.pk]}, follow=True)
    assert "Chọn thao tác hàng loạt" in " ".join(str(m) for m in response.context["messages"])


def test_allowed_actions_and_who_acts_next(errand, personas) -> None:
    assert [a.name for a in allowed_actions(ERRAND, personas.officer_a, errand)] == ["submit"]
    assert allowed_actions(ERRAND, personas.officer_b, errand) == []
    assert allowed_actions(ERRAND, personas.supervisor, errand) == []
    transition(ERRAND, actor=personas.officer_a, obj=errand, action="submit")
    assert [a.name for a in allowed_actions(ERRAND, personas.leader_a, errand)] == ["approve", "reject"]
    assert waiting_for(ERRAND, errand) == [f"Lãnh đạo {errand.unit.name}"]


def test_no_anonymous_system_caller(errand) -> None:
    with pytest.raises(PermissionDenied, match="SystemActor"):
        transition(ERRAND, actor=None, obj=errand, action="submit")
    with pytest.raises(ValidationError, match="không nhận tham số"):
        transition(ERRAND, actor=SYSTEM, obj=errand, action="submit", days=3)
    transition(ERRAND, actor=SYSTEM, obj=errand, action="submit")
    event = Event.objects.for_object(errand).get()
    assert event.actor is None and event.system == "hệ thống"


def test_every_service_refuses_an_unnamed_caller(tree) -> None:
    """Not only the engine: the registration, intake and unit services too (DESIGN: no ``actor=None``)."""
    from danvan.initiatives import services as initiatives
    from danvan.initiatives.models import Field
    from danvan.units import services as units

    data = initiatives.Registration(name="Mô hình", field=Field.objects.filter(parent=None).first(), year=2026,
                                    owner_name="Chi bộ")  # fmt: skip
    with pytest.raises(PermissionDenied, match="SystemActor"):
        initiatives.create_initiative(actor=None, unit=tree.commune_a, data=data)
    with pytest.raises(PermissionDenied, match="SystemActor"):
        units.create_unit(actor=None, parent=tree.commune_a, kind="thon", short_name="Nà Săm")
