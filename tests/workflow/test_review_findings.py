"""What a review found when probing the kit as an attacker and a careless user would; each now refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from danvan.accounts.access import SYSTEM
from danvan.accounts.services import create_token
from danvan.core.models import Event
from danvan.initiatives import services as initiatives
from danvan.initiatives.models import Criterion
from danvan.petitions import services as petitions
from danvan.petitions.models import Case
from tests.factories import make_initiative
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db
d = datetime.date


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _accepted(tree):
    case = petitions.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake()).case
    petitions.classify(actor=SYSTEM, case=case, on=d(2026, 3, 2))
    petitions.propose_acceptance(actor=SYSTEM, case=case, on=d(2026, 3, 3))
    petitions.accept(actor=SYSTEM, case=case, on=d(2026, 3, 9))
    return case


@pytest.mark.parametrize(
    "body",
    [
        {"outcome": "right", "money": "1e40"},
        {"outcome": "right", "land": "1e20"},
        {"outcome": "right", "land": "1.005"},
        {"outcome": "right", "money": "-5"},
        {"outcome": "right", "discipline": 1180591620717411303424},
        {"outcome": "right", "discipline": 70000},
        {"outcome": "right", "money": "NaN"},
    ],
)
def test_a_figure_that_does_not_fit_its_field_is_refused_and_nothing_breaks(tree, personas, body) -> None:
    case = _accepted(tree)
    leader = bearer(personas.leader_a)
    response = leader.post(f"/api/v1/cases/{case.pk}/transitions/decide", body, content_type="application/json")
    assert response.status_code == 422, response.content
    case.refresh_from_db()
    assert case.status == "accepted" and case.money_recovered == 0 and case.land_recovered == 0
    assert leader.get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert leader.get("/api/v1/cases").status_code == 200


def test_the_page_refuses_an_oversized_figure_too(client, tree, personas) -> None:
    case = _accepted(tree)
    client.force_login(personas.leader_a)
    page = client.post(f"/petitions/cases/{case.pk}/act/decide/", {"on": "2026-03-20", "outcome": "right",
                                                                   "land": "1e20"})  # fmt: skip
    assert page.status_code == 200 and "land" in page.context["form"].errors
    assert client.get(f"/petitions/cases/{case.pk}/").status_code == 200


@pytest.mark.parametrize("body", [[1, 2], "null", '"accept"', {"on": "2026-03-09", "leader": "hn", "status": "closed"}])
def test_a_step_body_is_an_object_with_only_the_actions_names(tree, personas, body) -> None:
    case = petitions.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake()).case
    petitions.classify(actor=SYSTEM, case=case)
    petitions.propose_acceptance(actor=SYSTEM, case=case)
    events = Event.objects.for_object(case).count()
    response = bearer(personas.leader_a).post(
        f"/api/v1/cases/{case.pk}/transitions/accept", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert Event.objects.for_object(case).count() == events
    case.refresh_from_db()
    assert case.status == "proposed"


def test_suspend_still_reads_on_as_its_start(tree, personas) -> None:
    case = _accepted(tree)
    response = bearer(personas.leader_a).post(
        f"/api/v1/cases/{case.pk}/transitions/suspend",
        {"on": "2026-03-12", "decision_no": "05/QĐ-UBND", "reason": "Chờ giám định"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert case.pauses.get().start == d(2026, 3, 12)


def test_a_step_keeps_what_another_request_wrote_meanwhile(tree, personas) -> None:
    case = _accepted(tree)
    stale = Case.objects.get(pk=case.pk)
    Case.objects.filter(pk=case.pk).update(summary="Nội dung đã sửa", crowd=True)
    petitions.start_verification(actor=personas.officer_a, case=stale, on=d(2026, 3, 10))
    case.refresh_from_db()
    assert (case.status, case.summary, case.crowd) == ("verifying", "Nội dung đã sửa", True)


def test_a_letter_joins_only_a_case_of_its_own_unit(tree, personas) -> None:
    case = petitions.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake()).case
    with pytest.raises(ValidationError) as refused:
        petitions.receive_letter(actor=SYSTEM, unit=tree.commune_b, intake=intake(sender_name="Khác"), case=case)
    assert "case_id" in refused.value.message_dict
    assert case.letters.count() == 1


def test_steps_are_not_dated_before_what_they_follow(tree, personas) -> None:
    case = _accepted(tree)
    with pytest.raises(ValidationError, match="không được trước"):
        petitions.terminate(actor=SYSTEM, case=case, reason="Rút đơn", on=d(1, 1, 1))
    with pytest.raises(ValidationError, match="không được trước"):
        petitions.withdraw_part(actor=SYSTEM, case=case, content="Một phần", on=d(2026, 3, 1))
    initiative = make_initiative(tree.commune_a, "registered")
    with pytest.raises(ValidationError, match="không được trước"):
        initiatives.launch(actor=SYSTEM, initiative=initiative, on=d(1, 1, 1))
    with pytest.raises(ValidationError, match="sau hôm nay"):
        initiatives.discontinue(actor=SYSTEM, initiative=initiative, reason="Dừng", on=d(9999, 12, 31))
    assert Event.objects.for_object(case).filter(action__in=("terminate", "withdraw_part")).count() == 0


def test_a_nan_score_and_a_nul_character_are_refused(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "proposed")
    review = initiatives.open_review(actor=personas.leader_a, initiative=initiative, chair=personas.leader_a,
                                     members=[])  # fmt: skip
    marks = {c.pk: ("NaN", "") for c in Criterion.objects.filter(active=True)}
    with pytest.raises(ValidationError, match="không phải là điểm"):
        initiatives.score(actor=personas.leader_a, review=review, marks=marks)
    proposed = make_initiative(tree.commune_a, "proposed", name="Mô hình khác")
    with pytest.raises(ValidationError, match="ký tự không hợp lệ"):
        initiatives.return_for_completion(actor=personas.leader_a, initiative=proposed, note="a\x00b")


def test_a_supervisor_is_told_it_is_not_theirs_to_do_before_any_state(tree, personas) -> None:
    case = petitions.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake()).case
    response = bearer(personas.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/decide", {}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_unit_picker_takes_any_posted_text_without_failing(client, personas) -> None:
    client.force_login(personas.officer_a)
    response = client.post("/pick-unit/", {"unit": "²", "next": "/"})
    assert response.status_code == 302
