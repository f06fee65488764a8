"""Pages of the foundation: overview, unit browser and detail, hamlets, accounts, tokens, calendar."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts import access, roles
from danvan.accounts import services as account_services
from danvan.accounts import working_unit as working_units
from danvan.accounts.decorators import SignedInRequest, public, requires, signed_in
from danvan.accounts.models import ApiToken, RoleAssignment, User
from danvan.core.calendar import DAY_OFF, WorkCalendar, holiday_name
from danvan.core.forms import ImportForm, add_service_errors
from danvan.core.imports import ImportRejected
from danvan.core.models import CalendarOverride
from danvan.core.selectors import current_calendar
from danvan.units import services as unit_services
from danvan.units.imports import COLUMNS, import_hamlets
from danvan.units.models import Unit
from danvan.units.rules import DISTRICT_LEVEL_END, Level
from danvan.units.selectors import (
    children_on,
    lineage_of,
    organizations_of,
    staffing_totals,
)
from danvan.web.forms import CalendarYearForm, HamletForm, TokenForm, UserCreateForm
from danvan.workflow import inbox

BROWSER_PAGE = 100
#: Suggestions the unit picker shows at most; typing more narrows them.
PICKER_LIMIT = 20


def _as_of(request: HttpRequest) -> datetime.date:
    """The date the tree is drawn on: ``?tree=before`` is the last day of the three-tier tree."""
    if request.GET.get("tree") == "before":
        return DISTRICT_LEVEL_END
    raw = request.GET.get("as_of")
    if raw:
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            messages.error(request, "Ngày “as_of” không hợp lệ; đang hiển thị cây hiện hành.")
    return timezone.localdate()


@signed_in
def home(request: SignedInRequest) -> HttpResponse:
    """The officer's inbox: what waits for them across the areas, what is overdue, what they follow."""
    today = timezone.localdate()
    return render(
        request,
        "web/home.html",
        {
            "today": today,
            "inbox": inbox.for_user(request.user, today=today, who=request),
            "assignments": access.active_assignments(request.user),
        },
    )


@signed_in
def unit_browser(request: SignedInRequest) -> HttpResponse:
    day = _as_of(request)
    query = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    results: list[Unit] = []
    total = 0
    if query:
        qs = Unit.objects.valid_on(day).search(query)
        if level in Level.values:
            qs = qs.filter(level=level)
        total = qs.count()
        results = list(qs.order_by("depth", "code")[:BROWSER_PAGE])
        paths = {u.path[: -Unit.steplen] for u in results if u.depth > 1}
        parents = {u.path: u for u in Unit.objects.filter(path__in=paths)}
        for unit in results:
            unit.parent_cached = parents.get(unit.path[: -Unit.steplen])  # type: ignore[attr-defined,unused-ignore]
    roots = [] if query else children_on(None, day)
    return render(
        request,
        "web/unit_browser.html",
        {
            "as_of": day,
            "before": day <= DISTRICT_LEVEL_END,
            "query": query,
            "level": level,
            "levels": Level.choices,
            "results": results,
            "total": total,
            "roots": roots,
            "page_limit": BROWSER_PAGE,
        },
    )


@signed_in
def unit_children(request: SignedInRequest, pk: int) -> HttpResponse:
    """The htmx partial that expands one node of the tree."""
    parent = access.get_for_user_or_404(Unit.objects.all(), request.user, roles.VIEW_UNITS, pk=pk)
    day = _as_of(request)
    return render(
        request,
        "web/unit_browser.html#children",
        {"children": children_on(parent, day), "as_of": day, "before": day <= DISTRICT_LEVEL_END},
    )


