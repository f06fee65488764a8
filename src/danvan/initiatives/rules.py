"""The rules of the "Dân vận khéo" movement: statuses, the transition table, who decides at which level.

Pure functions of data and dates, no database. Sources (DOMAIN.md §5.3–5.4):

* life-cycle — đăng ký (start of year) → ra mắt → theo dõi, sơ kết 6 tháng, tổng
  kết năm → đánh giá theo tiêu chí → công nhận (decision of the competent Party
  committee, dân vận body or steering committee) → biểu dương, khen thưởng →
  nhân rộng; a model can be discontinued or re-registered [ward guidance 2026;
  Ban Dân vận TW guidance on DVK];
* levels — cấp cơ sở (xã, phường, đặc khu, cơ quan) → cấp tỉnh → cấp trung ương;
  cấp huyện only on records decided before the two-tier government
  (Luật Tổ chức chính quyền địa phương 2025, in force 01/07/2025);
* commendation — Luật Thi đua, khen thưởng 06/2022/QH15 and NĐ 152/2025/NĐ-CP
  (14/06/2025): no commendation while discipline, inspection or a complaint
  about the person or collective is pending; Giấy khen is given by the
  commune chairman or the head of an agency, Bằng khen by the provincial
  chairman (or a ministry, or the Prime Minister).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# The upload rule is shared with the other areas; re-exported for the area's evidence.
from danvan.core.uploads import evidence_kind as evidence_kind
from danvan.units.rules import DISTRICT_LEVEL_END, Level


class Status(StrEnum):
    DRAFT = "draft"
    REGISTERED = "registered"
    LAUNCHED = "launched"
    IN_PROGRESS = "in_progress"
    PROPOSED = "proposed"
    UNDER_REVIEW = "under_review"
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    EXEMPLARY = "exemplary"
    COMMENDED = "commended"
    REPLICATED = "replicated"
    DISCONTINUED = "discontinued"


STATUS_LABELS: dict[str, str] = {
    Status.DRAFT: "Bản nháp",
    Status.REGISTERED: "Đã đăng ký",
    Status.LAUNCHED: "Đã ra mắt",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.PROPOSED: "Đề nghị công nhận",
    Status.UNDER_REVIEW: "Đang thẩm định",
    Status.RECOGNISED: "Được công nhận",
    Status.NOT_RECOGNISED: "Không công nhận",
    Status.EXEMPLARY: "Điển hình tiêu biểu",
    Status.COMMENDED: "Được khen thưởng",
    Status.REPLICATED: "Được nhân rộng",
    Status.DISCONTINUED: "Dừng thực hiện",
}

#: Statuses in which a model counts as recognised (it went through công nhận).
RECOGNISED_STATUSES = frozenset({Status.RECOGNISED, Status.EXEMPLARY, Status.COMMENDED, Status.REPLICATED})
#: Statuses in which progress reports and measured results are still recorded.
ACTIVE_STATUSES = frozenset(
    {Status.LAUNCHED, Status.IN_PROGRESS, Status.PROPOSED, Status.UNDER_REVIEW} | RECOGNISED_STATUSES
)


class Action(StrEnum):
    REGISTER = "register"
    LAUNCH = "launch"
    TRACK = "track"
    PROPOSE = "propose"
    RETURN = "return"
    OPEN_REVIEW = "open_review"
    RECOGNISE = "recognise"
    REJECT = "reject"
    MAKE_EXEMPLARY = "make_exemplary"
    COMMEND = "commend"
    REPLICATE = "replicate"
    DISCONTINUE = "discontinue"


class Right(StrEnum):
    """Which permission a transition needs (the codes are in ``accounts.roles``)."""

    EDIT = "initiatives.edit"
    DECIDE = "initiatives.decide"


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status
    right: Right
    label: str
    #: Does the decision bind a level (cơ sở, tỉnh, trung ương)? Then only a leader of that level may take it.
    at_level: bool = False
    basis: str = ""


_ANY_LIVE = frozenset({Status.REGISTERED, Status.LAUNCHED, Status.IN_PROGRESS, Status.PROPOSED} | RECOGNISED_STATUSES)

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.REGISTER, frozenset({Status.DRAFT}), Status.REGISTERED, Right.EDIT, "Đăng ký"),
        Transition(Action.LAUNCH, frozenset({Status.REGISTERED}), Status.LAUNCHED, Right.EDIT, "Ra mắt mô hình"),
        Transition(Action.TRACK, frozenset({Status.LAUNCHED}), Status.IN_PROGRESS, Right.EDIT, "Bắt đầu theo dõi"),
        Transition(Action.PROPOSE, frozenset({Status.IN_PROGRESS}), Status.PROPOSED, Right.DECIDE, "Đề nghị công nhận"),
        Transition(
            Action.RETURN, frozenset({Status.PROPOSED}), Status.IN_PROGRESS, Right.DECIDE, "Trả lại để hoàn thiện"
        ),
        Transition(
            Action.OPEN_REVIEW,
            frozenset({Status.PROPOSED}),
            Status.UNDER_REVIEW,
            Right.DECIDE,
            "Lập hội đồng thẩm định",
        ),
        Transition(
            Action.RECOGNISE,
            frozenset({Status.UNDER_REVIEW}),
            Status.RECOGNISED,
            Right.DECIDE,
            "Công nhận",
            at_level=True,
            basis="Hướng dẫn của Ban Dân vận Trung ương về phong trào thi đua “Dân vận khéo”",
        ),
        Transition(
            Action.REJECT,
            frozenset({Status.UNDER_REVIEW}),
            Status.NOT_RECOGNISED,
            Right.DECIDE,
            "Không công nhận",
            at_level=True,
        ),
        Transition(
            Action.MAKE_EXEMPLARY,
            frozenset({Status.RECOGNISED}),
            Status.EXEMPLARY,
            Right.DECIDE,
            "Chọn làm điển hình tiêu biểu",
            at_level=True,
        ),
        Transition(
            Action.COMMEND,
            frozenset({Status.RECOGNISED, Status.EXEMPLARY, Status.COMMENDED}),
            Status.COMMENDED,
            Right.DECIDE,
            "Khen thưởng",
            at_level=True,
            basis="Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP",
        ),
        Transition(
            Action.REPLICATE,
            frozenset({Status.RECOGNISED, Status.EXEMPLARY, Status.COMMENDED}),
            Status.REPLICATED,
            Right.DECIDE,
            "Nhân rộng",
        ),
        Transition(Action.DISCONTINUE, _ANY_LIVE, Status.DISCONTINUED, Right.EDIT, "Dừng thực hiện"),
    )
}


class TransitionRefused(Exception):
    """A transition that the table does not allow from the record's current status."""


