"""The figures: a hand count, merged units, the viewer's scope, the queues, the public page."""

import datetime

import pytest

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.dialogues import rules, selectors, services
from danvan.dialogues.models import Commitment
from danvan.stats import registry
from danvan.stats.engine import WHOLE_SYSTEM
from tests.dialogues.conftest import commitment_in, plan

pytestmark = pytest.mark.django_db
D = datetime.date


def test_figures_match_a_hand_count(tree, personas, ubnd_a, held) -> None:
    first = held.commitments.order_by("pk").first()  # due 1/4/2026; the other is due 20/3/2026
    services.act_commitment(actor=SYSTEM, commitment=first, action="complete", note="Xong", reference="BC 1",
                            on=D(2026, 3, 25))  # fmt: skip
    # A voter contact in the old commune (merged into xã A) is counted under xã A and the new province.
    old = plan(tree.old_commune, kind=rules.MeetingKind.VOTER_CONTACT, council=rules.Council.NATIONAL_ASSEMBLY,
               timing=rules.Timing.AFTER, planned_on=D(2025, 3, 1))  # fmt: skip
    services.record_meeting(actor=SYSTEM, meeting=old, held_on=D(2025, 3, 1), attendance={"cu_tri": 70},
                            issues=[rules.IssueIn("Ô nhiễm", rules.Field.ENVIRONMENT)],
                            commitments=[commitment_in(None, responsible_text="UBND xã Cũ",
                                                       due=D(2025, 6, 1))])  # fmt: skip
    cancelled = plan(tree.commune_b, planned_on=D(2026, 5, 1))
    services.act_meeting(actor=SYSTEM, meeting=cancelled, action="cancel", reason="Bão", on=D(2026, 4, 28))

    year = selectors.stats_for(tree.commune_a, Period.year(2026), user=WHOLE_SYSTEM, today=D(2026, 12, 1))
    assert (year.meetings["held"], year.meetings["dialogues"], year.meetings["attendance"]) == (1, 1, 35)
    assert (year.issues["raised"], year.issues["answered"], year.issues["linked"]) == (2, 1, 1)
    assert year.issues_by_field[rules.Field.LAND]["raised"] == 1
    c = year.commitments
    assert (c["made"], c["kept_on_time"], c["kept_late"], c["open_within"], c["open_overdue"]) == (2, 1, 0, 0, 2)
    # 2026 on xã A: the old commune's commitment (still open, due 1/6/2025) is overdue at the year's end too.
    assert year.open == 2
    # Half-year one, at the end of March: the 20/3 commitment is overdue, the 1/4 one was kept on 25/3.
    march = selectors.stats_for(tree.commune_a, Period(D(2026, 3, 1), D(2026, 3, 31), "3/2026"), user=WHOLE_SYSTEM,
                                today=D(2026, 12, 1))  # fmt: skip
    assert (march.commitments["kept_on_time"], march.commitments["open_overdue"], march.commitments["open_within"]) == (
        1,
        2,
        0,
    )
    old_year = selectors.stats_for(tree.commune_a, Period.year(2025), user=WHOLE_SYSTEM, today=D(2026, 12, 1))
    assert (old_year.meetings["voter_contacts"], old_year.meetings["voter_after"], old_year.commitments["made"]) == (
        1,
        1,
        1,
    )
    province = selectors.stats_for(tree.province, Period.year(2026), user=WHOLE_SYSTEM, today=D(2026, 12, 1))
    assert province.meetings["held"] == 1 and province.meetings["cancelled"] == 1
    assert {u.short_name: v["made"] for u, v in province.by_unit}.get("A") == 2


def test_scope_of_the_viewer(tree, personas, held) -> None:
    mine = selectors.stats_for(tree.province, Period.year(2026), user=personas.officer_b, today=D(2026, 12, 1))
    assert mine.meetings["held"] == 0 and mine.commitments["made"] == 0
    supervisor = selectors.stats_for(tree.province, Period.year(2026), user=personas.supervisor, today=D(2026, 12, 1))
    assert supervisor.commitments["made"] == 2
    assert selectors.commitments_for(personas.officer_b).count() == 0
    assert selectors.commitments_for(personas.officer_a).count() == 2


def test_registered_sources() -> None:
    assert {"dialogues.meetings", "dialogues.issues", "dialogues.commitments", "dialogues.campaigns"} <= set(
        registry.names()
    )


def test_queues_and_the_public_page(tree, personas, ubnd_a, held) -> None:
    first, second = held.commitments.order_by("pk")
    qs = selectors.commitments_for(personas.officer_a)
    assert selectors.in_queue(qs, "overdue", personas.officer_a).count() == 2  # today is after both due dates
    services.act_commitment(actor=SYSTEM, commitment=first, action="complete", note="Đã sửa 1 km đường",
                            reference="BC 1", on=D(2026, 3, 25))  # fmt: skip
    assert selectors.in_queue(qs, "overdue", personas.officer_a).count() == 1
    assert selectors.public_page(tree.commune_a).total == 0  # nothing published yet
    for c in (first, second):
        services.set_published(actor=personas.leader_a, commitment=c, published=True)
    page = selectors.public_page(tree.province)
    assert page.kept_label == "Đã thực hiện 1/2 cam kết" and page.overdue == 1
    shown = repr(page.items)
    assert "Ông Lò Văn Dân" not in shown  # a citizen's name is never public
    assert "Hộ dân" in page.items[0].to_whom
    assert [u.pk for u, _n in selectors.public_units()] == [tree.commune_a.pk]
    assert Commitment.objects.filter(published=True).count() == 2