@signed_in
def unit_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    unit = access.get_for_user_or_404(Unit.objects.prefetch_related("versions"), request.user, roles.VIEW_UNITS, pk=pk)
    today = timezone.localdate()
    day = unit.valid_to if unit.valid_to and unit.valid_to < today else today
    formed_from, became = lineage_of(unit)
    organizations = organizations_of(unit)
    years = sorted({s.year for o in organizations for s in o.staffing.all()}, reverse=True)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else (years[0] if years else today.year)
    return render(
        request,
        "web/unit_detail.html",
        {
            "unit": unit,
            "ancestors": list(Unit.objects.get_ancestors(unit)),
            "children": children_on(unit, day),
            "children_day": day,
            "formed_from": formed_from,
            "became": became,
            "organizations": organizations,
            "staffing": staffing_totals(unit, year),
            "staffing_years": years,
            "can_manage": access.can(request.user, roles.MANAGE_UNITS, unit),
        },
    )


@requires(roles.MANAGE_UNITS)
def unit_add_hamlet(request: SignedInRequest, pk: int) -> HttpResponse:
    unit = access.get_for_user_or_404(Unit.objects.all(), request.user, roles.MANAGE_UNITS, pk=pk)
    form = HamletForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hamlet = unit_services.create_unit(actor=request.user, parent=unit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã thêm {hamlet.name}.")
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "web/unit_add_hamlet.html", {"unit": unit, "form": form})


