"""Pages of the backlog (đơn chưa phân vụ việc, issue 11): the list with its Excel import, the grouping
run's progress, and the review of its proposals (accept, reject, split, then apply). Each view reads
through :mod:`.backlog` and writes through its services; a run is its owner's, "not found" to others."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.accounts.working_unit import working_unit
from danvan.core.exports import XLSX_TYPE
from danvan.core.forms import ImportForm
from danvan.core.imports import ImportRejected
from danvan.core.text import format_number
from danvan.petitions import backlog, imports, services
from danvan.petitions.models import GroupingRun, GroupProposal

IMPORT_SESSION_KEY = "danvan_backlog_import"
PAGE_SIZE = 50
PROPOSALS_PER_PAGE = 25


@requires(roles.PETITIONS.view)
def backlog_list(request: SignedInRequest) -> HttpResponse:
    """Đơn chưa phân vụ việc: the letters in no case under the working unit, the import and the grouping."""
    user = request.user
    unit = working_unit(request, permission=roles.PETITIONS.view)
    desk = working_unit(request, permission=roles.PETITIONS.edit)
    letters = backlog.backlog_letters(user, unit, roles.PETITIONS.view) if unit is not None else None
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page")) if letters is not None else None
    mine = GroupingRun.objects.visible_to(user, roles.PETITIONS.edit).filter(owner=user)
    runs = list(mine.select_related("unit")[:5])
    return render(
        request,
        "petitions/backlog_list.html",
        {
            "unit": unit,
            "desk": desk,
            "page": page,
            "rows": [(letter, services.public_sender(letter)) for letter in page] if page is not None else [],
            "runs": runs,
        },
    )


def _import_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


#: A sheet uploaded for a preview and never confirmed is deleted after this long (it holds senders' names).
UPLOAD_KEPT = datetime.timedelta(hours=6)


def _forget_upload(request: SignedInRequest) -> None:
    """The officer's previous waiting sheet, and every sheet left waiting longer than :data:`UPLOAD_KEPT`."""
    token = request.session.pop(IMPORT_SESSION_KEY, "")
    folder = _import_dir()
    if token:
        (folder / f"{token}.xlsx").unlink(missing_ok=True)
    cutoff = (timezone.now() - UPLOAD_KEPT).timestamp()
    for old in folder.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


@requires(roles.PETITIONS.edit)
def backlog_import(request: SignedInRequest) -> HttpResponse:
    """Upload → preview (nothing written) → confirm (every letter in one transaction, into the backlog)."""
    unit = working_unit(request, permission=roles.PETITIONS.edit)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": list(imports.COLUMNS.values()), "unit": unit}
    if request.method == "POST" and "confirm" in request.POST:
        token = request.session.get(IMPORT_SESSION_KEY, "")
        path = _import_dir() / f"{token}.xlsx"
        if not token or request.POST.get("token") != token or not path.exists():
            messages.error(request, "Phiên xem trước đã hết hạn; hãy tải tệp lên lại.")
            return redirect("backlog_import")
        try:
            with path.open("rb") as stream:
                created = imports.import_letters(actor=request.user, stream=stream, default_unit=unit)
        except ImportRejected as exc:
            path.unlink(missing_ok=True)  # the sheet holds senders' names: not kept once refused
            del request.session[IMPORT_SESSION_KEY]
            context["errors"] = exc.errors
            if exc.truncated:
                messages.warning(request, exc.note)
        else:
            path.unlink(missing_ok=True)
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, f"Đã nhập {format_number(len(created))} đơn vào danh sách đơn chưa phân vụ việc.")
            return redirect("backlog")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = imports.read_rows(upload, request.user, unit)
        except ImportRejected as exc:
            context["errors"] = exc.errors
            if exc.truncated:
                messages.warning(request, exc.note)
        else:
            _forget_upload(request)  # one sheet waiting per officer: the previous preview's file goes
            token = uuid.uuid4().hex
            upload.seek(0)
            (_import_dir() / f"{token}.xlsx").write_bytes(upload.read())
            request.session[IMPORT_SESSION_KEY] = token
            context |= {"preview": preview, "sample": preview.sample(), "token": token}
    return render(request, "petitions/backlog_import.html", context)


