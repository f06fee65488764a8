"""Pages of the "Dân vận khéo" area: list, registration, detail and transitions, council, import, export,
statistics, and the public gallery. Each view calls a selector to read and a service to write."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, public, requires
from danvan.accounts.working_unit import working_unit
from danvan.core.exports import xlsx_response
from danvan.core.files import serve
from danvan.core.forms import ImportForm, add_service_errors
from danvan.core.imports import ImportRejected
from danvan.core.text import format_date, format_number
from danvan.initiatives import dashboard, forms, imports, rules, selectors, services
from danvan.initiatives.lists import INITIATIVES
from danvan.initiatives.models import Criterion, Evidence, Field, Initiative
from danvan.lists.views import export, list_context
from danvan.stats import pages as stats_pages
from danvan.stats.question import QuestionError, ask, unit_label
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow import engine as workflow
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page, bulk_context, forget_refusal, posted_params, remember_refusal

IMPORT_SESSION_KEY = "danvan_initiative_import"


@requires(roles.INITIATIVES.view)
def initiative_list(request: SignedInRequest) -> HttpResponse:
    context = list_context(INITIATIVES, request)
    can_decide = access.can(request.user, roles.INITIATIVES.decide)
    if can_decide:
        page = context["page"]
        page.object_list = list(page.object_list)
        context |= bulk_context(request, BULK_KEY, actions=services.BULK_ACTIONS, rows=page.object_list, noun="mô hình")
    return render(
        request,
        "initiatives/list.html",
        {**context, "can_edit": access.can(request.user, roles.INITIATIVES.edit), "can_decide": can_decide},
    )


@requires(roles.INITIATIVES.view)
def initiative_export(request: SignedInRequest) -> HttpResponse:
    """The filtered, sorted list as Excel (every row, not just the page); a long one is built in the
    background with a progress page."""
    return export(INITIATIVES, request)


@requires(roles.INITIATIVES.edit)
def initiative_create(request: SignedInRequest) -> HttpResponse:
    chosen = working_unit(request, permission=roles.INITIATIVES.edit)
    initial = {"unit": chosen.pk} if chosen is not None else {}
    form = forms.RegistrationForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            initiative = services.create_initiative(
                actor=request.user,
                unit=data["unit"],
                data=_registration(data),
                register="register" in request.POST,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Đã {'đăng ký' if initiative.status == rules.Status.REGISTERED else 'lưu nháp'} “{initiative.name}”.",
            )
            return redirect("initiative_detail", pk=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form, "creating": True})


def _registration(data: dict[str, Any]) -> services.Registration:
    from danvan.initiatives.models import Field

    fields = {f.pk: f for f in Field.objects.filter(pk__in=[data["field"], data.get("subfield") or 0])}
    return services.Registration(
        name=data["name"],
        field=fields[data["field"]],
        subfield=fields.get(data.get("subfield") or 0),
        year=data["year"],
        kind=data["kind"],
        owner_name=data["owner_name"],
        owner_position=data["owner_position"],
        owner_organization=data["owner_organization"],
        start_date=data["start_date"],
        evaluation_date=data["evaluation_date"],
        **{name: data[name] for name in services.TEXT_FIELDS},
    )


def _get(request: SignedInRequest, pk: int, permission: str = roles.INITIATIVES.view) -> Initiative:
    qs = Initiative.objects.select_related("unit", "field", "subfield", "previous")
    return access.get_for_user_or_404(qs, request.user, permission, pk=pk)


@requires(roles.INITIATIVES.edit)
def initiative_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = _get(request, pk, roles.INITIATIVES.edit)
    initial = {
        name: getattr(initiative, name) for name in forms.RegistrationForm.base_fields if hasattr(initiative, name)
    }
    initial |= {"unit": initiative.unit_id, "field": initiative.field_id, "subfield": initiative.subfield_id}
    form = forms.RegistrationForm(request.POST or None, initial=initial, unit=initiative.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(actor=request.user, initiative=initiative, data=_registration(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu nội dung đăng ký.")
            return redirect("initiative_detail", pk=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative})


@requires(roles.INITIATIVES.view)
def initiative_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = _get(request, pk)
    user = request.user
    return render(
        request,
        "initiatives/detail.html",
        {
            "i": initiative,
            "status_label": rules.STATUS_LABELS[initiative.status],
            "level_label": rules.LEVEL_LABELS.get(initiative.level, ""),
            "obj": initiative,
            "actions": workflow.allowed_actions(services.INITIATIVE, user, initiative, page_only=True),
            "buttons": workflow.buttons(services.INITIATIVE, user, initiative),
            "next_step": workflow.next_step(services.INITIATIVE, initiative),
            "act_url": "initiative_act",
            "waiting_for": workflow.waiting_for(services.INITIATIVE, initiative),
            "timeline": timeline(services.INITIATIVE, initiative),
            "results": selectors.results_of(initiative),
            "reports": initiative.reports.prefetch_related("values__metric"),
            "reviews": initiative.reviews.select_related("chair").prefetch_related("members"),
            "commendations": initiative.commendations.all(),
            "replications": initiative.replications.select_related("unit"),
            "evidence": initiative.evidence.all(),
            "continuations": initiative.continuations.all(),
            "can_edit": access.can(user, roles.INITIATIVES.edit, initiative)
            and initiative.status in services.EDITABLE_STATUSES,
            "can_report": access.can(user, roles.INITIATIVES.edit, initiative)
            and initiative.status in rules.ACTIVE_STATUSES,
            "can_decide": access.can(user, roles.INITIATIVES.decide, initiative),
            "can_reregister": access.can(user, roles.INITIATIVES.edit, initiative)
            and initiative.status != rules.Status.DRAFT,
            "evidence_form": forms.EvidenceForm(),
            "publish_form": forms.PublishForm(initial={"summary": initiative.public_summary or initiative.goals}),
            "next_year": initiative.year + 1,
        },
    )


@requires(roles.INITIATIVES.edit)
def initiative_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    """One transition: the form of what the step needs, then the engine."""
    initiative = _get(request, pk)
    return action_page(
        request,
        machine=services.INITIATIVE,
        obj=initiative,
        action=action,
        template="initiatives/act.html",
        success_url=reverse("initiative_detail", args=[initiative.pk]),
        context={"i": initiative},
    )


@requires(roles.INITIATIVES.edit)
def initiative_report(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = _get(request, pk, roles.INITIATIVES.edit)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = [
            services.MeasuredValue(m, form.cleaned_data[f"metric_{m.pk}"])
            for m in form.metrics
            if form.cleaned_data.get(f"metric_{m.pk}")
        ]
        try:
            services.add_progress_report(
                actor=request.user,
                initiative=initiative,
                kind=form.cleaned_data["kind"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                summary=form.cleaned_data["summary"],
                values=values,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi báo cáo tiến độ.")
            return redirect("initiative_detail", pk=initiative.pk)
    return render(request, "initiatives/report.html", {"i": initiative, "form": form})


@require_POST
@requires(roles.INITIATIVES.edit)
def initiative_evidence(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = _get(request, pk, roles.INITIATIVES.edit)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_evidence(
                actor=request.user,
                initiative=initiative,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                public=form.cleaned_data["public"],
            )
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, f"Minh chứng không được nhận: {msg}")
        else:
            messages.success(request, "Đã đính kèm minh chứng.")
    else:
        for field_errors in form.errors.values():
            for problem in field_errors:
                messages.error(request, f"Minh chứng không được nhận: {problem}")
    return redirect("initiative_detail", pk=initiative.pk)


@requires(roles.INITIATIVES.view)
def evidence_file(request: SignedInRequest, pk: int) -> FileResponse:
    return _file_response(selectors.evidence_for(request.user, pk))


def _file_response(evidence: Evidence) -> FileResponse:
    return serve(evidence)


@require_POST
@requires(roles.INITIATIVES.decide)
def initiative_publish(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = _get(request, pk, roles.INITIATIVES.decide)
    try:
        if request.POST.get("unpublish"):
            services.unpublish(actor=request.user, initiative=initiative)
            messages.success(request, "Đã thôi công khai.")
        else:
            services.publish(actor=request.user, initiative=initiative, summary=request.POST.get("summary", ""))
            messages.success(request, "Đã công khai trên thư viện mô hình.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("initiative_detail", pk=initiative.pk)


@require_POST
@requires(roles.INITIATIVES.edit)
def initiative_reregister(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = _get(request, pk, roles.INITIATIVES.edit)
    year = request.POST.get("year", "")
    try:
        new = services.reregister(actor=request.user, initiative=initiative, year=int(year) if year.isdigit() else 0)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("initiative_detail", pk=initiative.pk)
    messages.success(request, f"Đã đăng ký lại cho năm {new.year}.")
    return redirect("initiative_detail", pk=new.pk)


# --- council -----------------------------------------------------------------------------------


@requires(roles.INITIATIVES.view)
def review_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    review = selectors.review_for(request.user, pk)
    criteria = list(Criterion.objects.filter(active=True))
    members = list(review.members.order_by("full_name"))
    is_member = any(m.pk == request.user.pk for m in members)
    mine = {s.criterion_id: s for s in review.scores.filter(member=request.user)}
    score_form = forms.ScoreForm(request.POST if "score" in request.POST else None, criteria=criteria, existing=mine)
    minutes_form = forms.MinutesForm(
        request.POST if "minutes" in request.POST else None, initial={"minutes": review.minutes}
    )
    if request.method == "POST":
        try:
            if "score" in request.POST and score_form.is_valid():
                services.score(actor=request.user, review=review, marks=score_form.marks())
                messages.success(request, "Đã lưu điểm chấm.")
                return redirect("review_detail", pk=review.pk)
            if "minutes" in request.POST and minutes_form.is_valid():
                services.save_minutes(actor=request.user, review=review, minutes=minutes_form.cleaned_data["minutes"])
                messages.success(request, "Đã lưu biên bản.")
                return redirect("review_detail", pk=review.pk)
        except ValidationError as exc:
            add_service_errors(score_form if "score" in request.POST else minutes_form, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    scores = {(s.member_id, s.criterion_id): s for s in review.scores.all()}
    table = [(m, [scores.get((m.pk, c.pk)) for c in criteria]) for m in members]
    return render(
        request,
        "initiatives/review.html",
        {
            "review": review,
            "i": review.initiative,
            "criteria": criteria,
            "table": table,
            "is_member": is_member and review.is_open,
            "is_chair": request.user.pk == review.chair_id and review.is_open,
            "score_form": score_form,
            "minutes_form": minutes_form,
            "total": services.council_total(review) if review.is_open else review.total,
            "pass_mark": rules.PASS_MARK,
        },
    )


# --- bulk, import --------------------------------------------------------------------------------

#: Where the list page finds the selection and the reasons of a refused bulk action.
BULK_KEY = "initiatives"


@require_POST
@requires(roles.INITIATIVES.decide)
def initiative_bulk(request: SignedInRequest) -> HttpResponse:
    """A leader's bulk action on the selected models: all or nothing. When it is refused, the list page
    keeps the selection and shows each refused model's reason beside it."""
    name = request.POST.get("action", "")
    ids = [int(x) for x in request.POST.getlist("ids") if x.isascii() and x.isdigit()]
    chosen = list(
        Initiative.objects.visible_to(request.user, roles.INITIATIVES.decide).filter(pk__in=ids).select_related("unit")
    )
    back = request.POST.get("next") or reverse("initiative_list")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("initiative_list")
    action = next((a for a in services.BULK_ACTIONS if a.name == name), None)
    if action is None:
        messages.error(request, "Chọn thao tác hàng loạt.")
        remember_refusal(request, BULK_KEY, action=name, ids=ids)
        return redirect(back)
    if len(chosen) != len(set(ids)):
        messages.error(request, "Có mô hình ngoài phạm vi quyết định của bạn; không thực hiện.")
        remember_refusal(request, BULK_KEY, action=name, ids=[i.pk for i in chosen])
        return redirect(back)
    params = posted_params(request, action)
    if params is None:
        remember_refusal(request, BULK_KEY, action=name, ids=ids)
        return redirect(back)
    try:
        n = services.bulk_apply(actor=request.user, initiatives=chosen, action=name, **params)
    except services.BulkRefused as exc:
        messages.error(request, str(exc))
        remember_refusal(request, BULK_KEY, action=name, objs=chosen, refusals=exc.refusals)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        remember_refusal(request, BULK_KEY, action=name, objs=chosen)
    else:
        messages.success(request, f"Đã thực hiện “{action.label}” cho {format_number(n)} mô hình.")
        forget_refusal(request, BULK_KEY)
    return redirect(back)


