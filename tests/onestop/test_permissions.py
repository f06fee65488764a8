"""The one-stop pages × the personas of tests/conftest.py: who reads, who acts, who decides. A record out
of the user's scope is 404 (never 403, which would tell it exists); a missing right is 403; a visitor is
sent to sign in."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.onestop import rules, services
from danvan.onestop.models import Dossier

pytestmark = pytest.mark.django_db

PERSONAS = ["officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "admin", "anonymous", "clerk"]
READERS = {"officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "admin", "clerk"}
EDITORS = {"officer_a", "leader_a", "officer_b", "admin", "clerk"}
#: Who may see a record of commune A (commune B's officer may not).
SEES_A = {"officer_a", "leader_a", "supervisor", "unit_admin", "admin", "clerk"}


def client_for(personas, desk, name: str) -> Client:
    client = Client()
    if name == "clerk":
        client.force_login(desk.clerk)
    elif name != "anonymous":
        client.force_login(getattr(personas, name))
    return client


def expected(persona: str, right: set[str], record_in_a: bool = False) -> int:
    if persona == "anonymous":
        return 302
    if persona not in right:
        return 403
    if record_in_a and persona not in SEES_A:
        return 404
    return 200


@pytest.fixture
def dossiers(desk):
    def receive() -> Dossier:
        return services.receive_dossier(
            actor=desk.clerk, service_point=desk.point, procedure=desk.birth, applicant_name="Hoàng Văn Thắng",
            received_at=timezone.now() - datetime.timedelta(minutes=1),
        )  # fmt: skip

    fresh = receive()
    returned = receive()
    services.act(actor=desk.clerk, dossier=returned, action="hand_over", department="Tư pháp")
    services.act(actor=desk.clerk, dossier=returned, action="result")
    services.act(actor=desk.clerk, dossier=returned, action="return_result", method="desk")
    ready = receive()
    services.act(actor=desk.clerk, dossier=ready, action="result")
    return {"fresh": fresh, "returned": returned, "ready": ready}


@pytest.mark.parametrize("persona", PERSONAS)
def test_area_pages(desk, personas, persona: str) -> None:
    client = client_for(personas, desk, persona)
    for name in ("onestop_dossier_list", "onestop_procedures", "onestop_service_points", "onestop_stats"):
        response = client.get(reverse(name))
        assert response.status_code == expected(persona, READERS), name
    for name in ("onestop_intake", "onestop_return_desk", "onestop_procedure_matches"):
        assert client.get(reverse(name)).status_code == expected(persona, EDITORS), name
    assert client.get(reverse("onestop_dossier_export")).status_code == expected(persona, READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_dossier_of_commune_a(desk, personas, dossiers, persona: str) -> None:
    client = client_for(personas, desk, persona)
    fresh, returned, ready = dossiers["fresh"], dossiers["returned"], dossiers["ready"]
    detail = client.get(reverse("onestop_dossier", args=[fresh.pk]))
    assert detail.status_code == expected(persona, READERS, record_in_a=True)
    act = client.get(reverse("onestop_dossier_act", args=[fresh.pk, "hand_over"]))
    assert act.status_code == expected(persona, EDITORS, record_in_a=True)
    assert client.get(reverse("onestop_return", args=[ready.pk])).status_code == expected(
        persona, EDITORS, record_in_a=True
    )
    assert client.get(reverse("onestop_rate", args=[returned.pk])).status_code == expected(
        persona, EDITORS, record_in_a=True
    )


@pytest.mark.parametrize("persona", ["officer_b", "supervisor", "unit_admin", "anonymous"])
def test_those_who_may_not_act_write_nothing(desk, personas, dossiers, persona: str) -> None:
    """Commune B's officer (404), the read-only supervisor and unit administrator (403), a visitor (302):
    a posted step, return or rating changes nothing."""
    client = client_for(personas, desk, persona)
    fresh, returned, ready = dossiers["fresh"], dossiers["returned"], dossiers["ready"]
    code = expected(persona, EDITORS, record_in_a=True)
    assert client.post(reverse("onestop_dossier_act", args=[fresh.pk, "hand_over"]),
                       {"department": "Tư pháp"}).status_code == code  # fmt: skip
    assert client.post(reverse("onestop_return", args=[ready.pk]), {"method": "desk"}).status_code == code
    assert client.post(reverse("onestop_rate", args=[returned.pk]), {"level": "5"}).status_code == code
    assert client.post(reverse("onestop_intake"), {"procedure": desk.birth.code, "applicant_name": "A",
                                                   "service_point": desk.point.pk, "channel": "desk"}).status_code in (
        code if persona != "officer_b" else 200,  # B's officer may receive, but only at B's point: a form error
    )  # fmt: skip
    for dossier in (fresh, returned, ready):
        before = dossier.status
        dossier.refresh_from_db()
        assert dossier.status == before
    assert Dossier.objects.count() == 3
    assert not returned.__class__.objects.filter(status=rules.Status.RATED).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_catalogue_management(desk, personas, persona: str) -> None:
    """The province's catalogue and settings: the system administrator here (no persona leads the
    province); a commune's leader manages the commune's service points only."""
    client = client_for(personas, desk, persona)
    procedure_edit = client.get(reverse("onestop_procedure_edit", args=[desk.birth.pk])).status_code
    point_a = client.get(reverse("onestop_service_point_edit", args=[desk.point.pk])).status_code
    if persona == "anonymous":
        assert (procedure_edit, point_a) == (302, 302)
    elif persona == "admin":
        assert (procedure_edit, point_a) == (200, 200)
    elif persona == "leader_a":
        assert (procedure_edit, point_a) == (403, 200)
    else:
        assert (procedure_edit, point_a) == (403, 403)
    settings = client.get(reverse("onestop_settings")).status_code
    # The administrator has no working unit until one is chosen: the settings page asks for it.
    assert settings == (302 if persona == "anonymous" else 403)


def test_admin_manages_the_chosen_province(desk, personas, tree) -> None:
    client = client_for(personas, desk, "admin")
    session = client.session
    session["danvan_working_unit"] = tree.province.pk
    session.save()
    assert client.get(reverse("onestop_settings")).status_code == 200
    assert client.get(reverse("onestop_procedure_new")).status_code == 200


def test_stats_of_another_commune_is_not_found(desk, personas, tree) -> None:
    officer_b = client_for(personas, desk, "officer_b")
    assert officer_b.get(reverse("onestop_stats"), {"unit": tree.commune_a.code}).status_code == 404
    assert officer_b.get(reverse("onestop_stats"), {"unit": tree.commune_b.code}).status_code == 200
    supervisor = client_for(personas, desk, "supervisor")
    assert supervisor.get(reverse("onestop_stats"), {"unit": tree.commune_a.code}).status_code == 200
    assert supervisor.get(reverse("onestop_stats"), {"unit": tree.commune_c.code}).status_code == 404


def test_nav_entry_for_readers_only(desk, personas) -> None:
    url = reverse("onestop_dossier_list")
    html = client_for(personas, desk, "supervisor").get(reverse("home")).content.decode()
    assert f'href="{url}">Một cửa</a>' in html
