"""Pages of inspections: plans (list, form, team, page with visits, recommendations and timeline, steps, the
conclusion DOCX), visits (form, page, evidence), recommendations (list with queues, page with evidence and
closure, steps) and the statistics. Each view reads through a selector and writes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.core.files import serve
from danvan.core.forms import add_service_errors
from danvan.core.periods import Period
from danvan.inspections import documents, forms, rules, selectors, services
from danvan.inspections.lists import PLANS, RECOMMENDATIONS
from danvan.inspections.models import Recommendation
from danvan.lists.views import export, list_context
from danvan.stats import pages as stats_pages
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow import engine as workflow
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page

RIGHTS = roles.INSPECTIONS
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- plans ----------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def plan_list(request: SignedInRequest) -> HttpResponse:
    """The main page of the area: the plans the user may see, filtered, sorted, exported."""
    context = list_context(PLANS, request)
    return render(request, "inspections/plan_list.html", {**context, "can_edit": access.can(request.user, RIGHTS.edit)})


@requires(RIGHTS.view)
def plan_export(request: SignedInRequest) -> HttpResponse:
    return export(PLANS, request)


def _plan_data(form: forms.PlanForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("body", None)
    data.pop("units", None)
    return data


@requires(RIGHTS.edit)
def plan_create(request: SignedInRequest) -> HttpResponse:
    form = forms.PlanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.save_plan(actor=request.user, body=form.cleaned_data["body"],
                                      units=list(form.cleaned_data["units"]), **_plan_data(form))  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lập kế hoạch {plan.number}. Tiếp theo: lập đoàn kiểm tra.")
            return redirect("inspection_plan_team", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "creating": True})


@requires(RIGHTS.edit)
def plan_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk, RIGHTS.edit)
    form = forms.PlanForm(request.POST or None, actor=request.user, plan=plan, initial=forms.plan_initial(plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan(actor=request.user, plan=plan, units=list(form.cleaned_data["units"]),
                               **_plan_data(form))  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu kế hoạch.")
            return redirect("inspection_plan_detail", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "plan": plan})


@requires(RIGHTS.edit)
def plan_team(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk, RIGHTS.edit)
    candidates = services.member_candidates(request.user, plan)
    form = forms.TeamForm(request.POST or None, candidates=candidates, initial=forms.team_initial(plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_team(actor=request.user, plan=plan, members=form.team())
        except ValidationError as exc:
            for name, problems in exc.message_dict.items():
                for problem in problems:
                    form.add_error("head_name" if name == "team" else None, problem)
        else:
            messages.success(request, "Đã lưu đoàn kiểm tra.")
            return redirect("inspection_plan_detail", pk=plan.pk)
    return render(request, "inspections/team_form.html", {"form": form, "plan": plan})


@requires(RIGHTS.view)
def plan_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    user = request.user
    can_edit = access.can(user, RIGHTS.edit, plan)
    visits = list(selectors.plan_visits(user, plan))
    recs = list(selectors.plan_recommendations(plan))
    today = timezone.localdate()
    for rec in recs:
        rec.overdue = rules.is_overdue(rec.status, rec.due_on, today)  # type: ignore[attr-defined]
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "obj": plan,
            "members": list(plan.members.select_related("user")),
            "units": list(plan.units.order_by("path")),
            "visits": visits,
            "recommendations": recs,
            "buttons": workflow.buttons(services.PLAN, user, plan),
            "next_step": workflow.next_step(services.PLAN, plan),
            "act_url": "inspection_plan_act",
            "timeline": timeline(services.PLAN, plan),
            "can_edit_plan": can_edit and plan.status in rules.EDITABLE_PLAN,
            "can_team": can_edit and plan.status in rules.EDITABLE_PLAN | {rules.PlanStatus.IN_PROGRESS},
            "can_visit": can_edit and plan.status in rules.VISITING,
            "has_conclusion": plan.status == rules.PlanStatus.CONCLUDED or bool(visits),
        },
    )


@requires(RIGHTS.edit)
def plan_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    return action_page(
        request, machine=services.PLAN, obj=plan, action=action, template="inspections/act.html",
        success_url=reverse("inspection_plan_detail", args=[plan.pk]),
        context={"back_url": reverse("inspection_plan_detail", args=[plan.pk]), "plan": plan},
    )  # fmt: skip


@requires(RIGHTS.view)
def plan_conclusion(request: SignedInRequest, pk: int) -> HttpResponse:
    """The conclusion as DOCX: issued once concluded, a draft before (unnumbered, undated)."""
    plan = selectors.plan_for(request.user, pk)
    response = HttpResponse(documents.render_conclusion(plan), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(plan)}"'
    return response


# --- visits ---------------------------------------------------------------------------------------


@requires(RIGHTS.edit)
def visit_create(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk, RIGHTS.edit)
    initial = {"visited_on": min(max(timezone.localdate(), plan.start_on), plan.end_on)}
    form = forms.VisitForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = plan.units.filter(pk=data["unit"]).first()
        try:
            if unit is None:
                raise ValidationError({"unit": "Đơn vị được kiểm tra không có trong danh sách đơn vị của kế hoạch."})
            visit = services.record_visit(
                actor=request.user, plan=plan, unit=unit, visited_on=data["visited_on"], checked=data["checked"],
                strengths=data["strengths"], weaknesses=data["weaknesses"], places=data["places"],
                figures=data["figures"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi kết quả kiểm tra tại {unit.name}.")
            return redirect("inspection_visit_detail", pk=visit.pk)
    return render(request, "inspections/visit_form.html", {"form": form, "plan": plan})


@requires(RIGHTS.view)
def visit_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_for(request.user, pk)
    user = request.user
    can_edit = access.can(user, RIGHTS.edit, visit.plan)
    recs = list(visit.recommendations.select_related("unit"))
    today = timezone.localdate()
    for rec in recs:
        rec.overdue = rules.is_overdue(rec.status, rec.due_on, today)
    return render(
        request,
        "inspections/visit_detail.html",
        {
            "visit": visit,
            "plan": visit.plan,
            "plan_visible": access.can(user, RIGHTS.view, visit.plan),
            "figures": list(visit.figures.all()),
            "evidence": list(visit.evidence.all()),
            "recommendations": recs,
            "can_edit": can_edit,
            "can_recommend": can_edit and visit.plan.status in rules.VISITING,
            "evidence_form": forms.EvidenceForm(),
        },
    )


@require_POST
@requires(RIGHTS.edit)
def visit_evidence(request: SignedInRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_for(request.user, pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_visit_evidence(actor=request.user, visit=visit, upload=form.cleaned_data["file"],
                                           title=form.cleaned_data["title"])  # fmt: skip
        except ValidationError as exc:
            messages.error(request, "Minh chứng không được nhận: " + " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã đính kèm minh chứng.")
    else:
        messages.error(request, "Minh chứng không được nhận: chọn tệp cần đính kèm.")
    return redirect("inspection_visit_detail", pk=visit.pk)


@requires(RIGHTS.view)
def visit_file(request: SignedInRequest, pk: int) -> FileResponse:
    return serve(selectors.visit_evidence_for(request.user, pk))


# --- recommendations ------------------------------------------------------------------------------


@requires(RIGHTS.edit)
def recommendation_create(request: SignedInRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_for(request.user, pk)
    plan = visit.plan
    if not access.can(request.user, RIGHTS.edit, plan):
        raise PermissionDenied("Bạn không có quyền đưa ra kiến nghị của kế hoạch này.")
    officers = access.users_who_can(RIGHTS.edit, visit.unit)
    form = forms.RecommendationForm(request.POST or None, officers=officers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rec = services.add_recommendation(
                actor=request.user, plan=plan, visit=visit, content=data["content"], responsible=data["responsible"],
                due_on=data["due_on"], officer=form.officers.get(data.get("officer") or 0),
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi kiến nghị.")
            return redirect("inspection_recommendation_detail", pk=rec.pk)
    return render(request, "inspections/recommendation_form.html", {"form": form, "visit": visit, "plan": plan})


@requires(RIGHTS.view)
def recommendation_list(request: SignedInRequest) -> HttpResponse:
    context = list_context(RECOMMENDATIONS, request, queue=list(selectors.QUEUES))
    today = timezone.localdate()
    page = context["page"]
    page.object_list = list(page.object_list)
    for rec in page.object_list:
        rec.overdue = rules.is_overdue(rec.status, rec.due_on, today)
    return render(
        request,
        "inspections/recommendation_list.html",
        {
            **context,
            "queue_tabs": [(k, label, context["counts"]["queue"].get(k, 0)) for k, label in selectors.QUEUES.items()],
            "queue": request.GET.get("queue", ""),
        },
    )


@requires(RIGHTS.view)
def recommendation_export(request: SignedInRequest) -> HttpResponse:
    return export(RECOMMENDATIONS, request)


def _close_form(request: SignedInRequest, rec: Recommendation) -> forms.CloseForm:
    data = request.POST if request.method == "POST" else None
    return forms.CloseForm(data, request.FILES or None, initial={"on": timezone.localdate()})


@requires(RIGHTS.view)
def recommendation_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    return _recommendation_page(request, selectors.recommendation_for(request.user, pk))


def _recommendation_page(
    request: SignedInRequest, rec: Recommendation, close_form: forms.CloseForm | None = None
) -> HttpResponse:
    user = request.user
    can_edit = access.can(user, RIGHTS.edit, rec)
    return render(
        request,
        "inspections/recommendation_detail.html",
        {
            "rec": rec,
            "obj": rec,
            "plan": rec.plan,
            "plan_visible": access.can(user, RIGHTS.view, rec.plan),
            "overdue": rules.is_overdue(rec.status, rec.due_on, timezone.localdate()),
            "evidence": list(rec.evidence.all()),
            "buttons": workflow.buttons(services.RECOMMENDATION, user, rec),
            "next_step": workflow.next_step(services.RECOMMENDATION, rec),
            "act_url": "inspection_recommendation_act",
            "timeline": timeline(services.RECOMMENDATION, rec),
            "can_close": can_edit and rec.is_open,
            "close_form": close_form or _close_form(request, rec),
            "evidence_form": forms.EvidenceForm(),
        },
        status=422 if close_form is not None and close_form.errors else 200,
    )


@require_POST
@requires(RIGHTS.edit)
def recommendation_close(request: SignedInRequest, pk: int) -> HttpResponse:
    """Close with evidence: the files chosen in the form and the step, all or nothing."""
    rec = selectors.recommendation_for(request.user, pk)
    form = _close_form(request, rec)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.close_recommendation(actor=request.user, recommendation=rec, note=data["note"],
                                          document_no=data["document_no"], on=data["on"],
                                          files=data.get("evidence_files") or [])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã ghi nhận kiến nghị đã thực hiện xong.")
            return redirect("inspection_recommendation_detail", pk=rec.pk)
    rec.refresh_from_db()
    return _recommendation_page(request, rec, close_form=form)


@require_POST
@requires(RIGHTS.edit)
def recommendation_evidence(request: SignedInRequest, pk: int) -> HttpResponse:
    rec = selectors.recommendation_for(request.user, pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_recommendation_evidence(actor=request.user, recommendation=rec,
                                                    upload=form.cleaned_data["file"],
                                                    title=form.cleaned_data["title"])  # fmt: skip
        except ValidationError as exc:
            messages.error(request, "Minh chứng không được nhận: " + " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã đính kèm minh chứng.")
    else:
        messages.error(request, "Minh chứng không được nhận: chọn tệp cần đính kèm.")
    return redirect("inspection_recommendation_detail", pk=rec.pk)


@requires(RIGHTS.view)
def recommendation_file(request: SignedInRequest, pk: int) -> FileResponse:
    return serve(selectors.recommendation_evidence_for(request.user, pk))


@requires(RIGHTS.edit)
def recommendation_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    rec = selectors.recommendation_for(request.user, pk)
    if action == "close":
        return redirect(reverse("inspection_recommendation_detail", args=[rec.pk]) + "#close")
    return action_page(
        request, machine=services.RECOMMENDATION, obj=rec, action=action, template="inspections/act.html",
        success_url=reverse("inspection_recommendation_detail", args=[rec.pk]),
        context={"back_url": reverse("inspection_recommendation_detail", args=[rec.pk]), "rec": rec},
    )  # fmt: skip


# --- statistics -----------------------------------------------------------------------------------


def _period(year: int, quarter: str) -> Period:
    return Period.quarter(year, int(quarter)) if quarter else Period.year(year)


@requires(RIGHTS.view)
def stats(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    form = forms.StatsForm(request.GET or None, initial={"year": today.year})
    year, quarter, unit, problem = today.year, "", None, ""
    if form.is_bound and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        code = form.cleaned_data["unit"].strip()
        if code:
            try:
                unit = unit_by_code(code)
            except UnitCodeNotFound as exc:
                form.add_error("unit", str(exc))
                problem = str(exc)
    period = _period(year, quarter)
    if unit is not None and not access.can(request.user, RIGHTS.view, unit):
        unit, problem = None, "Đơn vị ngoài phạm vi của bạn."
        form.add_error("unit", problem)
    figures = selectors.stats_for(unit, period, user=request.user)
    labels = _labels()
    rec_rows = [(labels[name], value) for name, value in figures.recommendations.items()]
    return render(
        request,
        "inspections/stats.html",
        {"form": form, "figures": figures, "period": period, "unit": unit, "problem": problem,
         "labels": labels, "rec_rows": rec_rows, "today": today,
         "stats_tabs": stats_pages.tabs(request.user, request.GET)},
        status=422 if form.is_bound and form.errors else 200,
    )  # fmt: skip


def _labels() -> dict[str, str]:
    from danvan.inspections import measures

    return {m.name: m.label for source in measures.SOURCES for m in source.measures}