@requires(roles.PETITIONS.edit)
def backlog_template(request: SignedInRequest) -> HttpResponse:
    """The empty sheet with the headers the import reads."""
    response = HttpResponse(imports.template_bytes(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-don-thu.xlsx"'
    return response


@require_POST
@requires(roles.PETITIONS.edit)
def backlog_group(request: SignedInRequest) -> HttpResponse:
    """Đề xuất gộp đơn: queue a run over the backlog under the working unit; its page shows the progress."""
    unit = working_unit(request, permission=roles.PETITIONS.edit)
    if unit is None:
        raise PermissionDenied("Chưa có đơn vị làm việc: chọn đơn vị ở đầu trang.")
    run = backlog.start_grouping(request.user, unit)
    return redirect("backlog_run", pk=run.pk)


@requires(roles.PETITIONS.edit)
def backlog_run(request: SignedInRequest, pk: uuid.UUID) -> HttpResponse:
    """The progress page; htmx asks for its ``status`` part every second until the proposals are ready."""
    run = backlog.give_up_if_lost(backlog.run_for(request.user, pk))
    template = "petitions/backlog_run.html" + ("#status" if request.headers.get("HX-Request") else "")
    return render(request, template, {"run": run, "lost": run.error == backlog.LOST})


def _back(request: SignedInRequest, run: GroupingRun, anchor: str = "") -> HttpResponse:
    query = {k: v for k, v in (("show", request.POST.get("show", "")), ("page", request.POST.get("page", ""))) if v}
    url = reverse("backlog_review", args=[run.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items() if v.isalnum())
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _review_post(request: SignedInRequest, run: GroupingRun) -> HttpResponse:
    action = request.POST.get("action", "")
    proposal = None
    if action in ("accept", "reject", "split"):
        raw = request.POST.get("proposal", "")
        proposal = GroupProposal.objects.filter(run=run, pk=int(raw)).first() if _an_id(raw) else None
        if proposal is None:
            raise Http404("Không có nhóm này.")
    try:
        if action == "accept" and proposal is not None:
            backlog.accept(actor=request.user, run=run, proposal=proposal)
            messages.success(request, f"Nhóm {proposal.position}: đồng ý gộp.")
        elif action == "reject" and proposal is not None:
            backlog.reject(actor=request.user, run=run, proposal=proposal)
            messages.success(request, f"Nhóm {proposal.position}: không gộp, mỗi đơn một vụ việc.")
        elif action == "split" and proposal is not None:
            ids = [int(v) for v in request.POST.getlist("letters") if _an_id(v)]
            new = backlog.split(actor=request.user, run=run, proposal=proposal, letter_ids=ids)
            moved = format_number(len(ids))
            messages.success(request, f"Đã tách {moved} đơn của nhóm {proposal.position} thành nhóm {new.position}.")
        elif action == "accept_all":
            n = backlog.accept_all(actor=request.user, run=run)
            messages.success(request, f"Đã đồng ý {format_number(n)} nhóm còn lại.")
        else:
            raise Http404("Không có thao tác này.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, run, f"nhom-{proposal.position}" if proposal is not None else "")


@requires(roles.PETITIONS.edit)
def backlog_review(request: SignedInRequest, pk: uuid.UUID) -> HttpResponse:
    """The proposals of a run: the letters of each group (a sealed sender shown as everywhere), the reasons
    and the score; accept, reject, or split by ticking letters; then apply."""
    run = backlog.run_for(request.user, pk)
    if run.status not in (GroupingRun.Status.READY, GroupingRun.Status.APPLIED):
        return redirect("backlog_run", pk=run.pk)
    if request.method == "POST":
        return _review_post(request, run)
    show = request.GET.get("show", "")
    applied = run.status == GroupingRun.Status.APPLIED
    waiting = backlog.proposals_of(run, waiting_only=True)
    chosen = backlog.proposals_of(run) if show == "all" or applied else waiting
    page = Paginator(chosen, PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))
    groups = [
        {
            "proposal": p,
            "rows": [(letter, services.public_sender(letter)) for letter in p.letters.all()],
            "can_split": len(p.letters.all()) >= 2,
        }
        for p in page
    ]
    return render(
        request,
        "petitions/backlog_review.html",
        {
            "run": run,
            "page": page,
            "groups": groups,
            "show": "all" if show == "all" else "",
            "counts": {"todo": waiting.count(), "all": run.proposals.count()},
            "plan": None if applied else backlog.plan(run),
            "summary": backlog.summary(run),
            "applied": applied,
            "cases_url": reverse("case_list"),
        },
    )


@requires(roles.PETITIONS.edit)
def backlog_apply(request: SignedInRequest, pk: uuid.UUID) -> HttpResponse:
    """Áp dụng, after a confirmation: what will be opened and joined, then every proposal at once."""
    run = backlog.run_for(request.user, pk)
    if run.status != GroupingRun.Status.READY and request.method != "POST":
        return redirect("backlog_review", pk=run.pk)
    if request.method == "POST":
        try:
            done = backlog.apply(actor=request.user, run=run)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("backlog_review", pk=run.pk)
        except PermissionDenied as exc:
            raise Http404("Không có đề xuất gộp đơn này.") from exc
        n = format_number
        text = f"Đã áp dụng: {n(done.letters)} đơn thành {n(done.new_cases)} vụ việc mới"
        if done.joined_letters:
            text += f", {n(done.joined_letters)} đơn gộp vào {n(done.joined_cases)} vụ việc đã có"
        messages.success(request, text + ".")
        return redirect("backlog_review", pk=run.pk)
    return render(request, "petitions/backlog_apply.html", {"run": run, "plan": backlog.plan(run)})


def _an_id(value: str) -> bool:
    """A database id as typed in a form: ASCII digits ("²".isdigit() is true), within a bigint."""
    return value.isascii() and value.isdigit() and len(value) <= 18
