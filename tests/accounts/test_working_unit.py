"""The working unit: one answer to "which unit?" — the picker's choice within the scope, else the user's
lowest-level unit, else none — read by the statistics pages, the intake desk and the API alike."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.accounts import access, roles
from danvan.accounts.models import User
from danvan.accounts.services import create_token
from danvan.accounts.working_unit import (
    REFUSED,
    SESSION_KEY,
    default_unit,
    pickable_units,
    set_working_unit,
    working_unit,
)
from danvan.units.models import Unit
from danvan.units.rules import Kind
from tests.conftest import Personas, Tree
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pick(client: Client, unit: Unit | int | str, next_url: str = "/units/") -> object:
    value = unit.pk if isinstance(unit, Unit) else unit
    return client.post(reverse("pick_unit"), {"unit": value, "next": next_url})


def shown_unit(client: Client, url: str) -> Unit | None:
    """The working unit the page's header shows."""
    return client.get(url).context["working_unit"]


# --- the default --------------------------------------------------------------------------------------


def test_default_is_the_users_own_unit_for_each_persona(tree: Tree, personas: Personas) -> None:
    assert working_unit(personas.officer_a) == tree.commune_a
    assert working_unit(personas.leader_a) == tree.commune_a
    assert working_unit(personas.officer_b) == tree.commune_b
    assert working_unit(personas.supervisor) == tree.province
    assert working_unit(personas.unit_admin) == tree.province
    # The system administrator's role is global: no unit until one is chosen.
    assert working_unit(personas.admin) is None


def test_default_is_the_lowest_level_unit_among_the_roles(tree: Tree) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role="supervisor", unit=tree.province)
    RoleAssignmentFactory(user=user, role="reception", unit=tree.commune_a)
    assert working_unit(user) == tree.commune_a
    # Only the roles granting the right asked for count.
    supervisor_and_officer_elsewhere = UserFactory()
    RoleAssignmentFactory(user=supervisor_and_officer_elsewhere, role="supervisor", unit=tree.hamlet_a)
    RoleAssignmentFactory(user=supervisor_and_officer_elsewhere, role="officer", unit=tree.other_province)
    assert default_unit(supervisor_and_officer_elsewhere) == tree.hamlet_a
    assert default_unit(supervisor_and_officer_elsewhere, permission=roles.EDIT_RECORDS) == tree.other_province


def test_an_ended_role_gives_no_default(tree: Tree) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role="officer", unit=tree.commune_a, valid_to=datetime.date(2025, 12, 31))
    assert working_unit(user) is None


def test_the_header_shows_the_default_before_any_choice(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.officer_a)
    page = client.get(reverse("home"))
    assert page.context["working_unit"] == tree.commune_a
    assert "Đơn vị làm việc" in page.content.decode()
    assert shown_unit(signed_in(personas.admin), reverse("home")) is None


# --- choosing -----------------------------------------------------------------------------------------


def test_the_choice_is_kept_across_pages_and_returns_to_the_same_page(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.supervisor)
    response = pick(client, tree.commune_b, next_url="/units/?q=xa")
    assert response.status_code == 302
    assert response["Location"] == "/units/?q=xa"
    back = client.get(response["Location"])
    assert [str(m) for m in back.context["messages"]] == ["Đơn vị làm việc: Xã B."]
    for url in (reverse("home"), reverse("unit_browser"), reverse("initiative_list"), reverse("case_list")):
        assert shown_unit(client, url) == tree.commune_b, url


def test_the_system_administrator_chooses_anywhere_and_can_clear_the_choice(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.admin)
    pick(client, tree.commune_c)
    assert shown_unit(client, reverse("home")) == tree.commune_c
    pick(client, "")
    assert shown_unit(client, reverse("home")) is None
    assert SESSION_KEY not in client.session


def test_clearing_the_choice_returns_to_the_default(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.supervisor)
    pick(client, tree.hamlet_a)
    assert shown_unit(client, reverse("home")) == tree.hamlet_a
    pick(client, "")
    assert shown_unit(client, reverse("home")) == tree.province


def test_a_unit_outside_the_scope_is_refused_and_nothing_leaks(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.officer_a)
    response = client.post(reverse("pick_unit"), {"unit": tree.commune_c.pk, "next": reverse("home")}, follow=True)
    page = response.content.decode()
    assert REFUSED in page
    assert tree.commune_c.name not in page  # the refusal does not even name it
    assert SESSION_KEY not in client.session
    assert response.context["working_unit"] == tree.commune_a
    # A unit that does not exist gets the very same answer.
    missing = client.post(reverse("pick_unit"), {"unit": 999_999, "next": reverse("home")}, follow=True)
    assert [str(m) for m in missing.context["messages"]] == [REFUSED]


