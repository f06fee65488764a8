"""Accounts in the JSON API: how a caller authenticates, and who the caller is (``/me``).

:data:`API_AUTH` is here, below the areas, because every area's router declares it;
the router is mounted by :mod:`danvan.api.api`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth

from danvan.accounts import access
from danvan.accounts.models import RoleAssignment, User
from danvan.accounts.services import user_for_token
from danvan.core.api import responses
from danvan.units.api import UnitRef, unit_ref


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """The signed-in browser session (for the docs page); CSRF is checked for unsafe methods."""


API_AUTH = [BearerToken(), Session()]

router = Router(auth=API_AUTH)


class RoleAssignmentOut(Schema):
    role: str
    role_label: str
    unit: UnitRef | None
    valid_from: datetime.date
    valid_to: datetime.date | None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    roles: list[RoleAssignmentOut]
    permissions: list[str]


# The operation id is the one it had in danvan.api.endpoints (clients generated from the OpenAPI use it).
@router.get(
    "/me",
    response=responses(MeOut),
    tags=["Tài khoản"],
    summary="Người dùng hiện tại và các vai trò",
    operation_id="danvan_api_endpoints_me",
)
def me(request: HttpRequest) -> MeOut:
    user = request.user
    assert isinstance(user, User)  # the API's auth only lets real accounts through
    assignments = RoleAssignment.objects.filter(user=user).select_related("unit").order_by("valid_from")
    return MeOut(
        username=user.get_username(),
        full_name=user.get_full_name(),
        email=user.email,
        roles=[
            RoleAssignmentOut(
                role=a.role,
                role_label=a.get_role_display(),
                unit=unit_ref(a.unit) if a.unit else None,
                valid_from=a.valid_from,
                valid_to=a.valid_to,
            )
            for a in assignments
        ],
        permissions=sorted(access.user_permissions(user)),
    )
