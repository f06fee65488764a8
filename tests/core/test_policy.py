"""The unit tree's services reach the access policy through core.policy, installed by accounts."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from danvan.accounts import access
from danvan.core import policy


def test_accounts_installs_its_access_policy_when_the_app_is_ready() -> None:
    assert policy._installed == [access]


def test_without_an_installed_policy_the_check_refuses_to_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fail closed: no policy means an error, never "allowed".
    monkeypatch.setattr(policy, "_installed", [])
    with pytest.raises(ImproperlyConfigured):
        policy.can(object(), "units.manage_unit")
    with pytest.raises(ImproperlyConfigured):
        policy.is_system_admin(object())
