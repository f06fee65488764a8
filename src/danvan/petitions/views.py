"""Pages of reception and petitions: the intake desk, the reception book, the case lists and workspace,
statistics, and the citizens' online form and status page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.accounts.models import RoleAssignment, User
from danvan.accounts.working_unit import working_unit
from danvan.core.exports import xlsx_response
from danvan.core.files import serve
from danvan.core.forms import StyledForm, add_service_errors
from danvan.core.periods import PERIOD_CHOICES
from danvan.core.text import format_date
from danvan.lists.views import export, list_context
from danvan.petitions import dashboard, forms, personal_data, rules, selectors, services
from danvan.petitions import intake_suggestions as suggestions
from danvan.petitions.lists import CASES
from danvan.petitions.models import Case, ReceptionSession, Subject
from danvan.stats import pages as stats_pages
from danvan.stats.question import QuestionError, ask, unit_box
from danvan.workflow import engine as workflow
from danvan.workflow import forms as workflow_forms
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page

DOCUMENTS = [
    ("de_xuat_thu_ly", "Phiếu đề xuất thụ lý"),
    ("thong_bao_thu_ly", "Thông báo thụ lý"),
    ("huong_dan", "Phiếu hướng dẫn"),
    ("chuyen_don", "Phiếu chuyển đơn"),
]
LABELS: dict[str, str] = {k.value: v for k, v in rules.STATUS_LABELS.items()}
QUEUES = selectors.QUEUES


@requires(roles.PETITIONS.view)
def case_list(request: SignedInRequest) -> HttpResponse:
    context = list_context(CASES, request, queue=list(QUEUES))
    listing = context["listing"]
    return render(
        request,
        "petitions/case_list.html",
        {
            **context,
            "queue": listing.values.get("queue", ""),
            "queues": [(key, label, context["counts"]["queue"][key]) for key, label in QUEUES.items()],
            "today": timezone.localdate(),
            # The desk records at its working unit: without one (an administrator who chose none), no link.
            "can_receive": working_unit(request, permission=roles.PETITIONS.edit) is not None,
        },
    )


@requires(roles.PETITIONS.view)
def case_export(request: SignedInRequest) -> HttpResponse:
    """The filtered case list as Excel; the sender column never carries a denouncer's identity."""
    return export(CASES, request)


