"""Issue 11: while an officer enters a letter, DanVan shows the cases most likely about the same matter, with
the reason, and the officer joins one or confirms the letter is new; the decision is recorded.

The land dispute of thôn Nà Săm is on file in xã A (Nông Văn Bình against his neighbour's wall). The
suggestions follow the hardening rule of issue 10: a sealed denunciation is suggested only to its handler
and its leader (Luật Tố cáo 2018, Điều 47), on the page and through the API alike.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import quote_from_bytes

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.petitions import intake_suggestions, services
from danvan.petitions.models import Case, Letter, Subject, Suggestion
from danvan.petitions.services import Intake
from tests.api.test_petitions_api import bearer
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.petitions.test_views import logged_in

pytestmark = pytest.mark.django_db

DISPUTE = (
    "Gia đình ông Hoàng Văn Tài ở thôn Nà Săm xây tường rào lấn sang 40 m² đất vườn của gia đình tôi tại thửa "
    "số 112, tờ bản đồ số 9. Đề nghị UBND xã A đo đạc lại ranh giới và giải quyết tranh chấp."
)
NEIGHBOUR = (
    "Tôi là hàng xóm, xác nhận ông Hoàng Văn Tài xây tường rào lấn sang đất vườn nhà ông Bình ở thửa 112 tờ bản "
    "đồ số 9 thôn Nà Săm; đề nghị xã đo đạc lại ranh giới."
)
WITHOUT_DIACRITICS = (
    "Gia dinh ong Hoang Van Tai o thon Na Sam xay tuong rao lan sang 40 m2 dat vuon cua gia dinh toi tai thua so "
    "112, to ban do so 9. De nghi UBND xa do dac lai ranh gioi."
)
DENUNCIATION = "Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất."
CONDITIONS = {"form", "content", "not_handled"}


def intake(content: str = NEIGHBOUR, **fields) -> Intake:
    values = {
        "received_on": timezone.localdate(),
        "channel": "post",
        "kind": "kng",
        "subject": Subject.objects.get(name="Đất đai"),
        "content": content,
        "sender_name": "Lò Thị Hoa",
        "sender_address": "thôn Nà Săm, xã A",
        "conditions_met": CONDITIONS,
    }
    return Intake(**(values | fields))


@pytest.fixture
def dispute(tree, personas) -> Case:
    """Nông Văn Bình's letter about his neighbour's wall, entered by officer_a."""
    letter = services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=intake(DISPUTE, sender_name="Nông Văn Bình", sender_id_number="006080001234"),
    )
    return Case.objects.get(pk=letter.case_id)


@pytest.fixture
def sealed(tree, personas) -> Case:
    """A denunciation accepted by the leader of xã A, officer_a its handler."""
    letter = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(DENUNCIATION, kind="tc", subject=Subject.objects.get(name="Tham nhũng, tiêu cực"),
                      sender_name="Hoàng Văn Thụ", sender_id_number="006090009999", sender_address="",
                      conditions_met={"form", "tc_content", "not_handled"}),
    )  # fmt: skip
    case = letter.case
    services.classify(actor=personas.officer_a, case=case)
    services.propose_acceptance(actor=personas.officer_a, case=case)
    services.accept(actor=personas.leader_a, case=case, handlers=[personas.officer_a], on=timezone.localdate())
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def desk(tree):
    """A reception officer of xã A: enters letters, handles no denunciation."""
    user = UserFactory(username="tiepdan_a")
    RoleAssignmentFactory(user=user, role="reception", unit=tree.commune_a)
    return user


def ask(user, unit, content: str = NEIGHBOUR, **fields) -> dict:
    values = {"sender_name": "Lò Thị Hoa", "sender_id_number": "", "sender_address": "thôn Nà Săm, xã A"}
    return intake_suggestions.for_intake(user, unit, content=content, **(values | fields))


def ask_api(user, unit, content: str = NEIGHBOUR, **fields):
    body = {"unit_code": unit.code, "content": content, "sender_name": "Lò Thị Hoa",
            "sender_address": "thôn Nà Săm, xã A"} | fields  # fmt: skip
    return bearer(user).post("/api/v1/letters/suggestions", body, content_type="application/json")


def ask_page(client: Client, content: str = NEIGHBOUR, **fields):
    data = {"content": content, "sender_name": "Lò Thị Hoa", "sender_address": "thôn Nà Săm, xã A"} | fields
    return client.post(reverse("petition_intake_suggestions"), data)


def raw_page(client: Client, content: str):
    """The page asked as a browser does (multipart), or with bytes no browser sends (bad UTF-8: a lone
    surrogate) where ``content`` has no UTF-8 form."""
    try:
        content.encode()
    except UnicodeEncodeError:
        pass
    else:
        return ask_page(client, content)
    body = "&".join(f"{k}={quote_from_bytes(v.encode('utf-8', 'surrogatepass'))}"
                    for k, v in {"content": content, "sender_name": "Lò Thị Hoa"}.items())  # fmt: skip
    return client.post(reverse("petition_intake_suggestions"), body, content_type="application/x-www-form-urlencoded")


def case_ids(answer: dict) -> list[int]:
    return [c["case_id"] for c in answer["cases"]]


def form_post(tree, content: str = NEIGHBOUR, **fields) -> dict:
    return {
        "unit": "", "received_on": timezone.localdate().isoformat(), "channel": "post", "kind": "kng",
        "subject": Subject.objects.get(name="Đất đai").pk, "content": content, "sender_name": "Lò Thị Hoa",
        "sender_address": "thôn Nà Săm, xã A", "co_signers": 1, "representatives": 0, "in_competence": "on",
        "conditions": sorted(CONDITIONS),
    } | fields  # fmt: skip


def letter_post(tree, content: str = NEIGHBOUR, **fields) -> dict:
    return {
        "unit_code": tree.commune_a.code, "received_on": timezone.localdate().isoformat(), "channel": "post",
        "kind": "kng", "subject_id": Subject.objects.get(name="Đất đai").pk, "content": content,
        "sender_name": "Lò Thị Hoa", "sender_address": "thôn Nà Săm, xã A", "conditions_met": sorted(CONDITIONS),
    } | fields  # fmt: skip


# --- what is suggested --------------------------------------------------------------------------------


def test_a_neighbours_letter_on_the_same_land_dispute_is_suggested_with_its_reason(tree, personas, dispute) -> None:
    answer = ask(personas.officer_a, tree.commune_a)
    (found,) = answer["cases"]
    assert found["case_id"] == dispute.pk and found["number"] == dispute.number
    assert "cùng thôn Nà Săm" in found["reason"] and "nội dung giống" in found["reason"]
    assert "cùng người gửi" not in found["reason"]  # a neighbour, not the same sender
    assert found["joinable"] and found["note"] == ""
    assert found["percent"] == round(found["score"] * 100) and 45 <= found["percent"] <= 100
    assert found["unit"] == {"code": tree.commune_a.code, "name": tree.commune_a.name, "level": "commune"}
    assert found["status_label"] == "Đã vào sổ" and found["url"] == reverse("case_detail", args=[dispute.pk])
    assert answer["warnings"] == []
    assert answer["classification"]["subject"] == "Đất đai" and answer["classification"]["subject_reason"]
    assert Suggestion.objects.count() == Letter.objects.count() == 1  # asking records nothing


def test_a_letter_typed_without_diacritics_is_suggested(tree, personas, dispute) -> None:
    answer = ask(personas.officer_a, tree.commune_a, WITHOUT_DIACRITICS, sender_name="Nong Van Binh",
                 sender_address="thon Na Sam")  # fmt: skip
    (found,) = answer["cases"]
    assert found["case_id"] == dispute.pk
    assert "cùng người gửi" in found["reason"] and "nội dung giống" in found["reason"]


def test_a_case_of_another_unit_is_shown_where_the_letter_also_went_without_a_join(tree, personas) -> None:
    district_officer = UserFactory(username="canbo_tinh")
    RoleAssignmentFactory(user=district_officer, role="officer", unit=tree.province)
    other = services.receive_letter(
        actor=district_officer, unit=tree.commune_b,
        intake=intake(DISPUTE, sender_name="Nông Văn Bình", sender_id_number="006080001234"),
    )  # fmt: skip
    answer = ask(district_officer, tree.commune_a, DISPUTE, sender_name="Nông Văn Bình",
                 sender_id_number="006080001234")  # fmt: skip
    (found,) = answer["cases"]
    assert found["case_id"] == other.case_id and not found["joinable"]
    assert found["note"] == f"đơn vị khác: đơn cũng đã gửi đến {tree.commune_b.name}"
    # An officer of xã A alone does not see xã B's case at all.
    assert ask(personas.officer_a, tree.commune_a, DISPUTE, sender_name="Nông Văn Bình")["cases"] == []


def test_a_sealed_case_is_suggested_only_to_its_handler_and_its_leader(tree, personas, sealed, desk) -> None:
    guess = {"sender_name": "Hoàng Văn Thụ", "sender_id_number": "006090009999", "sender_address": ""}
    assert ask(desk, tree.commune_a, DENUNCIATION, **guess)["cases"] == []
    assert case_ids(ask(personas.officer_a, tree.commune_a, DENUNCIATION, **guess)) == [sealed.pk]
    assert case_ids(ask(personas.leader_a, tree.commune_a, DENUNCIATION, **guess)) == [sealed.pk]

    # The same through the API and the page: the answer to the desk says nothing of the sealed case.
    refused = ask_api(desk, tree.commune_a, DENUNCIATION, **guess)
    assert refused.status_code == 200, refused.json()
    assert refused.json()["cases"] == [] and sealed.number not in json.dumps(refused.json(), ensure_ascii=False)
    assert ask_page(logged_in(desk), DENUNCIATION, **guess).json()["cases"] == []
    shown = ask_api(personas.officer_a, tree.commune_a, DENUNCIATION, **guess)
    assert [c["case_id"] for c in shown.json()["cases"]] == [sealed.pk]
    assert case_ids(ask_page(logged_in(personas.officer_a), DENUNCIATION, **guess).json()) == [sealed.pk]


def test_the_page_and_the_api_give_the_services_answer(tree, personas, dispute) -> None:
    expected = ask(personas.officer_a, tree.commune_a)
    assert ask_api(personas.officer_a, tree.commune_a).json() == expected
    assert ask_page(logged_in(personas.officer_a)).json() == expected  # the working unit: xã A


# --- what is recorded -------------------------------------------------------------------------------------


def test_a_public_channel_letter_never_joins_by_itself(tree, dispute) -> None:
    online = services.receive_letter(
        actor=services.ONLINE_FORM, unit=tree.commune_a,
        intake=intake(DISPUTE, channel="online", sender_name="Nông Văn Bình", sender_id_number="006080001234",
                      conditions_met=services.submission_conditions(named=True)),
    )  # fmt: skip
    assert online.case_id != dispute.pk and online.duplicate_of is None
    assert online.similar_to == dispute.letters.get()  # kept for an officer to decide
    assert online.suggestion.decision == Suggestion.Decision.PENDING and online.suggestion.decided_by is None
    assert [c["case"] for c in online.suggestion.cases] == [dispute.pk]


def test_the_officers_choice_joins_the_case_and_is_recorded(tree, personas, dispute) -> None:
    response = logged_in(personas.officer_a).post(reverse("petition_intake"), form_post(tree, case_id=dispute.pk))
    assert response.status_code == 302 and response.url == reverse("case_detail", args=[dispute.pk])
    letter = Letter.objects.get(sender_name="Lò Thị Hoa")
    assert letter.case_id == dispute.pk
    suggestion = letter.suggestion
    assert suggestion.decision == Suggestion.Decision.JOINED and suggestion.chosen_case == dispute
    assert suggestion.decided_by == personas.officer_a and suggestion.decided_at is not None
    assert [c["case"] for c in suggestion.cases] == [dispute.pk]
    assert Case.objects.count() == 1


def test_a_confirmed_new_letter_opens_its_own_case_and_is_recorded(tree, personas, dispute) -> None:
    response = logged_in(personas.officer_a).post(reverse("petition_intake"), form_post(tree, confirmed_new="true"))
    assert response.status_code == 302
    letter = Letter.objects.get(sender_name="Lò Thị Hoa")
    assert letter.case_id != dispute.pk and letter.similar_to is None and letter.duplicate_of is None
    assert letter.suggestion.decision == Suggestion.Decision.NEW and letter.suggestion.chosen_case is None
    assert letter.suggestion.decided_by == personas.officer_a


def test_an_undecided_letter_is_kept_pending_for_the_case_page(tree, personas, dispute) -> None:
    """Without the script nothing is chosen: the likely case is recorded as a suggestion, shown on the page."""
    client = logged_in(personas.officer_a)
    response = client.post(reverse("petition_intake"), form_post(tree))
    letter = Letter.objects.get(sender_name="Lò Thị Hoa")
    assert response.url == reverse("case_detail", args=[letter.case_id]) and letter.case_id != dispute.pk
    assert letter.similar_to == dispute.letters.get()
    assert letter.suggestion.decision == Suggestion.Decision.PENDING and letter.suggestion.decided_by is None
    assert "Có thể trùng với vụ việc" in client.get(response.url).content.decode()


def test_the_api_records_the_decision_and_says_what_it_recorded(tree, personas, dispute) -> None:
    officer = bearer(personas.officer_a)
    joined = officer.post("/api/v1/letters", letter_post(tree, case_id=dispute.pk), content_type="application/json")
    assert joined.status_code == 201, joined.json()
    body = joined.json()
    assert body["case_id"] == dispute.pk and body["suggestion"]["decision"] == "joined"
    assert [c["case_id"] for c in body["suggestion"]["cases"]] == [dispute.pk]
    assert "cùng thôn Nà Săm" in body["suggestion"]["cases"][0]["reason"]

    new = officer.post("/api/v1/letters", letter_post(tree, confirmed_new=True), content_type="application/json")
    assert new.json()["suggestion"]["decision"] == "new" and new.json()["case_id"] != dispute.pk
    assert Letter.objects.get(pk=new.json()["id"]).suggestion.decided_by == personas.officer_a

    pending = officer.post(
        "/api/v1/letters", letter_post(tree, sender_name="Lý Văn Nam"), content_type="application/json"
    )
    assert pending.json()["suggestion"]["decision"] == "pending"
    assert dispute.pk in [c["case_id"] for c in pending.json()["suggestion"]["cases"]]
    # Every field the answer had before is still there, as it was.
    assert {"id", "case_id", "received_on", "channel", "kind", "subject", "content", "sender", "co_signers",
            "eligible", "ineligible_reason", "in_competence", "duplicate_of"} <= set(body)  # fmt: skip


def test_what_was_recorded_about_a_sealed_case_is_not_told_to_the_desk(tree, personas, sealed, desk) -> None:
    """A pending suggestion the caller may not see reads "none", so that the answer does not depend on the
    denouncer's name being guessed right."""
    payload = letter_post(tree, DENUNCIATION, kind="tc", subject_id=Subject.objects.get(name="Tham nhũng, tiêu cực").pk,
                          sender_name="Hoàng Văn Thụ", sender_id_number="006090009999",
                          conditions_met=["form", "tc_content", "not_handled"])  # fmt: skip
    created = bearer(desk).post("/api/v1/letters", payload, content_type="application/json")
    assert created.status_code == 201, created.json()
    letter = Letter.objects.get(pk=created.json()["id"])
    assert letter.suggestion.decision == Suggestion.Decision.PENDING  # recorded for the handler to decide…
    assert created.json()["suggestion"] == {"decision": "none", "decision_label": "Không có gợi ý trùng", "cases": []}
    shown = intake_suggestions.recorded(personas.officer_a, letter)  # …who is told
    assert shown["decision"] == "pending" and [c["case_id"] for c in shown["cases"]] == [sealed.pk]


