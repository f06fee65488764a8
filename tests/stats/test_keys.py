"""The province key: written on every insert, followed when a unit moves, checked and repaired by a command.

The rule (decision record 0006): a counted record's key is the first step of its unit's path.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from danvan.core.periods import Period
from danvan.initiatives import selectors as initiative_selectors
from danvan.initiatives.models import Field, Initiative, Metric, ProgressReport, ResultValue
from danvan.petitions.models import Case, Letter
from danvan.stats import engine, keys
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.units import services as unit_services
from tests.conftest import Personas, Tree

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


def model(unit, name: str = "Mô hình") -> Initiative:
    field = Field.objects.get(parent=None, name="Kinh tế")
    return Initiative.objects.create(
        unit=unit, year=2026, name=name, name_folded=name.lower(), field=field, owner_name="Chi bộ",
        status="registered", registered_on=DAY,
    )  # fmt: skip


def test_a_record_takes_the_province_of_its_unit_on_insert(tree: Tree) -> None:
    created = model(tree.hamlet_a)
    assert created.province_key == tree.province.path[: keys.KEY_LENGTH]
    # Through bulk_create as well, and with only the unit's id known (one query for the path).
    field = Field.objects.get(parent=None, name="Kinh tế")
    [bulk] = Initiative.objects.bulk_create([
        Initiative(unit_id=tree.commune_c.pk, year=2026, name="Khác", name_folded="khac", field=field,
                   owner_name="Đoàn", status="registered", registered_on=DAY)
    ])  # fmt: skip
    assert Initiative.objects.get(pk=bulk.pk).province_key == tree.other_province.path
    # Across a relation: a measured result lies in the province of its model.
    metric = Metric.objects.first()
    assert metric is not None
    report = ProgressReport.objects.create(initiative=created, kind="half", period_start=DAY, period_end=DAY)
    value = ResultValue.objects.create(report=report, initiative_id=created.pk, metric=metric, value=5, period_end=DAY)
    assert value.province_key == tree.province.path
    assert keys.drift() == {}


def test_a_unit_that_moves_to_another_province_takes_its_records_and_their_figures(
    tree: Tree, personas: Personas
) -> None:
    model(tree.commune_b, "Ở xã B")
    model(tree.commune_c, "Ở phường C")
    period = Period.year(2026)

    def registered(unit) -> int:
        return initiative_selectors.stats_for(unit, period, user=WHOLE_SYSTEM).registered

    assert (registered(tree.province), registered(tree.other_province)) == (1, 1)
    # Two provinces in one pass, as a national report reads them.
    together = initiative_selectors.stats_for_units([tree.province, tree.other_province], period, user=WHOLE_SYSTEM)
    assert [s.registered for s in together] == [1, 1]

    unit_services.move_unit(actor=personas.admin, unit=tree.commune_b, new_parent=tree.other_province)

    assert Initiative.objects.get(name="Ở xã B").province_key == tree.other_province.path
    assert keys.drift() == {}
    assert (registered(tree.province), registered(tree.other_province)) == (0, 2)
    together = initiative_selectors.stats_for_units([tree.province, tree.other_province], period, user=WHOLE_SYSTEM)
    assert [s.registered for s in together] == [0, 2]


def test_the_command_finds_a_wrong_key_and_repairs_it(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = model(tree.commune_a)
    Initiative.objects.filter(pk=wrong.pk).update(province_key=tree.other_province.path)
    with pytest.raises(CommandError, match=r"khóa tỉnh sai \(initiatives.Initiative: 1\)"):
        call_command("stats_keys", "--check")
    call_command("stats_keys")
    assert "Đã sửa khóa tỉnh của 1 bản ghi" in capsys.readouterr().out
    call_command("stats_keys", "--check")
    assert Initiative.objects.get(pk=wrong.pk).province_key == tree.province.path
    assert not Case.objects.exists() and not Letter.objects.exists()  # nothing else was touched


def test_sub_units_are_kept_until_the_tree_changes(tree: Tree, personas: Personas) -> None:
    """A national report asks for the coverage of 3.321 communes; it is kept per process under the tree's
    revision, which any change of a unit or a lineage link replaces."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory

    model(tree.commune_b, "Ở xã B")
    period = Period.year(2026)

    def sub_units() -> list[str]:
        stats = initiative_selectors.stats_for(tree.province, period, user=WHOLE_SYSTEM)
        return [unit.name for unit, _ in stats.by_unit]

    engine._KEPT_OWNERS.clear()
    engine._KEPT_PATHS.clear()
    with CaptureQueriesContext(connection) as first:
        assert sub_units() == ["Xã B"]
    with CaptureQueriesContext(connection) as again:
        assert sub_units() == ["Xã B"]
    assert len(again) == len(first) - 3  # the children, their lineage and the units' paths are not read again

    # A renamed commune is shown by its new name at once; a new commune's records are counted under it.
    unit_services.rename_unit(
        actor=personas.admin, unit=tree.commune_b, short_name="Bình Minh", kind=tree.commune_b.kind,
        effective_date=datetime.date(2026, 1, 1), legal_basis="Nghị quyết thử",
    )  # fmt: skip
    assert sub_units() == ["Xã Bình Minh"]
    newer = UnitFactory(parent=tree.province, kind="xa", short_name="Mới Lập", code="90040")
    model(newer, "Ở xã mới")
    assert sorted(sub_units()) == ["Xã Bình Minh", "Xã Mới Lập"]
