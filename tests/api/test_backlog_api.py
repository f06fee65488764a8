"""/api/v1/backlog/runs (issue 11) with bearer tokens: the grouping of the backlog through the API alone —
start, read, split, accept, reject, apply — the run its owner's, the unit in scope, the denouncer sealed."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.services import create_token
from danvan.petitions import backlog, services
from danvan.petitions.backlog_grouping import SEALED_REASON
from danvan.petitions.models import Case, GroupingRun, Letter, Subject

pytestmark = pytest.mark.django_db

#: (matter, kind, sender, ID number, address, content, channel): four matters of commune A's earlier register — a
#: complaint sent three times (once by the wife, who asks for something else: the officer splits her letter
#: off), a denunciation sent twice (sealed: never grouped, its sender never shown), two letters about the
#: case already entered at the desk, and a single letter. The wife's letter joins the complaint at 0,458, just
#: over the 0,45 of "one matter" (as in tests/petitions/test_backlog.py): a change of the matcher may move it.
LETTERS = [
    ("recovery", "kn", "Vi Văn Thắng", "006082008888", "Thôn Nà Pục, xã A",
     "Khiếu nại Quyết định số 15/QĐ-UBND ngày 10/02/2026 của UBND xã A về việc thu hồi 150 m² đất trồng cây lâu năm "
     "của gia đình tôi để mở rộng đường liên thôn Nà Pục mà chưa bồi thường.", "post"),
    ("recovery", "kn", "Vi Thị Nga", "006186009999", "Thôn Nà Pục, xã A",
     "Khiếu nại Quyết định 15/QĐ-UBND ngày 10/02/2026 thu hồi đất của hộ ông Vi Văn Thắng (chồng tôi) ở thôn Nà Pục "
     "để mở rộng đường liên thôn, đề nghị hủy quyết định vì chưa có phương án bồi thường.", "in_person"),
    ("recovery", "kn", "Vi Văn Thắng", "006082008888", "Thôn Nà Pục, xã A",
     "Tôi khiếu nại lần nữa Quyết định số 15/QĐ-UBND ngày 10/02/2026 của UBND xã về thu hồi đất để mở rộng đường liên "
     "thôn Nà Pục: đến nay gia đình tôi chưa nhận được tiền bồi thường.", "box"),
    ("denounce", "tc", "Triệu Văn Sơn", "006079007777", "Thôn Khuổi Nộc, xã A",
     "Tố cáo trưởng thôn Khuổi Nộc thu của mỗi hộ 200.000 đồng tiền làm đường bê tông không có trong nghị quyết "
     "của thôn, không công khai thu chi.", "post"),
    ("denounce", "tc", "Triệu Văn Sơn", "006079007777", "Thôn Khuổi Nộc, xã A",
     "Tiếp tục tố cáo trưởng thôn Khuổi Nộc thu tiền làm đường bê tông 200.000 đồng mỗi hộ sai quy định, "
     "không công khai thu chi.", "in_person"),
    ("compensation", "kn", "Đàm Thị Hoa", "006190001111", "Thôn Pác Bó, xã A",
     "Khiếu nại việc chậm chi trả tiền bồi thường giải phóng mặt bằng dự án đường tỉnh 208 qua thôn Pác Bó cho hộ "
     "bà Đàm Thị Hoa, đã quá 6 tháng kể từ khi bàn giao mặt bằng.", "post"),
    ("compensation", "kn", "Đàm Thị Hoa", "006190001111", "Thôn Pác Bó, xã A",
     "Tôi là Đàm Thị Hoa, thôn Pác Bó, tiếp tục khiếu nại việc chưa được chi trả tiền bồi thường GPMB dự án đường "
     "tỉnh 208, gia đình đã bàn giao mặt bằng từ tháng 8/2025.", "in_person"),
    ("culture_house", "kng", "Lương Văn Minh", "006077001010", "Thôn Bản Chang, xã A",
     "Kiến nghị xã hỗ trợ kinh phí sửa chữa mái nhà văn hóa thôn Bản Chang bị dột, tường nứt sau bão số 3.", "post"),
]  # fmt: skip
SUBJECTS = {"kn": "Đất đai", "kng": "Đất đai", "tc": "Tham nhũng, tiêu cực"}
EXISTING = ("Khiếu nại UBND xã chậm chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng dự án đường tỉnh 208 đoạn qua "
            "thôn Pác Bó cho hộ gia đình tôi.")  # fmt: skip


def bearer(user) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _intake(
    i: int, kind: str, sender: str, id_number: str, address: str, content: str, channel: str
) -> services.Intake:
    return services.Intake(
        received_on=datetime.date(2026, 2, 1) + datetime.timedelta(days=7 * i),
        channel=channel,
        kind=kind,
        subject=Subject.objects.get(name=SUBJECTS[kind]),
        content=content,
        sender_name=sender,
        sender_id_number=id_number,
        sender_address=address,
        conditions_met=services.submission_conditions(named=True),
    )


@pytest.fixture
def existing_case(tree, personas) -> Case:
    letter = services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=services.Intake(
            received_on=datetime.date(2026, 1, 12), channel="in_person", kind="kn",
            subject=Subject.objects.get(name="Đất đai"), content=EXISTING, sender_name="Đàm Thị Hoa",
            sender_id_number="006190001111", sender_address="Thôn Pác Bó, xã A",
            conditions_met=services.submission_conditions(named=True),
        ),
    )  # fmt: skip
    assert letter.case is not None
    return letter.case


@pytest.fixture
def matters(tree, personas, existing_case) -> dict[int, str]:
    """The letters in commune A's backlog, entered by the import's service: letter id → matter."""
    rows = [backlog.BacklogRow(unit=tree.commune_a, intake=_intake(i, *row[1:])) for i, row in enumerate(LETTERS)]
    letters = backlog.enter_letters(actor=personas.officer_a, rows=rows)
    return {letter.pk: row[0] for letter, row in zip(letters, LETTERS, strict=True)}


def _post(client: Client, path: str, payload: dict[str, Any] | None = None) -> Any:
    return client.post(f"/api/v1{path}", payload or {}, content_type="application/json")


def _start(client: Client, unit_code: str) -> dict[str, Any]:
    response = _post(client, "/backlog/runs", {"unit_code": unit_code})
    assert response.status_code == 201, response.json()
    return response.json()


def _group_of(run: dict[str, Any], letter_id: int) -> dict[str, Any]:
    (group,) = [p for p in run["proposals"] if letter_id in {x["id"] for x in p["letters"]}]
    return group


def test_the_backlog_grouped_into_cases_through_the_api(tree, personas, matters, existing_case) -> None:
    officer = bearer(personas.officer_a)
    started = _start(officer, tree.commune_a.code)
    # The immediate task backend of the tests: the proposals are made already.
    assert set(started) == {"id", "status", "status_label", "total", "done", "percent", "unit"}
    assert (started["status"], started["status_label"], started["percent"]) == ("ready", "Chờ xem xét", 100)
    assert (started["total"], started["done"], started["unit"]["code"]) == (16, 16, tree.commune_a.code)
    assert GroupingRun.objects.get(pk=started["id"]).owner == personas.officer_a
    path = f"/backlog/runs/{started['id']}"

    read = officer.get(f"/api/v1{path}")
    assert read.status_code == 200, read.json()
    run = read.json()
    proposals = run["proposals"]
    assert [p["position"] for p in proposals] == list(range(1, len(proposals) + 1))
    assert {(x["id"], x["kind"]) for p in proposals for x in p["letters"]} == {
        (pk, kind) for pk, (_, kind, *_) in zip(matters, LETTERS, strict=True)
    }
    by_matter = {m: [pk for pk, mm in matters.items() if mm == m] for m in set(matters.values())}
    recovery = _group_of(run, by_matter["recovery"][0])
    assert {x["id"] for x in recovery["letters"]} == set(by_matter["recovery"])
    assert recovery["status"] == "proposed" and recovery["needs_decision"] and recovery["case_id"] is None
    assert recovery["score"] >= 0.45 and recovery["reasons"]
    received = [x["received_on"] for x in recovery["letters"]]
    assert received == sorted(received)  # oldest first
    joined = _group_of(run, by_matter["compensation"][0])
    assert joined["case_id"] == existing_case.pk and len(joined["letters"]) == 2
    # The two denunciations of one sender are never grouped, and the proposals hold no sender.
    sealed = [_group_of(run, pk) for pk in by_matter["denounce"]]
    assert len({p["position"] for p in sealed}) == 2
    assert all(p["reasons"] == [SEALED_REASON] and p["score"] is None for p in sealed)
    text = json.dumps(run, ensure_ascii=False)
    assert not [row[2] for row in LETTERS if row[2] in text or row[3] in text]
    assert set(proposals[0]) == {
        "position", "status", "status_label", "needs_decision", "letters", "case_id", "score", "reasons"
    }  # fmt: skip
    single = _group_of(run, by_matter["culture_house"][0])
    assert not single["needs_decision"] and len(single["letters"]) == 1

    # Not yet: the groups wait for a decision.
    early = _post(officer, f"{path}/apply")
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "run"
    assert "nhóm chưa xem xét" in early.json()["detail"]

    # The wife's letter asks for something else: split off, it is a group of its own right after.
    wife = next(pk for pk, row in zip(matters, LETTERS, strict=True) if row[2] == "Vi Thị Nga")
    position = recovery["position"]
    whole = _post(officer, f"{path}/proposals/{position}/split", {"letters": [wife, *by_matter["recovery"]]})
    assert whole.status_code == 422 and whole.json()["errors"] == [
        {"field": "letters", "message": "Chọn một phần các đơn để tách (không chọn cả nhóm)."}
    ]
    split = _post(officer, f"{path}/proposals/{position}/split", {"letters": [wife]})
    assert split.status_code == 200, split.json()
    after = split.json()
    assert len(after["proposals"]) == len(proposals) + 1
    assert [x["id"] for x in after["proposals"][position]["letters"]] == [wife]
    assert wife not in {x["id"] for x in after["proposals"][position - 1]["letters"]}
    foreign = _post(officer, f"{path}/proposals/{position}/split", {"letters": [wife]})
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "letters"

    # Decide every group that needs it: accept, and reject the wife's (a single letter: its own case anyway).
    for group in after["proposals"]:
        if group["needs_decision"]:
            accepted = _post(officer, f"{path}/proposals/{group['position']}/accept")
            assert accepted.status_code == 200, accepted.json()
    rejected = _post(officer, f"{path}/proposals/{position + 1}/reject")
    assert rejected.status_code == 200, rejected.json()
    statuses = {p["position"]: p["status"] for p in rejected.json()["proposals"]}
    assert statuses[position] == "accepted" and statuses[position + 1] == "rejected"
    assert rejected.json()["proposals"][position]["status_label"] == "Không gộp: mỗi đơn một vụ việc"

    before = Case.objects.count()
    applied = _post(officer, f"{path}/apply")
    assert applied.status_code == 200, applied.json()
    # Eight letters: recovery (2) one case, the wife's one, each denunciation one, the single letter one; the
    # compensation letters join the existing case.
    assert applied.json() == {"new_cases": 5, "joined_cases": 1, "joined_letters": 2, "letters": 8}
    assert Case.objects.count() == before + 5
    assert not Letter.objects.filter(case__isnull=True).exists()
    assert set(Letter.objects.filter(pk__in=by_matter["compensation"]).values_list("case", flat=True)) == {
        existing_case.pk
    }
    assert len(set(Letter.objects.filter(pk__in=by_matter["recovery"]).values_list("case", flat=True))) == 2
    done = officer.get(f"/api/v1{path}").json()
    assert (done["status"], done["status_label"]) == ("applied", "Đã áp dụng")

    # Once only: the second apply, and any later decision, are refused, naming the run.
    again = _post(officer, f"{path}/apply")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "run"
    assert "không áp dụng lại được" in again.json()["detail"]
    assert _post(officer, f"{path}/proposals/1/accept").status_code == 422
    assert Case.objects.count() == before + 5


def test_a_run_is_its_owners_alone(tree, personas, matters) -> None:
    run = _start(bearer(personas.officer_a), tree.commune_a.code)
    path = f"/api/v1/backlog/runs/{run['id']}"
    # The leader of the same commune may group its backlog himself, but not read the officer's run.
    for other in (personas.leader_a, personas.officer_b, personas.supervisor):
        client = bearer(other)
        assert client.get(path).status_code == 404
        for action in ("accept", "reject"):
            assert client.post(f"{path}/proposals/1/{action}").status_code == 404
        assert _post(client, f"/backlog/runs/{run['id']}/proposals/1/split", {"letters": [1]}).status_code == 404
        refused = client.post(f"{path}/apply")
        assert refused.status_code == 404 and refused.json()["detail"] == "Không có đề xuất gộp đơn này."
    assert (
        bearer(personas.officer_a).get("/api/v1/backlog/runs/00000000-0000-4000-8000-000000000000").status_code == 404
    )
    assert Client().get(path).status_code == 401
    # Nothing the others tried was recorded: every group still waits for the owner.
    assert not GroupingRun.objects.get(pk=run["id"]).proposals.exclude(status="proposed").exists()


def test_the_unit_must_be_in_the_callers_scope(tree, personas, matters) -> None:
    out_of_scope = _post(bearer(personas.officer_b), "/backlog/runs", {"unit_code": tree.commune_a.code})
    assert out_of_scope.status_code == 403
    assert out_of_scope.json()["detail"] == "Bạn không có quyền với đơn thư của đơn vị này."
    # The supervisor reads the province but enters no letters: no grouping either.
    reads_only = _post(bearer(personas.supervisor), "/backlog/runs", {"unit_id": tree.province.pk})
    assert reads_only.status_code == 403
    assert not GroupingRun.objects.exists()
    unknown = _post(bearer(personas.officer_a), "/backlog/runs", {"unit_code": "99999"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "unit_code"
    missing = _post(bearer(personas.officer_a), "/backlog/runs", {"unit_id": 10**9})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "unit_id"
    # A unit of his own with an empty backlog: a run with nothing to propose.
    empty = _start(bearer(personas.officer_b), tree.commune_b.code)
    assert (empty["status"], empty["total"]) == ("ready", 0)
    assert bearer(personas.officer_b).get(f"/api/v1/backlog/runs/{empty['id']}").json()["proposals"] == []


def test_a_position_that_is_no_group_is_not_found(tree, personas, matters) -> None:
    officer = bearer(personas.officer_a)
    run = _start(officer, tree.commune_a.code)
    path = f"/backlog/runs/{run['id']}/proposals"
    count = len(officer.get(f"/api/v1/backlog/runs/{run['id']}").json()["proposals"])
    for action in ("accept", "reject"):
        missing = _post(officer, f"{path}/{count + 1}/{action}")
        assert missing.status_code == 404 and missing.json()["detail"] == (
            f"Không có nhóm {count + 1} trong đề xuất gộp đơn này."
        )
    assert _post(officer, f"{path}/{count + 1}/split", {"letters": [1]}).status_code == 404
    # Out of the column's range, or not a positive number: refused, naming the position.
    for bad in (0, 2**31, 10**30):
        refused = _post(officer, f"{path}/{bad}/accept")
        assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["position"]
    assert _post(officer, f"{path}/abc/accept").status_code == 404
