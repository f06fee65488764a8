"""The index computed in SQL against a hand count; the ranking of siblings; the sample check."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from danvan.core.periods import Period
from danvan.satisfaction import measures, selectors, services
from danvan.stats import registry
from danvan.stats.engine import WHOLE_SYSTEM
from tests.satisfaction.conftest import DAY, SYSTEM, answer_all

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)


def _record(survey, unit, answers, *, day=DAY, code="1.001193", channel="paper"):
    return services.record_response(
        campaign=survey.campaign,
        unit=unit,
        procedure_code=code,
        channel=channel,
        answers=answers,
        actor=SYSTEM if channel == "paper" else None,
        token=survey.campaign.token if channel == "online" else "",
        answered_on=day,
    )


def test_the_sources_are_registered() -> None:
    assert registry.source("satisfaction.answers") is measures.ANSWERS
    assert registry.source("satisfaction.responses") is measures.RESPONSES


def test_index_matches_a_hand_count(tree, personas, survey) -> None:
    overall, access_item = survey.overall, survey.element_item(0)
    # Overall: 5, 4, 3, None, 2, 4 → valid 5, satisfied 3 → 60%. Element 1: 5, 5, 1, 4, None, None → 3/4 = 75%.
    rows = [(5, 5), (4, 5), (3, 1), (None, 4), (2, None), (4, None)]
    for i, (o, e) in enumerate(rows):
        unit = tree.commune_a if i < 4 else tree.commune_b
        _record(
            survey, unit, answer_all(survey, 3) | {overall: o, access_item: e}, channel="online" if i == 0 else "paper"
        )
    # Outside the period: not counted.
    _record(survey, tree.commune_a, answer_all(survey, 1), day=datetime.date(2026, 1, 5))
    stats = selectors.stats_for(
        tree.province, Period.custom(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)), user=personas.supervisor
    )
    assert (stats.overall.valid, stats.overall.satisfied, stats.index) == (5, 3, Decimal("60.00"))
    first = stats.elements[0]
    assert first.name == "Tiếp cận dịch vụ"
    assert (first.figure.valid, first.figure.satisfied, first.figure.index) == (4, 3, Decimal("75.00"))
    # Every other element's own question was answered 3: valid 6, satisfied 0.
    assert [e.figure.index for e in stats.elements[1:]] == [Decimal("0.00")] * 4
    assert stats.responses == {"responses": 6, "paper": 5, "online": 1}
    # The sub-units: A has 5, 4, 3 → 2/3; B has 2, 4 → 1/2.
    by_unit = {r.unit.pk: r for r in stats.sub_units}
    assert by_unit[tree.commune_a.pk].figure.index == Decimal("66.67") and by_unit[tree.commune_a.pk].rank.position == 1
    assert by_unit[tree.commune_b.pk].figure.index == Decimal("50.00") and by_unit[tree.commune_b.pk].rank.position == 2


def test_scope_limits_the_figures(tree, personas, survey) -> None:
    _record(survey, tree.commune_a, answer_all(survey, 5))
    _record(survey, tree.commune_b, answer_all(survey, 1))
    own = selectors.stats_for(tree.commune_a, YEAR, user=personas.officer_a)
    assert own.overall.valid == 1 and own.index == Decimal("100.00")
    # The rank is among all siblings; the table shows only those in the viewer's scope.
    assert own.rank is not None and (own.rank.position, own.rank.of) == (1, 2)
    assert [r.unit for r in own.siblings] == [tree.commune_a]
    province = selectors.stats_for(tree.province, YEAR, user=personas.supervisor)
    assert province.overall.valid == 2 and province.index == Decimal("50.00")


def test_ranking_with_ties_and_change_against_the_previous_period(tree, personas, survey) -> None:
    overall = survey.overall
    h1, h2 = datetime.date(2026, 3, 1), datetime.date(2026, 9, 1)
    # First half: A 1/2, B 2/2 → B first. Second half: A 2/2, B 2/2 → tie, both first.
    for unit, values, day in [
        (tree.commune_a, (5, 2), h1),
        (tree.commune_b, (4, 5), h1),
        (tree.commune_a, (4, 4), h2),
        (tree.commune_b, (5, 5), h2),
    ]:
        for v in values:
            _record(survey, unit, answer_all(survey, 3) | {overall: v}, day=day)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2026, 12, 1))
        first = selectors.stats_for(tree.commune_a, Period.first_half(2026), user=personas.supervisor)
        second = selectors.stats_for(tree.commune_a, Period.second_half(2026), user=personas.supervisor)
    assert first.rank is not None and (first.rank.position, first.rank.of) == (2, 2)
    assert first.rank_text == "xếp thứ 2/2 xã, phường"
    assert second.rank is not None and second.rank.position == 1
    assert second.previous_rank == first.rank
    assert second.rank_change == "tăng 1 bậc"
    assert second.value_change == "tăng 50 điểm %"
    ranks = {r.unit.pk: r.rank.position for r in second.siblings}
    assert ranks == {tree.commune_a.pk: 1, tree.commune_b.pk: 1}


def test_province_ranked_among_provinces(tree, personas, survey) -> None:
    _record(survey, tree.commune_a, answer_all(survey, 4))
    stats = selectors.stats_for(tree.province, YEAR, user=personas.admin)
    assert stats.rank is not None and stats.rank.of == 1
    assert stats.rank_text == "xếp thứ 1/1 tỉnh, thành phố"


def test_target_status_on_the_page_figures(tree, personas, survey) -> None:
    services.set_target(actor=SYSTEM, unit=tree.province, period=YEAR, value="80")
    for v in (5, 4, 4, 4, 2):
        _record(survey, tree.commune_a, answer_all(survey, v))
    stats = selectors.stats_for(tree.province, YEAR, user=personas.supervisor)
    assert stats.index == Decimal("80.00")
    assert stats.target_status is not None and not stats.target_status.met  # "trên 80%": 80% is not above


def test_rating_share_comes_from_the_onestop_source(tree, personas, survey, monkeypatch) -> None:
    source = registry.source("onestop.ratings")
    seen = []

    def fake(src, target, **kw):
        seen.append(src)
        from danvan.stats.engine import compute

        return compute(src, target, **kw)

    monkeypatch.setattr(selectors, "compute", fake)
    stats = selectors.stats_for(tree.commune_a, YEAR, user=personas.officer_a)
    assert source in seen
    assert stats.ratings == {"rated": 0, "satisfied": 0} and stats.rating_share is None


def test_sample_check_counts_responses_per_stratum(tree, personas, survey) -> None:
    for _ in range(3):
        _record(survey, tree.commune_a, answer_all(survey, 4))
    _record(survey, tree.commune_b, answer_all(survey, 4), code="2.000815")
    rows = {
        (r.unit.pk, r.procedure_code): r.check.status for r in selectors.sample_check_for(WHOLE_SYSTEM, survey.campaign)
    }
    assert rows[(tree.commune_a.pk, "1.001193")] == "đủ"
    assert rows[(tree.commune_b.pk, "2.000815")] == "thiếu 2"
    assert rows[(tree.commune_a.pk, "2.000815")] == "thiếu 3"
    only_a = selectors.sample_check_for(personas.officer_a, survey.campaign)
    assert {r.unit for r in only_a} == {tree.commune_a}


def test_campaigns_for_reach_the_surveyed_communes(tree, personas, survey) -> None:
    assert set(selectors.campaigns_for(personas.officer_a)) == {survey.campaign, survey.campaign_a}
    assert set(selectors.campaigns_for(personas.officer_b)) == {survey.campaign}
