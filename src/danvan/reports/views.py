"""Pages of the periodic reports: choose a unit and a period, preview or draft the report (generated in the
background with a progress bar), edit the draft, issue it, download DOCX/XLSX/PDF; the issuers' templates,
the wording of the sentences, and the dashboard of a unit with drill-down through the tree. Each view reads
through a selector or the builder and writes through :mod:`danvan.reports.services`."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.core import officialdoc
from danvan.core.periods import Period, PeriodError
from danvan.reports import charts, dashboard, outputs_http, periods, selectors, services
from danvan.reports.models import Report, Template
from danvan.stats import sections
from danvan.stats.question import QuestionError, ask, unit_box
from danvan.units.models import Unit
from danvan.workflow import engine as workflow
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page

RIGHTS = roles.REPORTS
log = logging.getLogger(__name__)


def _dated(header: dict[str, Any]) -> str:
    """The header's place and date line ("Đức Xuân, ngày 05 tháng 02 năm 2026"; blanks on a draft)."""
    day = header.get("day") or ""
    return officialdoc.dated_line(header.get("place", ""), datetime.date.fromisoformat(day) if day else None)


def _question(request: SignedInRequest, permission: str) -> tuple[Unit | None, Period | None, str, bool, str]:
    """The unit, period (with its code) and tree a page asks for; an error message instead when unreadable."""
    params = request.GET if request.method == "GET" else request.POST
    today = timezone.localdate()
    code = params.get("period") or "h1"
    year = params.get("year") or today.year
    tree = params.get("tree") or "today"
    try:
        question = ask(request, permission=permission, unit=params.get("unit") or None,
                       unit_pk=params.get("unit_pk"), year=year, period="year", tree=tree)  # fmt: skip
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        return None, None, code, tree == "then", exc.message
    try:
        period = periods.parse(code, year, start=params.get("start"), end=params.get("end"))
    except PeriodError as exc:
        return question.unit, None, code, not question.today_tree, str(exc)
    return question.unit, period, code, not question.today_tree, ""


def _chooser(request: SignedInRequest, unit: Unit | None, code: str, tree_then: bool) -> dict[str, Any]:
    params = request.GET if request.method == "GET" else request.POST
    return {
        "unit_box": unit_box(request.user, RIGHTS.view, unit),
        "year": params.get("year") or timezone.localdate().year,
        "period_code": code,
        "period_choices": periods.CHOICES,
        "tree_then": tree_then,
        "start": params.get("start", ""),
        "end": params.get("end", ""),
    }


def _rendered(content: Any) -> list[dict[str, Any]]:
    """The sections with their charts as inline SVG (drawn on the server: no script)."""
    out = []
    for section in content.get("sections", []):
        svgs: list[str] = []
        for chart in section.get("charts", []):
            try:
                svgs.append(charts.svg(chart, id_prefix=f"c{section['key']}{len(svgs)}"))
            except Exception:  # a chart that cannot be drawn leaves its table, never the page
                log.exception("chart %r not drawn", chart.get("title"))
        out.append({**section, "svgs": svgs})
    return out


@requires(RIGHTS.view)
def report_home(request: SignedInRequest) -> HttpResponse:
    """Báo cáo định kỳ: choose a unit and a period; the reports drafted and issued in the user's scope."""
    unit, _period, code, tree_then, problem = _question(request, RIGHTS.view)
    if problem and request.GET:
        messages.error(request, problem)
    reports = selectors.reports_for(request.user)[:50]
    templates = selectors.templates_for(unit) if unit is not None else Template.objects.none()
    return render(
        request,
        "reports/home.html",
        {
            **_chooser(request, unit, code, tree_then),
            "reports": reports,
            "templates": templates,
            "can_draft": access.can(request.user, RIGHTS.edit),
            "can_wording": access.is_system_admin(request.user),
        },
    )


