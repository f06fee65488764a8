"""The officers' pages of grassroots democracy: the publications register and its gaps, community
decisions (with their timeline and the kit's action buttons), consultations, the People's Inspection
Board, the hương ước register, the statistics; and the public "Dân biết" page of a commune.

Every read starts from the user's scope (:mod:`.selectors`, ``access.get_for_user_or_404``); every
write is a service (:mod:`.services`); the decision's steps go through the kit's action page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, public, requires
from danvan.accounts.working_unit import working_unit
from danvan.core.files import serve
from danvan.core.forms import add_service_errors
from danvan.core.periods import PERIOD_CHOICES
from danvan.democracy import forms, rules, selectors, services
from danvan.democracy.lists import PUBLICATIONS
from danvan.democracy.models import BoardFinding, BoardMember, RecordFile
from danvan.lists.views import export, list_context
from danvan.stats import pages as stats_pages
from danvan.stats.question import QuestionError, ask, unit_box
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code
from danvan.workflow import engine as workflow
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page

RIGHTS = roles.DEMOCRACY

#: The area's pages in its tabs: key, label, route, right needed.
PAGES = (
    ("publications", "Công khai thông tin", "democracy_publications", RIGHTS.view),
    ("gaps", "Thiếu, trễ", "democracy_gaps", RIGHTS.view),
    ("decisions", "Bàn và quyết định", "democracy_decisions", RIGHTS.view),
    ("consultations", "Lấy ý kiến", "democracy_consultations", RIGHTS.view),
    ("boards", "Ban Thanh tra nhân dân", "democracy_boards", RIGHTS.view),
    ("conventions", "Hương ước, quy ước", "democracy_conventions", RIGHTS.view),
    ("stats", "Thống kê", "democracy_stats", RIGHTS.view),
)


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    pages = [(key, label, name) for key, label, name, right in PAGES if access.can(request.user, right)]
    return render(
        request, template, {**context, "democracy_pages": pages, "can_edit": access.can(request.user, RIGHTS.edit)}
    )


def _unit_default(request: SignedInRequest) -> Any:
    unit = working_unit(request, permission=RIGHTS.edit)
    return unit if unit is not None and unit.level == Level.COMMUNE else None


def _form_page(
    request: SignedInRequest, form: Any, *, title: str, active: str, back: str, **extra: Any
) -> HttpResponse:
    return _render(
        request, "democracy/form.html", {"form": form, "title": title, "active": active, "back_url": back, **extra}
    )


def _data(form: Any, *skip: str) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "file", *skip)}


# --- publications -------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def publication_list(request: SignedInRequest) -> HttpResponse:
    """Sổ theo dõi công khai thông tin (Điều 11–13), with each record's warnings."""
    context = list_context(PUBLICATIONS, request)
    return _render(request, "democracy/publication_list.html", {**context, "active": "publications"})


@requires(RIGHTS.view)
def publication_export(request: SignedInRequest) -> HttpResponse:
    return export(PUBLICATIONS, request)


def _save_with_file(request: SignedInRequest, form: Any, save: Any) -> Any:
    """Save the record and its scan in one transaction: a refused scan writes nothing."""
    with transaction.atomic():
        record = save()
        upload = form.cleaned_data.get("file")
        if upload:
            services.attach_file(actor=request.user, record=record, upload=upload)
    return record


