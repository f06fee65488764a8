"""The access policy as the unit tree's own services reach it.

The policy (:mod:`danvan.accounts.access`) is built on the unit tree: a role on
a unit covers its subtree and the units merged into it. The tree's write
services (create a hamlet, rename, retire, import) must still ask it "may this
actor manage this unit?", and importing it from ``units`` would close the cycle
units → accounts → units. So ``accounts`` installs its policy here when its app
is ready (``AccountsConfig.ready``) and ``units`` asks through these functions.
Every layer above ``accounts`` imports ``danvan.accounts.access`` directly.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class Policy(Protocol):
    def can(self, user: Any, permission: str, obj: Any = None) -> bool: ...

    def is_system_admin(self, user: Any) -> bool: ...


_installed: list[Policy] = []


def install(policy: Policy) -> None:
    """Make ``policy`` the one that :func:`can` and :func:`is_system_admin` ask (done once, by accounts)."""
    _installed[:] = [policy]


def _policy() -> Policy:
    if not _installed:
        raise ImproperlyConfigured("Chưa có chính sách phân quyền: danvan.accounts phải có trong INSTALLED_APPS.")
    return _installed[0]


def can(user: Any, permission: str, obj: Any = None) -> bool:
    return _policy().can(user, permission, obj)


def is_system_admin(user: Any) -> bool:
    return _policy().is_system_admin(user)