@requires(roles.MANAGE_UNITS)
def unit_import(request: SignedInRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = import_hamlets(actor=request.user, stream=form.cleaned_data["file"])
        except ImportRejected as exc:
            errors = [str(e) for e in exc.errors]
        except PermissionDenied as exc:
            errors = [str(exc)]
        else:
            messages.success(request, f"Đã nhập {len(created)} thôn, tổ dân phố.")
            return redirect("unit_browser")
    return render(request, "web/unit_import.html", {"form": form, "errors": errors, "columns": COLUMNS.values()})


def _next(request: HttpRequest, raw: str) -> str:
    """Where to return after choosing: the page the picker was opened on, if it is one of ours."""
    if (
        raw.startswith("/")
        and not raw.startswith(reverse("pick_unit"))
        and url_has_allowed_host_and_scheme(raw, allowed_hosts={request.get_host()}, require_https=False)
    ):
        return raw
    return reverse("home")


@require_http_methods(["GET", "POST"])
@signed_in
def pick_unit(request: SignedInRequest) -> HttpResponse:
    """The working unit's picker: GET searches (the header's htmx suggestions, or this page without
    JavaScript), POST chooses (``unit`` = a unit's id; empty returns to the default) and goes back."""
    if request.method == "POST":
        target = _next(request, request.POST.get("next", ""))
        raw = request.POST.get("unit", "").strip()
        unit = Unit.objects.filter(pk=int(raw)).first() if raw.isascii() and raw.isdigit() else None
        try:
            if raw and unit is None:
                raise PermissionDenied(working_units.REFUSED)
            working_units.set_working_unit(request, unit)
        except PermissionDenied:
            messages.error(request, working_units.REFUSED)
        else:
            chosen = working_units.working_unit(request)
            if unit is not None:
                messages.success(request, f"Đơn vị làm việc: {unit.name}.")
            elif chosen is not None:
                messages.info(request, f"Đơn vị làm việc trở về mặc định: {chosen.name}.")
            else:
                messages.info(request, "Đã bỏ chọn đơn vị làm việc.")
        return HttpResponseRedirect(target)
    query = request.GET.get("q", "").strip()[:100]
    choices = (
        working_units.pickable_units(request.user, query, limit=PICKER_LIMIT)
        if query
        else working_units.own_units(request.user)
    )
    context = {
        "query": query,
        "choices": choices,
        "limited": bool(query) and len(choices) >= PICKER_LIMIT,
        "next": _next(request, request.GET.get("next", "")),
    }
    if request.headers.get("HX-Request"):
        return render(request, "web/_unit_picker.html#results", context)
    return render(request, "web/pick_unit.html", context)


@requires(roles.MANAGE_USERS)
def user_list(request: SignedInRequest) -> HttpResponse:
    scope = access.scope_for(request.user, roles.MANAGE_USERS)
    assignments = (
        RoleAssignment.objects.filter(scope.q("unit__path"))
        .select_related("user", "unit")
        .order_by("user__username", "valid_from")
    )
    return render(request, "web/user_list.html", {"assignments": assignments, "today": timezone.localdate()})


@requires(roles.MANAGE_USERS)
def user_create(request: SignedInRequest) -> HttpResponse:
    manager_roles = {a.role for a in access.active_assignments(request.user)}
    form = UserCreateForm(
        request.POST or None, allowed_roles=roles.roles_a_manager_may_grant(manager_roles), actor=request.user
    )
    created: tuple[User, str] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = _create_user_with_role(request.user, data["unit"], data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("unit", str(exc))
        else:
            messages.success(request, f"Đã tạo tài khoản {created[0].username}.")
    return render(request, "web/user_create.html", {"form": form, "created": created})


def _create_user_with_role(actor: User, unit: Unit, data: dict[str, object]) -> tuple[User, str]:
    from django.db import transaction

    with transaction.atomic():
        user, password = account_services.create_user(
            actor=actor,
            username=str(data["username"]),
            password=str(data["password"] or "") or None,
            full_name=str(data["full_name"]),
            email=str(data["email"] or ""),
            position=str(data["position"] or ""),
        )
        account_services.assign_role(
            actor=actor,
            user=user,
            role=str(data["role"]),
            unit=unit,
            valid_from=data["valid_from"],  # type: ignore[arg-type]
            valid_to=data["valid_to"],  # type: ignore[arg-type]
        )
    return user, password


@require_POST
@requires(roles.MANAGE_USERS)
def role_end(request: SignedInRequest, pk: int) -> HttpResponse:
    assignment = access.get_for_user_or_404(
        RoleAssignment.objects.select_related("unit", "user"), request.user, roles.MANAGE_USERS, pk=pk
    )
    try:
        account_services.end_role(actor=request.user, assignment=assignment)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"Đã kết thúc vai trò: {assignment}.")
    return redirect("user_list")


@signed_in
def my_tokens(request: SignedInRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = account_services.create_token(user=request.user, name=form.cleaned_data["name"])
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "web/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token})


@require_POST
@signed_in
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        from django.http import Http404

        raise Http404("Không tìm thấy.")
    account_services.revoke_token(actor=request.user, token=token)
    messages.success(request, "Đã thu hồi mã truy cập.")
    return redirect("my_tokens")


@signed_in
def calendar(request: SignedInRequest) -> HttpResponse:
    form = CalendarYearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    cal: WorkCalendar = current_calendar()
    overrides = {o.date: o for o in CalendarOverride.objects.filter(date__year=year)}
    days = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        name = holiday_name(day)
        override = overrides.get(day)
        weekend_worked = day.weekday() >= 5 and cal.is_working_day(day)
        if name or override or weekend_worked:
            days.append(
                {
                    "date": day,
                    "working": cal.is_working_day(day),
                    "name": name or "",
                    "override": override,
                    "weekend_worked": weekend_worked and not override,
                }
            )
        day += datetime.timedelta(days=1)
    working = sum(
        1
        for i in range(366)
        if (d := datetime.date(year, 1, 1) + datetime.timedelta(days=i)).year == year and cal.is_working_day(d)
    )
    return render(
        request,
        "web/calendar.html",
        {"form": form, "year": year, "days": days, "working_days": working, "DAY_OFF": DAY_OFF},
    )


@public
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@signed_in
def my_notifications(request: SignedInRequest) -> HttpResponse:
    """Thông báo của tôi; POST marks them all read."""
    from danvan.core.models import Notification

    mine = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("my_notifications")
    return render(request, "web/notifications.html", {"notifications": mine[:200]})
