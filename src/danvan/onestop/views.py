"""The officers' one-stop pages: the desk's intake and return screens, the dossier list and workspace,
the catalogue (procedures, service points, the province's settings) and the statistics.

Every read starts from the user's scope (:mod:`.selectors`, ``access.get_for_user_or_404``); every write
is a service (:mod:`.services`); the steps go through the kit's action page (:mod:`danvan.workflow.views`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.accounts.working_unit import working_unit
from danvan.core.forms import add_service_errors
from danvan.core.periods import PERIOD_CHOICES
from danvan.core.selectors import current_calendar
from danvan.core.text import fold
from danvan.lists.views import export, list_context
from danvan.onestop import documents, forms, rules, selectors, services
from danvan.onestop.lists import DOSSIERS
from danvan.onestop.models import Dossier, OneStopQuerySet, Procedure, ServicePoint
from danvan.stats import pages as stats_pages
from danvan.stats.display import Row, Table
from danvan.stats.question import QuestionError, ask, unit_box
from danvan.units.models import Unit
from danvan.workflow import engine as workflow
from danvan.workflow import forms as workflow_forms
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page

RIGHTS = roles.ONESTOP
S = rules.Status
QUEUES = selectors.QUEUES
DUE_TOMORROW = "Ngày làm việc tới là hạn trả; nếu sẽ chậm, phát hành Phiếu xin lỗi và hẹn lại ngày trả kết quả hôm nay."


#: The area's pages in its tabs: key, label, route, right needed.
PAGES = (
    ("list", "Hồ sơ", "onestop_dossier_list", RIGHTS.view),
    ("intake", "Tiếp nhận", "onestop_intake", RIGHTS.edit),
    ("return", "Trả kết quả", "onestop_return_desk", RIGHTS.edit),
    ("procedures", "Thủ tục", "onestop_procedures", RIGHTS.view),
    ("points", "Nơi tiếp nhận", "onestop_service_points", RIGHTS.view),
    ("stats", "Thống kê", "onestop_stats", RIGHTS.view),
    ("settings", "Thiết lập", "onestop_settings", RIGHTS.decide),
)


def _render(request: SignedInRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    pages = [(key, label, name) for key, label, name, right in PAGES if access.can(request.user, right)]
    return render(request, template, {**context, "onestop_pages": pages})


def _dossier(request: SignedInRequest, pk: int, permission: str = RIGHTS.view) -> Dossier:
    """The dossier ``pk`` if the user may ``permission`` it; 404 otherwise (missing or not theirs alike)."""
    return access.get_for_user_or_404(selectors.dossiers_for(request.user), request.user, permission, pk=pk)


def _editable(user: Any) -> QuerySet[Dossier]:
    """The dossiers the user may move on (the desk's screens)."""
    return _within_edit(selectors.dossiers_for(user), user)


def _within_edit(qs: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """A selector's list narrowed to the records ``user`` may change (the same scope policy, the edit right)."""
    return cast(OneStopQuerySet, qs).visible_to(user, RIGHTS.edit)


# --- the dossier list ----------------------------------------------------------------------------------


@requires(RIGHTS.view)
def dossier_list(request: SignedInRequest) -> HttpResponse:
    """Sổ theo dõi hồ sơ with the work queues: overdue and due on the next working day among them."""
    context = list_context(DOSSIERS, request, queue=list(QUEUES))
    listing = context["listing"]
    return _render(
        request,
        "onestop/dossier_list.html",
        {
            **context,
            "queue": listing.values.get("queue", ""),
            "queues": [(key, label, context["counts"]["queue"][key]) for key, label in QUEUES.items()],
            "now": timezone.now(),
            "can_receive": working_unit(request, permission=RIGHTS.edit) is not None,
        },
    )


@requires(RIGHTS.view)
def dossier_export(request: SignedInRequest) -> HttpResponse:
    return export(DOSSIERS, request)


# --- the desk: intake ----------------------------------------------------------------------------------


def _desk_points(request: SignedInRequest) -> tuple[list[ServicePoint], ServicePoint | None]:
    """The active service points where the user may receive, and the default: the working unit's point."""
    points = list(_within_edit(selectors.service_points_for(request.user), request.user).filter(active=True))
    unit = working_unit(request, permission=RIGHTS.edit)
    default = None
    if unit is not None:
        own = [p for p in points if p.unit_id == unit.pk]
        # The unit's own centre before its other reception points.
        own.sort(key=lambda p: (p.kind == ServicePoint.Kind.RECEPTION_POINT, p.name))
        default = own[0] if own else None
    if default is not None:
        points.remove(default)
        points.insert(0, default)
    return points, default


def _resolve_procedure(form: forms.IntakeForm, point: ServicePoint) -> tuple[Procedure | None, list[Procedure]]:
    """The procedure the officer chose (a match's radio button) or typed (its code, or words that name one
    procedure only), and the matches to show under the box."""
    catalogue = services.procedures_for(point.unit)
    text = form.cleaned_data.get("procedure", "")
    matches = forms.search_procedures(catalogue, text)
    pk = form.cleaned_data.get("procedure_pk")
    if pk:
        chosen = catalogue.filter(pk=pk).first()
        if chosen is not None:
            return chosen, matches
    exact = [p for p in matches if p.code.lower() == text.strip().lower()]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0], matches
    if not text.strip():
        form.add_error("procedure", "Cần chọn thủ tục: gõ mã thủ tục hoặc vài chữ của tên thủ tục.")
    elif not matches:
        form.add_error("procedure", f"Không có thủ tục “{text.strip()}” trong danh mục đang áp dụng của tỉnh.")
    else:
        form.add_error("procedure", f"Có nhiều thủ tục khớp “{text.strip()}”: chọn một thủ tục trong danh sách.")
    return None, matches


@requires(RIGHTS.edit)
def intake(request: SignedInRequest) -> HttpResponse:
    """Tiếp nhận hồ sơ tại quầy (or one arrived by post): one form, the keyboard only; on success the
    dossier's page, where the appointment slip is printed."""
    points, default = _desk_points(request)
    initial = {"service_point": default.pk if default else None, "channel": rules.Channel.DESK, "sets": "1"}
    form = forms.IntakeForm(request.POST or None, points=points, initial=initial)
    matches: list[Procedure] = []
    chosen_pk = None
    if request.method == "POST" and form.is_valid():
        point = form.point()
        assert point is not None  # a valid choice
        procedure, matches = _resolve_procedure(form, point)
        chosen_pk = procedure.pk if procedure else None
        if procedure is not None:
            try:
                dossier = services.receive_dossier(
                    actor=request.user, service_point=point, procedure=procedure,
                    channel=form.cleaned_data["channel"], **form.applicant(),
                )  # fmt: skip
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error("service_point", str(exc))
            else:
                messages.success(request, f"Đã tiếp nhận hồ sơ {dossier.code}.")
                return redirect(f"{reverse('onestop_dossier', args=[dossier.pk])}?moi=1")
    elif request.method == "POST":
        text = str(request.POST.get("procedure", ""))
        point = next((p for p in points if str(p.pk) == request.POST.get("service_point")), default)
        if point is not None:
            matches = forms.search_procedures(services.procedures_for(point.unit), text)
    return _render(
        request,
        "onestop/intake.html",
        {"form": form, "points": points, "matches": matches, "chosen_pk": chosen_pk, "query": ""},
    )


@requires(RIGHTS.edit)
def procedure_matches(request: SignedInRequest) -> HttpResponse:
    """The intake box's answer while the officer types (htmx): the catalogue's procedures that match."""
    points, default = _desk_points(request)
    point = next((p for p in points if str(p.pk) == request.GET.get("service_point")), default)
    text = str(request.GET.get("procedure", ""))[:200]
    matches = forms.search_procedures(services.procedures_for(point.unit), text) if point is not None else []
    return render(request, "onestop/_procedure_matches.html", {"matches": matches, "query": text, "chosen_pk": None})


# --- the dossier workspace -----------------------------------------------------------------------------


@requires(RIGHTS.view)
def dossier_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    user = request.user
    now = timezone.now()
    in_progress = dossier.status in rules.IN_PROGRESS
    apology = getattr(dossier, "apology", None)  # a missing one-to-one raises an AttributeError
    rating = getattr(dossier, "rating", None)
    may_edit = access.can(user, RIGHTS.edit, dossier)
    # Only the slips the dossier has now (an online dossier not yet received has no appointment slip).
    slips = [(slip.kind, slip.title) for slip in documents.available(dossier)]
    return _render(
        request,
        "onestop/dossier_detail.html",
        {
            "dossier": dossier,
            "obj": dossier,
            "procedure": dossier.procedure,
            "status_label": dossier.get_status_display(),
            "buttons": workflow.buttons(services.DOSSIER, user, dossier),
            "next_step": workflow.next_step(services.DOSSIER, dossier),
            "act_url": "onestop_dossier_act",
            "timeline": timeline(services.DOSSIER, dossier),
            "handovers": dossier.handovers.select_related("handler", "by"),
            "pauses": dossier.pauses.all(),
            "apology": apology,
            "rating": rating,
            "rating_indices": _rating_rows(rating),
            "rating_label": rules.FIVE_LEVELS.get(rating.level, "") if rating else "",
            "overdue": in_progress and dossier.due_at is not None and dossier.due_at < now,
            "due_tomorrow": in_progress
            and rules.warn_due_tomorrow(timezone.localdate(), dossier.due_on, current_calendar()),
            "due_tomorrow_text": DUE_TOMORROW,
            "may_apologise": "apologise" in {b.name for b in workflow.buttons(services.DOSSIER, user, dossier)},
            "slips": slips if may_edit else [],
            "just_received": request.GET.get("moi") == "1" and dossier.status == S.RECEIVED,
            "may_edit": may_edit,
            "to_rate": may_edit and dossier.status == S.RETURNED,
        },
    )


def _rating_rows(rating: Any) -> list[tuple[str, str, int]]:
    if rating is None or not rating.indices:
        return []
    return [
        (label, answers[points] if 0 <= points < len(answers) else str(points), points)
        for (label, answers), points in zip(rules.NINE_INDICES, rating.indices, strict=False)
    ]


@requires(RIGHTS.edit)
def dossier_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    """One step of the dossier, through the kit's action page and the engine."""
    dossier = _dossier(request, pk)
    return action_page(
        request,
        machine=services.DOSSIER,
        obj=dossier,
        action=action,
        template="onestop/dossier_act.html",
        success_url=reverse("onestop_dossier", args=[dossier.pk]),
        context={"dossier": dossier, "back_url": reverse("onestop_dossier", args=[dossier.pk])},
    )


# --- the desk: returning results and the paper rating ---------------------------------------------------


@requires(RIGHTS.edit)
def return_desk(request: SignedInRequest) -> HttpResponse:
    """Trả kết quả: the results ready in my scope, and the code box (a scanner types the code, then Enter)."""
    mine = _editable(request.user)
    ready = selectors.in_queue(mine, "to_return", request.user).order_by("due_at", "pk")
    lookup = forms.ReturnLookupForm(request.GET if "code" in request.GET else None)
    if lookup.is_bound and lookup.is_valid():
        code = lookup.cleaned_data["code"].strip().upper()
        found = mine.filter(code=code).first()
        if found is None:
            lookup.add_error("code", f"Không tìm thấy hồ sơ mã “{code}” trong phạm vi của bạn.")
        elif found.status == S.RESULT_READY:
            return redirect("onestop_return", pk=found.pk)
        elif found.status == S.RETURNED:
            messages.info(request, f"Hồ sơ {found.code} đã trả kết quả; mời công dân đánh giá.")
            return redirect("onestop_rate", pk=found.pk)
        else:
            lookup.add_error("code", f"Hồ sơ {found.code} đang ở trạng thái “{found.get_status_display()}”: "
                                     "chưa có kết quả để trả.")  # fmt: skip
    page = Paginator(ready, 30).get_page(request.GET.get("page"))
    return _render(request, "onestop/return_desk.html", {"form": lookup, "page": page, "now": timezone.now()})


@requires(RIGHTS.edit)
def return_dossier(request: SignedInRequest, pk: int) -> HttpResponse:
    """Return one result (trực tiếp, bưu chính, trực tuyến) through ``services.act``, then the rating."""
    dossier = _dossier(request, pk, RIGHTS.edit)
    step = services.DOSSIER.actions["return_result"]
    form = workflow_forms.form_for(step, request.user, dossier, request.POST if request.method == "POST" else None)
    form.fields["method"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        try:
            services.act(actor=request.user, dossier=dossier, action=step.name, **workflow_forms.params_from(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã trả kết quả hồ sơ {dossier.code}.")
            return redirect("onestop_rate", pk=dossier.pk)
    return _render(
        request,
        "onestop/return_dossier.html",
        {"dossier": dossier, "form": form, "refusal": workflow.state_refusal(services.DOSSIER, step, dossier)},
    )


@requires(RIGHTS.edit)
def rate_paper(request: SignedInRequest, pk: int) -> HttpResponse:
    """Mời công dân đánh giá: the kiosk page for the citizen, or the paper form entered by the officer."""
    dossier = _dossier(request, pk, RIGHTS.edit)
    scheme = services.settings_for(dossier.unit).rating_scheme
    form = forms.rating_form(scheme, request.POST if request.method == "POST" else None)
    rating = getattr(dossier, "rating", None)
    if request.method == "POST" and rating is None and form.is_valid():
        try:
            services.rate(
                dossier=dossier, channel=rules.RatingChannel.PAPER, actor=request.user,
                comment=form.cleaned_data.get("comment", ""), **forms.rating_values(scheme, form),
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã ghi phiếu đánh giá của hồ sơ {dossier.code}.")
            return redirect("onestop_return_desk")
    return _render(
        request,
        "onestop/rate_paper.html",
        {
            "dossier": dossier,
            "form": form,
            "scheme": scheme,
            "scheme_label": rules.RatingScheme(scheme).label,
            "rating": rating,
            "kiosk_url": reverse("onestop_kiosk", args=[dossier.rating_token]),
        },
    )


# --- the catalogue: procedures -------------------------------------------------------------------------


def _province_of(unit: Unit) -> Unit:
    return unit if unit.depth == 1 else Unit.objects.get(path=unit.path[: Unit.steplen])


def _managed_province(request: SignedInRequest) -> Unit | None:
    """The province whose catalogue the user manages (ONESTOP.decide over the province), or None."""
    unit = working_unit(request, permission=RIGHTS.decide)
    if unit is None:
        return None
    province = _province_of(unit)
    return province if access.can(request.user, RIGHTS.decide, province) else None


@requires(RIGHTS.view)
def procedure_list(request: SignedInRequest) -> HttpResponse:
    procedures = selectors.procedures_for(request.user)
    q = str(request.GET.get("q", "")).strip()[:200]
    field = str(request.GET.get("field", "")).strip()[:150]
    fields = sorted({f for f in procedures.values_list("field", flat=True)}, key=fold)
    if q:
        found = forms.search_procedures(procedures, q, limit=500)
        procedures = procedures.filter(pk__in=[p.pk for p in found])
    if field:
        procedures = procedures.filter(field=field)
    page = Paginator(procedures.order_by("field", "name", "pk"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return _render(
        request,
        "onestop/procedure_list.html",
        {"page": page, "q": q, "field": field, "fields": fields, "query": query.urlencode(),
         "may_manage": _managed_province(request) is not None},
    )  # fmt: skip


def _procedure(request: SignedInRequest, pk: int) -> Procedure:
    found = selectors.procedures_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy.")
    return found


@requires(RIGHTS.view)
def procedure_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    procedure = _procedure(request, pk)
    return _render(
        request,
        "onestop/procedure_detail.html",
        {"procedure": procedure, "may_manage": access.can(request.user, RIGHTS.decide, procedure.unit)},
    )


@requires(RIGHTS.decide)
def procedure_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    """A procedure of the province's catalogue, new or changed, through ``services.save_procedure``."""
    procedure = _procedure(request, pk) if pk is not None else None
    province = procedure.unit if procedure is not None else _managed_province(request)
    if province is None or not access.can(request.user, RIGHTS.decide, province):
        raise PermissionDenied("Danh mục thủ tục do lãnh đạo cấp tỉnh quản lý.")
    initial = forms.ProcedureForm.initial_for(procedure) if procedure else {"level": rules.ProcedureLevel.COMMUNE}
    form = forms.ProcedureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_procedure(actor=request.user, unit=province, procedure=procedure,
                                            **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lưu thủ tục {saved.code}.")
            return redirect("onestop_procedure", pk=saved.pk)
    return _render(request, "onestop/procedure_edit.html", {"form": form, "procedure": procedure, "province": province})


# --- the catalogue: service points and the province's settings -----------------------------------------


@requires(RIGHTS.view)
def service_point_list(request: SignedInRequest) -> HttpResponse:
    points = list(selectors.service_points_for(request.user))
    for point in points:
        point.may_manage = access.can(request.user, RIGHTS.decide, point.unit)  # type: ignore[attr-defined]
    unit = working_unit(request, permission=RIGHTS.decide)
    return _render(
        request,
        "onestop/service_point_list.html",
        {"points": points, "new_unit": unit if unit is not None and access.can(request.user, RIGHTS.decide, unit)
         else None},
    )  # fmt: skip


@requires(RIGHTS.decide)
def service_point_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    if pk is not None:
        point = access.get_for_user_or_404(selectors.service_points_for(request.user), request.user, pk=pk)
        unit = point.unit
    else:
        point = None
        found = working_unit(request, permission=RIGHTS.decide)
        if found is None:
            raise PermissionDenied("Chọn đơn vị làm việc ở đầu trang trước khi thêm nơi tiếp nhận.")
        unit = found
    if not access.can(request.user, RIGHTS.decide, unit):
        raise PermissionDenied("Bạn không có quyền quản lý nơi tiếp nhận của đơn vị này.")
    initial = (
        {"name": point.name, "kind": point.kind, "address": point.address, "phone": point.phone,
         "active": point.active}
        if point else {"kind": ServicePoint.Kind.COMMUNE_CENTRE if unit.depth > 1 else
                       ServicePoint.Kind.PROVINCE_CENTRE, "active": True}
    )  # fmt: skip
    form = forms.ServicePointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service_point(actor=request.user, unit=unit, point=point, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu nơi tiếp nhận.")
            return redirect("onestop_service_points")
    return _render(request, "onestop/service_point_edit.html", {"form": form, "point": point, "unit": unit})


@requires(RIGHTS.decide)
def settings_page(request: SignedInRequest) -> HttpResponse:
    """The province's one-stop settings: the rating scheme and how a result is compared with its due."""
    province = _managed_province(request)
    if province is None:
        raise PermissionDenied("Thiết lập một cửa do lãnh đạo cấp tỉnh quản lý.")
    current = services.settings_for(province)
    form = forms.SettingsForm(
        request.POST or None,
        initial={"rating_scheme": current.rating_scheme, "timeliness_rule": current.timeliness_rule},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_settings(actor=request.user, province=province, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu thiết lập một cửa của tỉnh.")
            return redirect("onestop_settings")
    return _render(request, "onestop/settings.html", {"form": form, "province": province})


# --- statistics ----------------------------------------------------------------------------------------

#: The kinds of period the page offers (the parser reads them all; a month or a custom range is the API's).
STATS_PERIODS = [(k, v) for k, v in PERIOD_CHOICES if k not in ("month", "custom")]
_COLUMNS = (
    ("received", "Tiếp nhận"),
    ("finished", "Đã giải quyết"),
    ("early", "Trước hạn"),
    ("on_time", "Đúng hạn"),
    ("late", "Quá hạn"),
    ("in_progress_overdue", "Đang quá hạn"),
    ("returned", "Đã trả"),
)


def _values(figures: dict[str, Any], share: bool = True) -> list[Any]:
    values: list[Any] = [int(figures.get(name) or 0) for name, _ in _COLUMNS]
    if not share:
        return values
    finished = int(figures.get("finished") or 0)
    done_in_time = int(figures.get("early") or 0) + int(figures.get("on_time") or 0)
    values.append((Decimal(done_in_time) * 100 / finished).quantize(Decimal("0.01")) if finished else None)
    return values


def _table(
    id: str, title: str, head: str, rows: list[Row], total: dict[str, Any] | None, rest_label: str = ""
) -> Table:
    """A table of the counts, and the on-time share of each row — but in a table whose rows need not add
    up to the total (a unit's own records beside its sub-units'), where the kit adds the rest row."""
    share = not rest_label
    columns = [label for _, label in _COLUMNS] + (["Tỷ lệ đúng hạn (%)"] if share else [])
    return Table(id=id, title=title, head=head, columns=columns, rows=rows,
                 total=_values(total, share) if total is not None else None, rest_label=rest_label)  # fmt: skip


def _labels(stats: selectors.OneStopStats) -> tuple[dict[int, str], dict[int, str]]:
    """The names of the procedures and service points the figures are grouped by (the figures were
    computed within the viewer's scope; this only names their groups)."""
    procedures = dict(
        (pk, f"{code} — {name}")
        for pk, code, name in Procedure.objects.filter(pk__in=list(stats.by_procedure)).values_list(
            "pk", "code", "name"
        )
    )
    points = dict(ServicePoint.objects.filter(pk__in=list(stats.by_service_point)).values_list("pk", "name"))
    return procedures, points


def _stats_tables(stats: selectors.OneStopStats, query: dict[str, str]) -> dict[str, Table]:
    procedures, points = _labels(stats)
    list_url = reverse("onestop_dossier_list")
    stats_url = reverse("onestop_stats")

    def rows(groups: dict[Any, dict[str, Any]], label: Any, link: Any = None) -> list[Row]:
        return [Row(label(key), _values(values), href=link(key) if link else "") for key, values in groups.items()]

    by_unit = [
        Row(unit.name, _values(values, share=False),
            href=f"{stats_url}?{urlencode({**query, 'unit': unit.code})}" if unit.code else "")
        for unit, values in stats.by_unit
    ]  # fmt: skip
    return {
        "by_field": _table(
            "by-field", "Theo lĩnh vực", "Lĩnh vực",
            rows(stats.by_field, lambda k: k or "(không ghi)",
                 lambda k: f"{list_url}?{urlencode({'field': k, 'unit': stats.unit.code if stats.unit else ''})}"),
            stats.totals,
        ).by_name(),
        "by_procedure": _table(
            "by-procedure", "Theo thủ tục", "Thủ tục",
            rows(stats.by_procedure, lambda k: procedures.get(k, f"Thủ tục #{k}")), stats.totals,
        ).by_name(),
        "by_service_point": _table(
            "by-service-point", "Theo nơi tiếp nhận", "Nơi tiếp nhận",
            rows(stats.by_service_point, lambda k: points.get(k, f"Nơi tiếp nhận #{k}")), stats.totals,
        ).by_name(),
        "by_unit": _table("by-unit", "Theo đơn vị trực thuộc", "Đơn vị", by_unit, stats.totals,
                          rest_label="Hồ sơ của chính đơn vị"),
    }  # fmt: skip


def _stats_tabs(request: SignedInRequest, params: Any) -> list[tuple[str, str, str]]:
    """The statistics pages the user may open, each for the same unit and period (the kit's tabs)."""
    return stats_pages.tabs(request.user, params)


@requires(RIGHTS.view)
def stats(request: SignedInRequest) -> HttpResponse:
    """Thống kê một cửa: DOMAIN §3.5's figures of a unit and period (:func:`selectors.stats_for`)."""
    today = timezone.localdate()
    params = request.GET
    figures = None
    tables: dict[str, Table] = {}
    try:
        question = ask(
            request, permission=RIGHTS.view, unit=params.get("unit") or None, unit_pk=params.get("unit_pk"),
            year=params.get("year"), period=params.get("period"), tree=params.get("tree"),
            allowed=tuple(k for k, _ in STATS_PERIODS),
        )  # fmt: skip
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        messages.error(request, exc.message)
        year = today.year
    else:
        year = question.period.start.year
        figures = selectors.stats_for(question.unit, question.period, user=request.user,
                                      today_tree=question.today_tree)  # fmt: skip
        query = {"year": str(year), "period": params.get("period") or "year"}
        tables = _stats_tables(figures, query)
    levels = []
    if figures is not None:
        levels = [(label, figures.procedure_levels.get(key, 0), figures.level_share(key))
                  for key, label in rules.OnlineLevel.choices]  # fmt: skip
    return _render(
        request,
        "onestop/stats.html",
        {
            "stats": figures,
            "t": figures.totals if figures else {},
            "tables": tables,
            "levels": levels,
            "unit_box": unit_box(request.user, RIGHTS.view, figures.unit if figures else None),
            "stats_tabs": _stats_tabs(request, params),
            "year": year,
            "period_kind": params.get("period") or "year",
            "period_choices": STATS_PERIODS,
        },
    )
