"""Fixtures of the dialogues tests: a held dialogue of xã A with two commitments, and the bodies of xã A."""

from __future__ import annotations

import datetime

import pytest

from danvan.accounts.access import SYSTEM
from danvan.dialogues import rules, services
from danvan.units.models import Organization, OrganizationKind
from tests.factories import OrganizationFactory

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def ubnd_a(tree) -> Organization:
    return OrganizationFactory(
        unit=tree.commune_a, name="Ủy ban nhân dân xã A", kind=OrganizationKind.PEOPLES_COMMITTEE
    )


@pytest.fixture
def ubnd_b(tree) -> Organization:
    return OrganizationFactory(
        unit=tree.commune_b, name="Ủy ban nhân dân xã B", kind=OrganizationKind.PEOPLES_COMMITTEE
    )


def plan(unit, actor=SYSTEM, **kw):
    values = {
        "kind": rules.MeetingKind.DIALOGUE,
        "topic": "Đối thoại về đường thôn",
        "planned_on": datetime.date(2026, 3, 2),
        "host_name": "Nguyễn Văn Chủ",
        "host_position": "Chủ tịch UBND xã",
        "invited_groups": [rules.Group.HOUSEHOLDS],
    }
    values.update(kw)
    return services.plan_meeting(actor=actor, unit=unit, **values)


def commitment_in(org, due=datetime.date(2026, 4, 1), **kw):
    return services.CommitmentIn(
        content=kw.pop("content", "Sửa đường thôn A1"), due_on=due, responsible_organization=org, **kw
    )


@pytest.fixture
def held(tree, ubnd_a):
    """A dialogue of xã A held on 2/3/2026: 30 households, 2 issues (1 answered), 2 commitments."""
    meeting = plan(tree.commune_a)
    services.record_meeting(
        actor=SYSTEM, meeting=meeting, held_on=datetime.date(2026, 3, 2),
        attendance={rules.Group.HOUSEHOLDS: 30, rules.Group.ELDERLY: 5},
        issues=[rules.IssueIn("Đường lầy lội", rules.Field.INFRASTRUCTURE, raised_by_name="Ông Lò Văn Dân",
                              raised_by_group=rules.Group.HOUSEHOLDS, answer="Sẽ sửa trong quý II"),
                rules.IssueIn("Chậm cấp sổ đỏ", rules.Field.LAND, petition_ref="12/2026/TD")],
        commitments=[commitment_in(ubnd_a, issue=1),
                     commitment_in(ubnd_a, content="Trả lời về sổ đỏ", due=datetime.date(2026, 3, 20))],
    )  # fmt: skip
    return meeting