def transition_for(action: str, status: str) -> Transition:
    """The transition ``action`` from ``status``, or :class:`TransitionRefused` in Vietnamese."""
    try:
        transition = TRANSITIONS[Action(action)]
    except ValueError as exc:
        raise TransitionRefused(f"Thao tác “{action}” không tồn tại.") from exc
    if Status(status) not in transition.sources:
        allowed = ", ".join(f"“{STATUS_LABELS[s]}”" for s in sorted(transition.sources, key=_order))
        raise TransitionRefused(
            f"Không thể “{transition.label}” khi mô hình đang ở trạng thái “{STATUS_LABELS[status]}”; "
            f"chỉ thực hiện được từ {allowed}."
        )
    return transition


def allowed_actions(status: str) -> list[Transition]:
    """The transitions the table allows from ``status`` (before any permission check)."""
    return [t for t in TRANSITIONS.values() if Status(status) in t.sources]


def _order(status: Status) -> int:
    return list(Status).index(status)


# --- levels --------------------------------------------------------------------------------


class RecognitionLevel(StrEnum):
    BASE = "co_so"
    DISTRICT = "huyen"  # historical only: before 01/07/2025
    PROVINCE = "tinh"
    CENTRAL = "trung_uong"


LEVEL_LABELS: dict[str, str] = {
    RecognitionLevel.BASE: "Cấp cơ sở",
    RecognitionLevel.DISTRICT: "Cấp huyện (trước 01/07/2025)",
    RecognitionLevel.PROVINCE: "Cấp tỉnh",
    RecognitionLevel.CENTRAL: "Cấp trung ương",
}

#: The recognition levels a leader decides, by the level of the unit the leader's role is on.
#: Central recognition (tiêu biểu toàn quốc) is recorded by a system administrator for Ban TG&DV TW.
DECIDING_LEVELS: dict[str, frozenset[RecognitionLevel]] = {
    Level.PROVINCE.value: frozenset({RecognitionLevel.BASE, RecognitionLevel.DISTRICT, RecognitionLevel.PROVINCE}),
    Level.DISTRICT.value: frozenset({RecognitionLevel.BASE, RecognitionLevel.DISTRICT}),
    Level.COMMUNE.value: frozenset({RecognitionLevel.BASE}),
}
ALL_LEVELS = frozenset(RecognitionLevel)


def deciding_levels(unit_level: str | None) -> frozenset[RecognitionLevel]:
    """What a leader whose role is on a unit of ``unit_level`` may decide (``None``: the system administrator)."""
    if unit_level is None:
        return ALL_LEVELS
    return DECIDING_LEVELS.get(unit_level, frozenset())


def level_errors(level: str, decided_on: datetime.date) -> list[str]:
    """A cấp huyện decision must predate the two-tier government."""
    try:
        parsed = RecognitionLevel(level)
    except ValueError:
        return [f"Cấp “{level}” không hợp lệ."]
    if parsed == RecognitionLevel.DISTRICT and decided_on > DISTRICT_LEVEL_END:
        return ["Từ 01/07/2025 không còn cấp huyện; chọn cấp cơ sở hoặc cấp tỉnh."]
    return []


# --- commendation ---------------------------------------------------------------------------


class CommendationForm(StrEnum):
    GIAY_KHEN = "giay_khen"
    BANG_KHEN = "bang_khen"
    OTHER = "other"


