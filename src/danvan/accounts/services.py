"""Writes of accounts: users, role assignments, API tokens, two-factor devices. The only way these change."""

from __future__ import annotations

import datetime
import logging
import math
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import access, roles, two_factor
from danvan.accounts.models import ApiToken, RoleAssignment, User, hash_token
from danvan.core.text import nfc
from danvan.units.models import Organization, Unit

logger = logging.getLogger(__name__)


def _require_manager(actor: User | Any, unit: Unit | None, role: str) -> None:
    """A management command run by the operator acts as an explicit ``SystemActor``; nobody is ``None``."""
    access.require_actor(actor)
    if role == roles.Role.ADMIN or unit is None:
        if not access.is_system_admin(actor):
            raise PermissionDenied("Chỉ quản trị hệ thống mới cấp được vai trò này.")
        return
    if not access.can(actor, roles.MANAGE_USERS, unit):
        raise PermissionDenied("Bạn không có quyền quản lý tài khoản của đơn vị này.")


@transaction.atomic
def create_user(
    *,
    actor: User | Any,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    position: str = "",
) -> tuple[User, str]:
    """Create an account; returns it with its password (generated when none is given)."""
    username = nfc(username)
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = "Cần nhập tên đăng nhập."
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = f"Tên đăng nhập “{username}” đã có."
    if errors:
        raise ValidationError(errors)
    password = password or secrets.token_urlsafe(12)
    user = User(username=username, full_name=nfc(full_name), email=email.strip(), position=nfc(position))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    return user, password


@transaction.atomic
def assign_role(
    *,
    actor: User | Any,
    user: User,
    role: str,
    unit: Unit | None,
    organization: Organization | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> RoleAssignment:
    """Grant ``role`` on ``unit`` to ``user``. Refuses overlapping validity for the same role and unit."""
    if role not in roles.Role.values:
        raise ValidationError(
            {"role": f"Vai trò “{role}” không tồn tại. Chọn một trong: {', '.join(roles.Role.values)}."}
        )
    if unit is None and role not in roles.GLOBAL_ROLES:
        raise ValidationError({"unit": "Vai trò này phải gắn với một đơn vị."})
    _require_manager(actor, unit, role)
    valid_from = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu."})
    if organization is not None and (unit is None or organization.unit_id != unit.pk):
        raise ValidationError({"organization": "Cơ quan, tổ chức phải thuộc đơn vị được phân quyền."})
    # Lock the user's assignments so two concurrent grants cannot both pass the overlap check.
    list(RoleAssignment.objects.select_for_update().filter(user=user))
    overlapping = RoleAssignment.objects.filter(user=user, role=role, unit=unit).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_to)
    if overlapping.exists():
        raise ValidationError(
            {"valid_from": "Người dùng đã có vai trò này tại đơn vị này trong khoảng thời gian trùng lặp."}
        )
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        unit=unit,
        organization=organization,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=access.user_of(actor),
    )
    access.forget(user)
    return assignment


@transaction.atomic
def end_role(*, actor: User | Any, assignment: RoleAssignment, valid_to: datetime.date | None = None) -> RoleAssignment:
    """End a role assignment (history is kept: assignments are ended, not deleted)."""
    _require_manager(actor, assignment.unit, assignment.role)
    end = valid_to or timezone.localdate()
    if end < assignment.valid_from:
        raise ValidationError({"valid_to": "Ngày kết thúc phải sau ngày bắt đầu hiệu lực."})
    assignment.valid_to = end
    assignment.save(update_fields=["valid_to"])
    access.forget(assignment.user)
    return assignment


