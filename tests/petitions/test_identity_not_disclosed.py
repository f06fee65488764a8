"""Issue 10, finding 1: a sealed denouncer's identity cannot be confirmed by a guess.

A denunciation by Hoàng Văn Thụ is on file in xã A. A guesser sends the same content under that name
(a right guess) and under another name (a wrong one), through the citizens' form and through the API as
a reception officer who does not handle the case. Nothing they get back — the page, the code, the status
page, the API's answer — may differ between the two guesses or point to the sealed case. Joining a
public letter to an earlier case is an officer's decision on a suggestion, shown only to those who may
see that case (Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.petitions import services
from danvan.petitions.models import Case, Letter, Subject
from danvan.petitions.services import Intake
from tests.api.test_petitions_api import bearer
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.petitions.test_views import logged_in

pytestmark = pytest.mark.django_db

CONTENT = "Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất."
DENOUNCER, ID_NUMBER = "Hoàng Văn Thụ", "006090009999"
GUESSER_PHONE = "0912 345 678"


@pytest.fixture
def sealed(tree, personas) -> Case:
    """The denunciation on file, accepted by the leader of xã A with officer_a as its handler."""
    letter = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=Intake(
            received_on=timezone.localdate(),
            channel="post",
            kind="tc",
            subject=Subject.objects.get(name="Tham nhũng, tiêu cực"),
            content=CONTENT,
            sender_name=DENOUNCER,
            sender_id_number=ID_NUMBER,
            conditions_met={"form", "tc_content", "not_handled"},
        ),
    )
    case = letter.case
    services.classify(actor=personas.officer_a, case=case)
    services.propose_acceptance(actor=personas.officer_a, case=case)
    services.accept(actor=personas.leader_a, case=case, handlers=[personas.officer_a], on=timezone.localdate())
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def desk(tree):
    """A reception officer of xã A who does not handle the denunciation."""
    user = UserFactory(username="tiepdan_a")
    RoleAssignmentFactory(user=user, role="reception", unit=tree.commune_a)
    return user


def public_post(tree, name: str) -> dict:
    return {
        "kind": "tc", "unit_code": tree.commune_a.code, "subject": Subject.objects.get(name="Tham nhũng, tiêu cực").pk,
        "content": CONTENT, "sender_name": name, "sender_id_number": "001099000111", "sender_address": "Thôn A1",
        "sender_phone": GUESSER_PHONE, "conditions": ["form", "tc_content", "not_handled"],
    }  # fmt: skip


def without_code(html: str, code: str) -> str:
    html = html.replace(code, "CODE")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_a_guesser_learns_nothing_from_the_public_form_or_the_status_page(tree, sealed) -> None:
    answers = {}
    for guess in (DENOUNCER, "Trần Văn Không"):  # the right name, then a wrong one
        page = Client(REMOTE_ADDR=f"10.0.0.{len(answers) + 1}").post(
            reverse("public_petition"), public_post(tree, guess)
        )
        assert page.status_code == 200, page.content.decode()[:2000]
        code = page.context["code"]
        status = Client().post(reverse("public_status"), {"code": code, "contact": GUESSER_PHONE})
        answers[guess] = (code, without_code(page.content.decode(), code), without_code(status.content.decode(), code))
    (right_code, right_page, right_status), (wrong_code, wrong_page, wrong_status) = answers.values()
    assert sealed.tracking_code not in (right_code, wrong_code) and right_code != wrong_code
    assert right_page == wrong_page  # the same answer, whichever name was guessed
    assert right_status == wrong_status
    right = Case.objects.get(tracking_code=right_code)
    assert right.pk != sealed.pk and right.letters.get().duplicate_of is None  # its own case, not joined
    assert sealed.letters.count() == 1


def test_an_officer_who_does_not_handle_the_case_learns_nothing_from_the_api(tree, sealed, desk) -> None:
    answers = []
    for guess in (DENOUNCER, "Trần Văn Không"):
        created = bearer(desk).post(
            "/api/v1/letters",
            {"unit_code": tree.commune_a.code, "received_on": timezone.localdate().isoformat(), "channel": "post",
             "kind": "tc", "subject_id": Subject.objects.get(name="Tham nhũng, tiêu cực").pk, "content": CONTENT,
             "sender_name": guess, "sender_id_number": ID_NUMBER if guess == DENOUNCER else "",
             "conditions_met": ["form", "tc_content", "not_handled"]},
            content_type="application/json",
        )  # fmt: skip
        assert created.status_code == 201, created.json()
        body = created.json()
        assert body["case_id"] != sealed.pk and body["duplicate_of"] is None
        answers.append({k: v for k, v in body.items() if k not in ("id", "case_id", "case_number", "tracking_code")})
    assert answers[0] == answers[1]


def test_the_suggestion_is_shown_only_to_the_handler_and_the_leader_who_decide(tree, personas, sealed, desk) -> None:
    Client(REMOTE_ADDR="10.0.0.9").post(reverse("public_petition"), public_post(tree, DENOUNCER))
    letter = Letter.objects.exclude(case=sealed).get()
    assert letter.similar_to == sealed.letters.get()  # recorded as a suggestion, not a decision
    page = reverse("case_detail", args=[letter.case_id])
    for outsider in (desk, personas.supervisor):
        body = logged_in(outsider).get(page).content.decode()
        assert "Có thể trùng" not in body and sealed.number not in body
        refused = logged_in(outsider).post(reverse("letter_suggestion", args=[letter.pk, "join"]))
        assert refused.status_code in (403, 404)
    assert Letter.objects.get(pk=letter.pk).case_id != sealed.pk
    handler = logged_in(personas.officer_a)
    assert "Có thể trùng với vụ việc" in handler.get(page).content.decode()
    handler.post(reverse("letter_suggestion", args=[letter.pk, "join"]))
    joined = Letter.objects.get(pk=letter.pk)
    own = Case.objects.get(pk=page.split("/")[-2])
    assert joined.case_id == sealed.pk and joined.duplicate_of == sealed.letters.order_by("pk").first()
    assert own.status == "closed"
    assert Event.objects.filter(object_id=own.pk, action="merge").exists()


def test_an_officer_may_set_a_suggestion_aside(tree, personas, sealed) -> None:
    Client(REMOTE_ADDR="10.0.0.7").post(reverse("public_petition"), public_post(tree, DENOUNCER))
    letter = Letter.objects.exclude(case=sealed).get()
    logged_in(personas.leader_a).post(reverse("letter_suggestion", args=[letter.pk, "apart"]))
    letter.refresh_from_db()
    assert letter.similar_to is None and letter.case_id != sealed.pk
    assert Event.objects.filter(object_id=letter.case_id, action="not_duplicate").exists()


def test_a_letter_joins_a_case_only_of_its_own_kind(tree) -> None:
    subject = Subject.objects.get(name="Đất đai")
    common = {"received_on": timezone.localdate(), "channel": "post", "subject": subject,
              "content": "Phản ánh việc lấn chiếm đất công ở thôn A1 để xây nhà.", "sender_name": "Nông Văn Bình",
              "sender_id_number": "006080001234", "conditions_met": {"form", "tc_content", "not_handled"}}  # fmt: skip
    first = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=Intake(kind="pa", **common))
    again = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=Intake(kind="tc", **common))
    assert again.case_id != first.case_id and again.duplicate_of is None and again.similar_to is None
    same_kind = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=Intake(kind="pa", **common))
    assert same_kind.case_id == first.case_id  # an officer's own intake of the same kind still joins


def test_a_letter_of_several_contents_is_sealed(tree) -> None:
    letter = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=Intake(
            received_on=timezone.localdate(),
            channel="post",
            kind="mixed",
            subject=Subject.objects.first(),
            content="Khiếu nại việc thu hồi đất và tố cáo cán bộ nhận tiền.",
            sender_name="Lò Văn Sáng",
        ),
    )
    assert letter.sealed
    assert services.public_sender(letter) == services.SEALED


def test_a_nul_character_in_a_letter_is_refused_by_name(tree) -> None:
    """PostgreSQL cannot store NUL in text: the service refuses it, naming the field, instead of a 500."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.receive_letter(
            actor=SYSTEM,
            unit=tree.commune_a,
            intake=Intake(
                received_on=timezone.localdate(),
                channel="post",
                kind="pa",
                subject=Subject.objects.first(),
                content="Phản ánh\x00 tiếng ồn",
                sender_name="Lò Văn Sáng",
            ),
        )
    assert "content" in refused.value.message_dict
    assert not Letter.objects.exists()
