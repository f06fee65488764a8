"""Statistics of DOMAIN §1.7 — letters and cases counted apart, as the seeds count them
("tiếp nhận 189 đơn, thư với 167 vụ việc… đã giải quyết 77 đơn/77 vụ việc") — and the work queues."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.petitions import selectors, services
from danvan.petitions.lists import CASES
from danvan.petitions.models import Subject
from danvan.stats.engine import WHOLE_SYSTEM
from tests.petitions.test_services import intake

pytestmark = pytest.mark.django_db
d = datetime.date


def test_letters_and_cases_are_counted_apart(tree, personas) -> None:
    first = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake())
    services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake(received_on=d(2026, 3, 9)))  # a repeat
    other = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_b,
        intake=intake(sender_name="Hà Thị Mai", kind="pa", content="Phản ánh chợ tạm lấn chiếm lòng đường",
                      subject=Subject.objects.get(name="Quy hoạch, xây dựng, di dời chợ")),
    )  # fmt: skip
    services.receive_letter(
        actor=SYSTEM, unit=tree.commune_c, intake=intake(sender_name="Ngoài tỉnh", content="Không tính")
    )
    case = first.case
    services.classify(actor=SYSTEM, case=case)
    services.propose_acceptance(actor=SYSTEM, case=case)
    services.accept(actor=SYSTEM, case=case, on=d(2026, 3, 9))
    services.decide(actor=SYSTEM, case=case, on=d(2026, 3, 30), outcome="partly", land=120)
    services.route(actor=SYSTEM, case=other.case, action="guide", on=d(2026, 3, 10))

    stats = selectors.stats_for(tree.province, Period.first_half(2026), user=WHOLE_SYSTEM)
    assert (stats.letters, stats.duplicates, stats.cases) == (3, 1, 2)
    assert stats.letters_by_kind == {"kn": 2, "pa": 1}
    assert stats.outcomes["accept"] == 1 and stats.outcomes["guide"] == 1
    assert (stats.resolved, stats.resolved_on_time, stats.on_time_rate) == (1, 1, 100)
    assert stats.complaint_results == {"partly": 1} and stats.land_recovered == 120
    assert selectors.stats_for(tree.province, Period.second_half(2026), user=WHOLE_SYSTEM).carried_over == 0
    assert selectors.stats_for(tree.commune_b, Period.first_half(2026), user=WHOLE_SYSTEM).letters == 1


def test_queues_mine_due_soon_and_overdue(tree, personas) -> None:
    today = timezone.localdate()
    recent = services.receive_letter(actor=SYSTEM, unit=tree.commune_a, intake=intake(received_on=today)).case
    old = services.receive_letter(
        actor=SYSTEM,
        unit=tree.commune_a,
        intake=intake(sender_name="Người khác", sender_id_number="", received_on=today - datetime.timedelta(days=60)),
    ).case
    recent.handlers.add(personas.officer_a)

    def queue(user, name: str = "") -> list:
        return list(CASES.bind(user, {"queue": name}).queryset())

    # "Của tôi" is the inbox's: the case the officer handles, and the one that waits for the desk's
    # classification (nobody is assigned to it yet).
    assert queue(personas.officer_a, "mine") == [recent, old]
    assert queue(personas.officer_a, "overdue") == [old]
    assert recent not in queue(personas.officer_a, "due_soon")  # its first clock is 10 days
    assert queue(personas.officer_b) == []
    other = services.receive_letter(
        actor=SYSTEM, unit=tree.commune_b, intake=intake(sender_name="Xã B", sender_id_number="", received_on=today)
    ).case
    assert queue(personas.officer_b, "mine") == [other] and other not in queue(personas.officer_a, "mine")


def test_on_time_is_judged_against_the_resolution_deadline(tree) -> None:
    for sender, decided in (("Đúng Hạn", d(2026, 4, 1)), ("Trễ Hạn", d(2026, 4, 20))):
        case = services.receive_letter(
            actor=SYSTEM, unit=tree.commune_a, intake=intake(sender_name=sender, sender_id_number="")
        ).case
        services.classify(actor=SYSTEM, case=case)
        services.propose_acceptance(actor=SYSTEM, case=case)
        services.accept(actor=SYSTEM, case=case, on=d(2026, 3, 9))  # 30 days → 08/04/2026
        services.decide(actor=SYSTEM, case=case, on=decided, outcome="wrong")
    stats = selectors.stats_for(tree.province, Period.first_half(2026), user=WHOLE_SYSTEM)
    assert (stats.resolved, stats.resolved_on_time, stats.on_time_rate) == (2, 1, 50)


def test_withdrawn_and_mediated_cases_count_as_resolved(tree, personas) -> None:
    """DOMAIN §1.7: "đã giải quyết (rút đơn / hòa giải / QĐ giải quyết)"."""
    cases = []
    for n, sender in enumerate(("Lò Văn Một", "Lò Văn Hai", "Lò Văn Ba")):
        letter = services.receive_letter(
            actor=SYSTEM, unit=tree.commune_a, intake=intake(sender_name=sender, sender_id_number=f"00608000123{n}")
        )
        case = letter.case
        services.classify(actor=SYSTEM, case=case)
        services.propose_acceptance(actor=SYSTEM, case=case)
        services.accept(actor=SYSTEM, case=case, on=d(2026, 3, 9))
        cases.append(case)
    services.decide(actor=SYSTEM, case=cases[0], on=d(2026, 3, 30), outcome="right")
    services.terminate(actor=SYSTEM, case=cases[1], reason="Đơn rút ngày 20/3", on=d(2026, 3, 20))
    services.terminate(actor=SYSTEM, case=cases[2], reason="Hòa giải thành tại thôn", on=d(2026, 3, 21),
                       ground="mediated")  # fmt: skip
    stats = selectors.stats_for(tree.province, Period.first_half(2026), user=personas.supervisor)
    assert stats.resolved == 3
    assert stats.resolutions == {"decision": 1, "withdrawn": 1, "mediated": 1}
    assert stats.complaint_results == {"right": 1}  # the results are those of decisions
    assert stats.resolved_on_time == 3
