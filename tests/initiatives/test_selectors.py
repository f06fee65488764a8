"""Statistics over a subtree and a period, on today's tree and on the tree as it was; filters and search."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from danvan.accounts.access import SYSTEM
from danvan.core.periods import Period
from danvan.initiatives import selectors, services
from danvan.initiatives.models import Field, Metric
from danvan.stats.engine import WHOLE_SYSTEM
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)


def test_stats_count_each_stage_by_field_kind_and_commune(tree) -> None:
    culture = Field.objects.get(parent=None, name="Văn hóa – xã hội")
    make_initiative(tree.hamlet_a, "registered")
    make_initiative(tree.commune_a, "recognised")
    make_initiative(tree.commune_a, "exemplary", field=culture, kind="exemplar", owner_position="Bí thư chi bộ")
    make_initiative(tree.commune_b, "commended")
    make_initiative(tree.old_commune, "replicated")  # merged into xã A on 1/7/2025
    make_initiative(tree.commune_c, "recognised")  # another province
    stats = selectors.stats_for(tree.province, YEAR, user=WHOLE_SYSTEM)
    assert (stats.registered, stats.recognised, stats.exemplary, stats.commended, stats.replicated) == (5, 4, 3, 2, 1)
    assert stats.by_field.rows["Văn hóa – xã hội"]["registered"] == 1
    assert stats.individual["exemplary"] == 1 and stats.collective["exemplary"] == 2
    assert stats.by_level["co_so"] == 4
    by_unit = {u.short_name: c for u, c in stats.by_unit}
    assert by_unit["A"]["registered"] == 4 and by_unit["B"]["commended"] == 1
    assert stats.by_status["replicated"] == 1


def test_stats_on_the_tree_as_it_was(tree) -> None:
    make_initiative(tree.old_commune, "recognised", year=2025)
    make_initiative(tree.commune_a, "recognised")
    assert selectors.stats_for(tree.province, YEAR, today_tree=True, user=WHOLE_SYSTEM).recognised == 2
    assert selectors.stats_for(tree.province, YEAR, today_tree=False, user=WHOLE_SYSTEM).recognised == 1
    old = selectors.stats_for(tree.old_province, YEAR, today_tree=False, user=WHOLE_SYSTEM)
    assert old.recognised == 1 and [u.short_name for u, _ in old.by_unit] == ["Cũ"]


def test_period_bounds_and_results_sum_up_the_tree(tree) -> None:
    land = Metric.objects.get(name="Diện tích đất hiến")
    for unit, area in ((tree.hamlet_a, "9.000"), (tree.commune_b, "1.250,5")):
        initiative = make_initiative(unit, "in_progress")
        services.add_progress_report(
            actor=SYSTEM,
            initiative=initiative,
            kind="half",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            summary="Sơ kết",
            values=[services.MeasuredValue(land, area, "m²")],
        )
    stats = selectors.stats_for(tree.province, Period.first_half(2026), user=WHOLE_SYSTEM)
    assert [(m.name, v) for m, v in stats.results] == [("Diện tích đất hiến", Decimal("10250.5"))]
    assert selectors.stats_for(tree.province, Period.second_half(2026), user=WHOLE_SYSTEM).results == []
    assert selectors.stats_for(tree.province, Period.year(2025), user=WHOLE_SYSTEM).registered == 0
