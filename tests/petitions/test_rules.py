"""The case's transition table and the triage rules, from DOMAIN §1.2–1.4."""

from __future__ import annotations

import pytest

from danvan.petitions import rules
from danvan.petitions.rules import Action, LetterKind, Status

EXPECTED = {
    (Action.CLASSIFY, Status.RECEIVED): Status.CLASSIFIED,
    (Action.PROPOSE, Status.CLASSIFIED): Status.PROPOSED,
    (Action.ACCEPT, Status.PROPOSED): Status.ACCEPTED,
    (Action.VERIFY, Status.ACCEPTED): Status.VERIFYING,
    (Action.DIALOGUE, Status.VERIFYING): Status.DIALOGUE,
    (Action.RESUME, Status.SUSPENDED): Status.VERIFYING,
    (Action.ENFORCE, Status.DECIDED): Status.ENFORCING,
    **{(Action.SUSPEND, s): Status.SUSPENDED for s in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE)},
    **{(Action.DECIDE, s): Status.DECIDED for s in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE)},
    **{
        (Action.TERMINATE, s): Status.TERMINATED
        for s in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE, Status.SUSPENDED)
    },
    **{
        (a, s): t
        for a, t in (
            (Action.GUIDE, Status.GUIDED),
            (Action.TRANSFER, Status.TRANSFERRED),
            (Action.RETURN_PAPERS, Status.RETURNED),
            (Action.FILE, Status.FILED),
            (Action.URGE, Status.URGED),
        )
        for s in (Status.RECEIVED, Status.CLASSIFIED)
    },
    **{
        (Action.CLOSE, s): Status.CLOSED
        for s in (
            Status.DECIDED,
            Status.ENFORCING,
            Status.GUIDED,
            Status.TRANSFERRED,
            Status.RETURNED,
            Status.FILED,
            Status.URGED,
            Status.TERMINATED,
        )
    },
}
for _status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE):
    EXPECTED[(Action.EXTEND, _status)] = None  # the case stays; its clock moves
for _status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE, Status.SUSPENDED):
    EXPECTED[(Action.WITHDRAW_PART, _status)] = None  # recorded; the case goes on
for _status in (Status.VERIFYING, Status.DIALOGUE):
    EXPECTED[(Action.REPORT, _status)] = None  # the handler's report; the leader then decides
ONLY_KN_TC = {Action.VERIFY, Action.SUSPEND, Action.ENFORCE, Action.TERMINATE, Action.REPORT}
ONLY_TC = {Action.TO_INVESTIGATION, Action.TO_PARTY}
for _route in ONLY_TC:
    for _status in (Status.RECEIVED, Status.CLASSIFIED, Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE):
        EXPECTED[(_route, _status)] = Status.TRANSFERRED


@pytest.mark.parametrize("kind", list(LetterKind))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("status", list(Status))
def test_every_action_from_every_status_for_every_kind(kind: LetterKind, action: Action, status: Status) -> None:
    allowed = (action, status) in EXPECTED
    if action in ONLY_KN_TC and kind not in (LetterKind.COMPLAINT, LetterKind.DENUNCIATION):
        allowed = False
    if action in ONLY_TC and kind != LetterKind.DENUNCIATION:
        allowed = False  # signs of a crime, a Party member's breach: routes of a denunciation
    if action == Action.DIALOGUE and kind != LetterKind.COMPLAINT:
        allowed = False  # dialogue is a step of complaint resolution (Luật Khiếu nại Điều 30)
    if allowed:
        assert rules.transition_for(action, status, kind).target == EXPECTED[(action, status)]
    else:
        with pytest.raises(rules.TransitionRefused):
            rules.transition_for(action, status, kind)


def test_guide_and_transfer_only_once_for_the_same_content() -> None:
    guide = rules.TRANSITIONS[Action.GUIDE]
    assert rules.once_refusal(guide, 0) is None
    assert "chỉ hướng dẫn một lần" in (rules.once_refusal(guide, 1) or "")
    assert rules.once_refusal(rules.TRANSITIONS[Action.TRANSFER], 1)
    assert rules.once_refusal(rules.TRANSITIONS[Action.FILE], 3) is None


def test_processing_conditions_by_kind() -> None:
    assert rules.failed_conditions("kn", {"form", "kn_content", "not_handled"}) == []
    assert rules.failed_conditions("tc", {"form", "not_handled"}) == [rules.Condition.DENUNCIATION_CONTENT]
    assert rules.failed_conditions("pa", set()) == [
        rules.Condition.LANGUAGE_AND_SIGNATURE,
        rules.Condition.CONTENT,
        rules.Condition.NOT_ALREADY_HANDLED,
    ]


def test_public_statuses_cover_every_status_and_say_nothing_internal() -> None:
    assert set(rules.PUBLIC_STATUS) == set(Status)
    assert all("nội bộ" not in label for label in rules.PUBLIC_STATUS.values())
