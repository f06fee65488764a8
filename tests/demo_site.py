"""The demo, seeded once for the whole session and served by a live server of its own.

The crawl (tests/web/test_crawl.py) and the accessibility check (tests/browser/test_accessibility.py)
both open the real demo, every persona's pages. Seeding it costs about twenty seconds, so they share
one seeding: each module imports ``demo_site`` (a fixture defined in a module is registered for each
module that imports it, so the seeding itself is guarded to happen once).

The demo is committed, not rolled back, so the tests that use it do not take pytest-django's
per-test database (a transactional test would empty it after the first test). They run where
pytest-django puts tests that do not ask for the database: after every test that does. At the end
of the session the database is emptied, as after a transactional test. When such a module runs
alone, no test asks pytest-django for a database, so the fixture sets the test database up itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from pytest_django.live_server_helper import LiveServer


@dataclass
class DemoSite:
    url: str  # the live server's address, e.g. http://localhost:41234


_shared: dict[str, DemoSite] = {}


def _is_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memorydb" in name or name.startswith("test_")


def _reference_lists() -> None:
    """What the migrations install and an earlier transactional test's flush emptied."""
    from danvan.initiatives.models import Criterion, Field, Metric
    from danvan.initiatives.reference import install
    from danvan.petitions.models import DocumentTemplate, Subject
    from danvan.petitions.reference import install_subjects, install_templates

    install(Field, Criterion, Metric)
    install_subjects(Subject)
    install_templates(DocumentTemplate)


def _seed_if_emptied() -> None:
    """Seed the demo again if a transactional test's flush emptied it meanwhile (a safety net: the demo's
    tests run last, tests/conftest.py)."""
    from danvan.accounts.models import User

    if not User.objects.filter(username="admin").exists():
        _reference_lists()
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(scope="session")
def demo_site(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSite]:
    if "site" in _shared:  # imported by a second module: the demo is already there
        with django_db_blocker.unblock():
            _seed_if_emptied()
        yield _shared["site"]
        return
    with django_db_blocker.unblock():
        own_database = None
        if not _is_test_database():
            own_database = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        assert _is_test_database(), connection.settings_dict["NAME"]
        _reference_lists()
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
    _shared["site"] = DemoSite(server.url)
    try:
        yield _shared["site"]
    finally:
        with django_db_blocker.unblock():
            server.stop()
            server._live_server_modified_settings.disable()
            call_command("flush", interactive=False, verbosity=0)
            if own_database is not None:
                teardown_databases(own_database, verbosity=0)
        _shared.clear()


@pytest.fixture
def demo(demo_site: DemoSite, django_db_blocker: Any) -> Iterator[DemoSite]:
    """The shared demo, with the database open to the test and the live server for its duration."""
    with django_db_blocker.unblock(), as_the_demo_signs_in():
        yield demo_site


def as_the_demo_signs_in() -> override_settings:
    """The demo signs leaders and the administrator in with the password alone (decision 0010)."""
    return override_settings(DANVAN_2FA_REQUIRED_ROLES=[])
