"""The permission matrix: personas × targets for every page and API endpoint of the foundation.

Later areas add their rows here. A second test fails when a URL is added without an access declaration.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from danvan.accounts.access import SYSTEM
from danvan.api.api import PUBLIC_OPERATIONS, api
from tests.onestop.conftest import desk  # noqa: F401 (the one-stop fixture, used by name)

pytestmark = pytest.mark.django_db

PERSONAS = ["officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "admin", "anonymous"]
TARGETS = ["commune_a", "hamlet_a", "province", "commune_b", "commune_c"]


def client_for(personas, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(getattr(personas, name))
    return client


# Expected status per persona for pages about a unit (units are reference data: any signed-in user).
READ_UNIT = {p: 200 for p in PERSONAS} | {"anonymous": 302}


def manage_unit(persona: str, target: str) -> int:
    """Adding a hamlet: only a unit administrator whose scope covers the target, or the system admin."""
    if persona == "anonymous":
        return 302
    if persona == "admin":
        return 200
    if persona == "unit_admin":
        return 200 if target != "commune_c" else 404
    return 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", TARGETS)
def test_unit_pages(tree, personas, persona: str, target: str) -> None:
    client = client_for(personas, persona)
    unit = getattr(tree, target)
    assert client.get(reverse("unit_detail", args=[unit.pk])).status_code == READ_UNIT[persona]
    assert client.get(reverse("unit_children", args=[unit.pk])).status_code == READ_UNIT[persona]
    assert client.get(reverse("unit_add_hamlet", args=[unit.pk])).status_code == manage_unit(persona, target)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", TARGETS)
def test_unit_api(tree, personas, persona: str, target: str) -> None:
    client = client_for(personas, persona)
    unit = getattr(tree, target)
    # Hamlets have no official code: they are reached through their commune.
    url = f"/api/v1/units/{unit.code}" if unit.code else f"/api/v1/units?level=hamlet&parent={tree.commune_a.code}"
    response = client.get(url)
    assert response.status_code == (401 if persona == "anonymous" else 200)


PAGES = {
    # name: {persona: expected status}
    "home": {p: 200 for p in PERSONAS},  # a visitor gets the citizens' landing page
    "unit_browser": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "calendar": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "my_tokens": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "my_notifications": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "unit_import": {p: 403 for p in PERSONAS} | {"unit_admin": 200, "admin": 200, "anonymous": 302},
    "user_list": {p: 403 for p in PERSONAS} | {"unit_admin": 200, "admin": 200, "anonymous": 302},
    "user_create": {p: 403 for p in PERSONAS} | {"unit_admin": 200, "admin": 200, "anonymous": 302},
    "health": {p: 200 for p in PERSONAS},
    "admin:index": {p: 302 for p in PERSONAS} | {"admin": 200},
    "api:openapi-json": {p: 200 for p in PERSONAS},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages(tree, personas, persona: str, name: str) -> None:
    # (not "page": pytest-playwright would take such a test for a browser test)
    assert client_for(personas, persona).get(reverse(name)).status_code == PAGES[name][persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_me_and_units(tree, personas, persona: str) -> None:
    client = client_for(personas, persona)
    expected = 401 if persona == "anonymous" else 200
    assert client.get("/api/v1/me").status_code == expected
    assert client.get("/api/v1/units?level=province").status_code == expected
    for reference in ("petitions/subjects", "petitions/channels", "petitions/kinds", "initiatives/fields",
                      "initiatives/criteria", "initiatives/metrics"):  # fmt: skip
        assert client.get(f"/api/v1/{reference}").status_code == expected


def test_role_end_is_scoped(tree, personas) -> None:
    officer_c_assignment = personas.officer_b.role_assignments.get()
    officer_c_assignment.unit = tree.commune_c
    officer_c_assignment.save()
    client = client_for(personas, "unit_admin")
    assert client.post(reverse("role_end", args=[officer_c_assignment.pk])).status_code == 404
    officer_c_assignment.refresh_from_db()
    assert officer_c_assignment.valid_to is None
    own = personas.officer_a.role_assignments.get()
    assert client.post(reverse("role_end", args=[own.pk])).status_code == 302
    own.refresh_from_db()
    assert own.valid_to is not None
    assert client_for(personas, "officer_a").post(reverse("role_end", args=[own.pk])).status_code == 403


# --- every URL declares its access ---------------------------------------------------------
# Views that Django or a library provides, whose access is their own: the admin (system
# administrators only, by DanVanAdminSite.has_permission), login/logout, language switch, the API
# (checked operation by operation below).
EXTERNAL_PREFIXES = ("admin/", "accounts/", "i18n/", "api/v1/")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_every_url_declares_its_access() -> None:
    undeclared = [
        route
        for route, view in _walk(get_resolver().url_patterns)
        if not route.startswith(EXTERNAL_PREFIXES) and not hasattr(view, "danvan_access")
    ]
    assert undeclared == []


def test_every_api_operation_requires_auth_unless_declared_public() -> None:
    from ninja.constants import NOT_SET

    # A router's auth applies to its operations, whether the router declares it or is mounted with it.
    mounted_auth = {id(registration[1]): registration[2] for registration in api._router_registrations}
    open_operations = []
    for _, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                key = f"{','.join(operation.methods)} {path}"
                router_auth = router.auth not in (None, NOT_SET) or mounted_auth[id(router)] not in (None, NOT_SET)
                if not operation.auth_callbacks and not router_auth and key not in PUBLIC_OPERATIONS:
                    open_operations.append(key)
    assert open_operations == []
    assert len([1 for _, r in api._routers for pv in r.path_operations.values() for _ in pv.operations]) >= 3


# --- "Dân vận khéo" ------------------------------------------------------------------------------
INITIATIVE_TARGETS = ["commune_a", "hamlet_a", "old_commune", "commune_b", "commune_c"]
# Who sees a record of each target: the covering scopes (xã A covers the old commune merged into it).
SEES = {
    "officer_a": {"commune_a", "hamlet_a", "old_commune"},
    "leader_a": {"commune_a", "hamlet_a", "old_commune"},
    "officer_b": {"commune_b"},
    "supervisor": {"commune_a", "hamlet_a", "old_commune", "commune_b"},
    "unit_admin": {"commune_a", "hamlet_a", "old_commune", "commune_b"},
    "admin": set(INITIATIVE_TARGETS),
}
EDITORS = {"officer_a", "leader_a", "officer_b", "admin"}
DECIDERS = {"leader_a", "admin"}


def expected(persona: str, target: str, need: str) -> int:
    """need: view, edit, decide (a page open to editors, the decision checked on the record) or
    decider (a page only for those who decide). Not signed in → login; no such right anywhere → 403;
    out of scope → 404."""
    if persona == "anonymous":
        return 302
    if need == "decider":
        need = "decide" if persona in DECIDERS else "edit"
        if persona not in DECIDERS:
            return 403
    if need in ("edit", "decide") and persona not in EDITORS:
        return 403
    if target not in SEES[persona]:
        return 404
    if need == "decide" and persona not in DECIDERS:
        return 403
    return 200


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", INITIATIVE_TARGETS)
def test_initiative_pages(tree, personas, persona: str, target: str) -> None:
    from tests.factories import make_initiative

    client = client_for(personas, persona)
    in_progress = make_initiative(getattr(tree, target), "in_progress")
    proposed = make_initiative(getattr(tree, target), "under_review")
    review = proposed.reviews.get()
    assert client.get(reverse("initiative_detail", args=[in_progress.pk])).status_code == expected(
        persona, target, "view"
    )
    assert client.get(reverse("review_detail", args=[review.pk])).status_code == expected(persona, target, "view")
    assert client.get(reverse("initiative_edit", args=[in_progress.pk])).status_code == expected(
        persona, target, "edit"
    )
    assert client.get(reverse("initiative_report", args=[in_progress.pk])).status_code == expected(
        persona, target, "edit"
    )
    act = reverse("initiative_act", args=[in_progress.pk, "propose"])
    assert client.get(act).status_code == expected(persona, target, "decide")
    discontinue = reverse("initiative_act", args=[in_progress.pk, "discontinue"])
    assert client.get(discontinue).status_code == expected(persona, target, "edit")
    publish = client.post(reverse("initiative_publish", args=[proposed.pk]), {"summary": "x"})
    assert publish.status_code == (
        302 if expected(persona, target, "decider") == 200 else expected(persona, target, "decider")
    )


INITIATIVE_PAGES = {
    "initiative_list": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "initiative_stats": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "initiative_export": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "initiative_create": {p: 200 if p in EDITORS else 403 for p in PERSONAS} | {"anonymous": 302},
    "initiative_import": {p: 200 if p in EDITORS else 403 for p in PERSONAS} | {"anonymous": 302},
    "gallery": {p: 200 for p in PERSONAS},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(INITIATIVE_PAGES))
def test_initiative_area_pages(tree, personas, persona: str, name: str) -> None:
    assert client_for(personas, persona).get(reverse(name)).status_code == INITIATIVE_PAGES[name][persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk_needs_the_right_to_decide(tree, personas, persona: str) -> None:
    response = client_for(personas, persona).post(reverse("initiative_bulk"), {"action": "propose", "ids": []})
    assert response.status_code == {"anonymous": 302, "leader_a": 302, "admin": 302}.get(persona, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_gallery_shows_only_published_models(tree, personas, persona: str) -> None:
    from danvan.initiatives import services
    from tests.factories import make_initiative

    hidden = make_initiative(tree.commune_a, "recognised")
    shown = make_initiative(tree.commune_a, "recognised")
    services.publish(actor=SYSTEM, initiative=shown, summary="Tóm tắt công khai")
    client = client_for(personas, persona)
    assert client.get(reverse("gallery_item", args=[shown.pk])).status_code == 200
    assert client.get(reverse("gallery_item", args=[hidden.pk])).status_code == 404
    page = client.get(reverse("gallery_unit", args=[tree.province.code])).content.decode()
    assert shown.name in page and hidden.name not in page


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", INITIATIVE_TARGETS)
def test_initiative_api(tree, personas, persona: str, target: str) -> None:
    """The API answers as the pages do, with 401 instead of the login redirect."""
    from tests.factories import make_initiative

    def api_expected(need: str) -> int:
        """The API first finds the record (401 signed out, 404 out of scope), then checks the right (403)."""
        status = expected(persona, target, "view")
        if status == 200:
            status = expected(persona, target, need)
        return 401 if status == 302 else status

    client = client_for(personas, persona)
    initiative = make_initiative(getattr(tree, target), "in_progress")
    base = f"/api/v1/initiatives/{initiative.pk}"
    assert client.get(base).status_code == api_expected("view")
    visible = client.get("/api/v1/initiatives")
    if persona == "anonymous":
        assert visible.status_code == 401
    else:
        ids = [i["id"] for i in visible.json()["results"]]
        assert (initiative.pk in ids) is (target in SEES[persona])
    patch = client.patch(base, {"goals": "Mục tiêu mới"}, content_type="application/json")
    assert patch.status_code == api_expected("edit")
    propose = client.post(f"{base}/transitions/propose", {}, content_type="application/json")
    assert propose.status_code == api_expected("decide")
    stats = client.get(f"/api/v1/initiatives/stats?unit={tree.province.code}&year=2026")
    assert stats.status_code == {"anonymous": 401, "supervisor": 200, "unit_admin": 200, "admin": 200}.get(persona, 404)
    council = f"/api/v1/initiatives/reviews/{make_initiative(getattr(tree, target), 'under_review').reviews.get().pk}"
    assert client.get(council).status_code == api_expected("view")
    # None of the personas sits on the factory's council: those who see it are refused, the rest find nothing.
    outsider = 403 if api_expected("view") == 200 else api_expected("view")
    assert client.put(f"{council}/scores", {"marks": []}, content_type="application/json").status_code == outsider
    minutes = client.put(f"{council}/minutes", {"minutes": "Biên bản"}, content_type="application/json")
    assert minutes.status_code == outsider


# --- reception and petitions ----------------------------------------------------------------------
PETITION_PAGES = {
    "case_list": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "session_list": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "petition_stats": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    "case_export": {p: 200 for p in PERSONAS} | {"anonymous": 302},
    # the desk works for a unit: the system administrator, who has none, is refused
    "petition_intake": {p: 200 if p in EDITORS else 403 for p in PERSONAS} | {"admin": 403, "anonymous": 302},
    "public_petition": {p: 200 for p in PERSONAS},
    "public_status": {p: 200 for p in PERSONAS},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PETITION_PAGES))
def test_petition_area_pages(tree, personas, persona: str, name: str) -> None:
    assert client_for(personas, persona).get(reverse(name)).status_code == PETITION_PAGES[name][persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", INITIATIVE_TARGETS)
def test_case_pages(tree, personas, persona: str, target: str) -> None:
    from danvan.petitions import services
    from danvan.petitions.models import Subject

    papers = services.Intake(
        received_on=tree.province.valid_from or timezone_today(),
        channel="post",
        kind="tc",
        subject=Subject.objects.first(),
        content="Tố cáo cán bộ xã",
        sender_name="Người tố cáo",
        conditions_met={"form", "tc_content", "not_handled"},
    )
    letter = services.receive_letter(actor=SYSTEM, unit=getattr(tree, target), intake=papers)
    case = letter.case
    client = client_for(personas, persona)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == expected(persona, target, "view")
    assert client.get(reverse("case_act", args=[case.pk, "classify"])).status_code == expected(persona, target, "edit")
    services.classify(actor=SYSTEM, case=case)
    services.propose_acceptance(actor=SYSTEM, case=case)
    assert client.get(reverse("case_act", args=[case.pk, "accept"])).status_code == expected(persona, target, "decide")
    document = client.get(reverse("case_document", args=[case.pk, "de_xuat_thu_ly"]))
    assert document.status_code == expected(persona, target, "edit")
    reveal = client.post(reverse("letter_identity", args=[letter.pk]), {"reason": "kiểm tra"})
    # Nobody is assigned yet: the identity is refused to everyone who can see the case, hidden from the rest.
    view = expected(persona, target, "view")
    assert reveal.status_code == (403 if view == 200 else view)


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", INITIATIVE_TARGETS)
def test_case_api(tree, personas, persona: str, target: str) -> None:
    """The petitions API answers as the pages do, with 401 instead of the login redirect."""
    from danvan.petitions import services
    from danvan.petitions.models import Subject

    papers = services.Intake(
        received_on=timezone_today(), channel="post", kind="kn", subject=Subject.objects.first(),
        content="Khiếu nại quyết định", sender_name="Người khiếu nại",
        conditions_met={"form", "kn_content", "not_handled"},
    )  # fmt: skip
    case = services.receive_letter(actor=SYSTEM, unit=getattr(tree, target), intake=papers).case

    def api_expected(need: str) -> int:
        status = expected(persona, target, "view")
        if status == 200:
            status = expected(persona, target, need)
        return 401 if status == 302 else status

    client = client_for(personas, persona)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == api_expected("view")
    classify = client.post(f"/api/v1/cases/{case.pk}/transitions/classify", {}, content_type="application/json")
    assert classify.status_code == api_expected("edit")
    case.refresh_from_db()
    if classify.status_code != 200:
        services.classify(actor=SYSTEM, case=case)
    services.propose_acceptance(actor=SYSTEM, case=case)
    accept = client.post(f"/api/v1/cases/{case.pk}/transitions/accept", {}, content_type="application/json")
    assert accept.status_code == api_expected("decide")


# --- one-stop and satisfaction (issue 12) -----------------------------------------------------------
# The roles grant every area's rights alike (roles.py): officers and leaders edit, leaders decide, the
# supervisor and the unit administrator read, the system administrator does everything. The province's
# catalogue and settings are decided over the province: commune A's leader decides for commune A only.
ONESTOP_TARGETS = ["commune_a", "commune_b", "commune_c"]
VIEW = {p: 200 for p in PERSONAS} | {"anonymous": 302}
EDIT = {p: 200 if p in EDITORS else 403 for p in PERSONAS} | {"anonymous": 302}
#: Decided over the province: nobody here but the system administrator.
PROVINCE_DECIDE = {p: 403 for p in PERSONAS} | {"admin": 200, "anonymous": 302}
PUBLIC = {p: 200 for p in PERSONAS}
#: Pages that work for one unit (a desk, a new record, the province's settings): the system administrator,
#: who has no unit until choosing one (danvan.accounts.working_unit), is refused until then, as at the
#: petitions desk; with the province chosen in the header's picker the page is theirs.
UNIT_BOUND = {
    "onestop_procedure_new", "onestop_settings", "onestop_import_procedures", "onestop_import_dossiers",
    "dialogues_meeting_plan", "dialogues_campaign_create",
}  # fmt: skip


def working_in(client: Client, unit) -> Client:
    """The header's unit picker: the working unit kept in the session."""
    from danvan.accounts.working_unit import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = unit.pk
    session.save()
    return client


