"""Writes of the unit tree: hamlets, renames, moves, retirement; bad input writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.units import services
from danvan.units.models import Unit
from danvan.units.rules import Kind
from danvan.units.selectors import staffing_totals
from tests.factories import OrganizationFactory, StaffingFactory

pytestmark = pytest.mark.django_db


def test_unit_admin_creates_a_hamlet(tree, personas) -> None:
    hamlet = services.create_unit(actor=personas.unit_admin, parent=tree.commune_b, kind=Kind.THON, short_name="Nà Săm")
    assert hamlet.name == "Thôn Nà Săm"
    assert Unit.objects.get_parent(hamlet) == tree.commune_b
    assert hamlet.name_folded.startswith("thon na sam")


def test_officer_cannot_create_a_hamlet_and_nothing_is_written(tree, personas) -> None:
    before = Unit.objects.count()
    with pytest.raises(PermissionDenied):
        services.create_unit(actor=personas.officer_a, parent=tree.commune_a, kind=Kind.THON, short_name="Mới")
    assert Unit.objects.count() == before


def test_hamlet_without_a_commune_parent_is_refused(tree, personas) -> None:
    with pytest.raises(ValidationError) as info:
        services.create_unit(actor=personas.admin, parent=tree.province, kind=Kind.THON, short_name="Lạc")
    assert "phải thuộc một xã" in info.value.message_dict["parent"][0]


def test_duplicate_hamlet_name_is_refused(tree, personas) -> None:
    with pytest.raises(ValidationError) as info:
        services.create_unit(actor=personas.unit_admin, parent=tree.commune_a, kind=Kind.THON, short_name="a1")
    assert "đã có" in info.value.message_dict["short_name"][0]


def test_a_unit_never_becomes_its_own_ancestor(tree, personas) -> None:
    with pytest.raises(ValidationError) as info:
        services.move_unit(actor=personas.admin, unit=tree.province, new_parent=tree.commune_a)
    assert "chính nó" in info.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.move_unit(actor=personas.admin, unit=tree.commune_a, new_parent=tree.commune_a)
    tree.province.refresh_from_db()
    assert tree.province.depth == 1


def test_move_hamlet_to_sibling_commune(tree, personas) -> None:
    moved = services.move_unit(actor=personas.unit_admin, unit=tree.hamlet_a, new_parent=tree.commune_b)
    assert Unit.objects.get_parent(moved) == tree.commune_b
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_rename_keeps_identity_and_the_old_name(tree, personas) -> None:
    unit = services.rename_unit(
        actor=personas.admin,
        unit=tree.other_province,
        short_name="Khác Mới",
        kind=Kind.THANH_PHO_TW,
        effective_date=dt.date(2026, 1, 1),
        legal_basis="Nghị quyết X",
    )
    assert unit.name == "Thành phố Khác Mới"
    version = unit.version_on(dt.date(2025, 12, 31))
    assert version is not None and version.name == "Tỉnh Khác"
    assert unit.version_on(dt.date(2026, 1, 1)) is None
    with pytest.raises(ValidationError):
        services.rename_unit(
            actor=personas.admin,
            unit=unit,
            short_name="X",
            kind=Kind.XA,
            effective_date=dt.date(2026, 6, 1),
            legal_basis="Y",
        )


def test_unit_with_records_is_retired_not_deleted(tree, personas) -> None:
    with pytest.raises(ValidationError, match="kết thúc hiệu lực"):
        services.delete_unit(actor=personas.admin, unit=tree.commune_a)
    services.retire_unit(actor=personas.admin, unit=tree.commune_a, valid_to=dt.date(2026, 12, 31))
    tree.hamlet_a.refresh_from_db()
    assert tree.hamlet_a.valid_to == dt.date(2026, 12, 31)
    hamlet = services.create_unit(actor=personas.admin, parent=tree.commune_b, kind=Kind.XOM, short_name="Tạm")
    services.delete_unit(actor=personas.admin, unit=hamlet)
    assert not Unit.objects.filter(pk=hamlet.pk).exists()


def test_staffing_counts_over_the_subtree_and_merged_predecessors(tree, personas) -> None:
    StaffingFactory(organization=OrganizationFactory(unit=tree.province), civil_servants=1000, public_employees=9000)
    StaffingFactory(organization=OrganizationFactory(unit=tree.commune_a), civil_servants=400, public_employees=200)
    StaffingFactory(organization=OrganizationFactory(unit=tree.old_commune), civil_servants=51, public_employees=47)
    StaffingFactory(organization=OrganizationFactory(unit=tree.commune_c), civil_servants=999, public_employees=999)
    totals = staffing_totals(tree.province, 2018)
    assert (totals.civil_servants, totals.public_employees) == (1451, 9247)
    assert staffing_totals(tree.commune_b, 2018).civil_servants == 0


def test_negative_staffing_is_refused(tree, personas) -> None:
    org = OrganizationFactory(unit=tree.commune_a)
    with pytest.raises(ValidationError) as info:
        services.set_staffing(
            actor=personas.unit_admin, organization=org, year=2026, civil_servants=-1, public_employees=0
        )
    assert "civil_servants" in info.value.message_dict
    assert not org.staffing.exists()


def test_party_board_merger_keeps_lineage(tree, personas) -> None:
    dv = services.create_organization(
        actor=personas.admin, unit=tree.province, name="Ban Dân vận Tỉnh ủy", kind="ban_dan_van"
    )
    tg = services.create_organization(
        actor=personas.admin, unit=tree.province, name="Ban Tuyên giáo Tỉnh ủy", kind="khac"
    )
    merged = services.create_organization(
        actor=personas.admin,
        unit=tree.province,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        kind="ban_tgdv",
        valid_from=dt.date(2025, 3, 1),
    )
    services.merge_organizations(
        actor=personas.admin,
        predecessors=[dv, tg],
        successor=merged,
        effective_date=dt.date(2025, 3, 1),
        legal_basis="Quyết định hợp nhất",
    )
    dv.refresh_from_db()
    assert dv.valid_to == dt.date(2025, 2, 28)
    assert {link.predecessor for link in merged.predecessor_links.all()} == {dv, tg}
