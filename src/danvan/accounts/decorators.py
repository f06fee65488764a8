"""Access declarations for views. Every URL's view carries one; a test fails for a view without it.

* :func:`public` — anyone, signed in or not;
* :func:`signed_in` — any signed-in user;
* :func:`requires` — a signed-in user who holds the permission somewhere; the
  object-level check (is *this* unit or record in the user's scope?) is made in
  the view through :func:`danvan.accounts.access.get_for_user_or_404`.

They live with the access policy, not in the web shell, because every area's views and
the Open311 endpoint carry them and the areas sit below the interfaces.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from danvan.accounts import access
from danvan.accounts.models import User

View = Callable[..., HttpResponseBase]


class SignedInRequest(HttpRequest):
    """A request that passed a ``signed_in`` or ``requires`` declaration: its user is a real account."""

    user: User


def public(view: View) -> View:
    view.danvan_access = "public"  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    wrapped = login_required(view)
    wrapped.danvan_access = "signed_in"  # type: ignore[attr-defined]
    return wrapped


def requires(permission: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not access.can(request.user, permission):
                raise PermissionDenied("Bạn không có quyền truy cập chức năng này.")
            return view(request, *args, **kwargs)

        wrapped = login_required(checked)
        wrapped.danvan_access = f"perm:{permission}"  # type: ignore[attr-defined]
        return wrapped

    return decorator