COMMENDATION_FORM_LABELS: dict[str, str] = {
    CommendationForm.GIAY_KHEN: "Giấy khen",
    CommendationForm.BANG_KHEN: "Bằng khen",
    CommendationForm.OTHER: "Hình thức khác (biểu dương, giấy chứng nhận…)",
}

#: The level a leader must hold to give each form (Luật TĐKT 2022; NĐ 152/2025: Giấy khen — Chủ tịch
#: UBND cấp xã, thủ trưởng cơ quan; Bằng khen — Chủ tịch UBND tỉnh, bộ, ngành, Thủ tướng).
COMMENDATION_LEVEL: dict[str, RecognitionLevel] = {
    CommendationForm.GIAY_KHEN: RecognitionLevel.BASE,
    CommendationForm.BANG_KHEN: RecognitionLevel.PROVINCE,
    CommendationForm.OTHER: RecognitionLevel.BASE,
}


class IssuerType(StrEnum):
    STATE = "state"
    PARTY = "party"
    FRONT = "front"
    UNION = "union"


ISSUER_LABELS: dict[str, str] = {
    IssuerType.STATE: "Chính quyền (UBND)",
    IssuerType.PARTY: "Cấp ủy, ban đảng",
    IssuerType.FRONT: "Mặt trận Tổ quốc",
    IssuerType.UNION: "Đoàn thể",
}


def commendation_refusal(proceedings_pending: bool) -> str | None:
    """NĐ 152/2025/NĐ-CP: no commendation while discipline, inspection or a complaint is pending."""
    if proceedings_pending:
        return (
            "Chưa xét khen thưởng: chủ thể mô hình đang bị khiếu nại, tố cáo hoặc xem xét kỷ luật "
            "chưa có kết luận (nguyên tắc của Nghị định 152/2025/NĐ-CP)."
        )
    return None


# --- review ---------------------------------------------------------------------------------


def score_errors(score: Decimal, max_score: int) -> list[str]:
    if score < 0 or score > max_score:
        return [f"Điểm phải từ 0 đến {max_score}."]
    if score.as_tuple().exponent < -1:  # type: ignore[operator]
        return ["Điểm chấm lẻ tối đa đến 0,1."]
    return []


@dataclass(frozen=True)
class CriterionWeight:
    criterion_id: int
    weight: Decimal
    max_score: int


def weighted_total(weights: list[CriterionWeight], scores: dict[tuple[int, int], Decimal]) -> Decimal | None:
    """The council's total on a 100-point scale: each member's weighted percentage, averaged over members.

    ``scores`` maps (member id, criterion id) to a score. Members who have not
    scored every criterion are left out; ``None`` if nobody has finished.
    """
    total_weight = sum((w.weight for w in weights), Decimal(0))
    if not weights or total_weight <= 0:
        return None
    members = {member for member, _ in scores}
    totals = []
    for member in sorted(members):
        if any((member, w.criterion_id) not in scores for w in weights):
            continue
        points = sum(
            (scores[(member, w.criterion_id)] / w.max_score * w.weight for w in weights),
            Decimal(0),
        )
        totals.append(points / total_weight * 100)
    if not totals:
        return None
    return (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01"))


def unfinished_members(
    members: list[int], weights: list[CriterionWeight], scores: dict[tuple[int, int], Decimal]
) -> list[int]:
    """The council members who have not yet scored every criterion.

    A council decides as a body: its average counts only once every member has scored (a chair alone
    must not decide for a council of two). The total shown meanwhile is the average of those finished.
    """
    return [m for m in members if any((m, w.criterion_id) not in scores for w in weights)]


#: The pass mark a council's average must reach (Ban Dân vận guidance typically sets 70/100) [M].
PASS_MARK = Decimal(70)


# --- measured results ------------------------------------------------------------------------


def value_errors(value: Decimal, *, integral: bool, given_unit: str, unit_label: str, aliases: list[str]) -> list[str]:
    """A measured value must be non-negative, whole when the metric counts, and in the metric's unit."""
    from danvan.core.text import fold

    errors = []
    if given_unit and fold(given_unit) not in {fold(unit_label), *(fold(a) for a in aliases)}:
        errors.append(f"Đơn vị tính phải là “{unit_label}”, không phải “{given_unit}”.")
    if value < 0:
        errors.append("Giá trị không được âm.")
    if integral and value != value.to_integral_value():
        errors.append(f"Giá trị phải là số nguyên ({unit_label}).")
    return errors


#: The step expected next in each state: the page's primary button and the inbox's "start" button.
#: A model under review waits for the council's scores and the decision to recognise it.
EXPECTED: dict[Status, tuple[Action, ...]] = {
    Status.DRAFT: (Action.REGISTER,),
    Status.REGISTERED: (Action.LAUNCH,),
    Status.LAUNCHED: (Action.TRACK,),
    Status.IN_PROGRESS: (Action.PROPOSE,),
    Status.PROPOSED: (Action.OPEN_REVIEW,),
    Status.UNDER_REVIEW: (Action.RECOGNISE,),
}
#: Refusals and ends without result: shown as danger buttons, never the expected step.
REFUSALS = frozenset({Action.RETURN, Action.REJECT, Action.DISCONTINUE})
