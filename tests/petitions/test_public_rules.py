"""Rules of what a citizen writes and of what they may do next: pure functions, no database."""

import pytest

from danvan.petitions import rules
from danvan.petitions.rules import Channel, LetterKind, Resolution, Status


def test_a_citizen_online_writes_at_least_the_public_minimum() -> None:
    assert rules.content_error("x", Channel.ONLINE) == (
        f"Nội dung cần ít nhất {rules.MIN_CONTENT_PUBLIC} ký tự (mới có 1): nêu rõ sự việc, nơi xảy ra."
    )
    assert rules.content_error("   ", Channel.OPEN311) == "Nhập nội dung đơn."
    assert rules.content_error("Đèn đường ở ngõ 5 hỏng đã hai tuần", Channel.ONLINE) is None


def test_spaces_do_not_count_towards_the_minimum() -> None:
    padded = "a" + " " * 40 + "b"
    assert rules.content_error(padded, Channel.ONLINE) is not None  # "a b": three characters


def test_the_desk_writes_a_summary_of_a_letter_it_holds() -> None:
    assert rules.min_content_length(Channel.POST) == rules.MIN_CONTENT < rules.MIN_CONTENT_PUBLIC
    assert rules.content_error("", Channel.IN_PERSON) == "Cần ghi tóm tắt nội dung đơn."
    assert rules.content_error("Xin cấp sổ đỏ", Channel.IN_PERSON) is None


def test_a_first_complaint_decision_opens_a_second_complaint_or_a_lawsuit() -> None:
    rights = rules.next_rights(LetterKind.COMPLAINT, Status.DECIDED, resolution_round=1, resolution="decision")
    text = " ".join(r.text for r in rights)
    assert "khiếu nại lần hai" in text and "khởi kiện" in text and "Tòa án" in text and "30 ngày" in text
    assert any("Điều 33" in r.basis for r in rights) and all(r.basis for r in rights)


def test_after_a_second_decision_only_the_court_remains() -> None:
    (right,) = rules.next_rights(LetterKind.COMPLAINT, Status.CLOSED, resolution_round=2, resolution="decision")
    assert "khởi kiện" in right.text and "lần hai" in right.text and "Luật Khiếu nại 2011" in right.basis


def test_a_denunciation_may_be_denounced_again_higher_up() -> None:
    (right,) = rules.next_rights(LetterKind.DENUNCIATION, Status.DECIDED, resolution="decision")
    assert "tố cáo tiếp" in right.text and right.basis.startswith("Luật Tố cáo 2018")


@pytest.mark.parametrize("status", sorted(rules.OPEN_STATUSES - {Status.DECIDED, Status.ENFORCING, Status.TRANSFERRED}))
@pytest.mark.parametrize("kind", [k.value for k in LetterKind])
def test_nothing_is_promised_while_the_case_is_being_handled(status: str, kind: str) -> None:
    assert rules.next_rights(kind, status) == []


def test_routes_and_withdrawal_say_where_the_matter_stands() -> None:
    assert "cơ quan có thẩm quyền" in rules.next_rights(LetterKind.REPORT, Status.GUIDED)[0].text
    assert "đã được chuyển" in rules.next_rights(LetterKind.PROPOSAL, Status.TRANSFERRED)[0].text
    assert "đơn mới" in rules.next_rights(LetterKind.REPORT, Status.FILED)[0].text
    withdrawn = rules.next_rights(LetterKind.COMPLAINT, Status.CLOSED, resolution=Resolution.WITHDRAWN)
    assert "không được xem xét lại" in withdrawn[0].text


@pytest.mark.parametrize("status", [s.value for s in Status])
@pytest.mark.parametrize("kind", [k.value for k in LetterKind])
def test_every_right_cites_its_basis(status: str, kind: str) -> None:
    for resolution in ("", "decision"):
        assert all(r.basis and r.text.endswith(".") for r in rules.next_rights(kind, status, resolution=resolution))
