"""Two-factor sign-in (xác thực hai lớp): who must have it, and the step a session still owes.

After the password, a session *owes* a second step when its user has an authenticator app (a confirmed
django-otp TOTP device: enter its 6-digit code, or one of the recovery codes), or holds a role listed in
``DANVAN_2FA_REQUIRED_ROLES`` without one yet (enrol first). Until the step is done the session reaches
only that step's page and the logout (:class:`TwoFactorMiddleware`); the JSON API does not take it as
signed in, while an API bearer token, a factor of its own, is not concerned. Every sign-in through a
page (our login form, any other view that calls ``login()``) is noted here by :func:`note_sign_in`; a
session made without a request, such as the test client's ``force_login``, owes nothing.

The writes (enrolment, codes, disabling) are in :mod:`danvan.accounts.services`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import access, roles

#: Session key: the step this session still owes after the password (a :class:`Step` value).
PENDING_SESSION_KEY = "danvan_2fa_pending"
#: Set on the request by :func:`note_sign_in` when ``login()`` ran in it.
_SIGNED_IN_ATTR = "_danvan_signed_in"
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"
_SIX_DIGITS = re.compile(r"\d{6}")
_API_NAMESPACE = "api"


class Step(enum.StrEnum):
    VERIFY = "verify"  # enter a code from the authenticator app, or a recovery code
    ENROL = "enrol"  # set up an authenticator app first (the role requires one)


#: The pages a session that owes a step may open: the step's own page, the logout, the language switch.
ALLOWED_URL_NAMES: dict[Step, frozenset[str]] = {
    Step.VERIFY: frozenset({"two_factor_verify", "logout", "set_language"}),
    Step.ENROL: frozenset({"two_factor_enrol", "logout", "set_language"}),
}
STEP_URL_NAMES: dict[Step, str] = {Step.VERIFY: "two_factor_verify", Step.ENROL: "two_factor_enrol"}


# --- Rules ------------------------------------------------------------------------------------------
def required_roles() -> frozenset[str]:
    return frozenset(settings.DANVAN_2FA_REQUIRED_ROLES)


def is_required_for(user: Any) -> bool:
    """Whether one of the user's roles in force today requires a second factor."""
    required = required_roles()
    return bool(required) and any(a.role in required for a in access.active_assignments(user))


def authenticator_of(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any (one per user: a new enrolment replaces it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_device_of(user: Any) -> StaticDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def step_owed_by(user: Any) -> Step | None:
    """What a password alone leaves to do: a code if the user has an authenticator, enrolment if the role
    requires one, else nothing."""
    if authenticator_of(user) is not None:
        return Step.VERIFY
    if is_required_for(user):
        return Step.ENROL
    return None


def normalise_code(raw: str) -> str:
    """Codes as people type them: spaces and dashes dropped (“123 456”, “abcd-efgh”), letters lower-case."""
    return re.sub(r"[\s\-]", "", raw or "").lower()


def is_totp_shaped(code: str) -> bool:
    """Six digits are a code from the app; anything else is tried as a recovery code (eight letters and
    digits), so a mistyped recovery code never counts against the app's throttle, nor the reverse."""
    return bool(_SIX_DIGITS.fullmatch(code))


def format_recovery_code(token: str) -> str:
    """“abcdefgh” shown as “abcd-efgh”, easier to copy by hand; :func:`normalise_code` reads both."""
    return f"{token[:4]}-{token[4:]}" if len(token) > 4 else token


# --- The session --------------------------------------------------------------------------------------
def owed(request: HttpRequest) -> Step | None:
    session = getattr(request, "session", None)
    raw = session.get(PENDING_SESSION_KEY) if session is not None else None
    return Step(raw) if isinstance(raw, str) and raw in Step._value2member_map_ else None


def begin(request: HttpRequest, user: Any) -> Step | None:
    """Right after the password: the session owes the step the user needs, and a second factor passed
    earlier in this session no longer counts (a new sign-in proves it again)."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    step = step_owed_by(user)
    if step is None:
        request.session.pop(PENDING_SESSION_KEY, None)
    else:
        request.session[PENDING_SESSION_KEY] = step.value
    return step


def complete(request: HttpRequest, device: Device) -> None:
    """The second factor passed: the session is signed in, under a new key."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)


def forget_verification(request: HttpRequest) -> None:
    """The device that verified the session is gone (disabled, replaced)."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def step_url(step: Step, next_url: str = "") -> str:
    url = reverse(STEP_URL_NAMES[step])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def note_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: remember on the request that a sign-in happened in it; the middleware turns it
    into the step owed once the view has answered. A ``login()`` outside a request (the test client's
    ``force_login``) never reaches the middleware, so it owes nothing."""
    if request is not None:
        setattr(request, _SIGNED_IN_ATTR, True)


class TwoFactorMiddleware:
    """Holds a session that owes its second step to that step's page; placed after ``OTPMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, _SIGNED_IN_ATTR, False) and request.user.is_authenticated:
            begin(request, request.user)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        step = owed(request)
        if step is None or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_URL_NAMES[step]:
            return None
        if match is not None and _API_NAMESPACE in match.namespaces:
            # Half signed in is not signed in for the API; a bearer token still answers for itself.
            request.user = AnonymousUser()
            return None
        target = step_url(step, request.get_full_path() if request.method == "GET" else "")
        if request.headers.get("HX-Request"):
            # htmx would swap the step's page into a fragment: send the whole window there instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)


@checks.register(checks.Tags.security)
def check_required_roles(**kwargs: Any) -> list[checks.CheckMessage]:
    unknown = sorted(set(getattr(settings, "DANVAN_2FA_REQUIRED_ROLES", [])) - set(roles.Role.values))
    if unknown:
        return [
            checks.Error(
                f"DANVAN_2FA_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}.",
                hint=f"Use role codes among: {', '.join(roles.Role.values)}.",
                id="danvan.E010",
            )
        ]
    return []
