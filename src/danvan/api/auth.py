"""API authentication: ``Authorization: Bearer <token>``, or the browser session (for the docs page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from danvan.accounts.services import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """The signed-in browser session; CSRF is checked for unsafe methods."""


API_AUTH = [BearerToken(), Session()]
