"""Writes of accounts: users, role assignments, API tokens. The only way these change."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.accounts.models import ApiToken, RoleAssignment, User, hash_token
from danvan.core.text import nfc
from danvan.units.models import Organization, Unit


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
