"""The council through the API: the review in the model's detail, each member's scores, the chair's minutes,
and a recognition walked from creation to decision with nothing but the API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.services import create_token
from danvan.core.models import Event
from danvan.initiatives.models import Criterion, Field, Initiative, Score
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

JSON = "application/json"


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(active=True).order_by("order", "pk"))


def marks(score: Any, comment: str = "") -> dict[str, Any]:
    return {"marks": [{"criterion_id": c.pk, "score": score, "comment": comment} for c in criteria()]}


def allowed(body: dict[str, Any]) -> set[str]:
    return set(body["allowed_actions"])


def test_recognition_walks_through_the_api_alone(tree, personas) -> None:
    officer, leader, supervisor = bearer(personas.officer_a), bearer(personas.leader_a), bearer(personas.supervisor)
    field = Field.objects.get(parent=None, name="Kinh tế")
    created = officer.post(
        "/api/v1/initiatives",
        {"unit_id": tree.hamlet_a.pk, "year": 2026, "name": "Hiến đất mở đường liên thôn", "field_id": field.pk,
         "owner_name": "Chi bộ thôn A1", "status": "registered"},
        content_type=JSON,
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["review"] is None and allowed(created.json()) == {"launch", "discontinue"}
    url = f"/api/v1/initiatives/{pk}"

    def step(client: Client, action: str, expect: int = 200, **payload: Any) -> dict[str, Any]:
        response = client.post(f"{url}/transitions/{action}", payload, content_type=JSON)
        assert response.status_code == expect, response.json()
        return response.json()

    step(officer, "launch")
    tracked = step(officer, "track")
    assert "propose" not in allowed(tracked)  # the officer tracks; the leader proposes
    assert "propose" in allowed(leader.get(url).json())
    proposed = step(leader, "propose")
    assert {"open_review", "return"} <= allowed(proposed)

    opened = step(leader, "open_review", chair="leader_a", members=["officer_a", "supervisor"])
    assert opened["status"] == "under_review" and {"recognise", "reject"} <= allowed(opened)
    review = opened["review"]
    assert review["is_open"] and review["result"] == "open" and review["total"] is None
    assert review["chair"]["username"] == "leader_a"
    assert {m["member"]["username"] for m in review["members"]} == {"leader_a", "officer_a", "supervisor"}
    assert [c["id"] for c in review["criteria"]] == [c.pk for c in criteria()]
    scores_url = f"/api/v1/initiatives/reviews/{review['id']}/scores"

    today = timezone.localdate().isoformat()
    decision = {"level": "co_so", "decision_no": "30-QĐ/ĐU", "decided_on": today, "issuer": "Đảng ủy xã A"}
    early = step(leader, "recognise", expect=422, **decision)
    assert early["detail"].startswith("Hội đồng thẩm định chưa chấm xong")
    assert early["errors"] == [{"field": "review", "message": early["detail"]}]

    # Five criteria weighted 20 each, on 10: members total 90, 80 and 85; the council averages them.
    for client, username, score in (
        (leader, "leader_a", 9),
        (officer, "officer_a", 8),
        (supervisor, "supervisor", "8,5"),
    ):
        response = client.put(scores_url, marks(score, "Có kết quả đo đếm được"), content_type=JSON)
        assert response.status_code == 200, response.json()
        sheet = response.json()
        assert next(m for m in sheet["members"] if m["member"]["username"] == username)["complete"]
    assert Decimal(str(sheet["total"])) == Decimal(85)
    assert all(m["complete"] for m in sheet["members"])
    officer_row = next(m for m in sheet["members"] if m["member"]["username"] == "officer_a")
    assert [Decimal(str(s["score"])) for s in officer_row["scores"]] == [Decimal(8)] * len(criteria())
    assert officer_row["scores"][0]["criterion"] == "Nội dung thiết thực"
    assert officer_row["scores"][0]["comment"] == "Có kết quả đo đếm được"

    minutes = leader.put(
        f"/api/v1/initiatives/reviews/{review['id']}/minutes",
        {"minutes": "Hội đồng thống nhất đề nghị công nhận."},
        content_type=JSON,
    )
    assert minutes.status_code == 200 and minutes.json()["minutes"] == "Hội đồng thống nhất đề nghị công nhận."
    in_detail = officer.get(url).json()["review"]
    assert in_detail["id"] == review["id"] and Decimal(str(in_detail["total"])) == Decimal(85)

    done = step(leader, "recognise", **decision)
    assert (done["status"], done["level"], done["recognised_on"]) == ("recognised", "co_so", today)
    assert {"make_exemplary", "commend", "replicate"} <= allowed(done)
    assert done["review"]["id"] == review["id"]
    assert (done["review"]["result"], done["review"]["is_open"]) == ("passed", False)
    assert Decimal(str(done["review"]["total"])) == Decimal(85)
    timeline = [e["action"] for e in done["timeline"]]
    assert timeline.count("Chấm điểm") == 3 and timeline[-1] == "Công nhận"

    closed = officer.put(scores_url, marks(10), content_type=JSON)
    assert closed.status_code == 422
    assert closed.json()["detail"] == "Hội đồng đã kết thúc; không chấm thêm được."


@pytest.fixture
def council(tree, personas) -> tuple[Initiative, int]:
    """A model of xã A under review: the leader chairs, the officer sits on the council."""
    initiative = make_initiative(tree.commune_a, "proposed")
    opened = bearer(personas.leader_a).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/open_review",
        {"chair": "leader_a", "members": ["officer_a"]},
        content_type=JSON,
    )
    assert opened.status_code == 200, opened.json()
    return initiative, opened.json()["review"]["id"]


def test_scores_out_of_scope_are_not_found(personas, council) -> None:
    initiative, review_id = council
    outsider = bearer(personas.officer_b)
    for response in (
        outsider.get(f"/api/v1/initiatives/reviews/{review_id}"),
        outsider.put(f"/api/v1/initiatives/reviews/{review_id}/scores", marks(9), content_type=JSON),
        outsider.put(f"/api/v1/initiatives/reviews/{review_id}/minutes", {"minutes": "X"}, content_type=JSON),
        bearer(personas.officer_a).put("/api/v1/initiatives/reviews/999999/scores", marks(9), content_type=JSON),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy.", "errors": []}
    assert not Score.objects.filter(review_id=review_id).exists()
    assert not Event.objects.for_object(initiative).filter(action="score").exists()


def test_only_a_member_scores(personas, council) -> None:
    initiative, review_id = council
    url = f"/api/v1/initiatives/reviews/{review_id}/scores"
    assert bearer(personas.supervisor).get(f"/api/v1/initiatives/reviews/{review_id}").status_code == 200
    refused = bearer(personas.supervisor).put(url, marks(9), content_type=JSON)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Chỉ thành viên hội đồng mới được chấm điểm.", "errors": []}
    assert not Score.objects.filter(review_id=review_id).exists()
    assert not Event.objects.for_object(initiative).filter(action="score").exists()


def test_a_wrong_score_is_refused_naming_the_criterion(personas, council) -> None:
    initiative, review_id = council
    url = f"/api/v1/initiatives/reviews/{review_id}/scores"
    member = bearer(personas.officer_a)
    first, *others = criteria()

    def send(score: Any) -> dict[str, Any]:
        rest = [{"criterion_id": c.pk, "score": 8} for c in others]
        response = member.put(url, {"marks": [{"criterion_id": first.pk, "score": score}, *rest]}, content_type=JSON)
        assert response.status_code == 422, response.json()
        return response.json()

    key = f"score_{first.pk}"
    too_high = send(10.5)
    assert too_high["errors"] == [{"field": key, "message": "Tiêu chí “Nội dung thiết thực”: Điểm phải từ 0 đến 10."}]
    assert too_high["detail"] == "Tiêu chí “Nội dung thiết thực”: Điểm phải từ 0 đến 10."
    assert send("8,55")["errors"][0]["message"] == "Tiêu chí “Nội dung thiết thực”: Điểm chấm lẻ tối đa đến 0,1."
    assert send(-1)["errors"][0]["field"] == key
    assert send("tám")["errors"][0]["message"] == "“tám” không phải là điểm (tiêu chí “Nội dung thiết thực”)."
    assert send(None)["errors"][0]["message"] == "Chưa chấm tiêu chí “Nội dung thiết thực”."

    missing = member.put(url, {"marks": []}, content_type=JSON).json()
    assert len(missing["errors"]) == len(criteria())
    twice = member.put(url, {"marks": [{"criterion_id": first.pk, "score": 8}] * 2}, content_type=JSON)
    assert twice.status_code == 422
    assert twice.json()["errors"] == [{"field": "marks", "message": f"Tiêu chí số {first.pk} được chấm hai lần."}]
    shapeless = member.put(url, {"marks": [{"score": 8}]}, content_type=JSON)
    assert shapeless.status_code == 422
    assert shapeless.json()["errors"] == [{"field": "marks.0.criterion_id", "message": "Bắt buộc."}]
    assert not Score.objects.filter(review_id=review_id).exists()
    assert not Event.objects.for_object(initiative).filter(action="score").exists()

    fixed = member.put(url, marks("8,5"), content_type=JSON)
    assert fixed.status_code == 200
    assert Score.objects.filter(review_id=review_id, score=Decimal("8.5")).count() == len(criteria())


def test_the_chair_writes_the_minutes(personas, council) -> None:
    _, review_id = council
    url = f"/api/v1/initiatives/reviews/{review_id}/minutes"
    member = bearer(personas.officer_a).put(url, {"minutes": "Biên bản"}, content_type=JSON)
    assert member.status_code == 403
    assert member.json() == {"detail": "Chỉ chủ tịch hội đồng ghi biên bản.", "errors": []}
    chair = bearer(personas.leader_a)
    empty = chair.put(url, {"minutes": "  "}, content_type=JSON)
    assert empty.status_code == 422
    assert empty.json()["errors"] == [{"field": "minutes", "message": "Cần ghi nội dung biên bản."}]
    written = chair.put(url, {"minutes": "Hội đồng họp ngày 15/10, đủ 2/2 thành viên."}, content_type=JSON)
    assert written.status_code == 200
    assert bearer(personas.supervisor).get(f"/api/v1/initiatives/reviews/{review_id}").json()["minutes"] == (
        "Hội đồng họp ngày 15/10, đủ 2/2 thành viên."
    )


def test_the_council_needs_a_token(council) -> None:
    _, review_id = council
    base = f"/api/v1/initiatives/reviews/{review_id}"
    anonymous = Client()
    for response in (
        anonymous.get(base),
        anonymous.put(f"{base}/scores", marks(9), content_type=JSON),
        anonymous.put(f"{base}/minutes", {"minutes": "X"}, content_type=JSON),
    ):
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Chưa xác thực")
    assert not Score.objects.filter(review_id=review_id).exists()


def test_detail_without_a_council_keeps_its_keys(tree, personas) -> None:
    initiative = make_initiative(tree.commune_a, "in_progress")
    body = bearer(personas.officer_a).get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert body["review"] is None
    assert {"id", "status", "allowed_actions", "timeline", "results", "goals", "start_date"} <= set(body)


def test_council_operations_are_documented_in_vietnamese(tree, personas) -> None:
    paths = bearer(personas.officer_a).get("/api/v1/openapi.json").json()["paths"]
    base = "/api/v1/initiatives/reviews/{review_id}"
    assert paths[base]["get"]["summary"] == "Hội đồng thẩm định"
    assert paths[f"{base}/scores"]["put"]["summary"] == "Chấm điểm (thành viên hội đồng)"
    assert paths[f"{base}/minutes"]["put"]["summary"] == "Ghi biên bản (chủ tịch hội đồng)"