@requires(roles.PETITIONS.edit)
def intake(request: SignedInRequest) -> HttpResponse:
    """The reception desk: one keyboard-friendly form, the letter and its case in one step."""
    unit = working_unit(request, permission=roles.PETITIONS.edit)
    if unit is None:
        raise PermissionDenied("Chưa có đơn vị làm việc: chọn đơn vị ở đầu trang.")
    today = timezone.localdate()
    sessions = list(ReceptionSession.objects.filter(unit=unit, date__gte=today.replace(day=1)).order_by("-date")[:20])
    form = forms.IntakeForm(request.POST or None, sessions=sessions, actor=request.user, initial={"unit": unit.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = data["unit"] or unit
        papers = services.Intake.from_data(
            data,
            subject=Subject.objects.get(pk=data["subject"]),
            representatives=data["representatives"] or 0,
            conditions_met=set(data["conditions"]),
        )
        session = next((s for s in sessions if s.pk == data["session"]), None)
        try:
            # The officer's decision on the suggested cases: join the one he chose, or a new case.
            case = suggestions.case_to_join(request.user, unit, data["case_id"]) if data["case_id"] else None
            letter = services.receive_letter(
                actor=request.user, unit=unit, intake=papers, session=session, case=case,
                confirmed_new=data["confirmed_new"] and case is None,
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            assert letter.case is not None
            note = " (đơn trùng, đã gộp vào vụ việc)" if letter.duplicate_of_id else ""
            note = " (đã gộp vào vụ việc đã có)" if case is not None else note
            messages.success(request, f"Đã vào sổ đơn, vụ việc số {letter.case.number}{note}.")
            return redirect("case_detail", pk=letter.case.pk)
    return render(
        request,
        "petitions/intake.html",
        {
            "form": form,
            "unit": unit,
            "min_content": suggestions.MIN_CONTENT,
            "max_content": suggestions.MAX_CONTENT,
            **_decision(request.user, form),
        },
    )


def _decision(user: User, form: forms.IntakeForm) -> dict[str, Any]:
    """The officer's decision on the suggestions, when the form comes back for another field: shown again
    as it was made (a case only if it may still be joined: a refused one is dropped with its error)."""
    data = getattr(form, "cleaned_data", {})
    case = None
    if data.get("case_id") and not form.has_error("case_id"):
        case = Case.objects.select_related("unit").filter(pk=data["case_id"]).first()
        if case is not None and not access.can(user, roles.PETITIONS.edit, case):
            case = None
    return {"chosen_case": case, "confirmed_new": bool(data.get("confirmed_new")) and case is None}


@require_POST
@requires(roles.PETITIONS.edit)
def intake_suggestions(request: SignedInRequest) -> JsonResponse:
    """The intake page's question while a letter is typed (danvan/intake_suggestions.js): the likely cases,
    the classification and the warnings, as the API answers them (``POST /api/v1/letters/suggestions``)."""
    form = forms.IntakeSuggestionsForm(request.POST, actor=request.user)
    form.is_valid()  # a question, not a record: what did not parse is left out
    unit = form.value("unit") or working_unit(request, permission=roles.PETITIONS.edit)
    if unit is None:
        return JsonResponse({"detail": "Chưa có đơn vị làm việc: chọn đơn vị ở đầu trang."}, status=403)
    subject = Subject.objects.filter(pk=form.value("subject"), active=True).first() if form.value("subject") else None
    try:
        answer = suggestions.for_intake(
            request.user, unit, content=form.value("content"), sender_name=form.value("sender_name"),
            sender_id_number=form.value("sender_id_number"), sender_address=form.value("sender_address"),
            kind=form.value("kind"), subject=subject, anonymous=bool(form.value("anonymous")),
        )  # fmt: skip
    except PermissionDenied as exc:
        return JsonResponse({"detail": str(exc)}, status=403)
    return JsonResponse(answer)


def _people(case: Case) -> list[User]:
    return access.users_who_can(roles.PETITIONS.edit, case)


@requires(roles.PETITIONS.view)
def case_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    user = request.user
    letters = list(
        case.letters.select_related("subject", "similar_to__case")
        .prefetch_related("attachments")
        .order_by("received_on", "pk")
    )
    extend = services.CASE.actions[rules.Action.EXTEND.value]
    allowed = workflow.allowed_actions(services.CASE, user, case)
    return render(
        request,
        "petitions/case_detail.html",
        {
            "case": case,
            "obj": case,
            "status_label": rules.STATUS_LABELS[rules.Status(case.status)],
            "kind_label": rules.KIND_LABELS[rules.LetterKind(case.kind)],
            # Each letter with its sender as shown, whether the viewer may reveal a sealed one, and the case it
            # was suggested to duplicate — only to someone who may see that case (sealed: handlers, leader).
            "letters": [
                (
                    letter,
                    services.public_sender(letter),
                    services.may_see_identity(user, letter),
                    letter.similar_to.case if letter.similar_to and services.may_see_suggestion(user, letter) else None,
                )
                for letter in letters
            ],
            "actions": [a for a in allowed if a.on_page],
            "buttons": workflow.buttons(services.CASE, user, case),
            "next_step": workflow.next_step(services.CASE, case),
            "act_url": "case_act",
            "waiting_for": workflow.waiting_for(services.CASE, case),
            "can_extend": extend in allowed,
            "timeline": timeline(services.CASE, case),
            "pauses": case.pauses.all(),
            "extensions": case.extensions.all(),
            "handlers": case.handlers.all(),
            "overdue": case.is_overdue,
            "reveal_form": forms.RevealForm(),
            "documents": DOCUMENTS if access.can(user, roles.PETITIONS.edit, case) else [],
            "extend_form": workflow_forms.form_for(extend, user, case, initial={"days": 30}),
        },
    )


@requires(roles.PETITIONS.edit)
def case_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    return action_page(
        request,
        machine=services.CASE,
        obj=case,
        action=action,
        template="petitions/case_act.html",
        success_url=reverse("case_detail", args=[case.pk]),
        context={"case": case},
    )


@requires(roles.PETITIONS.edit)
def case_document(request: SignedInRequest, pk: int, kind: str) -> HttpResponse:
    """A case's document as DOCX, from the administrator-edited template."""
    from danvan.petitions import documents
    from danvan.petitions.models import DocumentTemplate

    case = selectors.case_for(request.user, pk, roles.PETITIONS.edit)
    if kind not in DocumentTemplate.Kind.values or not DocumentTemplate.objects.filter(kind=kind).exists():
        raise Http404("Không có mẫu văn bản này.")
    body = documents.render(case, kind, today=timezone.localdate())
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{kind}-{case.number.replace("/", "-")}.docx"'
    return response


@require_POST
@requires(roles.PETITIONS.decide)
def case_extend(request: SignedInRequest, pk: int) -> HttpResponse:
    """The extension panel of the case page: the kit's form of the ``extend`` step, through the engine."""
    case = selectors.case_for(request.user, pk, roles.PETITIONS.decide)
    step = services.CASE.actions[rules.Action.EXTEND.value]
    form = workflow_forms.form_for(step, request.user, case, request.POST)
    if form.is_valid():
        try:
            workflow.transition(services.CASE, actor=request.user, obj=case, action=step.name,
                                **workflow_forms.params_from(form))  # fmt: skip
            messages.success(request, f"Đã gia hạn {form.cleaned_data['days']} ngày.")
        except ValidationError as exc:
            messages.error(request, "Gia hạn: " + " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Gia hạn: " + "; ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("case_detail", pk=case.pk)


@require_POST
@requires(roles.PETITIONS.edit)
def letter_attach(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = selectors.letter_for(request.user, pk, roles.PETITIONS.edit)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Chọn tệp để đính kèm.")
    else:
        try:
            services.attach(actor=request.user, letter=letter, upload=upload, title=request.POST.get("title", ""))
            messages.success(request, "Đã đính kèm tài liệu.")
        except ValidationError as exc:
            messages.error(request, "Tài liệu không được nhận: " + " ".join(exc.messages))
    return redirect("case_detail", pk=letter.case_id) if letter.case_id else redirect("backlog")


@require_POST
@requires(roles.PETITIONS.edit)
def letter_suggestion(request: SignedInRequest, pk: int, decision: str) -> HttpResponse:
    """The officer's decision on a suggested duplicate: join its case ("join") or keep it apart ("apart")."""
    letter = selectors.letter_for(request.user, pk, roles.PETITIONS.edit)
    try:
        if decision == "join":
            letter = services.join_suggested(actor=request.user, letter=letter)
            messages.success(request, "Đã gộp đơn vào vụ việc.")
        elif decision == "apart":
            services.set_aside_suggestion(actor=request.user, letter=letter)
            messages.success(request, "Đã ghi nhận: đơn không trùng.")
        else:
            raise Http404("Không có quyết định này.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("case_detail", pk=letter.case_id) if letter.case_id else redirect("backlog")


@requires(roles.PETITIONS.view)
def attachment_file(request: SignedInRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_for(request.user, pk)
    if attachment.letter.sealed and not services.may_see_identity(request.user, attachment.letter):
        raise PermissionDenied("Tài liệu của đơn tố cáo chỉ người được giao giải quyết và lãnh đạo được xem.")
    return serve(attachment)


@require_POST
@requires(roles.PETITIONS.view)
def letter_identity(request: SignedInRequest, pk: int) -> HttpResponse:
    """Reveal a sealed identity to a handler or the leader, logged with the reason."""
    letter = selectors.letter_for(request.user, pk)
    form = forms.RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cần ghi lý do xem danh tính.")
        return redirect("case_detail", pk=letter.case_id) if letter.case_id else redirect("backlog")
    identity = services.reveal_identity(actor=request.user, letter=letter, reason=form.cleaned_data["reason"])
    return render(request, "petitions/identity.html", {"letter": letter, "identity": identity})


@requires(roles.PETITIONS.view)
def session_list(request: SignedInRequest) -> HttpResponse:
    """The reception book: sessions and the letters they produced; the leaders' frequency warnings."""
    unit = working_unit(request, permission=roles.PETITIONS.view)
    sessions = selectors.sessions_for(request.user)
    page = Paginator(sessions.prefetch_related("letters"), 30).get_page(request.GET.get("page"))
    today = timezone.localdate()
    warnings = selectors.reception_warnings(unit, today)
    can_record = access.can(request.user, roles.RECEIVE_CITIZENS)
    form = None
    if can_record and unit is not None:
        leaders = [a.user for a in RoleAssignment.objects.active_on(today).filter(unit=unit, role=roles.Role.LEADER)]
        form = forms.SessionForm(request.POST or None, leaders=leaders)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            leader = next((u for u in leaders if u.pk == data["leader"]), None)
            try:
                services.record_session(actor=request.user, unit=unit, date=data["date"], kind=data["kind"],
                                        form=data["form"], leader=leader, leader_role=data["leader_role"],
                                        conclusion=data["conclusion"])  # fmt: skip
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã ghi buổi tiếp công dân.")
                return redirect("session_list")
    return render(
        request, "petitions/session_list.html", {"page": page, "form": form, "warnings": warnings[-12:], "unit": unit}
    )


@requires(roles.PETITIONS.view)
def petition_stats(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    params = request.GET
    stats = board = None
    xlsx_query = ""
    try:
        # An empty parameter takes its default (the working unit, this year), for the page and its file.
        question = ask(
            request, permission=roles.PETITIONS.view, unit=params.get("unit") or None, unit_pk=params.get("unit_pk"),
            year=params.get("year"),
            period=params.get("period"), tree=params.get("tree"), allowed=tuple(k for k, _ in STATS_PERIODS),
        )  # fmt: skip
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        messages.error(request, exc.message)
        year = today.year
    else:
        year = question.period.start.year
        stats = selectors.stats_for(question.unit, question.period, today_tree=question.today_tree,
                                    user=request.user)  # fmt: skip
        board = dashboard.dashboard_for(stats, user=request.user, today_tree=question.today_tree)
        if params.get("format") == "xlsx":
            return _petition_stats_xlsx(stats, board)
        xlsx_query = urlencode({"unit": question.unit.code, "year": year, "period": params.get("period") or "year",
                                "tree": "today" if question.today_tree else "then", "format": "xlsx"})  # fmt: skip
    return render(
        request,
        "petitions/stats.html",
        {
            "stats": stats,
            "board": board,
            "chart_data": board.chart_data() if board else {},
            "xlsx_query": xlsx_query,
            "unit_code": params.get("unit") or (stats.unit.code if stats else ""),
            "unit_box": unit_box(request.user, roles.PETITIONS.view, stats.unit if stats else None),
            "stats_tabs": _stats_tabs(request, params),
            "year": year,
            "period_kind": params.get("period") or "year",
            "period_choices": STATS_PERIODS,
            "resolution_rows": [
                (rules.RESOLUTION_LABELS.get(rules.Resolution(k), k).lower(), n) for k, n in stats.resolutions.items()
            ]
            if stats
            else [],
        },
    )


def _stats_tabs(request: SignedInRequest, params: Any) -> list[tuple[str, str, str]]:
    """The statistics pages the user may open, each for the same unit and period (the kit's tabs)."""
    return stats_pages.tabs(request.user, params)


#: The kinds of period the one parser reads, but a month or a custom range (not offered here).
STATS_PERIODS = [(k, v) for k, v in PERIOD_CHOICES if k not in ("month", "custom")]


def _petition_stats_xlsx(stats: selectors.PetitionStats, board: dashboard.Dashboard) -> HttpResponse:
    """The page's tables in one sheet: the key figures with their comparisons, then each table."""
    rows: list[list[Any]] = []
    if board.comparisons:
        first = board.comparisons[0]
        rows.append(["Chỉ tiêu", "Kỳ này", f"Kỳ trước ({first.previous_period.label})", "Tăng, giảm",
                     f"Cùng kỳ năm trước ({first.last_year_period.label})", "Tăng, giảm"])  # fmt: skip
        rows += [
            [c.label, c.current, c.previous, c.vs_previous.text, c.last_year, c.vs_last_year.text]
            for c in board.comparisons
        ]
    rows.append(["Vụ việc kỳ trước chuyển sang", stats.carried_over])
    rows.append(["Vụ việc quá hạn chưa giải quyết", stats.overdue_open])
    for table in board.tables.values():
        rows.append([])
        rows.append([table.title.upper()])
        rows.append([table.head, *table.columns])
        rows += [[row.label, *row.numbers] for row in table.rows]
        if table.total is not None:
            rows.append(["Tổng số", *(v or 0 for v in table.total)])
    return xlsx_response(
        f"thong-ke-don-thu-{stats.unit.code or stats.unit.pk}-{stats.period.start:%Y%m%d}.xlsx",
        title=f"THỐNG KÊ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ — {stats.unit.name.upper()}",
        header=["Chỉ tiêu", "Số liệu"],
        rows=rows,
        notes=[f"Kỳ: {stats.period.label} ({format_date(stats.period.start)} – {format_date(stats.period.end)})"],
    )


# --- a citizen's personal data ---------------------------------------------------------------------------------


class PersonalDataForm(StyledForm):
    """Who asks, identified exactly (never by name), and why; the service checks all of it."""

    id_number = django_forms.CharField(
        label="Số định danh cá nhân (CCCD, CMND, hộ chiếu)", required=False, max_length=30
    )
    phone = django_forms.CharField(label="Số điện thoại", required=False, max_length=30)
    email = django_forms.CharField(label="Thư điện tử", required=False, max_length=254)
    reason = django_forms.CharField(
        label="Lý do (yêu cầu của ai, ngày nào, số phiếu)", required=False, max_length=500,
        widget=django_forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    format = django_forms.ChoiceField(
        label="Kết quả", choices=[("text", "Xem trên trang"), ("json", "Tải tệp JSON")], initial="text"
    )


@requires(personal_data.RIGHT)
def personal_data_page(request: SignedInRequest) -> HttpResponse:
    """Trích xuất dữ liệu cá nhân theo yêu cầu của công dân: a leader, within the unit's scope; every
    export is logged with its reason (:func:`personal_data.personal_data_export`). Erasure is the
    administrator's command (``danvan personal_data_erase``), not a button."""
    form = PersonalDataForm(request.POST if request.method == "POST" else None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = personal_data.personal_data_export(
                request.user, reason=data["reason"], id_number=data["id_number"], phone=data["phone"],
                email=data["email"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if data["format"] == "json":
                response = HttpResponse(result.as_json(), content_type="application/json; charset=utf-8")
                response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
                return response
    return render(request, "petitions/personal_data.html", {"form": form, "result": result})