def test_a_case_the_officer_may_not_join_is_a_form_error_naming_the_field(tree, personas, dispute) -> None:
    elsewhere = services.receive_letter(
        actor=personas.officer_b, unit=tree.commune_b, intake=intake(DISPUTE, sender_name="Nông Văn Bình")
    )
    client = logged_in(personas.officer_a)
    for case_id in (elsewhere.case_id, 999_999, "abc"):
        page = client.post(reverse("petition_intake"), form_post(tree, case_id=case_id))
        assert page.status_code == 200
        errors = page.context["form"].errors["case_id"]
        assert errors and all(e.startswith("Gộp vào vụ việc:") for e in errors)
        assert page.context["chosen_case"] is None  # the refused case is not sent again
        assert 'href="#id_case_id"' in page.content.decode()  # in the error summary, linked to the panel
    assert not Letter.objects.filter(sender_name="Lò Thị Hoa").exists()
    assert Event.objects.filter(object_id=dispute.pk, action="letter").count() == 1  # its own letter only


def test_a_province_officer_may_not_join_another_units_case(tree, dispute) -> None:
    district_officer = UserFactory(username="canbo_tinh")
    RoleAssignmentFactory(user=district_officer, role="officer", unit=tree.province)
    page = logged_in(district_officer).post(
        reverse("petition_intake"), form_post(tree, unit=tree.commune_b.code, case_id=dispute.pk)
    )
    assert page.status_code == 200
    assert "thuộc Xã A, đơn của Xã B không gộp vào được" in page.context["form"].errors["case_id"][0]


