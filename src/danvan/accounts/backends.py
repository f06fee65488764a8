"""Authentication backend: passwords as Django checks them, permissions from role assignments.

Makes ``user.has_perm(perm, obj)`` answer from :mod:`danvan.accounts.access`,
so templates (``perms``) and the admin ask the same policy as views and the API.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from danvan.accounts import access


class ScopedPermissionBackend(ModelBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not getattr(user_obj, "is_active", False):
            return False
        if access.is_system_admin(user_obj):
            return True
        return access.can(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if not getattr(user_obj, "is_active", False):
            return False
        return access.is_system_admin(user_obj)

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not getattr(user_obj, "is_active", False):
            return set()
        return access.user_permissions(user_obj)