@requires(RIGHTS.view)
def report_preview(request: SignedInRequest) -> HttpResponse:
    """The report computed now (not stored): the same page as a draft, without the editing."""
    unit, period, code, tree_then, problem = _question(request, RIGHTS.view)
    if problem or unit is None or period is None:
        messages.error(request, problem or "Chọn đơn vị và kỳ báo cáo.")
        return redirect(reverse("report_home"))
    try:
        content = services.preview(actor=request.user, unit=unit, period=period, period_code=code, tree_then=tree_then)
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc
    content["period_label"] = periods.label(code, period)
    fmt = request.GET.get("format")
    if fmt in outputs_http.CONTENT_TYPES:
        header = services.header_of(services.default_template(unit), content["period_label"])
        name = f"du-thao-bao-cao-{unit.code}-{content['period_label']}"
        return outputs_http.file_response(content, header, fmt, name=name)
    query = request.GET.copy()
    header = services.header_of(services.default_template(unit), content["period_label"])
    return render(
        request,
        "reports/preview.html",
        {
            "content": content,
            "sections": _rendered(content),
            "unit": unit,
            "query": query.urlencode(),
            "header": header,
            "dated": _dated(dict(header)),
        },
    )


@require_POST
@requires(RIGHTS.edit)
def report_create(request: SignedInRequest) -> HttpResponse:
    unit, period, code, tree_then, problem = _question(request, RIGHTS.edit)
    if problem or unit is None or period is None:
        messages.error(request, problem or "Chọn đơn vị và kỳ báo cáo.")
        return redirect(reverse("report_home"))
    template = None
    if request.POST.get("template"):
        template = selectors.templates_for(unit).filter(pk=request.POST["template"]).first()
    try:
        report = services.start_draft(actor=request.user, unit=unit, period=period, period_code=code,
                                      period_label=periods.label(code, period), tree_then=tree_then,
                                      template=template)  # fmt: skip
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(reverse("report_home"))
    return redirect("report_detail", pk=report.pk)


def _paragraph_fields(report: Report) -> list[dict[str, Any]]:
    return [
        {"key": s["key"], "title": s["title"], "text": "\n\n".join(s.get("paragraphs", []))}
        for s in report.content.get("sections", [])
    ]


@requires(RIGHTS.view)
def report_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """One report: the progress while it is generated; then the report with its files, the draft's edits
    and its steps (issue, regenerate, cancel) and timeline."""
    report = selectors.report_for(request.user, pk)
    may_edit = report.status == Report.Status.DRAFT and access.can(request.user, RIGHTS.edit, report.unit)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Chỉ sửa được dự thảo của đơn vị mình.")
        header = {name: request.POST.get(name, "") for name in ("issuer", "parent", "place", "subject")}
        header["recipients"] = request.POST.get("recipients", "")
        for name in ("on_behalf", "title", "name"):
            header[f"signature_{name}"] = request.POST.get(f"signature_{name}", "")
        texts = {
            s["key"]: [p for p in request.POST.get(f"paragraphs-{s['key']}", "").split("\n\n")]
            for s in report.content.get("sections", [])
            if f"paragraphs-{s['key']}" in request.POST
        }
        try:
            services.edit_draft(actor=request.user, report=report, header=header, paragraphs=texts)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("report_detail", pk=report.pk)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "sections": _rendered(report.content) if report.content else [],
            "header": report.header,
            "dated": _dated(report.header),
            "may_edit": may_edit,
            "paragraph_fields": _paragraph_fields(report) if may_edit else [],
            "recipients": "\n".join(report.header.get("recipients", [])),
            "buttons": workflow.buttons(services.REPORT, request.user, report),
            "timeline": timeline(services.REPORT, report),
        },
    )


@requires(RIGHTS.view)
def report_progress(request: SignedInRequest, pk: int) -> HttpResponse:
    """The progress bar (htmx polls it every second; once done it sends the browser to the report)."""
    report = selectors.report_for(request.user, pk)
    response = render(request, "reports/_progress.html", {"report": report, "polled": True})
    if report.status != Report.Status.GENERATING and request.headers.get("HX-Request"):
        response["HX-Redirect"] = reverse("report_detail", args=[report.pk])
    return response


