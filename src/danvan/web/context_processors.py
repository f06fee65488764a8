"""What the page shell needs on every page: navigation that shows only what exists, and the unit picker."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts import access, roles

CURRENT_UNIT_SESSION_KEY = "danvan_current_unit"


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "my_units": [], "current_unit": None}
    assignments = access.active_assignments(user)
    units = []
    seen = set()
    for assignment in assignments:
        if assignment.unit is not None and assignment.unit.pk not in seen:
            seen.add(assignment.unit.pk)
            units.append(assignment.unit)
    current_id = request.session.get(CURRENT_UNIT_SESSION_KEY)
    current = next((u for u in units if u.pk == current_id), units[0] if units else None)
    items = [("home", _("Tổng quan"), reverse("home")), ("units", _("Đơn vị hành chính"), reverse("unit_browser"))]
    if access.can(user, roles.VIEW_RECORDS):
        items.append(("petitions", _("Đơn thư"), reverse("case_list")))
        items.append(("initiatives", _("Dân vận khéo"), reverse("initiative_list")))
        items.append(("initiative_stats", _("Thống kê"), reverse("initiative_stats")))
    items.append(("gallery", _("Thư viện mô hình"), reverse("gallery")))
    if access.can(user, roles.MANAGE_USERS):
        items.append(("users", _("Tài khoản"), reverse("user_list")))
    items.append(("calendar", _("Lịch làm việc"), reverse("calendar")))
    items.append(("api", _("API"), reverse("api:openapi-view")))
    from danvan.core.models import Notification

    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "nav_items": items,
        "my_units": units,
        "current_unit": current,
        "is_system_admin": access.is_system_admin(user),
    }
