"""Pages and API: personas × pages, the record form with two commitments, the completion with a file, the
public page without login, and the API's scope and 422s."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.accounts.access import SYSTEM
from danvan.dialogues import rules, services
from danvan.dialogues.models import Commitment, Meeting
from tests.dialogues.conftest import plan

pytestmark = pytest.mark.django_db
D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def client_for(personas, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(getattr(personas, name))
    return client


LISTS = ["dialogues_meeting_list", "dialogues_commitment_list", "dialogues_campaign_list", "dialogues_stats",
         "dialogues_meeting_export", "dialogues_commitment_export"]  # fmt: skip


@pytest.mark.parametrize("persona", ["officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "anonymous"])
def test_personas_and_pages(tree, personas, held, persona) -> None:
    client = client_for(personas, persona)
    commitment = held.commitments.first()
    record_pages = [reverse("dialogues_meeting", args=[held.pk]), reverse("dialogues_commitment", args=[commitment.pk])]
    for name in LISTS:
        status = client.get(reverse(name)).status_code
        expected = {"anonymous": 302}.get(persona, 200)
        assert status == expected, (name, status)
    for url in record_pages:
        expected = {"anonymous": 302, "officer_b": 404}.get(persona, 200)
        assert client.get(url).status_code == expected, url
    act = reverse("dialogues_commitment_act", args=[commitment.pk, "start"])
    expected = {"anonymous": 302, "unit_admin": 403, "officer_b": 404, "supervisor": 403}.get(persona, 200)
    # (a unit administrator, like a supervisor, reads the area but takes no step)
    assert client.get(act).status_code == expected
    assert client.get(reverse("public_commitments")).status_code == 200
    assert client.get(reverse("public_commitments_unit", args=[tree.commune_a.code])).status_code == 200


def test_supervisor_reads_but_cannot_act(tree, personas, held) -> None:
    client = client_for(personas, "supervisor")
    commitment = held.commitments.first()
    page = client.get(reverse("dialogues_commitment", args=[commitment.pk])).content.decode()
    assert (
        '<div class="d-flex flex-wrap gap-2 mb-3" id="actions"></div>' in page
    )  # no button: the next step is not theirs
    response = client.post(reverse("dialogues_commitment_act", args=[commitment.pk, "start"]), {"on": "2026-03-05"})
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == rules.CommitmentStatus.PLANNED


def test_record_form_two_commitments_then_complete_and_publish(tree, personas, ubnd_a) -> None:
    client = client_for(personas, "leader_a")
    meeting = plan(tree.commune_a, actor=personas.leader_a)
    url = reverse("dialogues_meeting_record", args=[meeting.pk])
    assert client.get(url).status_code == 200
    data = {
        "held_on": "2026-03-02",
        "summary": "Tốt",
        "attendance_ho_dan": "30",
        "issues-TOTAL_FORMS": "4",
        "issues-INITIAL_FORMS": "0",
        "issues-0-text": "Đường hỏng",
        "issues-0-field": "ha_tang",
        "issues-0-answer": "Sẽ sửa",
        "commitments-0-content": "Sửa đường",
        "commitments-0-responsible_organization": str(ubnd_a.pk),
        "commitments-0-due_on": "2026-04-01",
        "commitments-0-issue": "1",
        "commitments-1-content": "Lắp đèn",
        "commitments-1-responsible_text": "Điện lực",
        "commitments-1-due_on": "",
    }
    for n in range(1, 4):
        data[f"issues-{n}-field"] = "khac"
    bad = client.post(url, data)
    assert bad.status_code == 200 and "Cần ghi hạn thực hiện cam kết." in bad.content.decode()
    assert not Commitment.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == rules.MeetingStatus.PLANNED
    data["commitments-1-due_on"] = "2026-05-01"
    response = client.post(url, data)
    assert response.status_code == 302
    first, second = Commitment.objects.order_by("pk")
    assert first.issue is not None and second.responsible_text == "Điện lực"
    complete = reverse("dialogues_commitment_act", args=[first.pk, "complete"])
    refused = client.post(complete, {"note": "Đã sửa", "on": "2026-03-20"})
    assert "Cần minh chứng" in refused.content.decode()
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    assert client.post(complete, {"note": "Đã sửa", "on": "2026-03-20", "evidence": [photo]}).status_code == 302
    first.refresh_from_db()
    assert first.status == rules.CommitmentStatus.DONE
    evidence = first.evidence.get()
    assert client.get(reverse("dialogues_evidence", args=[evidence.pk])).status_code == 200
    assert client_for(personas, "officer_b").get(reverse("dialogues_evidence", args=[evidence.pk])).status_code == 404
    for c in (first, second):
        assert client.post(reverse("dialogues_commitment_act", args=[c.pk, "publish"]), {}).status_code == 302
    public = Client().get(reverse("public_commitments_unit", args=[tree.province.code])).content.decode()
    assert "Đã thực hiện 1/2 cam kết" in public and "Sửa đường" in public


def test_plan_page_and_campaign_pages(tree, personas) -> None:
    client = client_for(personas, "officer_a")
    data = {"kind": "voter_contact", "topic": "TXCT", "planned_on": "2026-06-01", "host_name": "Ông A"}
    response = client.post(reverse("dialogues_meeting_plan"), data)
    assert response.status_code == 200 and "Tiếp xúc cử tri: chọn kỳ họp" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(reverse("dialogues_campaign_create"), {
        "name": "Giải phóng mặt bằng", "goal": "Mở đường", "groups-TOTAL_FORMS": "3", "groups-INITIAL_FORMS": "0",
        "groups-0-name": "Tổ 1", "groups-0-leader": "Ông B"})  # fmt: skip
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_api(tree, personas, ubnd_a, held) -> None:
    officer, other = client_for(personas, "officer_a"), client_for(personas, "officer_b")
    assert officer.get("/api/v1/dialogues/commitments?queue=overdue").json()["count"] == 2
    assert other.get("/api/v1/dialogues/commitments").json()["count"] == 0
    assert other.get(f"/api/v1/dialogues/meetings/{held.pk}").status_code == 404
    detail = officer.get(f"/api/v1/dialogues/meetings/{held.pk}").json()
    assert detail["attendance_total"] == 35 and len(detail["commitment_ids"]) == 2
    new = officer.post("/api/v1/dialogues/meetings", {"unit": tree.commune_a.code, "kind": "dialogue",
                       "topic": "Đối thoại", "planned_on": "2026-11-01", "host_name": "Ông C"},
                       content_type="application/json")  # fmt: skip
    assert new.status_code == 201
    bad = officer.post(f"/api/v1/dialogues/meetings/{new.json()['id']}/record",
                       {"held_on": "2026-11-01", "attendance": {"ho_dan": 5},
                        "commitments": [{"content": "Sửa cống", "due_on": "2026-12-01"}]},
                       content_type="application/json")  # fmt: skip
    assert bad.status_code == 422 and "responsible_organization" in str(bad.json())
    commitment = held.commitments.first()
    no_evidence = officer.post(f"/api/v1/dialogues/commitments/{commitment.pk}/transitions/complete",
                               {"note": "Xong"}, content_type="application/json")  # fmt: skip
    assert no_evidence.status_code == 422 and "evidence" in str(no_evidence.json())
    up = officer.post(f"/api/v1/dialogues/commitments/{commitment.pk}/evidence",
                      {"files": [SimpleUploadedFile("a.png", PNG, content_type="image/png")]})  # fmt: skip
    assert up.status_code == 201
    done = officer.post(f"/api/v1/dialogues/commitments/{commitment.pk}/transitions/complete",
                        {"note": "Xong", "on": "2026-03-25"}, content_type="application/json")  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert officer.post(f"/api/v1/dialogues/commitments/{commitment.pk}/transitions/publish", {},
                        content_type="application/json").status_code == 403  # fmt: skip
    stats = officer.get(f"/api/v1/dialogues/stats?year=2026&unit={tree.commune_a.code}").json()
    assert stats["commitments"]["kept_late"] == 1 and stats["meetings"]["held"] == 1  # due 20/3, kept 25/3
    assert other.get(f"/api/v1/dialogues/stats?year=2026&unit={tree.commune_a.code}").status_code == 404


def test_demo_figures(db) -> None:
    from danvan.demo.seed import BEFORE, _accounts, _bac_kan_organizations, _thai_nguyen_organizations
    from danvan.dialogues.demo import seed_dialogues
    from danvan.units.loader import load_national_units
    from danvan.units.selectors import unit_by_code

    load_national_units()
    bac_kan = unit_by_code("06", as_of=BEFORE)
    _bac_kan_organizations(bac_kan)  # the demo's tree and people, without the other areas' records
    _thai_nguyen_organizations(unit_by_code("19"), bac_kan)
    _accounts()
    seed_dialogues()
    seed_dialogues()  # a second run finds the first
    assert Meeting.objects.filter(topic__startswith="Đối thoại với tiểu thương").count() == 1
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert statuses == set(rules.CommitmentStatus.values)
    assert {"on_time", "late"} <= set(Commitment.objects.values_list("timeliness", flat=True))
    assert any(c.is_overdue for c in Commitment.objects.all())
    campaign = services.CAMPAIGN.model.objects.get()
    assert campaign.groups.count() == 7 and campaign.households_agreeing == 120
    page = Client().get(reverse("public_commitments_unit", args=["19"])).content.decode()
    assert "Đã thực hiện" in page and "Ông Hoàng Văn Sơn" not in page
    assert SYSTEM  # the demo acts as the system actor
