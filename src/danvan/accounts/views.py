"""Pages of two-factor sign-in (xác thực hai lớp): the code after the password, enrolment with a QR code,
the recovery codes shown once, and the user's own page to turn it on or off.

The password step stays Django's login view (with django-axes); :mod:`danvan.accounts.two_factor` holds a
session that owes its second step to these pages. A wrong code counts as a failed sign-in for django-axes
(the same lock-out as a wrong password) and is throttled by django-otp on the device itself (1, 2, 4…
seconds), which a new password sign-in does not reset.
"""

from __future__ import annotations

import re
from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import services, two_factor
from danvan.accounts.decorators import SignedInRequest, signed_in
from danvan.accounts.forms import CodeForm
from danvan.core.forms import add_service_errors

#: Session keys: the recovery codes just made, shown once by the next page, and where to go after it.
NEW_CODES_SESSION_KEY = "danvan_2fa_new_codes"
AFTER_CODES_SESSION_KEY = "danvan_2fa_after_codes"


def _next_url(request: SignedInRequest) -> str:
    """``next`` from the query or the form if it stays on this site, else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _is_verified(request: SignedInRequest) -> bool:
    """The session passed a second factor (set by django-otp's middleware)."""
    return getattr(request.user, "otp_device", None) is not None


def _locked_out(request: SignedInRequest, credentials: dict[str, str]) -> HttpResponse:
    """django-axes locked the account: the half-open session ends, and the lock-out page says why."""
    logout(request)
    return get_lockout_response(request, None, credentials)


def qr_svg(data: str, *, label: str) -> SafeString:
    """``data`` as an inline SVG QR code (drawn here: no image service, nothing leaves the server)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    attributes = format_html('width="224" height="224" role="img" aria-label="{}"', label)
    # The SVG is ours: a path drawn from the data, no text from the user.
    return mark_safe(re.sub(r'width="[^"]*" height="[^"]*"', attributes, svg, count=1))  # noqa: S308


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _show_codes(request: SignedInRequest, codes: list[str], next_url: str) -> HttpResponseBase:
    request.session[NEW_CODES_SESSION_KEY] = codes
    request.session[AFTER_CODES_SESSION_KEY] = next_url
    return redirect("two_factor_recovery_codes")


@never_cache
@signed_in
def two_factor_verify(request: SignedInRequest) -> HttpResponseBase:
    """The second step of the sign-in: a code from the app, or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    step = two_factor.owed(request)
    if step is two_factor.Step.VERIFY and two_factor.authenticator_of(user) is None:
        step = two_factor.begin(request, user)  # the device was removed meanwhile
    if step is not two_factor.Step.VERIFY:
        return redirect(two_factor.step_url(step, next_url) if step else next_url)
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _locked_out(request, credentials)
    form = CodeForm(request.POST or None, recovery=True, autofocus=True)
    if request.method == "POST" and form.is_valid():
        result = services.check_second_factor(user=user, code=form.cleaned_data["code"])
        if result.device is not None:
            two_factor.complete(request, result.device)
            if isinstance(result.device, StaticDevice):
                left = result.device.token_set.count()
                messages.warning(
                    request,
                    _("Bạn vừa dùng một mã khôi phục; còn lại %(left)s mã. Có thể tạo mã mới ở trang Xác thực hai lớp.")
                    % {"left": left},
                )
            return redirect(next_url)
        # A refused code is a failed sign-in for django-axes, like a wrong password.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, credentials)
        form.add_error("code", result.error())
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@signed_in
def two_factor_enrol(request: SignedInRequest) -> HttpResponseBase:
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a code it shows."""
    user = request.user
    next_url = _next_url(request)
    step = two_factor.owed(request)
    if step is two_factor.Step.VERIFY:
        return redirect(two_factor.step_url(step, next_url))
    if step is None and two_factor.authenticator_of(user) is not None and not _is_verified(request):
        messages.info(request, _("Để đổi sang ứng dụng khác, hãy đăng xuất rồi đăng nhập lại bằng mã xác thực trước."))
        return redirect("two_factor")
    device = services.start_enrolment(user=user)
    form = CodeForm(request.POST or None, autofocus=step is two_factor.Step.ENROL)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.confirm_enrolment(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            two_factor.complete(request, device)
            return _show_codes(request, codes, next_url if step else reverse("two_factor"))
    context = {
        "form": form,
        "next": next_url,
        "forced": step is two_factor.Step.ENROL,
        "qr": qr_svg(device.config_url, label=_("Mã QR để thêm DanVan vào ứng dụng xác thực")),
        "secret": _grouped_secret(device),
        "account": user.get_username(),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@never_cache
@signed_in
def two_factor_recovery_codes(request: SignedInRequest) -> HttpResponseBase:
    """The recovery codes just made, once: a reload finds them gone."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    after = request.session.pop(AFTER_CODES_SESSION_KEY, "") or reverse("two_factor")
    if not codes:
        return redirect("two_factor")
    shown = [two_factor.format_recovery_code(c) for c in codes]
    return render(request, "accounts/two_factor_recovery_codes.html", {"codes": shown, "after": after})


def _overview(request: SignedInRequest, **forms: Any) -> HttpResponse:
    user = request.user
    recovery = two_factor.recovery_device_of(user)
    context = {
        "authenticator": two_factor.authenticator_of(user),
        "recovery_left": recovery.token_set.count() if recovery else 0,
        "required": two_factor.is_required_for(user),
        "disable_form": forms.get("disable_form") or CodeForm(prefix="disable", recovery=True),
        "codes_form": forms.get("codes_form") or CodeForm(prefix="codes"),
    }
    return render(request, "accounts/two_factor.html", context)


@never_cache
@signed_in
def two_factor_overview(request: SignedInRequest) -> HttpResponseBase:
    """The user's own page: whether two-factor sign-in is on, and the buttons to change it."""
    return _overview(request)


@require_POST
@signed_in
def two_factor_new_codes(request: SignedInRequest) -> HttpResponseBase:
    form = CodeForm(request.POST, prefix="codes")
    if form.is_valid():
        try:
            codes = services.new_recovery_codes(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _show_codes(request, codes, reverse("two_factor"))
    return _overview(request, codes_form=form)


@require_POST
@signed_in
def two_factor_disable(request: SignedInRequest) -> HttpResponseBase:
    form = CodeForm(request.POST, prefix="disable", recovery=True)
    if form.is_valid():
        try:
            services.disable_two_factor(user=request.user, code=form.cleaned_data["code"])
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("two_factor")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            two_factor.forget_verification(request)
            messages.success(request, _("Đã tắt xác thực hai lớp."))
            return redirect("two_factor")
    return _overview(request, disable_form=form)
