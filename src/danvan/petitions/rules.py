"""Rules of citizen reception and petitions: kinds, processing conditions, the case's state machine.

Pure functions and tables, no database. Sources (DOMAIN.md §1):

* kinds — Luật Khiếu nại 2011 Điều 2.1; Luật Tố cáo 2018 Điều 2.1–2.3; Luật Tiếp công dân 2013 Điều 2.2;
* classification and "đủ điều kiện xử lý" — TT 07/2014/TT-TTCP Điều 6 (kept in substance by
  TT 05/2021/TT-TTCP) [V/M];
* outcomes — TT 05/2021/TT-TTCP Điều 14–16; Luật Tố cáo Điều 24, 25, 27, 38 [V];
* guide only once, transfer only once for the same content — TT 07/2014; TT 05/2021 Điều 14.1 [V];
* the state machine — DOMAIN §1.4 (suggested), completed with suspension, termination, withdrawal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LetterKind(StrEnum):
    COMPLAINT = "kn"  # khiếu nại
    DENUNCIATION = "tc"  # tố cáo
    PROPOSAL = "kng"  # kiến nghị
    REPORT = "pa"  # phản ánh
    MIXED = "mixed"  # nhiều nội dung: the citizen is asked to split it (Luật TCD Điều 25.3)


KIND_LABELS = {
    LetterKind.COMPLAINT: "Khiếu nại",
    LetterKind.DENUNCIATION: "Tố cáo",
    LetterKind.PROPOSAL: "Kiến nghị",
    LetterKind.REPORT: "Phản ánh",
    LetterKind.MIXED: "Nhiều nội dung",
}


#: The kinds whose sender is sealed (Luật Tố cáo 2018, Điều 47.2.b: keeping the denouncer's name, address and
#: handwriting secret). A letter of several contents is sealed too until it is split (Luật Tiếp công dân 2013,
#: Điều 25.3 has the citizen split it): any of its parts may be a denunciation.
SEALED_KINDS = frozenset({LetterKind.DENUNCIATION, LetterKind.MIXED})


def is_sealed(kind: str) -> bool:
    return kind in SEALED_KINDS


class Channel(StrEnum):
    POST = "post"
    IN_PERSON = "in_person"
    BOX = "box"
    DEPUTY = "deputy"  # ĐBQH
    COUNCIL = "council"  # HĐND
    FRONT = "front"  # MTTQ và các tổ chức thành viên
    PRESS = "press"
    OTHER_BODY = "other_body"
    LEADER = "leader"  # lãnh đạo tiếp nhận rồi chuyển
    ONLINE = "online"
    OPEN311 = "open311"


#: Where anyone may write without signing in. A letter from these never joins another case by itself: its
#: sender gets a case and a code of their own whatever others wrote, so that the answer discloses nothing.
PUBLIC_CHANNELS = frozenset({Channel.ONLINE, Channel.OPEN311})


CHANNEL_LABELS = {
    Channel.POST: "Qua bưu chính",
    Channel.IN_PERSON: "Trực tiếp tại nơi tiếp công dân",
    Channel.BOX: "Hòm thư góp ý",
    Channel.DEPUTY: "Đại biểu Quốc hội chuyển đến",
    Channel.COUNCIL: "Hội đồng nhân dân chuyển đến",
    Channel.FRONT: "Mặt trận Tổ quốc, đoàn thể chuyển đến",
    Channel.PRESS: "Báo chí chuyển đến",
    Channel.OTHER_BODY: "Cơ quan khác chuyển đến",
    Channel.LEADER: "Lãnh đạo tiếp nhận, chuyển",
    Channel.ONLINE: "Trực tuyến (cổng thông tin)",
    Channel.OPEN311: "Ứng dụng phản ánh hiện trường (Open311)",
}
#: Forwarders who must be told the result (Luật TCD Điều 27.2; Luật Tố cáo Điều 26.2).
FORWARDING_CHANNELS = frozenset({Channel.DEPUTY, Channel.COUNCIL, Channel.FRONT, Channel.PRESS, Channel.OTHER_BODY})


class Condition(StrEnum):
    """The conditions of a letter that can be processed (TT 07/2014/TT-TTCP Điều 6.2.a) [V]."""

    LANGUAGE_AND_SIGNATURE = "form"
    COMPLAINT_CONTENT = "kn_content"
    DENUNCIATION_CONTENT = "tc_content"
    CONTENT = "content"
    NOT_ALREADY_HANDLED = "not_handled"


CONDITION_LABELS = {
    Condition.LANGUAGE_AND_SIGNATURE: "Viết bằng tiếng Việt, ghi ngày tháng, họ tên, địa chỉ, có chữ ký hoặc điểm chỉ",
    Condition.COMPLAINT_CONTENT: "Khiếu nại ghi rõ cơ quan, người bị khiếu nại, nội dung, lý do và yêu cầu",
    Condition.DENUNCIATION_CONTENT: "Tố cáo ghi rõ nội dung, người bị tố cáo và hành vi vi phạm",
    Condition.CONTENT: "Kiến nghị, phản ánh ghi rõ nội dung",
    Condition.NOT_ALREADY_HANDLED: "Chưa được xử lý theo quy định, hoặc người gửi còn quyền khiếu nại, tố cáo tiếp",
}


def conditions_for(kind: str) -> list[Condition]:
    specific = {
        LetterKind.COMPLAINT: Condition.COMPLAINT_CONTENT,
        LetterKind.DENUNCIATION: Condition.DENUNCIATION_CONTENT,
        LetterKind.PROPOSAL: Condition.CONTENT,
        LetterKind.REPORT: Condition.CONTENT,
    }.get(LetterKind(kind))
    return [Condition.LANGUAGE_AND_SIGNATURE, *([specific] if specific else []), Condition.NOT_ALREADY_HANDLED]


def failed_conditions(kind: str, met: set[str]) -> list[Condition]:
    """Which conditions of ``kind`` are not met: a letter failing any is "không đủ điều kiện xử lý"
    and is filed with the reason — never dropped silently."""
    return [c for c in conditions_for(kind) if c not in met]


# --- the case ---------------------------------------------------------------------------------------


class Status(StrEnum):
    RECEIVED = "received"
    CLASSIFIED = "classified"
    PROPOSED = "proposed"  # đề xuất thụ lý
    ACCEPTED = "accepted"  # thụ lý
    VERIFYING = "verifying"
    DIALOGUE = "dialogue"  # khiếu nại only
    SUSPENDED = "suspended"  # tạm đình chỉ: the clock pauses
    DECIDED = "decided"  # quyết định giải quyết / kết luận
    ENFORCING = "enforcing"  # tổ chức thực hiện
    GUIDED = "guided"
    TRANSFERRED = "transferred"
    RETURNED = "returned"
    FILED = "filed"
    URGED = "urged"
    TERMINATED = "terminated"  # đình chỉ, rút toàn bộ
    CLOSED = "closed"


STATUS_LABELS = {
    Status.RECEIVED: "Đã vào sổ",
    Status.CLASSIFIED: "Đã phân loại",
    Status.PROPOSED: "Đề xuất thụ lý",
    Status.ACCEPTED: "Đã thụ lý",
    Status.VERIFYING: "Đang xác minh",
    Status.DIALOGUE: "Đối thoại",
    Status.SUSPENDED: "Tạm đình chỉ",
    Status.DECIDED: "Đã có quyết định, kết luận",
    Status.ENFORCING: "Đang tổ chức thực hiện",
    Status.GUIDED: "Đã hướng dẫn",
    Status.TRANSFERRED: "Đã chuyển đơn",
    Status.RETURNED: "Đã trả đơn, giấy tờ gốc",
    Status.FILED: "Lưu đơn",
    Status.URGED: "Đã đôn đốc cấp dưới",
    Status.TERMINATED: "Đình chỉ giải quyết",
    Status.CLOSED: "Kết thúc",
}
OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.CLASSIFIED,
        Status.PROPOSED,
        Status.ACCEPTED,
        Status.VERIFYING,
        Status.DIALOGUE,
        Status.SUSPENDED,
        Status.DECIDED,
        Status.ENFORCING,
        Status.TRANSFERRED,
        Status.URGED,
    }
)
#: What the citizen sees on the public status page (never internal notes).
PUBLIC_STATUS = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.CLASSIFIED: "Đang xử lý",
    Status.PROPOSED: "Đang xử lý",
    Status.ACCEPTED: "Đã thụ lý, đang giải quyết",
    Status.VERIFYING: "Đã thụ lý, đang giải quyết",
    Status.DIALOGUE: "Đã thụ lý, đang giải quyết",
    Status.SUSPENDED: "Tạm đình chỉ giải quyết",
    Status.DECIDED: "Đã có kết quả giải quyết",
    Status.ENFORCING: "Đã có kết quả giải quyết",
    Status.GUIDED: "Đã hướng dẫn công dân",
    Status.TRANSFERRED: "Đã chuyển cơ quan có thẩm quyền",
    Status.RETURNED: "Đã trả lại đơn",
    Status.FILED: "Đã xử lý (lưu đơn)",
    Status.URGED: "Đã đôn đốc cấp có thẩm quyền",
    Status.TERMINATED: "Đình chỉ giải quyết",
    Status.CLOSED: "Đã kết thúc",
}


class Action(StrEnum):
    CLASSIFY = "classify"
    PROPOSE = "propose"
    ACCEPT = "accept"
    VERIFY = "verify"
    DIALOGUE = "dialogue"
    SUSPEND = "suspend"
    RESUME = "resume"
    DECIDE = "decide"
    ENFORCE = "enforce"
    GUIDE = "guide"
    TRANSFER = "transfer"
    RETURN_PAPERS = "return_papers"
    FILE = "file"
    URGE = "urge"
    TERMINATE = "terminate"
    TO_INVESTIGATION = "to_investigation"  # dấu hiệu tội phạm: cơ quan điều tra, viện kiểm sát (Luật Tố cáo Điều 27)
    TO_PARTY = "to_party"  # đảng viên vi phạm Điều lệ: ủy ban kiểm tra (TT 05/2021 Điều 15)
    CLOSE = "close"
    EXTEND = "extend"  # gia hạn: the case stays where it is, its clock moves
    WITHDRAW_PART = "withdraw_part"  # rút một phần: recorded, the case goes on
    REPORT = "report"  # báo cáo kết quả xác minh: the handler's report to the leader, who then decides


class Right(StrEnum):
    RECEIVE = "core.receive_citizens"
    EDIT = "petitions.edit"
    DECIDE = "petitions.decide"


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    #: ``None``: the step records something (an extension, a partial withdrawal) and the case stays.
    target: Status | None
    right: Right
    label: str
    kinds: frozenset[LetterKind] | None = None  # None: every kind
    #: A route that may be taken only once for the same content (guide, transfer).
    once_per_content: bool = False
    basis: str = ""


S = Status
_TRIAGE = frozenset({S.RECEIVED, S.CLASSIFIED})
_RESOLVING = frozenset({S.ACCEPTED, S.VERIFYING, S.DIALOGUE})
_KN_TC = frozenset({LetterKind.COMPLAINT, LetterKind.DENUNCIATION})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.CLASSIFY, frozenset({S.RECEIVED}), S.CLASSIFIED, Right.EDIT, "Phân loại",
                   basis="Thông tư 07/2014/TT-TTCP, Điều 6; Thông tư 05/2021/TT-TTCP"),
        Transition(Action.PROPOSE, frozenset({S.CLASSIFIED}), S.PROPOSED, Right.EDIT, "Đề xuất thụ lý",
                   basis="Thông tư 05/2021/TT-TTCP, Mẫu 01"),
        Transition(Action.ACCEPT, frozenset({S.PROPOSED}), S.ACCEPTED, Right.DECIDE, "Thụ lý",
                   basis="Luật Khiếu nại 2011, Điều 27; Luật Tố cáo 2018, Điều 29"),
        Transition(Action.VERIFY, frozenset({S.ACCEPTED}), S.VERIFYING, Right.EDIT, "Xác minh", _KN_TC),
        Transition(
            Action.DIALOGUE, frozenset({S.VERIFYING}), S.DIALOGUE, Right.EDIT, "Đối thoại",
            frozenset({LetterKind.COMPLAINT}),
        ),
        Transition(Action.SUSPEND, _RESOLVING, S.SUSPENDED, Right.DECIDE, "Tạm đình chỉ", _KN_TC),
        Transition(Action.RESUME, frozenset({S.SUSPENDED}), S.VERIFYING, Right.DECIDE, "Tiếp tục giải quyết"),
        Transition(Action.DECIDE, _RESOLVING, S.DECIDED, Right.DECIDE, "Ban hành quyết định, kết luận"),
        Transition(Action.ENFORCE, frozenset({S.DECIDED}), S.ENFORCING, Right.EDIT, "Tổ chức thực hiện", _KN_TC),
        Transition(Action.GUIDE, _TRIAGE, S.GUIDED, Right.EDIT, "Hướng dẫn", once_per_content=True),
        Transition(Action.TRANSFER, _TRIAGE, S.TRANSFERRED, Right.EDIT, "Chuyển đơn", once_per_content=True),
        Transition(Action.RETURN_PAPERS, _TRIAGE, S.RETURNED, Right.EDIT, "Trả đơn, giấy tờ gốc"),
        Transition(Action.FILE, _TRIAGE, S.FILED, Right.EDIT, "Lưu đơn"),
        Transition(Action.URGE, _TRIAGE, S.URGED, Right.EDIT, "Đôn đốc cấp dưới"),
        Transition(
            Action.TERMINATE, _RESOLVING | {S.SUSPENDED}, S.TERMINATED, Right.DECIDE, "Đình chỉ (rút đơn)", _KN_TC
        ),
        Transition(
            Action.TO_INVESTIGATION, _TRIAGE | _RESOLVING, S.TRANSFERRED, Right.DECIDE,
            "Chuyển cơ quan điều tra, viện kiểm sát", frozenset({LetterKind.DENUNCIATION}),
        ),
        Transition(
            Action.TO_PARTY, _TRIAGE | _RESOLVING, S.TRANSFERRED, Right.DECIDE,
            "Chuyển ủy ban kiểm tra của Đảng", frozenset({LetterKind.DENUNCIATION}),
        ),
        Transition(
            Action.CLOSE,
            frozenset({S.DECIDED, S.ENFORCING, S.GUIDED, S.TRANSFERRED, S.RETURNED, S.FILED, S.URGED, S.TERMINATED}),
            S.CLOSED,
            Right.EDIT,
            "Kết thúc, lưu hồ sơ",
        ),
        Transition(
            Action.EXTEND, _RESOLVING, None, Right.DECIDE, "Gia hạn giải quyết",
            basis="Luật Khiếu nại 2011, Điều 28, 37; Luật Tố cáo 2018, Điều 30",
        ),
        # The handler's report of what the verification found, with a proposal; the case stays in
        # verification until the leader decides (DOMAIN §1.4: VERIFYING ─► DECIDED/CONCLUDED).
        Transition(
            Action.REPORT, frozenset({S.VERIFYING, S.DIALOGUE}), None, Right.EDIT, "Báo cáo kết quả xác minh", _KN_TC
        ),
        Transition(
            Action.WITHDRAW_PART, _RESOLVING | {S.SUSPENDED}, None, Right.EDIT, "Rút một phần nội dung",
            basis="Luật Tố cáo 2018, Điều 33; Luật Khiếu nại 2011, Điều 10",
        ),
    )
}  # fmt: skip


class TransitionRefused(Exception):
    pass


def transition_for(action: str, status: str, kind: str) -> Transition:
    try:
        transition = TRANSITIONS[Action(action)]
    except ValueError as exc:
        raise TransitionRefused(f"Thao tác “{action}” không tồn tại.") from exc
    if Status(status) not in transition.sources:
        raise TransitionRefused(
            f"Không thể “{transition.label}” khi vụ việc đang ở trạng thái “{STATUS_LABELS[Status(status)]}”."
        )
    if transition.kinds is not None and LetterKind(kind) not in transition.kinds:
        raise TransitionRefused(f"“{transition.label}” không áp dụng cho đơn {KIND_LABELS[LetterKind(kind)].lower()}.")
    return transition


def allowed_actions(status: str, kind: str) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if Status(status) in t.sources and (t.kinds is None or LetterKind(kind) in t.kinds)
    ]


def once_refusal(transition: Transition, times_before: int) -> str | None:
    """Guide only once and transfer only once for the same content (TT 07/2014; TT 05/2021 Điều 14.1)."""
    if transition.once_per_content and times_before > 0:
        return (
            f"Nội dung này đã được “{transition.label.lower()}” một lần; theo Thông tư 05/2021/TT-TTCP chỉ "
            f"{transition.label.lower()} một lần: lưu đơn."
        )
    return None


class Resolution(StrEnum):
    """How a case within competence was resolved: "đã giải quyết (rút đơn / hòa giải / QĐ giải quyết)"
    (DOMAIN §1.7; Luật Khiếu nại 2011 Điều 10 and Luật 136/2025 on withdrawal; Luật Tố cáo 2018 Điều 33)."""

    DECISION = "decision"  # quyết định giải quyết khiếu nại, kết luận nội dung tố cáo, văn bản trả lời
    WITHDRAWN = "withdrawn"  # rút toàn bộ đơn bằng văn bản: đình chỉ giải quyết
    MEDIATED = "mediated"  # hòa giải, đối thoại thành: người khiếu nại rút đơn sau thỏa thuận


RESOLUTION_LABELS = {
    Resolution.DECISION: "Ban hành quyết định, kết luận",
    Resolution.WITHDRAWN: "Rút đơn",
    Resolution.MEDIATED: "Hòa giải thành",
}


class Outcome(StrEnum):
    RIGHT = "right"
    PARTLY = "partly"
    WRONG = "wrong"


OUTCOME_LABELS = {
    LetterKind.COMPLAINT: {Outcome.RIGHT: "Khiếu nại đúng", Outcome.PARTLY: "Đúng một phần", Outcome.WRONG: "Sai"},
    LetterKind.DENUNCIATION: {
        Outcome.RIGHT: "Tố cáo đúng",
        Outcome.PARTLY: "Đúng một phần",
        Outcome.WRONG: "Sai sự thật",
    },
}


#: The step expected next in each state (the page's primary button, the inbox's "start" button). Where
#: the kind decides, the first step of the table above that applies to the case's kind: verification
#: and "tổ chức thực hiện" are steps of complaints and denunciations only, so an accepted kiến nghị,
#: phản ánh goes to its answer (the decision) and then is closed.
EXPECTED: dict[Status, tuple[Action, ...]] = {
    S.RECEIVED: (Action.CLASSIFY,),
    S.CLASSIFIED: (Action.PROPOSE,),
    S.PROPOSED: (Action.ACCEPT,),
    S.ACCEPTED: (Action.VERIFY, Action.DECIDE),
    S.VERIFYING: (Action.DECIDE, Action.REPORT),  # the leader decides; the handler reports first
    S.DIALOGUE: (Action.DECIDE, Action.REPORT),
    S.SUSPENDED: (Action.RESUME,),
    S.DECIDED: (Action.ENFORCE, Action.CLOSE),
    S.ENFORCING: (Action.CLOSE,),
    S.GUIDED: (Action.CLOSE,),
    S.TRANSFERRED: (Action.CLOSE,),
    S.RETURNED: (Action.CLOSE,),
    S.FILED: (Action.CLOSE,),
    S.URGED: (Action.CLOSE,),
    S.TERMINATED: (Action.CLOSE,),
}
#: Steps that end the handling without a resolution on the merits: danger buttons on the case page.
ENDS_WITHOUT_RESOLUTION = frozenset({Action.TERMINATE, Action.FILE, Action.RETURN_PAPERS})


# --- what a letter must say, and what its sender may do next ----------------------------------------

#: A letter must state its content to be processed (TT 07/2014/TT-TTCP Điều 6.2.a, kept by TT 05/2021) [V/M].
#: How much is "stated" is ours: a citizen writing online describes the matter in their own words; the
#: reception desk writes a summary of a letter it holds in hand.
MIN_CONTENT_PUBLIC = 15
MIN_CONTENT = 10


def min_content_length(channel: str) -> int:
    return MIN_CONTENT_PUBLIC if channel in PUBLIC_CHANNELS else MIN_CONTENT


def content_error(content: str, channel: str) -> str | None:
    """Why ``content`` is too short for a letter received through ``channel``, or None."""
    text = " ".join(content.split())
    needed = min_content_length(channel)
    if not text:
        return "Nhập nội dung đơn." if channel in PUBLIC_CHANNELS else "Cần ghi tóm tắt nội dung đơn."
    if len(text) < needed:
        return f"Nội dung cần ít nhất {needed} ký tự (mới có {len(text)}): nêu rõ sự việc, nơi xảy ra."
    return None


@dataclass(frozen=True)
class NextRight:
    """What the sender of a case may do once it has an answer, with the provision that gives the right."""

    text: str
    basis: str


def next_rights(kind: str, status: str, *, resolution_round: int = 1, resolution: str = "") -> list[NextRight]:
    """The citizen's next rights on the public status page, from the kind and where the case ended.

    Nothing for a case still being handled: the rights run from the answer."""
    state, k = Status(status), LetterKind(kind)
    answered = state in (Status.DECIDED, Status.ENFORCING) or (state == Status.CLOSED and bool(resolution))
    if state == Status.GUIDED:
        return [
            NextRight(
                "Nội dung đơn không thuộc thẩm quyền của cơ quan đã nhận: bạn gửi đơn đến cơ quan có "
                "thẩm quyền theo văn bản hướng dẫn.",
                "Thông tư 05/2021/TT-TTCP, Điều 14",
            )
        ]
    if state == Status.TRANSFERRED:
        return [
            NextRight(
                "Đơn đã được chuyển đến cơ quan có thẩm quyền; cơ quan đó xem xét và thông báo cho bạn.",
                "Luật Tiếp công dân 2013, Điều 28.1",
            )
        ]
    if state == Status.FILED:
        return [
            NextRight(
                "Đơn được lưu theo quy định (đơn trùng, hoặc chưa đủ điều kiện xử lý). Bạn có thể gửi "
                "đơn mới ghi rõ họ tên, địa chỉ và nội dung.",
                "Thông tư 07/2014/TT-TTCP, Điều 6.2",
            )
        ]
    if resolution == Resolution.WITHDRAWN or state == Status.TERMINATED:
        return [
            NextRight(
                "Nội dung đã rút không được xem xét lại, trừ khi việc rút đơn do bị ép buộc.",
                "Luật 136/2025/QH15 sửa đổi Luật Khiếu nại; Luật Tố cáo 2018, Điều 33",
            )
        ]
    if not answered:
        return []
    if k == LetterKind.COMPLAINT and resolution_round < 2:
        # Luật Khiếu nại 2011, Điều 7.1 (the order: second complaint or an administrative lawsuit) and
        # Điều 33 (30 days from the first decision or the end of its period; 45 in remote areas) [V].
        return [
            NextRight(
                "Nếu không đồng ý với quyết định giải quyết lần đầu, bạn có quyền khiếu nại lần hai đến "
                "người có thẩm quyền cấp trên trực tiếp trong 30 ngày (vùng sâu, vùng xa: 45 ngày) kể từ "
                "ngày nhận quyết định.",
                "Luật Khiếu nại 2011, Điều 7.1, Điều 33",
            ),
            NextRight(
                "Hoặc khởi kiện vụ án hành chính tại Tòa án theo Luật Tố tụng hành chính.",
                "Luật Khiếu nại 2011, Điều 7.1",
            ),
        ]
    if k == LetterKind.COMPLAINT:
        return [
            NextRight(
                "Nếu không đồng ý với quyết định giải quyết khiếu nại lần hai, bạn có quyền khởi kiện vụ "
                "án hành chính tại Tòa án theo Luật Tố tụng hành chính.",
                "Luật Khiếu nại 2011, Điều 7.2",
            )
        ]
    if k == LetterKind.DENUNCIATION:
        return [
            NextRight(
                "Nếu có căn cứ cho rằng việc giải quyết tố cáo không đúng pháp luật, bạn có quyền tố cáo "
                "tiếp đến cơ quan, người có thẩm quyền cấp trên.",
                "Luật Tố cáo 2018, Điều 37, 38",
            )
        ]
    return [
        NextRight(
            "Nếu chưa đồng ý với kết quả, bạn có thể gửi kiến nghị, phản ánh đến cơ quan cấp trên hoặc đến "
            "nơi tiếp công dân.",
            "Luật Tiếp công dân 2013, Điều 7",
        )
    ]
