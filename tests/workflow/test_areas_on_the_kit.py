"""Both areas on the kit: the handler hole closed, every action refused the same way from the page, the
API and bulk with no event written, and two concurrent steps of one case on PostgreSQL."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client

from danvan.accounts.access import SYSTEM
from danvan.accounts.services import create_token
from danvan.core.models import Event
from danvan.initiatives import services as initiatives
from danvan.petitions import services as petitions
from tests.factories import RoleAssignmentFactory, UserFactory, make_initiative
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db
d = datetime.date


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def proposed_denunciation(tree):
    letter = petitions.receive_letter(
        actor=SYSTEM, unit=tree.commune_a,
        intake=intake(kind="tc", content="Tố cáo cán bộ địa chính nhận tiền", conditions_met={"form", "tc_content",
                      "not_handled"}),
    )  # fmt: skip
    case = letter.case
    petitions.classify(actor=SYSTEM, case=case)
    petitions.propose_acceptance(actor=SYSTEM, case=case)
    return case, letter


def test_a_leader_cannot_assign_an_officer_of_another_province_through_the_api_or_the_page(
    client, tree, personas
) -> None:
    case, letter = proposed_denunciation(tree)
    stranger = UserFactory(username="stranger")
    RoleAssignmentFactory(user=stranger, role="officer", unit=tree.commune_c)
    before = Event.objects.for_object(case).count()
    response = bearer(personas.leader_a).post(
        f"/api/v1/cases/{case.pk}/transitions/accept",
        {"on": str(d(2026, 3, 9)), "handlers": ["stranger"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "stranger" in response.json()["detail"] or "stranger" in str(response.json()["errors"])
    case.refresh_from_db()
    assert case.status == "proposed" and not case.handlers.exists()
    assert Event.objects.for_object(case).count() == before
    client.force_login(personas.leader_a)
    page = client.post(f"/petitions/cases/{case.pk}/act/accept/", {"on": "2026-03-09", "complexity": "0",
                                                                    "handlers": [str(stranger.pk)]})  # fmt: skip
    assert page.status_code == 200 and "handlers" in page.context["form"].errors
    case.refresh_from_db()
    assert case.status == "proposed"
    # The sealed identity: not for the stranger even if someone wrote the assignment directly.
    case.handlers.add(stranger)
    assert not petitions.may_see_identity(stranger, letter)
    assert petitions.may_see_identity(personas.leader_a, letter) is False  # not yet the case's leader
    case.handlers.remove(stranger)
    petitions.accept(actor=personas.leader_a, case=case, on=d(2026, 3, 9), handlers=[personas.officer_a])
    assert petitions.may_see_identity(personas.officer_a, letter)
    assert petitions.may_see_identity(personas.leader_a, letter)


def _records(tree):
    case = petitions.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake()).case  # "received"
    initiative = make_initiative(tree.commune_a, "draft")
    return case, initiative


@pytest.mark.parametrize("machine_name", ["case", "initiative"])
def test_every_action_refused_to_the_wrong_role_out_of_scope_and_in_the_wrong_state_writes_nothing(
    client, tree, personas, machine_name
) -> None:
    case, initiative = _records(tree)
    machine, obj, base, page = {
        "case": (petitions.CASE, case, "/api/v1/cases", "/petitions/cases"),
        "initiative": (initiatives.INITIATIVE, initiative, "/api/v1/initiatives", "/initiatives"),
    }[machine_name]
    before = Event.objects.count()
    supervisor, outsider, leader = bearer(personas.supervisor), bearer(personas.officer_b), bearer(personas.leader_a)
    for name, action in machine.actions.items():
        url = f"{base}/{obj.pk}/transitions/{name}"
        # 422 only when the body itself lacks a required field: the same answer for any id, so nothing leaks.
        assert outsider.post(url, {}, content_type="application/json").status_code in (404, 422), name
        refused = supervisor.post(url, {}, content_type="application/json")
        allowed_here = machine.state_of(obj) in action.sources
        assert refused.status_code in (403, 422), name
        assert refused.json()["detail"], name  # a Vietnamese reason, not an empty error
        if not allowed_here:
            wrong_state = leader.post(url, {}, content_type="application/json")
            assert wrong_state.status_code == 422, (name, wrong_state.json())
        client.force_login(personas.supervisor)
        assert client.post(f"{page}/{obj.pk}/act/{name}/", {}).status_code in (403, 404), name
    assert Event.objects.count() == before
    obj.refresh_from_db()
    assert machine.state_of(obj) in ("received", "draft")


def test_bulk_refusal_names_the_model_and_changes_nothing(client, tree, personas) -> None:
    ready = make_initiative(tree.commune_a, "in_progress", name="Mô hình sẵn sàng")
    early = make_initiative(tree.commune_a, "registered", name="Mô hình mới đăng ký")
    client.force_login(personas.leader_a)
    response = client.post("/initiatives/bulk/", {"action": "propose", "ids": [ready.pk, early.pk]}, follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Không thực hiện thao tác nào" in text and "Mô hình mới đăng ký" in text
    ready.refresh_from_db()
    assert ready.status == "in_progress"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_steps_of_one_case_one_wins_one_event(tree, personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers itself")
    case = petitions.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake()).case
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def step(action: str) -> None:
        from django.db import connections

        try:
            barrier.wait()
            petitions.route(actor=personas.officer_a, case=type(case).objects.get(pk=case.pk), action=action)
            outcomes.append("ok")
        except Exception as exc:  # the loser's refusal, in Vietnamese
            outcomes.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=step, args=(a,)) for a in ("guide", "file")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1, outcomes
    assert any("Không thể" in o for o in outcomes), outcomes
    routes = Event.objects.for_object(case).filter(action__in=("guide", "file"))
    assert routes.count() == 1
