"""What a citizen is shown of a case: the receipt (phiếu tiếp nhận) and the public history and outcome.

Reads only, and only what is public: statuses in the citizen's words (:data:`rules.PUBLIC_STATUS`), dates,
the unit, the deadline rules that apply. Never a note of the timeline, never an officer's name, never
the sender of a sealed letter (Luật Tố cáo 2018, Điều 47.2.b) — the sender's name is printed only on the
receipt of a letter that is not sealed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from danvan.core.models import Event
from danvan.petitions import deadlines, rules
from danvan.petitions.models import Case, Letter

#: What the receipt says the sender of a sealed letter is (the receipt may be read by anyone who holds it).
SEALED_SENDER = "Được giữ bí mật (Luật Tố cáo 2018, Điều 47)"


@dataclass(frozen=True)
class Receipt:
    """Phiếu tiếp nhận: what the citizen takes away, online or at the desk."""

    unit_name: str
    case_number: str
    tracking_code: str
    received_on: datetime.date
    channel: str
    kind: str
    subject: str
    sender: str
    reply_due_on: datetime.date | None
    reply_rule: str
    status_url: str
    next_steps: tuple[str, ...]


def receipt_for(letter: Letter, *, status_url: str) -> Receipt:
    """The receipt of ``letter``; ``status_url`` is the public status page (with the code), for the QR code."""
    case = letter.case
    assert case is not None
    rule = deadlines.rule_for("reply", case.received_on)
    unit_word = "ngày làm việc" if rule.unit == deadlines.DayUnit.WORK else "ngày"
    return Receipt(
        unit_name=case.unit.name,
        case_number=case.number,
        tracking_code=case.tracking_code,
        received_on=letter.received_on,
        channel=rules.CHANNEL_LABELS.get(rules.Channel(letter.channel), letter.channel),
        kind=rules.KIND_LABELS[rules.LetterKind(letter.kind)],
        subject=letter.subject.name,
        sender=SEALED_SENDER if letter.sealed else letter.sender_name,
        reply_due_on=case.reply_due_on,
        reply_rule=f"{rule.days} {unit_word} kể từ ngày nhận đơn ({rule.legal_basis})",
        status_url=status_url,
        next_steps=next_steps(letter.kind),
    )


def next_steps(kind: str) -> tuple[str, ...]:
    """What happens after the receipt, in the order the citizen will see it."""
    handling = {
        rules.LetterKind.COMPLAINT: "Nếu khiếu nại đủ điều kiện, cơ quan thụ lý và giải quyết theo Luật Khiếu nại.",
        rules.LetterKind.DENUNCIATION: "Nếu tố cáo đủ điều kiện, cơ quan thụ lý và giải quyết theo Luật Tố cáo; "
        "danh tính của bạn được giữ bí mật.",
    }.get(rules.LetterKind(kind), "Cơ quan xem xét, giải quyết và trả lời bạn.")
    return (
        "Cán bộ phân loại đơn và xác định cơ quan có thẩm quyền giải quyết.",
        "Bạn được thông báo việc thụ lý, hướng dẫn hoặc chuyển đơn trong thời hạn ghi trên phiếu.",
        handling,
        "Bạn theo dõi kết quả bằng mã tra cứu và số điện thoại hoặc thư điện tử đã khai.",
    )


@dataclass(frozen=True)
class PublicStep:
    on: datetime.date
    label: str


def public_history(case: Case) -> list[PublicStep]:
    """The case's steps as the citizen sees them: the date and the public status it reached (consecutive
    steps with the same public status are one step: "Đang xử lý" covers classification and proposal)."""
    events = (
        Event.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk))
        .exclude(to_state="")
        .order_by("at", "pk")
        .values_list("at", "on", "to_state")
    )
    steps: list[PublicStep] = []
    for at, on, state in events:
        try:
            label = rules.PUBLIC_STATUS[rules.Status(state)]
        except ValueError:
            continue
        if steps and steps[-1].label == label:
            continue
        steps.append(PublicStep(on or at.date(), label))
    return steps


@dataclass(frozen=True)
class PublicOutcome:
    decided_on: datetime.date | None
    resolution: str
    outcome: str
    rights: list[rules.NextRight]


def public_outcome(case: Case) -> PublicOutcome | None:
    """The outcome and the citizen's next rights once the case has an answer; None while it is handled."""
    rights = rules.next_rights(
        case.kind, case.status, resolution_round=case.resolution_round, resolution=case.resolution
    )
    if not rights:
        return None
    resolution = rules.RESOLUTION_LABELS.get(rules.Resolution(case.resolution), "") if case.resolution else ""
    labels = rules.OUTCOME_LABELS.get(rules.LetterKind(case.kind), {})
    outcome = labels.get(rules.Outcome(case.outcome), "") if case.outcome else ""
    return PublicOutcome(case.decided_on, resolution, outcome, rights)