def _import_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@requires(roles.INITIATIVES.edit)
def initiative_import(request: SignedInRequest) -> HttpResponse:
    """Upload → preview (nothing written) → confirm (all rows in one transaction)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": list(imports.COLUMNS.values())}
    if request.method == "POST" and "confirm" in request.POST:
        token = request.session.get(IMPORT_SESSION_KEY, "")
        path = _import_dir() / f"{token}.xlsx"
        if not token or request.POST.get("token") != token or not path.exists():
            messages.error(request, "Phiên xem trước đã hết hạn; hãy tải tệp lên lại.")
            return redirect("initiative_import")
        try:
            with path.open("rb") as stream:
                created = imports.import_initiatives(actor=request.user, stream=stream)
        except ImportRejected as exc:
            context["errors"] = exc.errors
            if exc.truncated:
                messages.warning(request, exc.note)
        else:
            path.unlink(missing_ok=True)
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, f"Đã nhập và đăng ký {format_number(len(created))} mô hình.")
            return redirect(reverse("initiative_list") + "?status=registered")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = imports.read_rows(upload, request.user)
        except ImportRejected as exc:
            context["errors"] = exc.errors
            if exc.truncated:
                messages.warning(request, exc.note)
        else:
            token = uuid.uuid4().hex
            upload.seek(0)
            (_import_dir() / f"{token}.xlsx").write_bytes(upload.read())
            request.session[IMPORT_SESSION_KEY] = token
            context |= {"preview": preview, "sample": preview.sample(), "token": token}
    return render(request, "initiatives/import.html", context)


# --- statistics ---------------------------------------------------------------------------------


@requires(roles.INITIATIVES.view)
def initiative_stats(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    default = working_unit(request, permission=roles.INITIATIVES.view)
    # Each parameter left out or empty takes its default (the working unit, this year, today's tree), for
    # the page and its Excel file alike: "?format=xlsx" alone is this year's file of the working unit.
    defaults = {"unit": default.code if default else "", "year": str(today.year), "period": "year", "tree": "today"}
    asked = {name: request.GET.get(name) or value for name, value in defaults.items()}
    form = forms.StatsForm(asked)
    stats = board = None
    xlsx_query = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            question = ask(
                request, permission=roles.INITIATIVES.view, unit=data.get("unit"), unit_pk=request.GET.get("unit_pk"),
                year=data.get("year"),
                period=data.get("period"), tree=data.get("tree"), allowed=tuple(dict(forms.PERIOD_CHOICES)),
            )  # fmt: skip
        except QuestionError as exc:
            message = "Đơn vị ngoài phạm vi của bạn." if exc.out_of_scope else exc.message
            if request.GET.get("unit"):
                form.add_error(exc.field if exc.field in form.fields else None, message)
            else:
                messages.info(request, "Chọn đơn vị để xem thống kê.")
        else:
            stats = selectors.stats_for(question.unit, question.period, today_tree=question.today_tree,
                                        user=request.user)  # fmt: skip
            board = dashboard.dashboard_for(stats, user=request.user)
            if request.GET.get("format") == "xlsx":
                return _stats_xlsx(stats, board)
            # The form shows the unit answered, by name, with its id for the combobox.
            form = forms.StatsForm(asked | {"unit": unit_label(question.unit), "unit_pk": str(question.unit.pk)})
            form.is_valid()
            # The file of the very question the page answers, whatever the address left out.
            xlsx_query = urlencode(asked | {"unit": question.unit.code or asked["unit"], "format": "xlsx"})
    context: dict[str, Any] = {"form": form, "stats": stats, "board": board, "xlsx_query": xlsx_query,
                               "stats_tabs": _stats_tabs(request, request.GET)}  # fmt: skip
    if board is not None:
        context["chart_data"] = board.chart_data()
    return render(request, "initiatives/stats.html", context)


def _stats_tabs(request: SignedInRequest, params: Any) -> list[tuple[str, str, str]]:
    """The statistics pages the user may open, each for the same unit and period (the kit's tabs)."""
    return stats_pages.tabs(request.user, params)


def _stats_xlsx(stats: selectors.InitiativeStats, board: dashboard.Dashboard) -> HttpResponse:
    labels = [dashboard.LABELS[m] for m in dashboard.KEY]
    header = ["Đơn vị / lĩnh vực", *labels]
    rows: list[list[Any]] = [["TỔNG SỐ", *(getattr(stats, m) for m in dashboard.KEY)]]
    rows.append(["Mô hình (tập thể)", *(stats.collective[m] for m in dashboard.KEY)])
    rows.append(["Điển hình (cá nhân)", *(stats.individual[m] for m in dashboard.KEY)])
    rows.append(["Theo lĩnh vực"])
    rows += [[name, *(c[m] for m in dashboard.KEY)] for name, c in stats.by_field.rows.items()]
    rows.append(["Theo lĩnh vực con"])
    rows += [[name, *(c[m] for m in dashboard.KEY)] for name, c in stats.by_subfield.rows.items()]
    rows.append(["Theo đơn vị"])
    rows += [[row.label, *row.numbers] for row in board.tables["by_unit"].rows]
    rows.append(["Theo tháng", *(dashboard.LABELS[m] for m in dashboard.TREND)])
    rows += [[row.label, *row.numbers] for row in board.tables["by_month"].rows]
    if board.comparisons:
        first = board.comparisons[0]
        rows.append(["So sánh", "Kỳ này", f"Kỳ trước ({first.previous_period.label})", "Tăng, giảm",
                     f"Cùng kỳ năm trước ({first.last_year_period.label})", "Tăng, giảm"])  # fmt: skip
        rows += [
            [c.label, c.current, c.previous, c.vs_previous.text, c.last_year, c.vs_last_year.text]
            for c in board.comparisons
        ]
    rows.append(["Kết quả đo được"])
    rows += [[f"{metric.name} ({metric.unit_label})", float(total)] for metric, total in stats.results]
    return xlsx_response(
        f"thong-ke-dan-van-kheo-{stats.unit.code or stats.unit.pk}-{stats.period.start:%Y%m%d}.xlsx",
        title=f"THỐNG KÊ MÔ HÌNH “DÂN VẬN KHÉO” — {stats.unit.name.upper()}",
        header=header,
        rows=rows,
        notes=[
            f"Kỳ: {stats.period.label} ({format_date(stats.period.start)} – {format_date(stats.period.end)})",
            "Theo địa giới hiện hành" if stats.today_tree else "Theo địa giới trước đây",
        ],
    )


# --- public gallery -------------------------------------------------------------------------------


#: Cards on one page of the gallery.
GALLERY_PAGE_SIZE = 12


@public
def gallery(request: HttpRequest) -> HttpResponse:
    """The public gallery: every published model, filtered by province and commune, field, level and photos,
    a page at a time; the provinces and the chosen province's communes in alphabetical order."""
    return _gallery_page(request, within=None)


@public
def gallery_unit(request: HttpRequest, code: str) -> HttpResponse:
    """The gallery of one province or commune (the links of the gallery's unit lists)."""
    try:
        unit = unit_by_code(code, as_of=timezone.localdate())
    except UnitCodeNotFound as exc:
        raise Http404("Không có đơn vị này.") from exc
    return _gallery_page(request, within=unit)


def _gallery_page(request: HttpRequest, *, within: Unit | None) -> HttpResponse:
    today = timezone.localdate()
    provinces = selectors.gallery_units(None, today)
    data = request.GET.copy()
    if within is not None:  # /gallery/<code>/: the unit is the filter (its province, or itself)
        data.setdefault("province", within.code if within.level == Level.PROVINCE else _province_of(within).code)
        if within.level != Level.PROVINCE:
            data.setdefault("commune", within.code)
    province = _gallery_unit(provinces, data.get("province", ""))
    communes = selectors.gallery_units(province, today) if province is not None else []
    form = forms.GalleryForm(
        data,
        provinces=[(u.code, u.name) for u, n in provinces],
        communes=[(u.code, f"{u.name} ({format_number(n)})") for u, n in communes],
        fields=_gallery_fields(),
        levels=[(str(k), v) for k, v in rules.LEVEL_LABELS.items()],
    )
    chosen: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    commune = _gallery_unit(communes, chosen.get("commune", ""))
    unit = commune or province
    items = selectors.gallery(
        unit=unit,
        field=Field.objects.filter(pk=chosen["field"]).first() if chosen.get("field") else None,
        level=chosen.get("level", ""),
        with_photos=bool(chosen.get("photos")),
    )
    photos = Prefetch("evidence", queryset=selectors.public_photos(), to_attr="public_photos")
    page = Paginator(items.select_related("unit", "field").prefetch_related(photos), GALLERY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/gallery.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "unit": unit,
            "provinces": provinces,
            "province": province,
            "communes": communes,
            "filtered": any(chosen.get(k) for k in ("province", "commune", "field", "level", "photos")),
        },
    )