def test_a_refusal_keeps_the_earlier_choice(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.supervisor)
    pick(client, tree.commune_a)
    pick(client, tree.commune_c)
    assert shown_unit(client, reverse("home")) == tree.commune_a


def test_a_historical_unit_cannot_be_chosen_though_its_records_are_in_scope(tree: Tree, personas: Personas) -> None:
    # Xã Cũ was merged into Xã A: its records are officer A's, but it is no longer a unit to work for.
    assert access.can(personas.officer_a, roles.VIEW_RECORDS, tree.old_commune)
    client = signed_in(personas.officer_a)
    pick(client, tree.old_commune)
    assert SESSION_KEY not in client.session
    request = RequestFactory().get("/")
    request.user = personas.officer_a
    request.session = client.session
    with pytest.raises(PermissionDenied):
        set_working_unit(request, tree.old_commune)


def test_a_choice_that_left_the_scope_is_ignored_and_forgotten(tree: Tree, personas: Personas) -> None:
    user = UserFactory()
    role = RoleAssignmentFactory(user=user, role="officer", unit=tree.province)
    RoleAssignmentFactory(user=user, role="officer", unit=tree.other_province)
    client = signed_in(user)
    pick(client, tree.commune_c)
    assert shown_unit(client, reverse("home")) == tree.commune_c
    role.valid_to = datetime.date(2025, 12, 31)
    role.save()
    # The other province's role stays: commune C is still in scope.
    assert shown_unit(client, reverse("home")) == tree.commune_c
    Unit.objects.filter(pk=tree.commune_c.pk).update(valid_to=datetime.date(2025, 12, 31))
    assert shown_unit(client, reverse("home")) == tree.other_province
    assert SESSION_KEY not in client.session


def test_next_must_be_a_page_of_this_site(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.officer_a)
    for target in ("https://example.com/", "//example.com/", "javascript:alert(1)", "/pick-unit/?q=x"):
        response = pick(client, tree.hamlet_a, next_url=target)
        assert response["Location"] == reverse("home"), target


# --- searching ----------------------------------------------------------------------------------------


@pytest.fixture
def duc_xuan(tree: Tree) -> tuple[Unit, Unit]:
    """A ward of the province and a namesake in the other province."""
    ours = UnitFactory(parent=tree.province, kind=Kind.PHUONG, short_name="Đức Xuân", code="90040")
    theirs = UnitFactory(parent=tree.other_province, kind=Kind.XA, short_name="Đức Xuân", code="90050")
    return ours, theirs


def labels(user: User, query: str) -> list[str]:
    return [choice.label for choice in pickable_units(user, query)]


def test_search_folds_accents_and_stays_within_the_scope(tree: Tree, personas: Personas, duc_xuan) -> None:
    assert labels(personas.supervisor, "duc xuan") == ["Phường Đức Xuân — Tỉnh Mới"]
    assert labels(personas.admin, "DUC XUAN") == ["Phường Đức Xuân — Tỉnh Mới", "Xã Đức Xuân — Tỉnh Khác"]
    assert labels(personas.officer_a, "duc xuan") == []
    # An officer of a commune sees the commune and its hamlets, not the siblings.
    assert labels(personas.officer_a, "a") == ["Xã A — Tỉnh Mới", "Thôn A1 — Xã A"]
    assert labels(personas.officer_b, "thon a1") == []
    # Today's units only: Xã Cũ is in officer A's scope through the merger, but it is gone.
    assert labels(personas.officer_a, "cu") == []


def test_search_finds_a_unit_by_its_code(tree: Tree, personas: Personas, duc_xuan) -> None:
    assert labels(personas.supervisor, "90040") == ["Phường Đức Xuân — Tỉnh Mới"]


def test_the_suggestions_are_an_htmx_fragment_and_the_page_works_without_it(
    tree: Tree, personas: Personas, duc_xuan
) -> None:
    client = signed_in(personas.supervisor)
    url = reverse("pick_unit") + "?q=duc+xuan&next=/petitions/stats/"
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Phường Đức Xuân" in fragment and "Tỉnh Mới" in fragment
    assert "Tỉnh Khác" not in fragment
    assert "<html" not in fragment
    assert 'value="/petitions/stats/"' in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and "Chọn đơn vị làm việc" in page and "Phường Đức Xuân" in page
    assert "{#" not in fragment + page and "endcomment" not in fragment + page
    assert "Xã Đức Xuân" not in page


