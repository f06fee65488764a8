"""What the page shell needs on every page: navigation that shows only what exists, and the unit picker."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts import access, roles
from danvan.accounts.working_unit import chosen_unit, working_unit


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "working_unit": None}
    items = [("home", _("Việc của tôi"), reverse("home")), ("units", _("Đơn vị hành chính"), reverse("unit_browser"))]
    if access.can(user, roles.VIEW_RECORDS):
        items.append(("petitions", _("Đơn thư"), reverse("case_list")))
        items.append(("initiatives", _("Dân vận khéo"), reverse("initiative_list")))
        items.append(("initiative_stats", _("Thống kê"), reverse("initiative_stats")))
    if access.can(user, roles.ONESTOP.view):
        items.append(("onestop", _("Một cửa"), reverse("onestop_dossier_list")))
    if access.can(user, roles.SATISFACTION.view):
        items.append(("satisfaction", _("Hài lòng"), reverse("satisfaction_index")))
    # The tools of the system go under "Khác", so that the header holds on one line at 1366 px.
    more = []
    if access.can(user, roles.REPORTS.view):
        more.append(("reports", _("Báo cáo định kỳ"), reverse("report_home")))
        more.append(("dashboard", _("Bảng điều hành"), reverse("dashboard")))
    if access.can(user, roles.INDICATORS.view):
        more.append(("indicators", _("Chỉ tiêu, chỉ số"), reverse("indicators_list")))
    more.append(("gallery", _("Thư viện mô hình"), reverse("gallery")))
    # The areas that a commune opens less often than every day.
    if access.can(user, roles.DIALOGUES.view):
        more.append(("dialogues", _("Đối thoại, cam kết"), reverse("dialogues_meeting_list")))
    if access.can(user, roles.DEMOCRACY.view):
        more.append(("democracy", _("Dân chủ ở cơ sở"), reverse("democracy_publications")))
    if access.can(user, roles.INSPECTIONS.view):
        more.append(("inspections", _("Kiểm tra, giám sát"), reverse("inspection_plan_list")))
    if access.can(user, roles.MANAGE_USERS):
        more.append(("users", _("Tài khoản"), reverse("user_list")))
    more.append(("calendar", _("Lịch làm việc"), reverse("calendar")))
    more.append(("api", _("API"), reverse("api:openapi-view")))
    from danvan.core.models import Notification

    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "nav_items": items,
        "nav_more": more,
        # The header's picker: the unit every page works for, and whether it was chosen there.
        "working_unit": working_unit(request),
        "working_unit_chosen": chosen_unit(request) is not None,
        "is_system_admin": access.is_system_admin(user),
        # A leader answers a citizen's request for their personal data (petitions.personal_data.RIGHT).
        "may_answer_personal_data": access.can(user, roles.PETITIONS.decide),
    }