ONESTOP_PAGES = {
    "onestop_dossier_list": VIEW,
    "onestop_dossier_export": VIEW,
    "onestop_intake": EDIT,
    "onestop_return_desk": EDIT,
    "onestop_procedures": VIEW,
    "onestop_service_points": VIEW,
    "onestop_stats": VIEW,
    "onestop_procedure_new": PROVINCE_DECIDE,
    "onestop_settings": PROVINCE_DECIDE,
    "onestop_import_procedures": PROVINCE_DECIDE,
    "onestop_import_dossiers": EDIT,
    "onestop_public_status": PUBLIC,
    "onestop_kiosk_thanks": PUBLIC,
    "satisfaction_index": VIEW,
    "satisfaction_questionnaires": VIEW,
    "satisfaction_campaigns": VIEW,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(ONESTOP_PAGES))
def test_onestop_and_satisfaction_pages(tree, personas, desk, persona: str, name: str) -> None:  # noqa: F811
    client = client_for(personas, persona)
    if persona == "admin":
        working_in(client, tree.province)
    assert client.get(reverse(name)).status_code == ONESTOP_PAGES[name][persona]


@pytest.mark.parametrize("name", sorted(UNIT_BOUND))
def test_unit_bound_pages_wait_for_the_administrators_unit(tree, personas, desk, name: str) -> None:  # noqa: F811
    assert client_for(personas, "admin").get(reverse(name)).status_code == 403


