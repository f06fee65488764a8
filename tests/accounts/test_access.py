"""The access policy: scopes follow the tree and the lineage; single objects are "not found" outside them."""

import datetime as dt

import pytest
from django.http import Http404

from danvan.accounts import access, roles, services
from danvan.accounts.access import SYSTEM
from danvan.units.models import Organization
from tests.factories import OrganizationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(tree):
    return {
        name: OrganizationFactory(unit=getattr(tree, name), name=f"Tổ chức {name}")
        for name in (
            "old_province",
            "old_commune",
            "old_hamlet",
            "province",
            "commune_a",
            "hamlet_a",
            "commune_b",
            "other_province",
            "commune_c",
        )
    }


def visible(user) -> set[str]:
    return {
        o.name.removeprefix("Tổ chức ") for o in Organization.objects.within(access.scope_for(user, roles.VIEW_RECORDS))
    }


def test_commune_officer_sees_own_subtree_and_the_communes_merged_into_it(personas, orgs) -> None:
    assert visible(personas.officer_a) == {"commune_a", "hamlet_a", "old_commune", "old_hamlet"}


def test_provincial_supervisor_sees_the_province_and_the_former_province(personas, orgs) -> None:
    assert visible(personas.supervisor) == {
        "province",
        "commune_a",
        "hamlet_a",
        "commune_b",
        "old_province",
        "old_commune",
        "old_hamlet",
    }


def test_sibling_and_unrelated_are_out_of_scope(personas, orgs) -> None:
    assert visible(personas.officer_b) == {"commune_b"}


def test_system_admin_sees_everything(personas, orgs) -> None:
    assert visible(personas.admin) == set(orgs)


def test_anonymous_and_roleless_see_nothing(orgs) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()
    assert visible(UserFactory()) == set()


def test_expired_role_grants_nothing(tree, orgs) -> None:
    user = UserFactory()
    services.assign_role(
        actor=SYSTEM,
        user=user,
        role="officer",
        unit=tree.commune_a,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    assert visible(user) == set()


def test_object_access_answers_404_for_missing_and_for_not_yours(personas, orgs) -> None:
    qs = Organization.objects.all()
    assert access.get_for_user_or_404(qs, personas.officer_a, pk=orgs["commune_a"].pk) == orgs["commune_a"]
    with pytest.raises(Http404):
        access.get_for_user_or_404(qs, personas.officer_a, pk=orgs["commune_b"].pk)
    with pytest.raises(Http404):
        access.get_for_user_or_404(qs, personas.officer_a, pk=10**9)


def test_has_perm_works_through_the_backend(personas, tree) -> None:
    assert personas.leader_a.has_perm(roles.DECIDE_RECORDS, tree.hamlet_a)
    assert not personas.leader_a.has_perm(roles.DECIDE_RECORDS, tree.commune_b)
    assert not personas.officer_a.has_perm(roles.DECIDE_RECORDS, tree.commune_a)
    assert personas.unit_admin.has_perm(roles.MANAGE_UNITS, tree.commune_b)
    assert not personas.supervisor.has_perm(roles.EDIT_RECORDS, tree.commune_a)
    assert personas.admin.has_perm("units.change_unit")
    assert personas.officer_a.has_perm(roles.VIEW_UNITS, tree.commune_c)  # units are reference data


def test_overlapping_role_validity_is_refused_and_writes_nothing(tree, personas) -> None:
    from django.core.exceptions import ValidationError

    user = UserFactory()
    services.assign_role(
        actor=personas.unit_admin,
        user=user,
        role="officer",
        unit=tree.commune_a,
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as info:
        services.assign_role(
            actor=personas.unit_admin, user=user, role="officer", unit=tree.commune_a, valid_from=dt.date(2026, 6, 1)
        )
    assert "trùng lặp" in info.value.message_dict["valid_from"][0]
    assert user.role_assignments.count() == 1
    # After the first ends, a new one may start.
    services.assign_role(
        actor=personas.unit_admin, user=user, role="officer", unit=tree.commune_a, valid_from=dt.date(2027, 1, 1)
    )


def test_unit_admin_cannot_grant_outside_scope_or_make_admins(tree, personas) -> None:
    from django.core.exceptions import PermissionDenied

    user = UserFactory()
    with pytest.raises(PermissionDenied):
        services.assign_role(actor=personas.unit_admin, user=user, role="officer", unit=tree.commune_c)
    with pytest.raises(PermissionDenied):
        services.assign_role(actor=personas.unit_admin, user=user, role="admin", unit=None)
    with pytest.raises(PermissionDenied):
        services.assign_role(actor=personas.leader_a, user=user, role="officer", unit=tree.commune_a)
    assert not user.role_assignments.exists()


def test_tokens_are_stored_hashed_and_can_be_revoked(personas) -> None:
    token, raw = services.create_token(user=personas.officer_a, name="script")
    assert raw.startswith("dv_") and raw not in token.key_hash
    assert services.user_for_token(raw) == personas.officer_a
    services.revoke_token(actor=personas.officer_a, token=token)
    assert services.user_for_token(raw) is None
    assert services.user_for_token("dv_wrong") is None


def test_users_who_can_act_on_a_record_of_a_merged_commune(tree, personas) -> None:
    from danvan.accounts import access

    names = {u.username for u in access.users_who_can("core.view_records", tree.old_hamlet)}
    assert names == {"officer_a", "leader_a", "supervisor", "unit_admin"}  # xã A covers the old commune
    deciders = {u.username for u in access.users_who_can("core.decide_records", tree.commune_b)}
    assert deciders == set()
    assert "sysadmin" in {
        u.username for u in access.users_who_can("core.view_records", tree.commune_b, include_global=True)
    }


def test_each_area_checks_its_own_rights(tree, monkeypatch) -> None:
    """A role granted one area only (as a one-stop or Front officer will be) reaches that area alone."""
    from django.test import Client

    from danvan.initiatives.services import INITIATIVE
    from danvan.petitions.services import CASE
    from tests.factories import make_initiative

    assert {a.right for a in INITIATIVE.actions.values()} <= roles.INITIATIVES.all
    assert {a.right for a in CASE.actions.values()} <= roles.PETITIONS.all | {roles.RECEIVE_CITIZENS}
    for role, granted in roles.ROLE_PERMISSIONS.items():  # the same people as before the split
        for area in roles.AREAS:
            assert (area.view in granted) == (roles.VIEW_RECORDS in granted), (role, area)
            assert (area.edit in granted) == (roles.EDIT_RECORDS in granted), (role, area)
            assert (area.decide in granted) == (roles.DECIDE_RECORDS in granted), (role, area)
    monkeypatch.setitem(
        roles.ROLE_PERMISSIONS,
        roles.Role.OFFICER,
        frozenset({roles.VIEW_UNITS, roles.VIEW_RECORDS}) | roles.INITIATIVES.all,
    )
    officer = UserFactory(username="mttq_a")
    RoleAssignmentFactory(user=officer, role="officer", unit=tree.commune_a)
    initiative = make_initiative(tree.commune_a, "in_progress")
    assert access.can(officer, roles.INITIATIVES.decide, initiative)
    assert not access.can(officer, roles.PETITIONS.view, tree.commune_a)
    client = Client()
    client.force_login(officer)
    assert client.get(f"/initiatives/{initiative.pk}/").status_code == 200
    assert client.get("/petitions/").status_code == 403