def create_token(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new API token; the raw token is returned once and never stored."""
    raw = f"dv_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=nfc(name), prefix=raw[:8], key_hash=hash_token(raw))
    return token, raw


def revoke_token(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk and not access.is_system_admin(actor):
        raise PermissionDenied("Không thể thu hồi mã của người khác.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def user_for_token(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Two-factor sign-in (the rules and the session's step are in accounts.two_factor) ------------------
WRONG_CODE = "Mã không đúng. Nhập mã 6 số đang hiển thị trong ứng dụng xác thực, hoặc một mã khôi phục chưa dùng."
WRONG_ENROLMENT_CODE = "Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã 6 số đang hiển thị trong ứng dụng."


def wait_message(seconds: int) -> str:
    return f"Đã nhập sai nhiều lần. Vui lòng đợi {seconds} giây rồi thử lại."


@dataclass(frozen=True)
class CodeCheck:
    """The answer to a code: the device that accepted it, or nothing, with how long to wait when the code was
    not even tried (django-otp doubles the wait after each wrong code: 1, 2, 4, 8… seconds)."""

    device: Device | None = None
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        return self.device is not None

    def error(self, wrong: str = WRONG_CODE) -> str:
        return wait_message(self.wait_seconds) if self.wait_seconds else wrong


def _verify(device: Device, code: str) -> CodeCheck:
    """One try of ``code`` on ``device``, the row locked so that two tries cannot both pass; the failure
    count it writes is kept (the refusal is returned, not raised inside the transaction)."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, info = locked.verify_is_allowed()
        if not allowed:
            until = (info or {}).get("locked_until")
            wait = math.ceil((until - timezone.now()).total_seconds()) if until else 1
            return CodeCheck(wait_seconds=max(wait, 1))
        if locked.verify_token(code):
            return CodeCheck(device=locked)
    return CodeCheck()


def check_second_factor(*, user: User, code: str) -> CodeCheck:
    """The sign-in's second step: six digits from the authenticator app, or a recovery code (used up)."""
    code = two_factor.normalise_code(code)
    if two_factor.is_totp_shaped(code):
        device: Device | None = two_factor.authenticator_of(user)
    else:
        device = two_factor.recovery_device_of(user)
    if device is None or not code:
        return CodeCheck()
    return _verify(device, code)


def start_enrolment(*, user: User) -> TOTPDevice:
    """The authenticator being set up: a new random secret, unconfirmed until a code from the app proves it
    was scanned. Asking again gives the same secret, so reloading the page keeps the QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=two_factor.AUTHENTICATOR_NAME, confirmed=False)
    return device


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=two_factor.RECOVERY_DEVICE_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < two_factor.RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in sorted(codes))
    return sorted(codes)


def confirm_enrolment(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator being set up with a code it shows; it replaces any earlier one, and ten new
    recovery codes replace the old ones. Returns the device and the codes, to be shown once."""
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is None:
        raise ValidationError({"code": "Chưa có ứng dụng nào đang được thiết lập. Vui lòng tải lại trang."})
    code = two_factor.normalise_code(code)
    result = _verify(pending, code) if two_factor.is_totp_shaped(code) else CodeCheck()
    if not result.ok:
        raise ValidationError({"code": result.error(WRONG_ENROLMENT_CODE)})
    device = result.device
    assert isinstance(device, TOTPDevice)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
    logger.info("Two-factor sign-in enabled for %s", user.username)
    return device, codes


def new_recovery_codes(*, user: User, code: str) -> list[str]:
    """Ten new recovery codes in place of the old ones, on a current code."""
    if two_factor.authenticator_of(user) is None:
        raise ValidationError({"code": "Bạn chưa bật xác thực hai lớp."})
    result = check_second_factor(user=user, code=code)
    if not result.ok:
        raise ValidationError({"code": result.error()})
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
    logger.info("New recovery codes for %s", user.username)
    return codes


def disable_two_factor(*, user: User, code: str) -> None:
    """Turn two-factor sign-in off, on a current code; refused while one of the user's roles requires it."""
    if two_factor.is_required_for(user):
        raise PermissionDenied("Vai trò của bạn bắt buộc xác thực hai lớp, nên không thể tắt.")
    if two_factor.authenticator_of(user) is None:
        raise ValidationError({"code": "Bạn chưa bật xác thực hai lớp."})
    result = check_second_factor(user=user, code=code)
    if not result.ok:
        raise ValidationError({"code": result.error()})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    logger.info("Two-factor sign-in disabled by %s", user.username)


def reset_two_factor(*, actor: User | Any, user: User) -> int:
    """A lost phone and lost recovery codes: the system administrator (or the operator's command) removes the
    user's devices; a role that requires them enrols again at the next sign-in. Returns how many went."""
    access.require_actor(actor)
    if not access.is_system_admin(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống mới đặt lại được xác thực hai lớp.")
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user).count() + StaticDevice.objects.filter(user=user).count()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    logger.warning("Two-factor sign-in reset for %s by %s", user.username, actor.get_full_name())
    return devices
