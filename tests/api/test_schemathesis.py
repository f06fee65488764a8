"""Schemathesis against the live OpenAPI document of /api/v1/, in process (the Django WSGI app).

Every operation of ``/api/v1/openapi.json`` gets generated requests, valid and invalid (its examples,
boundary values, then fuzzing), sent with the bearer token of a province account that reads, writes and
decides. Each answer must be no server error, with a status code, a content type and a body that the
document declares for that operation. Half the time an id, a code or a username is one that exists, so
that the requests get past the 404s into the handlers.

``DANVAN_FUZZ_EXAMPLES`` sets the fuzzing examples per operation: a few dozen in the normal run,
thousands with ``make fuzz``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.accounts.access import SYSTEM
from danvan.accounts.services import create_token
from danvan.initiatives import rules as initiative_rules
from danvan.initiatives import services as initiatives
from danvan.initiatives.models import Field, Review
from danvan.petitions import rules as petition_rules
from danvan.petitions import services as petitions
from danvan.petitions.models import Subject
from danvan.units.models import Unit
from tests.factories import RoleAssignmentFactory, make_initiative

EXAMPLES = int(os.environ.get("DANVAN_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    WSGIHandler(),
    config=schemathesis.Config.from_dict(
        {"generation": {"max-examples": EXAMPLES}, "phases": {"stateful": {"enabled": False}}}
    ),
)

#: What exists in the database of the running example, by the names the API gives it; the fixture fills it.
REAL: dict[str, list[Any]] = {}
#: Parameters and body fields that a handler looks up or insists on, and the pool of real values for each.
QUERY = {"unit": "unit_code", "parent": "parent", "field": "field", "subfield": "subfield", "year": "year"}
BODY = {
    "unit_code": "unit_code", "unit_id": "unit_id", "field_id": "field", "subfield_id": "subfield",
    "subject_id": "subject", "case_id": "case", "year": "year", "chair": "username", "members": "usernames",
    "handlers": "usernames", "units": "unit_ids", "channel": "channel", "conditions_met": "conditions",
    "level": "level", "name": "text", "owner_name": "text", "sender_name": "text", "content": "text",
    "received_on": "day",
}  # fmt: skip
#: What a new record needs and a generated body may leave out: a letter (it has a subject), a model (a field).
NEEDED = {
    "subject_id": ("unit_code", "sender_name", "received_on", "channel", "content"),
    "field_id": ("unit_code", "name", "owner_name", "year"),
}


def _sometimes_real(values: Any, names: dict[str, str]) -> Any:
    """``values`` as generated, or (half the time) with every such field holding a real value."""
    if not isinstance(values, dict):
        return st.just(values)
    needed = [k for anchor, more in NEEDED.items() if anchor in values for k in more if k in names]
    keys = list(dict.fromkeys(k for k in [*values, *needed] if k in names and REAL.get(names[k])))
    if not keys:
        return st.just(values)
    real = st.fixed_dictionaries({k: st.sampled_from(REAL[names[k]]) for k in keys})
    return st.one_of(st.just(values), real.map(lambda new: {**values, **new}))


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    kind = "case" if "/cases/" in context.operation.path else "initiative"
    return _sometimes_real(path_parameters, {"pk": kind, "review_id": "review", "code": "unit_code"})


@schema.hook
def flatmap_query(context: Any, query: dict[str, Any] | None) -> Any:
    names = QUERY if "/units" not in context.operation.path else {"parent": "unit_code"}
    return _sometimes_real(query, names)


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    return _sometimes_real(body, BODY)


@pytest.fixture
def token(db: None, tree: Any, personas: Any) -> Iterator[str]:
    """The province's supervisor, who also leads the province (reads everything, writes and decides), with
    models in several states, a council it chairs, and cases of several kinds."""
    user = personas.supervisor
    RoleAssignmentFactory(user=user, role="leader", unit=tree.province)
    models = [make_initiative(tree.commune_a, s) for s in ("draft", "registered", "in_progress", "under_review")]
    models.append(make_initiative(tree.commune_b, "recognised"))
    chaired = make_initiative(tree.commune_a, "proposed")
    initiatives.open_review(actor=SYSTEM, initiative=chaired, chair=user, members=[user])
    subject = Subject.objects.order_by("order").first()
    cases = []
    for unit, kind in ((tree.commune_a, "kn"), (tree.commune_a, "tc"), (tree.commune_b, "kng")):
        intake = petitions.Intake(
            received_on=datetime.date(2026, 3, 2), channel="in_person", kind=kind, subject=subject,
            content="Đề nghị sửa đường liên thôn", sender_name="Nông Văn Bình", sender_address="Thôn A1",
        )  # fmt: skip
        cases.append(petitions.receive_letter(actor=SYSTEM, unit=unit, intake=intake).case)
    fields = Field.objects.all()
    units = [tree.province, tree.commune_a, tree.hamlet_a, tree.commune_b, tree.commune_c]
    REAL.clear()
    REAL.update(
        initiative=[m.pk for m in [*models, chaired]],
        case=[c.pk for c in cases if c is not None],
        review=list(Review.objects.values_list("pk", flat=True)),
        unit_code=[u.code for u in units if u.code],
        unit_id=[u.pk for u in units],
        unit_ids=[[tree.hamlet_a.pk], [u.pk for u in Unit.objects.filter(depth=3)]],
        field=[f.pk for f in fields if f.parent_id is None],
        subfield=[f.pk for f in fields if f.parent_id is not None],
        parent=[f.pk for f in fields if f.parent_id is None],
        subject=list(Subject.objects.values_list("pk", flat=True)[:3]),
        year=[2026, datetime.date.today().year],
        username=[user.username, personas.officer_a.username],
        usernames=[[user.username], [personas.officer_a.username, personas.leader_a.username]],
        channel=[c.value for c in petition_rules.Channel],
        conditions=[[c.value for c in petition_rules.CONDITION_LABELS]],
        level=[level.value for level in initiative_rules.RecognitionLevel],
        text=["Nông Văn Bình", "Hiến đất làm đường liên thôn"],
        day=[datetime.date(2026, 3, 2).isoformat(), datetime.date.today().isoformat()],
    )
    _, raw = create_token(user=user)
    # As Django's test client does: a request must not close the connection that holds the test's
    # transaction (on PostgreSQL the next request would find it closed).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield raw
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


#: The report operations draw a whole report — every area's figures for three periods, and its DOCX, XLSX or
#: PDF — at every call: a few generated examples each, without the boundary-value phase (dozens of calls per
#: operation), keep the suite's time; the others get ``EXAMPLES`` and every phase.
COSTLY = r"/reports"
REPORT_EXAMPLES = max(3, EXAMPLES // 5)
report_schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    WSGIHandler(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {"max-examples": REPORT_EXAMPLES},
            "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": False}},
        }
    ),
)
for _hook in (flatmap_path_parameters, flatmap_query, flatmap_body):
    report_schema.hook(_hook)


@schema.exclude(path_regex=COSTLY).parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(hypothesis.HealthCheck)
)
def test_api_conforms_to_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@report_schema.include(path_regex=COSTLY).parametrize()
@hypothesis.settings(
    max_examples=REPORT_EXAMPLES, deadline=None, database=None, suppress_health_check=list(hypothesis.HealthCheck)
)
def test_report_api_conforms_to_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