@requires(RIGHTS.view)
def report_file(request: SignedInRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    if fmt not in outputs_http.CONTENT_TYPES or report.status not in (Report.Status.DRAFT, Report.Status.ISSUED):
        raise Http404("Không có tệp này.")
    return outputs_http.file_response(report.content, report.header, fmt, name=outputs_http.filename(report))


@requires(RIGHTS.view)
def report_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    back = reverse("report_detail", args=[report.pk])
    return action_page(request, machine=services.REPORT, obj=report, action=action, template="workflow/act.html",
                       success_url=back, context={"back_url": back})  # fmt: skip


# --- templates and wording ----------------------------------------------------------------------------


@requires(RIGHTS.decide)
def template_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    """An issuer's template: the header blocks, number symbol, place, recipients and signature block."""
    template = None
    if pk is not None:
        template = Template.objects.select_related("unit").filter(pk=pk).first()
        if template is None or not access.can(request.user, RIGHTS.decide, template.unit):
            raise Http404("Không tìm thấy.")
    unit, _p, _c, _t, problem = _question(request, RIGHTS.decide)
    unit = template.unit if template is not None else unit
    initial = template or (services.default_template(unit) if unit is not None else None)
    errors: dict[str, list[str]] = {}
    data: QueryDict | dict[str, Any] = request.POST if request.method == "POST" else {}
    if request.method == "POST" and unit is not None:
        try:
            saved = services.save_template(actor=request.user, unit=unit, data=request.POST, template=template)
        except ValidationError as exc:
            errors = exc.message_dict
        except PermissionDenied as exc:
            errors = {"__all__": [str(exc)]}
        else:
            messages.success(request, f"Đã lưu mẫu “{saved.name}”.")
            return redirect(reverse("report_home") + f"?unit_pk={unit.pk}")
    fields = [
        (name, label, (data.get(name) if data else getattr(initial, name, "")) or "", errors.get(name, []))
        for name, (label, _length, _required) in services._TEMPLATE_FIELDS.items()
    ]
    return render(
        request,
        "reports/template_form.html",
        {
            "template": template,
            "unit": unit,
            "fields": fields,
            "errors": errors,
            "problem": problem,
            "fmt": (data.get("fmt") if data else getattr(initial, "fmt", "state")),
            "fmt_choices": Template.Fmt.choices,
            "unit_box": unit_box(request.user, RIGHTS.decide, unit),
        },
        status=422 if errors else 200,
    )


@requires(RIGHTS.decide)
def wording(request: SignedInRequest) -> HttpResponse:
    """The sentences of every section, with the wording in force; a system administrator rewrites them."""
    if not access.is_system_admin(request.user):
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa mẫu câu của báo cáo.")
    errors: dict[str, dict[str, list[str]]] = {}
    if request.method == "POST":
        key = request.POST.get("key", "")
        try:
            services.save_wording(actor=request.user, key=key, text=request.POST.get("text", ""),
                                  zero=request.POST.get("zero", ""))  # fmt: skip
        except ValidationError as exc:
            errors[key] = exc.message_dict
        else:
            messages.success(request, "Đã lưu mẫu câu.")
            return redirect(reverse("report_wording") + f"#phrase-{key.replace('.', '-')}")
    in_force = selectors.wording_in_force()
    rows = []
    for section in sections.sections():
        for phrase in section.phrases:
            text, zero = in_force.get(phrase.key, ("", ""))
            rows.append({"section": section.title, "phrase": phrase, "text": text, "zero": zero,
                         "anchor": phrase.key.replace(".", "-"), "errors": errors.get(phrase.key, {}),
                         "blanks": {**sections.COMMON, **phrase.help}})  # fmt: skip
    return render(request, "reports/wording.html", {"rows": rows}, status=422 if errors else 200)


# --- the dashboard ------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def dashboard_page(request: SignedInRequest) -> HttpResponse:
    """Bảng điều hành: a unit's key figures of every area this period against the same period last year,
    the indicators against their targets, the overdue lists, and the sub-units to drill down to."""
    unit, period, code, tree_then, problem = _question(request, RIGHTS.view)
    if problem:
        messages.error(request, problem)
    board = None
    if unit is not None and period is not None:
        board = dashboard.board(request.user, unit, period, today_tree=not tree_then)
    return render(
        request,
        "reports/dashboard.html",
        {
            **_chooser(request, unit, code, tree_then),
            "board": board,
            "unit": unit,
            "period": period,
            "query_tail": f"&year={request.GET.get('year') or timezone.localdate().year}&period={code}",
        },
    )