def _gallery_fields() -> list[tuple[int, str]]:
    """Each field followed by its sub-fields (indented), in the movement's order."""
    fields = Field.objects.filter(active=True).select_related("parent")

    def key(f: Field) -> tuple[Any, ...]:
        top = f.parent or f
        return (top.order, top.name, f.parent_id is not None, f.order, f.name)

    return [(f.pk, f"— {f.name}" if f.parent_id else f.name) for f in sorted(fields, key=key)]


def _gallery_unit(units: list[tuple[Unit, int]], code: str) -> Unit | None:
    return next((u for u, _ in units if u.code == code), None) if code else None


def _province_of(unit: Unit) -> Unit:
    """The province a unit lies in: the root of its path."""
    return Unit.objects.filter(path=unit.path[: Unit.steplen]).first() or unit


@public
def gallery_item(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(selectors.published().select_related("unit", "field", "subfield"), pk=pk)
    return render(
        request,
        "initiatives/gallery_item.html",
        {
            "i": initiative,
            "photos": selectors.public_photos().filter(initiative=initiative),
            "results": selectors.results_of(initiative),
            "level_label": rules.LEVEL_LABELS.get(initiative.level, ""),
            "status_label": rules.STATUS_LABELS[initiative.status],
            "commendations": initiative.commendations.all(),
        },
    )


@public
def gallery_photo(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(selectors.public_photos(), pk=pk)
    return _file_response(evidence)
