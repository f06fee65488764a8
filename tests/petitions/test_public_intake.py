"""The intake service applies the citizen's rules for every caller (the form, the API, Open311): a wrong CCCD,
phone or too short a content is refused naming the field, nothing is written; a good phone is stored
normalised and found again however the citizen writes it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.petitions import selectors, services
from danvan.petitions.models import Case, Letter, Subject
from danvan.petitions.rules import Channel

pytestmark = pytest.mark.django_db


def online(**changes: object) -> services.Intake:
    data = {
        "received_on": timezone.localdate(),
        "channel": Channel.ONLINE,
        "kind": "pa",
        "subject": Subject.objects.get(name="Môi trường"),
        "content": "Bãi rác tự phát cạnh suối đầu thôn A1 gây ô nhiễm.",
        "sender_name": "Đàm Thị Hoa",
        "sender_id_number": "006180001111",
        "sender_address": "Thôn A1",
        "sender_phone": "0987 654 321",
    }
    return services.Intake(**(data | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"sender_id_number": "abc"}, "sender_id_number", "12 chữ số"),
        ({"sender_phone": "abc"}, "sender_phone", "ví dụ 0912 345 678"),
        ({"content": "x"}, "content", "ít nhất 15 ký tự"),
        (
            {"received_on": timezone.localdate().replace(year=timezone.localdate().year + 1)},
            "received_on",
            "sau hôm nay",
        ),
    ],
)
def test_a_bad_answer_is_refused_naming_its_field_and_nothing_is_written(tree, changes, field, words) -> None:
    with pytest.raises(ValidationError) as refused:
        services.receive_letter(actor=services.ONLINE_FORM, unit=tree.commune_a, intake=online(**changes))
    assert words in " ".join(refused.value.message_dict[field])
    assert not Letter.objects.exists() and not Case.objects.exists() and not Event.objects.exists()


def test_the_phone_and_cccd_are_stored_normalised_and_the_citizen_finds_the_case(tree) -> None:
    letter = services.receive_letter(
        actor=services.ONLINE_FORM,
        unit=tree.commune_a,
        intake=online(sender_phone="+84 987 654 321", sender_id_number="006 180 001 111"),
    )
    assert (letter.sender_phone, letter.sender_id_number) == ("0987654321", "006180001111")
    assert letter.case is not None
    for written in ("0987 654 321", "+84987654321", "0987.654.321"):
        assert selectors.public_case(letter.case.tracking_code, written) == letter.case
    assert selectors.public_case(letter.case.tracking_code, "0912 345 678") is None


def test_the_desk_may_leave_the_cccd_and_phone_empty(tree) -> None:
    letter = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=online(channel=Channel.POST, sender_id_number="", sender_phone="", content="Xin cấp sổ đỏ"),
    )
    assert (letter.sender_id_number, letter.sender_phone) == ("", "")
