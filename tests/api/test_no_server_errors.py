"""What schemathesis found (issue 10, finding 2), one plain test each: the API refuses what it cannot
take with a JSON 422 naming the parameter, answers JSON for every error under /api/ (404 and 500
included, in production and in development), and documents every answer it gives.
"""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.services import create_token
from danvan.api.api import api
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

HUGE = [2**63, 10**30]


def bearer(user, **options) -> Client:
    _, raw = create_token(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"}, **options)


def is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v1/initiatives", "page"),
        ("/api/v1/initiatives", "field"),
        ("/api/v1/initiatives", "subfield"),
        ("/api/v1/cases", "page"),
        ("/api/v1/units", "page"),
        ("/api/v1/initiatives/fields", "parent"),
    ],
)
def test_a_huge_integer_is_a_422_naming_its_parameter(tree, personas, path, param, value) -> None:
    response = bearer(personas.supervisor).get(path, {param: value})
    assert response.status_code == 422 and is_json(response), response.content[:300]
    assert [e["field"] for e in response.json()["errors"]] == [param]


@pytest.mark.parametrize("path", ["/api/v1/initiatives/{}", "/api/v1/cases/{}", "/api/v1/initiatives/reviews/{}"])
def test_an_id_beyond_64_bits_is_refused_not_a_server_error(tree, personas, path) -> None:
    response = bearer(personas.supervisor).get(path.format(10**30))
    assert response.status_code in (404, 422) and is_json(response)


def test_a_page_past_the_end_is_still_an_empty_page_up_to_the_limit(tree, personas) -> None:
    client = bearer(personas.supervisor)
    for path in ("/api/v1/initiatives", "/api/v1/cases", "/api/v1/units"):
        response = client.get(path, {"page": 10**15})
        assert response.status_code == 200 and response.json()["results"] == [], path
        assert client.get(path, {"page": 10**15 + 1}).status_code == 422


@pytest.mark.parametrize(
    ("field", "value"),
    [("representatives", -63666), ("representatives", 40000), ("co_signers", 2**31), ("co_signers", 0)],
)
def test_a_count_that_does_not_fit_its_column_is_a_422(tree, personas, field, value) -> None:
    from danvan.petitions.models import Subject

    letter = {
        "unit_code": tree.commune_a.code, "received_on": "2026-03-02", "channel": "post", "kind": "kn",
        "subject_id": Subject.objects.first().pk, "content": "Đề nghị sửa đường", "sender_name": "Nông Văn Bình",
    }  # fmt: skip
    response = bearer(personas.officer_a).post(
        "/api/v1/letters", letter | {field: value}, content_type="application/json"
    )
    assert response.status_code == 422 and is_json(response), response.content[:300]
    assert [e["field"] for e in response.json()["errors"]] == [field]


REQUIRED_ON_PATCH = [
    "kind", "year", "name", "field_id", "owner_name", "owner_position", "owner_organization", "problem",
    "goals", "content", "area_people", "forces", "resources", "milestones", "outputs", "sustainability",
]  # fmt: skip


@pytest.mark.parametrize("field", REQUIRED_ON_PATCH)
def test_null_in_a_patch_is_a_422_naming_the_field(tree, personas, field) -> None:
    initiative = make_initiative(tree.commune_a, "registered")
    response = bearer(personas.officer_a).patch(
        f"/api/v1/initiatives/{initiative.pk}", {field: None}, content_type="application/json"
    )
    assert response.status_code == 422 and is_json(response), response.content[:300]
    (error,) = response.json()["errors"]
    assert error["field"] == field and "Không được để trống" in error["message"]


@pytest.mark.parametrize("field", ["subfield_id", "start_date", "evaluation_date"])
def test_null_still_clears_what_may_be_empty(tree, personas, field) -> None:
    initiative = make_initiative(tree.commune_a, "registered")
    response = bearer(personas.officer_a).patch(
        f"/api/v1/initiatives/{initiative.pk}", {field: None}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("year", [0, -5, 10000, 99999, 10**30])
@pytest.mark.parametrize("path", ["/api/v1/initiatives/stats", "/api/v1/petitions/stats"])
def test_a_year_out_of_range_is_a_422_in_the_statistics_api(tree, personas, path, year) -> None:
    response = bearer(personas.supervisor).get(path, {"year": year, "unit": tree.province.code})
    assert response.status_code == 422 and is_json(response)
    assert [e["field"] for e in response.json()["errors"]] == ["year"]


@pytest.mark.parametrize("year", ["0", "-5", "10000", "99999", str(10**30), "abc"])
@pytest.mark.parametrize("name", ["petition_stats", "initiative_stats"])
def test_a_bad_year_on_a_statistics_page_is_a_message_not_a_server_error(tree, personas, name, year) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(personas.supervisor)
    response = client.get(reverse(name), {"year": year, "unit": tree.province.code})
    # The page again, with the form's error or a message naming the year, and no figures.
    assert response.status_code in (200, 400)
    assert response.context["stats"] is None
    assert "Năm" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_is_a_json_500_and_its_traceback_is_logged(
    tree, personas, settings, monkeypatch, caplog, debug
) -> None:
    settings.DEBUG = debug

    def broken() -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("danvan.initiatives.api.selectors.fields_tree", broken)
    with caplog.at_level(logging.ERROR, logger="danvan.api"):
        response = bearer(personas.supervisor, raise_request_exception=False).get("/api/v1/initiatives/fields")
    assert response.status_code == 500 and is_json(response)
    assert response.json()["detail"].startswith("Lỗi máy chủ")
    (record,) = [r for r in caplog.records if r.name == "danvan.api"]
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "path", ["/api/v1/cases/abc", "/api/v1/initiatives/abc/transitions/launch", "/api/v1/nothing", "/api/v2/"]
)
def test_an_api_url_that_does_not_resolve_is_a_json_404(tree, personas, settings, path, debug) -> None:
    settings.DEBUG = debug
    response = bearer(personas.supervisor).get(path)
    assert response.status_code == 404 and is_json(response)
    assert path in response.json()["detail"]
    # Also for a write from a browser session without its CSRF token: a 404, not Django's CSRF page.
    session = Client(enforce_csrf_checks=True)
    session.force_login(personas.supervisor)
    posted = session.post(path, {})
    assert posted.status_code == 404 and is_json(posted)


def test_other_pages_keep_the_site_404_page(tree, personas) -> None:
    client = Client()
    client.force_login(personas.supervisor)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_every_operation_documents_every_refusal() -> None:
    document = api.get_openapi_schema()
    missing = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            codes = {str(code) for code in operation["responses"]}
            lacking = {"400", "401", "403", "404", "422"} - codes
            if lacking:
                missing[f"{method.upper()} {path}"] = sorted(lacking)
            for code in codes - {"200", "201"}:
                answer = operation["responses"].get(code) or operation["responses"][int(code)]
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, method, code)
    assert missing == {}


@pytest.mark.parametrize("path", ["/api/v1/initiatives/stats", "/api/v1/petitions/stats"])
def test_a_unit_named_with_a_nul_is_not_found_not_a_server_error(tree, personas, path) -> None:
    """Schemathesis found `?unit=%00` a 500 on PostgreSQL once units could be named: it is a 404."""
    response = bearer(personas.supervisor).get(path, {"unit": "\x00", "year": 2026})
    assert response.status_code == 404 and is_json(response)
    assert bearer(personas.supervisor).get(path, {"unit": "xa a", "year": 2026}).status_code == 200
