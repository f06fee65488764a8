"""The duplicate index kept by each process (issue 11): loaded from its snapshot, current to the last
committed letter, rebuilt by ``danvan duplicates_index``, and the outside ``danvan find_duplicates``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.text import fold
from danvan.matching import Index
from danvan.petitions import classify, duplicates, services
from danvan.petitions.models import Letter, Subject, Suggestion
from danvan.petitions.services import Intake
from danvan.petitions.suggestion_report import measure, suggestions

pytestmark = pytest.mark.django_db

LAND = (
    "Tôi là Nguyễn Văn An, thôn Nà Săm. Hộ ông Hoàng Văn Bình xây tường rào lấn sang thửa đất số 125, tờ bản đồ "
    "số 8 của gia đình tôi. Đề nghị xã hòa giải tranh chấp."
)
LAND_AGAIN = (
    "Toi la Nguyen Van An thon Na Sam. Ong Hoang Van Binh xay tuong rao lan thua dat so 125 to ban do so 8, "
    "de nghi xa giai quyet tranh chap som."
)


def _letter(tree, content: str, name: str = "Nguyễn Văn An", kind: str = "pa") -> Letter:
    return services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=Intake(
            received_on=timezone.localdate(), channel="post", kind=kind, subject=Subject.objects.get(name="Đất đai"),
            content=content, sender_name=name, sender_address="Thôn Nà Săm",
            conditions_met={"form", "content", "not_handled"},
        ),
    )  # fmt: skip


@pytest.fixture
def kept(settings, tmp_path: Path):
    """The production behaviour: one index per process and its snapshot under DATA_DIR."""
    settings.DANVAN_MATCHING_KEEP = True
    settings.DATA_DIR = tmp_path
    duplicates._KEPT.forget()
    yield tmp_path
    duplicates._KEPT.forget()


def test_the_kept_index_reads_letters_committed_since_and_survives_a_restart(tree, kept) -> None:
    first = _letter(tree, LAND)
    index = duplicates.current()
    assert index.ids() == [str(first.pk)]
    other = _letter(tree, "Đèn đường ở tổ dân phố 3 bị hỏng đã hai tháng, đề nghị sửa.", name="Lý Thị Cúc")
    assert duplicates.current() is index and set(index.ids()) == {str(first.pk), str(other.pk)}  # caught up

    call_command("duplicates_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert (kept / "matching" / "letters" / "meta.json").exists()
    duplicates._KEPT.forget()  # a restart
    restarted = duplicates.current()
    assert restarted is not index and set(restarted.ids()) == {str(first.pk), str(other.pk)}
    record = duplicates.new_record(unit=tree.commune_a, content=LAND_AGAIN, sender_name="Nguyen Van An")
    assert [m.id for m in restarted.suggest(record)][:1] == [str(first.pk)]


def test_a_repeat_letter_of_the_same_sender_joins_its_case_and_the_decision_is_kept(tree) -> None:
    first = _letter(tree, LAND)
    again = _letter(tree, fold(LAND))  # the same sender sends the same letter again, typed without diacritics
    assert again.case_id == first.case_id and again.duplicate_of_id == first.pk
    kept = Suggestion.objects.get(letter=again)
    assert kept.decision == Suggestion.Decision.JOINED and kept.chosen_case_id == first.case_id
    assert kept.cases[0]["case"] == first.case_id and "cùng người gửi" in kept.cases[0]["reason"]
    assert Suggestion.objects.get(letter=first).decision == Suggestion.Decision.NONE


def test_a_neighbours_letter_is_left_for_the_officer_and_his_decision_is_kept(tree, personas) -> None:
    first = _letter(tree, LAND)
    neighbour = _letter(
        tree,
        "Tôi là Hoàng Văn Bình, thôn Nà Săm. Ông Nguyễn Văn An nói tôi xây tường rào lấn thửa đất số 125 tờ bản đồ "
        "số 8, tường xây trên đất nhà tôi. Đề nghị xã đo đạc lại và hòa giải tranh chấp.",
        name="Hoàng Văn Bình",
    )
    assert neighbour.case_id != first.case_id and neighbour.similar_to_id == first.pk
    assert Suggestion.objects.get(letter=neighbour).decision == Suggestion.Decision.PENDING
    services.join_suggested(actor=personas.officer_a, letter=neighbour)
    decided = Suggestion.objects.get(letter=neighbour)
    assert decided.decision == Suggestion.Decision.JOINED and decided.chosen_case_id == first.case_id
    assert decided.decided_by == personas.officer_a


def test_an_officer_who_confirms_a_new_matter_is_not_overruled(tree) -> None:
    first = _letter(tree, LAND)
    again = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_a, confirmed_new=True,
        intake=Intake(received_on=timezone.localdate(), channel="post", kind="pa",
                      subject=Subject.objects.get(name="Đất đai"), content=LAND, sender_name="Nguyễn Văn An",
                      conditions_met={"form", "content", "not_handled"}),
    )  # fmt: skip
    assert again.case_id != first.case_id and again.similar_to_id is None and again.duplicate_of_id is None
    assert Suggestion.objects.get(letter=again).decision == Suggestion.Decision.NEW


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_find_duplicates_reads_and_writes_the_outside_format(tree, tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": LAND, "sender_name": "Nguyễn Văn An", "sender_id": "", "address": "Thôn Nà Săm",
         "unit_code": tree.commune_a.code, "received": "2026-10-01"},
        {"id": "b", "text": LAND_AGAIN, "sender_name": "Nguyen Van An", "sender_id": None, "address": "thon Na Sam",
         "unit_code": tree.commune_a.code, "received": "2026-10-05"},
        {"id": "c", "text": "Bãi rác tự phát cạnh suối Khuổi Khỉ gây ô nhiễm.", "sender_name": "", "sender_id": "",
         "address": "", "unit_code": "00000", "received": ""},
    ]  # fmt: skip
    out = tmp_path / "groups.jsonl"
    call_command("find_duplicates", input=str(_jsonl(tmp_path / "in.jsonl", rows)), output=str(out),
                 stderr=io.StringIO())  # fmt: skip
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"id": "a", "group": "a"}, {"id": "b", "group": "a"}, {"id": "c", "group": "c"}]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', 'Dòng 2: "id" a đã có ở dòng trước.'),
        ('{"id": "a", "text": "x"}\nkhông phải json\n', "Dòng 2: không phải JSON hợp lệ"),
        ("[1, 2]\n", "Dòng 1: mỗi dòng phải là một đối tượng JSON."),
        ('{"text": "x"}\n', 'Dòng 1: thiếu "id".'),
        ('{"id": "a", "text": "x", "received": "1/12/2026"}\n', 'Dòng 1: "received" phải là ngày dạng 2026-12-01.'),
        ('{"id": "a", "text": ["x"]}\n', 'Dòng 1: trường "text" phải là chuỗi ký tự.'),
    ],
)
def test_find_duplicates_names_the_bad_line(tmp_path: Path, content: str, message: str, db) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace("[", r"\[")):
        call_command("find_duplicates", input=str(source), output=str(tmp_path / "out.jsonl"))
    assert not (tmp_path / "out.jsonl").exists()  # nothing half-written


def test_the_snapshot_of_an_older_format_is_rebuilt_not_trusted(tree, kept) -> None:
    first = _letter(tree, LAND)
    folder = kept / "matching" / "letters"
    Index().save(folder)
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "format": 0}))
    duplicates._KEPT.forget()
    assert duplicates.current().ids() == [str(first.pk)]  # read from the database instead


def test_what_would_have_been_suggested_for_kind_field_and_body_is_kept(tree) -> None:
    letter = _letter(
        tree,
        "Tôi xin tố cáo cán bộ địa chính xã nhận tiền của dân khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        kind="tc",
    )
    kept = Suggestion.objects.get(letter=letter)
    assert kept.kind_suggested == "tc"
    assert kept.body_suggested == (classify.route(unit=tree.commune_a, kind="tc", subject=letter.subject).body)
    assert kept.body_suggested  # the default table has a body for a denunciation received by a commune


def test_the_suggestions_are_measured_against_the_officers_decisions(tree, personas) -> None:
    first = _letter(tree, LAND)
    _letter(tree, fold(LAND))  # a repeat: joined by itself, the first suggestion
    neighbour = _letter(
        tree,
        "Tôi là Hoàng Văn Bình, thôn Nà Săm. Ông Nguyễn Văn An nói tôi xây tường rào lấn thửa đất số 125 tờ bản đồ "
        "số 8, tường xây trên đất nhà tôi. Đề nghị xã đo đạc lại và hòa giải tranh chấp.",
        name="Hoàng Văn Bình",
    )
    services.set_aside_suggestion(actor=personas.officer_a, letter=neighbour)
    report = measure(suggestions(tree.province))
    assert (report.letters, report.with_cases, report.joined, report.joined_first) == (3, 2, 1, 1)
    assert report.new_despite_cases == 1 and report.pending == 0
    assert report.subject_suggested == 3 and report.body_suggested == 3
    out = io.StringIO()
    call_command("suggestions_report", unit=tree.province.code, stdout=out)
    assert "3 đơn, thư; 2 đơn có gợi ý" in out.getvalue()
    assert "vụ việc gợi ý đầu tiên đúng 100%" in out.getvalue()
    assert first.case_id is not None


DENUNCIATION = (
    "Tôi tố cáo cán bộ địa chính xã nhận tiền của hộ ông Hoàng Văn Bình để xác nhận ranh giới thửa đất số 125 "
    "tờ bản đồ số 8 ở thôn Nà Săm, làm lợi cho một bên tranh chấp."
)


def test_a_denunciation_in_a_case_that_is_not_sealed_never_tells_a_guess_apart(tree, personas) -> None:
    """Issue 10's rule through the suggestions (review finding): a denunciation joined into a kiến nghị case
    must not make the case appear or disappear with the name typed."""
    from tests.factories import RoleAssignmentFactory, UserFactory

    first = _letter(tree, LAND, kind="kng")
    services.receive_letter(
        actor=personas.officer_a, unit=tree.commune_a, case=first.case,
        intake=Intake(received_on=timezone.localdate(), channel="post", kind="tc",
                      subject=Subject.objects.get(name="Đất đai"), content=DENUNCIATION, sender_name="Hoàng Văn Thụ",
                      sender_id_number="006090009999", conditions_met={"form", "tc_content", "not_handled"}),
    )  # fmt: skip
    desk = UserFactory(username="tiepdan_a")
    RoleAssignmentFactory(user=desk, role="reception", unit=tree.commune_a)

    def asked(name: str, number: str) -> list[tuple[int, float, str]]:
        content = f"{LAND_AGAIN} {DENUNCIATION}"  # the same matter, and the words of the denunciation
        record = duplicates.new_record(unit=tree.commune_a, content=content, sender_name=name, sender_id=number)
        return [(s.case.pk, s.match.score, s.reason) for s in duplicates.suggest(desk, tree.commune_a, record)]

    wrong = asked("Trần Văn Khác", "001099000111")
    assert asked("Hoàng Văn Thụ", "006090009999") == wrong  # the right guess reads exactly as a wrong one
    assert [pk for pk, _, _ in wrong] == [first.case_id]  # found by its kiến nghị, not by the denunciation


def test_an_erased_sender_is_not_matched_from_the_kept_index(tree, kept) -> None:
    """Review finding: the process's index read the sender before the personal data was erased."""
    first = _letter(tree, LAND)
    duplicates.current()  # indexed with its sender
    Letter.objects.filter(pk=first.pk).update(sender_name="", sender_address="")  # as the erasure leaves it
    record = duplicates.new_record(unit=tree.commune_a, content=LAND_AGAIN, sender_name="Nguyễn Văn An")
    assert all("cùng người gửi" not in s.reason for s in duplicates.candidates(tree.commune_a, record))
    again = duplicates.candidates(tree.commune_a, record)  # re-indexed as it is now
    assert all("cùng người gửi" not in s.reason for s in again)


def test_a_letter_committed_after_a_later_one_is_still_indexed(tree, kept) -> None:
    """Review finding: on PostgreSQL, id N may commit after N + 1 was read by the index."""
    first = _letter(tree, LAND)
    second = _letter(tree, "Đèn đường ở tổ dân phố 3 bị hỏng đã hai tháng, đề nghị sửa.", name="Lý Thị Cúc")
    index = duplicates.current()
    index.discard([str(first.pk)])  # as if its transaction had not committed when the index read on
    duplicates._KEPT.upto = second.pk
    assert str(first.pk) in duplicates.current().ids()