@requires(RIGHTS.edit)
def publication_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    publication = None
    if pk is not None:
        publication = access.get_for_user_or_404(
            selectors.publications_for(request.user), request.user, RIGHTS.edit, pk=pk
        )
    initial: dict[str, Any] = {}
    if publication is not None:
        initial = {n: getattr(publication, n) for n in forms.PublicationForm.base_fields if hasattr(publication, n)}
    data = request.POST if request.method == "POST" else None
    form = forms.PublicationForm(
        data,
        request.FILES or None,
        user=request.user,
        unit=publication.unit if publication else _unit_default(request),
        initial=initial,
    )
    if publication is not None:
        form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            if publication is None:
                saved = _save_with_file(
                    request,
                    form,
                    lambda: services.record_publication(
                        actor=request.user, unit=form.cleaned_data["unit"], **_data(form)
                    ),
                )
            else:
                saved = _save_with_file(
                    request,
                    form,
                    lambda: services.update_publication(actor=request.user, publication=publication, **_data(form)),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if saved.warnings:
                messages.warning(request, "Đã ghi, có cảnh báo: " + " ".join(saved.warnings))
            else:
                messages.success(request, "Đã ghi thông tin công khai; đạt các yêu cầu của Điều 13.")
            return redirect("democracy_publications")
    title = "Sửa thông tin công khai" if publication else "Ghi thông tin đã công khai"
    return _form_page(
        request,
        form,
        title=title,
        active="publications",
        back=reverse("democracy_publications"),
        record=publication,
        multipart=True,
        files=publication.files.all() if publication else [],
    )


@requires(RIGHTS.view)
def record_file(request: SignedInRequest, pk: int) -> FileResponse:
    stored = RecordFile.objects.select_related("publication__unit", "decision__unit").filter(pk=pk).first()
    owner = stored and (stored.publication or stored.decision)
    if stored is None or owner is None or not access.can(request.user, RIGHTS.view, owner):
        raise Http404("Không tìm thấy.")
    return serve(stored)


@requires(RIGHTS.view)
def gaps(request: SignedInRequest) -> HttpResponse:
    """What is missing or late: per commune, the publications with a warning and the quarters without
    their list (Điều 13); the form to record a quarter's list."""
    form = forms.QuarterListForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        unit=_unit_default(request),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST":
        if not access.can(request.user, RIGHTS.edit):
            raise PermissionDenied("Bạn không có quyền ghi danh mục.")
        if form.is_valid():
            try:
                services.post_quarter_list(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã ghi việc niêm yết danh mục thông tin công khai của quý.")
                return redirect("democracy_gaps")
    return _render(
        request, "democracy/gaps.html", {"communes": selectors.gaps_for(request.user), "form": form, "active": "gaps"}
    )


# --- community decisions ---------------------------------------------------------------------------


def _decision(request: SignedInRequest, pk: int, permission: str = RIGHTS.view) -> Any:
    return access.get_for_user_or_404(selectors.decisions_for(request.user), request.user, permission, pk=pk)


@requires(RIGHTS.view)
def decision_list(request: SignedInRequest) -> HttpResponse:
    decisions = selectors.decisions_for(request.user)[:200]
    return _render(
        request,
        "democracy/decision_list.html",
        {"decisions": decisions, "active": "decisions", "today": timezone.localdate()},
    )


@requires(RIGHTS.edit)
def decision_new(request: SignedInRequest) -> HttpResponse:
    form = forms.DecisionForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        unit=_unit_default(request),
    )
    if request.method == "POST" and form.is_valid():
        data = _data(form, "hamlet")
        try:
            decision = _save_with_file(
                request,
                form,
                lambda: services.record_decision(
                    actor=request.user, unit=form.cleaned_data["unit"], hamlet=form.cleaned_data.get("hamlet"), **data
                ),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi biên bản. {decision.result_text}")
            return redirect("democracy_decision", pk=decision.pk)
    return _render(
        request,
        "democracy/decision_form.html",
        {"form": form, "active": "decisions", "threshold": _threshold(request.POST)},
    )


def _threshold(data: Any) -> dict[str, Any] | None:
    """The threshold and the result the numbers typed would give (the server decides on saving)."""
    try:
        matter = int(data.get("matter") or 0)
        households = int(data.get("households") or 0)
        votes_for = int(data.get("votes_for") or 0)
        hamlets_total = int(data.get("hamlets_total") or 0)
        hamlets_agreeing = int(data.get("hamlets_agreeing") or 0)
    except (TypeError, ValueError):
        return None
    if matter not in rules.Matter.values:
        return None
    commune_wide = not data.get("hamlet")
    rule = rules.threshold(matter, commune_wide=commune_wide)
    votes = rules.Votes(households, 0, 0, 0, votes_for, 0, 0, hamlets_total, hamlets_agreeing)
    result = (
        rules.outcome(matter, votes, commune_wide=commune_wide)
        if (hamlets_total if rule.by_hamlets else households)
        else None
    )
    return {"rule": rule, "result": result, "recogniser": rules.Recogniser(rules.recogniser(matter)).label}


@requires(RIGHTS.edit)
def decision_threshold(request: SignedInRequest) -> HttpResponse:
    """The live threshold panel of the decision form (htmx)."""
    return render(request, "democracy/_threshold.html", {"threshold": _threshold(request.GET)})


@requires(RIGHTS.view)
def decision_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    machine = services.DECISION
    return _render(
        request,
        "democracy/decision_detail.html",
        {
            "decision": decision,
            "obj": decision,
            "active": "decisions",
            "status_label": machine.state_label(decision.status),
            "buttons": workflow.buttons(machine, request.user, decision),
            "next_step": workflow.next_step(machine, decision),
            "act_url": "democracy_decision_act",
            "timeline": timeline(machine, decision),
            "overdue": decision.due_on is not None and decision.due_on < timezone.localdate(),
            "threshold_rule": rules.threshold(decision.matter, commune_wide=decision.commune_wide),
            "files": decision.files.all(),
        },
    )


@requires(RIGHTS.view)
def decision_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    decision = _decision(request, pk)
    url = reverse("democracy_decision", args=[decision.pk])
    return action_page(
        request,
        machine=services.DECISION,
        obj=decision,
        action=action,
        template="democracy/decision_act.html",
        success_url=url,
        context={"decision": decision, "back_url": url, "democracy_pages": []},
    )


# --- consultations --------------------------------------------------------------------------------


@requires(RIGHTS.view)
def consultation_list(request: SignedInRequest) -> HttpResponse:
    rows = selectors.consultations_for(request.user)[:200]
    return _render(request, "democracy/consultation_list.html", {"consultations": rows, "active": "consultations"})


@requires(RIGHTS.edit)
def consultation_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    record = None
    if pk is not None:
        record = access.get_for_user_or_404(selectors.consultations_for(request.user), request.user, RIGHTS.edit, pk=pk)
    initial = {n: getattr(record, n) for n in forms.ConsultationForm.base_fields if record and hasattr(record, n)}
    form = forms.ConsultationForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        unit=record.unit if record else _unit_default(request),
        initial=initial,
    )
    if record is not None:
        form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consultation(
                actor=request.user, unit=form.cleaned_data["unit"], consultation=record, **_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi đợt lấy ý kiến Nhân dân.")
            return redirect("democracy_consultations")
    title = "Sửa đợt lấy ý kiến" if record else "Ghi đợt lấy ý kiến Nhân dân"
    return _form_page(request, form, title=title, active="consultations", back=reverse("democracy_consultations"))


# --- Ban Thanh tra nhân dân ---------------------------------------------------------------------------


def _board(request: SignedInRequest, pk: int, permission: str = RIGHTS.view) -> Any:
    return access.get_for_user_or_404(selectors.boards_for(request.user), request.user, permission, pk=pk)


@requires(RIGHTS.view)
def board_list(request: SignedInRequest) -> HttpResponse:
    boards = selectors.boards_for(request.user).prefetch_related("members", "findings")[:200]
    return _render(
        request, "democracy/board_list.html", {"boards": boards, "active": "boards", "minimum": rules.BOARD_MIN_MEMBERS}
    )


@requires(RIGHTS.edit)
def board_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    board = _board(request, pk, RIGHTS.edit) if pk is not None else None
    initial = {n: getattr(board, n) for n in forms.BoardForm.base_fields if board and hasattr(board, n)}
    form = forms.BoardForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        unit=board.unit if board else _unit_default(request),
        initial=initial,
    )
    if board is not None:
        form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_board(actor=request.user, unit=form.cleaned_data["unit"], board=board, **_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi Ban Thanh tra nhân dân.")
            return redirect("democracy_board", pk=saved.pk)
    title = "Sửa Ban Thanh tra nhân dân" if board else "Ghi Ban Thanh tra nhân dân"
    return _form_page(request, form, title=title, active="boards", back=reverse("democracy_boards"))


@requires(RIGHTS.view)
def board_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    board = _board(request, pk)
    may_edit = access.can(request.user, RIGHTS.edit, board)
    posted = request.POST if request.method == "POST" else None
    part = request.POST.get("part", "") if posted else ""
    member_form = forms.MemberForm(posted if part == "member" else None, board=board, prefix="member")
    plan_form = forms.PlanForm(
        posted if part == "plan" else None, prefix="plan", initial={"year": timezone.localdate().year}
    )
    finding_form = forms.FindingForm(posted if part == "finding" else None, prefix="finding")
    answer_form = forms.AnswerForm(posted if part == "answer" else None, prefix="answer")
    if posted is not None:
        if not may_edit:
            raise PermissionDenied("Bạn không có quyền ghi hồ sơ của Ban này.")
        chosen = {"member": member_form, "plan": plan_form, "finding": finding_form, "answer": answer_form}.get(part)
        if chosen is None:
            raise Http404("Không có phần này.")
        if chosen.is_valid():
            try:
                _board_part(request, board, part, chosen.cleaned_data)
            except ValidationError as exc:
                add_service_errors(chosen, exc)
            else:
                messages.success(request, "Đã ghi.")
                return redirect("democracy_board", pk=board.pk)
    return _render(
        request,
        "democracy/board_detail.html",
        {
            "board": board,
            "active": "boards",
            "may_edit": may_edit,
            "members": board.members.select_related("hamlet"),
            "plans": board.plans.all(),
            "findings": board.findings.all(),
            "minimum": rules.BOARD_MIN_MEMBERS,
            "member_form": member_form,
            "plan_form": plan_form,
            "finding_form": finding_form,
            "answer_form": answer_form,
            "part": part,
        },
    )


def _board_part(request: SignedInRequest, board: Any, part: str, data: dict[str, Any]) -> None:
    if part == "member":
        services.add_member(actor=request.user, board=board, **data)
    elif part == "plan":
        services.add_plan(actor=request.user, board=board, **data)
    elif part == "finding":
        services.record_finding(actor=request.user, board=board, **data)
    else:
        finding = BoardFinding.objects.filter(board=board, pk=request.POST.get("finding_id") or 0).first()
        if finding is None:
            raise ValidationError({"answer": "Chọn kiến nghị cần ghi trả lời."})
        services.answer_finding(actor=request.user, finding=finding, **data)


@requires(RIGHTS.edit)
def board_member_remove(request: SignedInRequest, pk: int, member: int) -> HttpResponse:
    board = _board(request, pk, RIGHTS.edit)
    found = BoardMember.objects.filter(board=board, pk=member).first()
    if found is None or request.method != "POST":
        raise Http404("Không tìm thấy.")
    try:
        services.remove_member(actor=request.user, member=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã bỏ thành viên.")
    return redirect("democracy_board", pk=board.pk)


# --- hương ước, quy ước -------------------------------------------------------------------------------


@requires(RIGHTS.view)
def convention_list(request: SignedInRequest) -> HttpResponse:
    rows = selectors.conventions_for(request.user)[:300]
    return _render(
        request,
        "democracy/convention_list.html",
        {"conventions": rows, "active": "conventions", "today": timezone.localdate()},
    )


@requires(RIGHTS.edit)
def convention_edit(request: SignedInRequest, pk: int | None = None) -> HttpResponse:
    record = None
    if pk is not None:
        record = access.get_for_user_or_404(selectors.conventions_for(request.user), request.user, RIGHTS.edit, pk=pk)
    initial = {n: getattr(record, n) for n in forms.ConventionForm.base_fields if record and hasattr(record, n)}
    form = forms.ConventionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        unit=record.unit if record else _unit_default(request),
        initial=initial,
    )
    if record is not None:
        form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.save_convention(
                actor=request.user, unit=form.cleaned_data["unit"], convention=record, **_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi hương ước, quy ước.")
            return redirect("democracy_conventions")
    title = "Sửa hương ước, quy ước" if record else "Ghi hương ước, quy ước"
    return _form_page(request, form, title=title, active="conventions", back=reverse("democracy_conventions"))


# --- statistics ---------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def stats(request: SignedInRequest) -> HttpResponse:
    error = ""
    figures = None
    question = None
    try:
        question = ask(
            request,
            permission=RIGHTS.view,
            unit=request.GET.get("unit"),
            unit_pk=request.GET.get("unit_pk"),
            year=request.GET.get("year"),
            period=request.GET.get("period"),
        )
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        error = exc.message
    if question is not None:
        figures = selectors.stats_for(question.unit, question.period, user=request.user, today_tree=question.today_tree)
    return _render(
        request,
        "democracy/stats.html",
        {
            "active": "stats",
            "stats_tabs": stats_pages.tabs(request.user, request.GET),
            "figures": figures,
            "question": question,
            "error": error,
            "unit_box": unit_box(request.user, roles.VIEW_RECORDS, question.unit if question else None),
            "periods": PERIOD_CHOICES[:-2],
            "period": request.GET.get("period", "year"),
            "year": question.period.start.year if question else timezone.localdate().year,
            "category_rows": [(label, figures.by_category.get(k, 0)) for k, label in rules.Category.choices]
            if figures
            else [],
            "matter_rows": [(label, figures.by_matter.get(k, 0)) for k, label in rules.Matter.choices]
            if figures
            else [],
        },
    )


# --- Dân biết: the public page of a commune -----------------------------------------------------------


@public
def public_publications(request: HttpRequest, code: str) -> HttpResponse:
    """What a commune published (Điều 11), readable without signing in."""
    try:
        commune = unit_by_code(code)
    except UnitCodeNotFound:
        raise Http404("Không có đơn vị này.") from None
    if commune.level != Level.COMMUNE:
        raise Http404("Không có đơn vị này.")
    rows = selectors.public_publications(commune)[:300]
    return render(request, "democracy/public.html", {"commune": commune, "publications": rows})