def test_a_choice_comes_back_chosen_when_another_field_is_to_fix(tree, personas, dispute) -> None:
    page = logged_in(personas.officer_a).post(reverse("petition_intake"), form_post(tree, case_id=dispute.pk,
                                                                                     received_on=""))  # fmt: skip
    assert page.status_code == 200 and page.context["chosen_case"] == dispute
    html = page.content.decode()
    assert f'name="case_id" id="id_case_id" value="{dispute.pk}"' in html
    assert f"gộp đơn vào vụ việc {dispute.number}" in html


# --- odd input, and who may ask ---------------------------------------------------------------------------

ODD = {
    "empty": "",
    "spaces": " \n\t ",
    "short": "đất",
    "one megabyte": ("Tranh chấp đất vườn thôn Nà Săm. " * 32_000)[:1_000_000],
    "control characters": NEIGHBOUR.replace("tường rào", "tường\x00 rào\x01\x02\x1b[31m").replace(
        "Nà Săm", "Nà\x7f Săm\x0c"
    ),
    "lone surrogate": "Tranh chấp đất \ud800 vườn ở thôn Nà Săm xã A đã lâu",
    "chinese": "我的邻居在我的土地上建了一堵墙，请人民委员会解决这个问题。谢谢你们的帮助。",
    "cyrillic": "Мой сосед построил стену на моей земле, прошу комитет решить этот вопрос.",
    "emoji": "🏠🧱🏠🧱 " * 50,
    "tcvn3": "Gia ®×nh «ng Hoµng V¨n Tµi ë th«n Nµ S¨m x©y t­êng rµo lÊn sang ®Êt v­ên",
    "binary": "".join(chr(i) for i in range(1, 2000)),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_input_gives_no_error(tree, personas, dispute, caplog, name) -> None:
    with caplog.at_level(logging.ERROR):
        answer = ask(personas.officer_a, tree.commune_a, ODD[name], sender_name=ODD[name][:300],
                     sender_address=ODD[name][:300])  # fmt: skip
        assert set(answer) == {"cases", "classification", "warnings"}
        assert all(isinstance(w, str) and w for w in answer["warnings"])
        json.dumps(answer)  # JSON-ready
        over_api = ask_api(personas.officer_a, tree.commune_a, ODD[name])
        assert over_api.status_code == 200, over_api.content[:500]
        assert raw_page(logged_in(personas.officer_a), ODD[name]).status_code == 200
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # handled, not caught by the net
    assert intake_suggestions.NOT_AVAILABLE not in answer["warnings"]


def test_odd_input_says_what_the_officer_should_know(tree, personas, dispute) -> None:
    assert ask(personas.officer_a, tree.commune_a, "")["cases"] == []
    nul = ask(personas.officer_a, tree.commune_a, ODD["control characters"])
    assert any("“Tóm tắt nội dung” có ký tự không hợp lệ (NUL)" in w for w in nul["warnings"])
    assert case_ids(nul) == [dispute.pk]  # the rest of the text is still compared
    long = ask(personas.officer_a, tree.commune_a, ODD["one megabyte"])
    assert any("Nội dung dài hơn 20.000 ký tự" in w for w in long["warnings"])
    chinese = ask(personas.officer_a, tree.commune_a, ODD["chinese"])
    assert chinese["cases"] == [] and any("chữ Hán" in w for w in chinese["warnings"])
    legacy = ask(personas.officer_a, tree.commune_a, ODD["tcvn3"], sender_name="Nông Văn Bình")
    assert any("TCVN3" in w for w in legacy["warnings"]) and case_ids(legacy) == [dispute.pk]


def test_a_failing_matcher_leaves_intake_going(tree, personas, dispute, monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("index broken")

    monkeypatch.setattr(intake_suggestions.duplicates, "suggest", broken)
    with caplog.at_level(logging.ERROR):
        answer = ask(personas.officer_a, tree.commune_a)
    assert answer["cases"] == [] and intake_suggestions.NOT_AVAILABLE in answer["warnings"]
    assert answer["classification"] is not None  # the other half still answers
    assert any("index broken" in str(r.exc_info) for r in caplog.records)


def test_only_someone_who_enters_letters_in_the_unit_may_ask(tree, personas, dispute) -> None:
    for outsider in (personas.officer_b, personas.supervisor):
        with pytest.raises(PermissionDenied):
            ask(outsider, tree.commune_a)
        assert ask_api(outsider, tree.commune_a).status_code == 403
    assert ask_page(logged_in(personas.supervisor)).status_code == 403  # no right to enter letters anywhere
    other_unit = ask_page(logged_in(personas.officer_b), unit=tree.commune_a.code)
    assert other_unit.json()["cases"] == []  # a unit out of his list is not taken: his own unit is asked
    assert Client().post("/api/v1/letters/suggestions", {}, content_type="application/json").status_code == 401
    assert ask_page(Client()).status_code == 302  # to the login page
    assert logged_in(personas.officer_a).get(reverse("petition_intake_suggestions")).status_code == 405
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(personas.officer_a)
    assert ask_page(forged).status_code == 403  # a POST of the session: with its CSRF token only


def test_the_api_refuses_a_unit_or_field_that_is_not_there(tree, personas) -> None:
    officer = bearer(personas.officer_a)
    no_unit = officer.post("/api/v1/letters/suggestions", {"content": NEIGHBOUR}, content_type="application/json")
    assert no_unit.status_code == 422 and no_unit.json()["errors"][0]["field"] == "unit_code"
    no_subject = ask_api(personas.officer_a, tree.commune_a, subject_id=999_999)
    assert no_subject.status_code == 422 and no_subject.json()["errors"][0]["field"] == "subject_id"
    assert ask_api(personas.officer_a, tree.commune_a, unit_id=tree.commune_a.pk, unit_code=None).status_code == 200


def test_the_endpoint_is_documented_in_vietnamese(tree, personas) -> None:
    paths = bearer(personas.officer_a).get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/letters/suggestions"]["post"]["summary"] == "Gợi ý khi vào sổ đơn"
    assert set(paths["/api/v1/letters/suggestions"]) == {"post"}


def test_the_intake_page_loads_the_script_and_offers_the_panel(tree, personas) -> None:
    html = logged_in(personas.officer_a).get(reverse("petition_intake")).content.decode()
    assert 'src="/static/danvan/intake_suggestions.js"' in html
    assert f'data-intake-suggestions="{reverse("petition_intake_suggestions")}"' in html
    assert 'data-min-content="20"' in html
    assert 'id="intake-suggestions" hidden' in html  # without the script nothing is shown
    assert html.count('name="case_id"') == 1 and html.count('name="confirmed_new"') == 1
    for name in ("kind", "subject", "content", "competent_sector"):
        assert f'id="intake-hint-{name}" aria-live="polite"' in html
        assert f'aria-describedby="intake-hint-{name}"' in html
    assert "<script>" not in html  # no inline script (CSP)
