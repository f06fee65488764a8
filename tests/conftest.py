"""Shared fixtures: a small tree with a merger, and the personas of the permission matrix.

The tree (codes are the fixture's own, not the national list):

    Tỉnh Cũ (old province, until 30/06/2025) ── Xã Cũ (old commune) ── Thôn Cũ
    Tỉnh Mới (new province, from 01/07/2025)
      ├── Xã A ── Thôn A1           (Xã Cũ was merged into Xã A)
      └── Xã B (sibling)
    Tỉnh Khác ── Xã C               (an unrelated province)
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from danvan.accounts.models import User
from danvan.units.models import Unit
from danvan.units.rules import Kind
from tests.factories import LineageFactory, RoleAssignmentFactory, UnitFactory, UserFactory


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time when it shares the test's in-memory SQLite.

    Django hands the test's one in-memory SQLite connection to every request thread of the live
    server; two requests at once (an htmx answer while a form is posted) then interleave on that one
    connection, and a session read that loses the race signs the user out. On a database with a
    connection per thread (PostgreSQL, a file) the requests run side by side as before.
    """

    _lock = threading.Lock()

    def set_app(self, application: Any) -> None:
        if not self.connections_override:
            super().set_app(application)
            return

        def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Any:
            with self._lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


LiveServerThread.server_class = _OneRequestAtATime

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)


@dataclass
class Tree:
    old_province: Unit
    old_commune: Unit
    old_hamlet: Unit
    province: Unit
    commune_a: Unit
    hamlet_a: Unit
    commune_b: Unit
    other_province: Unit
    commune_c: Unit


@pytest.fixture
def tree(db: None) -> Tree:
    old_province = UnitFactory(kind=Kind.TINH, short_name="Cũ", code="91", valid_to=BEFORE)
    old_commune = UnitFactory(parent=old_province, kind=Kind.XA, short_name="Cũ", code="90001", valid_to=BEFORE)
    old_hamlet = UnitFactory(parent=old_commune, kind=Kind.THON, short_name="Cũ", code="", valid_to=BEFORE)
    province = UnitFactory(kind=Kind.TINH, short_name="Mới", code="92", valid_from=AFTER)
    commune_a = UnitFactory(parent=province, kind=Kind.XA, short_name="A", code="90010", valid_from=AFTER)
    hamlet_a = UnitFactory(parent=commune_a, kind=Kind.THON, short_name="A1", code="", valid_from=AFTER)
    commune_b = UnitFactory(parent=province, kind=Kind.XA, short_name="B", code="90020", valid_from=AFTER)
    other_province = UnitFactory(kind=Kind.TINH, short_name="Khác", code="93")
    commune_c = UnitFactory(parent=other_province, kind=Kind.PHUONG, short_name="C", code="90030")
    LineageFactory(predecessor=old_commune, successor=commune_a)
    LineageFactory(predecessor=old_province, successor=province)
    for unit in (old_province, old_commune, province, commune_a, commune_b, other_province):
        unit.refresh_from_db()
    return Tree(
        old_province, old_commune, old_hamlet, province, commune_a, hamlet_a, commune_b, other_province, commune_c
    )


@dataclass
class Personas:
    officer_a: User
    leader_a: User
    officer_b: User
    supervisor: User
    unit_admin: User
    admin: User


@pytest.fixture
def personas(tree: Tree) -> Personas:
    def person(username: str, role: str, unit: Unit | None) -> User:
        user = UserFactory(username=username)
        RoleAssignmentFactory(user=user, role=role, unit=unit)
        return user

    return Personas(
        officer_a=person("officer_a", "officer", tree.commune_a),
        leader_a=person("leader_a", "leader", tree.commune_a),
        officer_b=person("officer_b", "officer", tree.commune_b),
        supervisor=person("supervisor", "supervisor", tree.province),
        unit_admin=person("unit_admin", "unit_admin", tree.province),
        admin=person("sysadmin", "admin", None),
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests on the shared, committed demo (tests/demo_site.py: the crawl, the accessibility checks)
    run last, after pytest-django's own ordering: a test that asks for a transactional database only
    from inside a fixture is not seen by that ordering, and its flush would empty the demo (and the
    demo's rows would be in its way)."""
    on_demo = [item for item in items if "demo_site" in getattr(item, "fixturenames", ())]
    if on_demo:
        rest = [item for item in items if "demo_site" not in getattr(item, "fixturenames", ())]
        items[:] = rest + on_demo


@pytest.fixture(autouse=True)
def _reference_lists(request: pytest.FixtureRequest) -> None:
    """Transactional tests (live server, browser) run after a flush that empties the tables the
    migrations filled; put the reference lists back (idempotent) before such a test."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or bool(marker and marker.kwargs.get("transaction"))
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from danvan.initiatives.models import Criterion, Field, Metric
    from danvan.initiatives.reference import install
    from danvan.petitions.models import DocumentTemplate, Subject
    from danvan.petitions.reference import install_subjects, install_templates

    install(Field, Criterion, Metric)
    install_subjects(Subject)
    install_templates(DocumentTemplate)
