"""Users, their role assignments on units, and API tokens."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from danvan.accounts.roles import Role


class User(AbstractUser):
    """Người dùng — an officer (cán bộ) or a citizen account."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    phone = models.CharField("số điện thoại", max_length=20, blank=True)
    position = models.CharField("chức vụ", max_length=150, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def __str__(self) -> str:
        return self.get_full_name()


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active_on(self, day: datetime.date) -> RoleAssignmentQuerySet:
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RoleAssignment(models.Model):
    """Phân quyền — a role held by a user on a unit (and its subtree) for a period."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    organization = models.ForeignKey(
        "units.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "valid_from"]
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="role_assignment_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(role=Role.ADMIN), name="role_assignment_needs_unit"
            ),
        ]

    def __str__(self) -> str:
        where = f" — {self.unit}" if self.unit_id else ""
        return f"{self.user}: {self.get_role_display()}{where}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100, blank=True)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