def test_before_a_search_the_picker_offers_the_users_own_units(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.officer_a)
    # The header only says where to fetch them when the menu opens: no query for them on every page.
    header = client.get(reverse("home")).content.decode()
    assert 'hx-trigger="shown.bs.dropdown from:#unit-picker once"' in header
    assert "{#" not in header and "#}" not in header  # no template comment shows as text
    assert "— Tỉnh Mới" not in header
    fragment = client.get(reverse("pick_unit") + "?next=/units/", headers={"HX-Request": "true"}).content.decode()
    assert "Đơn vị của bạn" in fragment
    assert "Xã A" in fragment and "— Tỉnh Mới" in fragment
    assert "Trở về đơn vị mặc định" not in fragment
    pick(client, tree.hamlet_a)
    fragment = client.get(reverse("pick_unit"), headers={"HX-Request": "true"}).content.decode()
    assert "Trở về đơn vị mặc định" in fragment


# --- the readers: statistics, the intake desk, the reception book, the API ------------------------------


def test_the_statistics_pages_use_the_working_unit_and_still_take_a_code(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.supervisor)
    assert client.get(reverse("initiative_stats")).context["stats"].unit == tree.province
    assert client.get(reverse("petition_stats")).context["stats"].unit == tree.province
    pick(client, tree.commune_a)
    assert client.get(reverse("initiative_stats")).context["stats"].unit == tree.commune_a
    assert client.get(reverse("petition_stats")).context["stats"].unit == tree.commune_a
    # ?unit= is a promise: a code still wins over the working unit.
    assert client.get(reverse("initiative_stats") + "?unit=92&year=2026").context["stats"].unit == tree.province
    assert client.get(reverse("petition_stats") + "?unit=90020").context["stats"].unit == tree.commune_b


def test_the_intake_desk_records_for_the_chosen_unit(tree: Tree, personas: Personas) -> None:
    officer = UserFactory()
    RoleAssignmentFactory(user=officer, role="reception", unit=tree.province)
    client = signed_in(officer)
    assert client.get(reverse("petition_intake")).context["unit"] == tree.province
    pick(client, tree.commune_b)
    assert client.get(reverse("petition_intake")).context["unit"] == tree.commune_b
    assert client.get(reverse("session_list")).context["unit"] == tree.commune_b


def test_a_choice_where_the_user_may_only_read_gives_way_at_the_desk(tree: Tree) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role="supervisor", unit=tree.province)
    RoleAssignmentFactory(user=user, role="reception", unit=tree.commune_a)
    client = signed_in(user)
    pick(client, tree.commune_b)
    assert shown_unit(client, reverse("home")) == tree.commune_b
    assert client.get(reverse("petition_stats")).context["stats"].unit == tree.commune_b
    # The desk records letters only where the user may: commune A, not the supervised commune B.
    assert client.get(reverse("petition_intake")).context["unit"] == tree.commune_a


def test_the_system_administrator_is_asked_to_choose_a_unit_at_the_desk(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.admin)
    refused = client.get(reverse("petition_intake"))
    assert refused.status_code == 403
    assert "chọn đơn vị ở đầu trang" in refused.content.decode()
    assert 'id="unit-picker-toggle"' in refused.content.decode()  # the picker is right there
    pick(client, tree.commune_a)
    assert client.get(reverse("petition_intake")).context["unit"] == tree.commune_a


def test_the_registration_form_starts_at_the_working_unit(tree: Tree, personas: Personas) -> None:
    client = signed_in(personas.officer_a)
    assert client.get(reverse("initiative_create")).context["form"]["unit"].initial == tree.commune_a.pk
    pick(client, tree.hamlet_a)
    assert client.get(reverse("initiative_create")).context["form"]["unit"].initial == tree.hamlet_a.pk


def test_the_api_uses_the_default_without_the_session(tree: Tree, personas: Personas) -> None:
    _, raw = create_token(user=personas.officer_a)
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    for path in ("/api/v1/initiatives/stats?year=2026", "/api/v1/petitions/stats?year=2026"):
        response = api.get(path)
        assert response.status_code == 200, response.content
        assert response.json()["unit"]["code"] == tree.commune_a.code
    # A code is still taken, and one outside the scope is still "not found".
    assert api.get("/api/v1/petitions/stats?year=2026&unit=90010").json()["unit"]["code"] == "90010"
    assert api.get("/api/v1/petitions/stats?year=2026&unit=90030").status_code == 404
    _, admin_raw = create_token(user=personas.admin)
    admin_api = Client(headers={"Authorization": f"Bearer {admin_raw}"})
    refused = admin_api.get("/api/v1/initiatives/stats?year=2026")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["unit"]