def _dossier_at(desk, tree, target: str):  # noqa: F811 (the fixture's value)
    from danvan.onestop import services as onestop

    point = {"commune_a": desk.point, "commune_b": desk.point_b, "commune_c": desk.point_c}[target]
    procedure = desk.other_certify if target == "commune_c" else desk.birth
    return onestop.receive_dossier(actor=SYSTEM, service_point=point, procedure=procedure,
                                   applicant_name="Hoàng Văn Thắng")  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", ONESTOP_TARGETS)
def test_onestop_dossier_pages(tree, personas, desk, persona: str, target: str) -> None:  # noqa: F811
    """A dossier of each commune: its workspace, its steps, its slip, the return and rating screens; commune
    B's officer finds nothing of commune A's (404), the supervisor reads, only a leader stops."""
    dossier = _dossier_at(desk, tree, target)
    client = client_for(personas, persona)
    assert client.get(reverse("onestop_dossier", args=[dossier.pk])).status_code == expected(persona, target, "view")
    slip = client.get(reverse("onestop_slip", args=[dossier.pk, "appointment"]))
    assert slip.status_code == expected(persona, target, "view")
    hand_over = reverse("onestop_dossier_act", args=[dossier.pk, "hand_over"])
    assert client.get(hand_over).status_code == expected(persona, target, "edit")
    stop = reverse("onestop_dossier_act", args=[dossier.pk, "stop"])
    assert client.get(stop).status_code == expected(persona, target, "decide")
    assert client.get(reverse("onestop_return", args=[dossier.pk])).status_code == expected(persona, target, "edit")
    assert client.get(reverse("onestop_rate", args=[dossier.pk])).status_code == expected(persona, target, "edit")
    # Nothing was changed by a refused or out-of-scope request.
    post = client.post(hand_over, {"department": "Địa chính"})
    assert post.status_code == (302 if expected(persona, target, "edit") == 200 else expected(persona, target, "edit"))
    dossier.refresh_from_db()
    assert (dossier.department == "Địa chính") is (expected(persona, target, "edit") == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_onestop_catalogue_edit(tree, personas, desk, persona: str) -> None:  # noqa: F811
    """The province's procedure: only who decides over the province edits it; another province's procedure
    is not found by a leader whose catalogue it is not in."""
    client = client_for(personas, persona)
    own = client.get(reverse("onestop_procedure_edit", args=[desk.birth.pk]))
    assert own.status_code == PROVINCE_DECIDE[persona]
    other = client.get(reverse("onestop_procedure_edit", args=[desk.other_certify.pk]))
    assert other.status_code == {"leader_a": 404}.get(persona, PROVINCE_DECIDE[persona])
    point_b = client.get(reverse("onestop_service_point_edit", args=[desk.point_b.pk]))
    assert point_b.status_code == {"leader_a": 404, "admin": 200, "anonymous": 302}.get(persona, 403)
    assert client.get(reverse("onestop_procedure", args=[desk.birth.pk])).status_code == VIEW[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_onestop_citizen_pages_need_the_token(tree, personas, desk, persona: str) -> None:  # noqa: F811
    dossier = _dossier_at(desk, tree, "commune_a")
    client = client_for(personas, persona)
    assert client.get(reverse("onestop_kiosk", args=[dossier.rating_token])).status_code == 200
    assert client.get(reverse("onestop_public_rate", args=[dossier.rating_token])).status_code == 200
    assert client.get(reverse("onestop_kiosk", args=["x" * 24])).status_code == 404
    assert client.get(reverse("onestop_public_rate", args=["x" * 24])).status_code == 404


# --- dialogues, grassroots democracy, inspections (issue 13): the main pages ------------------------
AREA_PAGES = {
    "dialogues_meeting_list": VIEW,
    "dialogues_commitment_list": VIEW,
    "dialogues_campaign_list": VIEW,
    "dialogues_stats": VIEW,
    "dialogues_meeting_plan": EDIT,
    "dialogues_campaign_create": EDIT,
    "public_commitments": PUBLIC,
    "democracy_publications": VIEW,
    "democracy_decisions": VIEW,
    "democracy_consultations": VIEW,
    "democracy_boards": VIEW,
    "democracy_conventions": VIEW,
    "democracy_gaps": VIEW,
    "democracy_stats": VIEW,
    "democracy_publication_new": EDIT,
    "democracy_decision_new": EDIT,
    "inspection_plan_list": VIEW,
    "inspection_recommendation_list": VIEW,
    "inspection_stats": VIEW,
    "inspection_plan_create": EDIT,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(AREA_PAGES))
def test_dialogue_democracy_inspection_pages(tree, personas, persona: str, name: str) -> None:
    client = client_for(personas, persona)
    if persona == "admin":
        working_in(client, tree.province)
    assert client.get(reverse(name)).status_code == AREA_PAGES[name][persona]
