"""The pages of dialogues, voter contacts, commitments and campaigns. Every view declares its access;
every record is read through the area's selectors (a record out of scope is 404) and every write goes
through :mod:`.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.accounts.working_unit import working_unit
from danvan.core.files import serve
from danvan.core.forms import add_service_errors
from danvan.core.periods import PERIOD_CHOICES
from danvan.dialogues import forms, rules, selectors, services
from danvan.dialogues.lists import COMMITMENTS, MEETINGS
from danvan.dialogues.models import Campaign, Commitment, Meeting
from danvan.lists.views import export, list_context
from danvan.stats import pages as stats_pages
from danvan.stats.question import QuestionError, ask, unit_box
from danvan.units.models import Unit
from danvan.workflow import engine as workflow
from danvan.workflow.timeline import timeline
from danvan.workflow.views import action_page

RIGHTS = roles.DIALOGUES
IssueFormSet = formset_factory(forms.IssueForm, extra=4)
GroupFormSet = formset_factory(forms.GroupForm, extra=3)
STATS_PERIODS = [(k, v) for k, v in PERIOD_CHOICES if k not in ("month", "custom")]


def _edit_unit(request: SignedInRequest) -> Unit:
    unit = working_unit(request, permission=RIGHTS.edit)
    if unit is None:
        raise PermissionDenied("Chưa có đơn vị làm việc: chọn đơn vị ở đầu trang.")
    return unit


def _buttons(machine: Any, request: SignedInRequest, obj: Any, act_url: str) -> dict[str, Any]:
    return {
        "obj": obj,
        "buttons": workflow.buttons(machine, request.user, obj),
        "next_step": workflow.next_step(machine, obj),
        "act_url": act_url,
        "timeline": timeline(machine, obj),
        "status_label": machine.state_label(machine.state_of(obj)),
    }


def summary_errors(all_forms: list[Any]) -> list[tuple[str, str]]:
    """(anchor, message) of every error on a page of several forms, for its error summary."""
    found: list[tuple[str, str]] = []
    for form in all_forms:
        if not form.is_bound or not form.errors:
            continue
        for name, problems in form.errors.items():
            anchor = form[name].id_for_label if name in form.fields else ""
            found.extend((anchor, str(p)) for p in problems)
    return found


# --- meetings -----------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def meeting_list(request: SignedInRequest) -> HttpResponse:
    context = list_context(MEETINGS, request)
    return render(request, "dialogues/meeting_list.html", {
        **context, "can_plan": working_unit(request, permission=RIGHTS.edit) is not None,
    })  # fmt: skip


@requires(RIGHTS.view)
def meeting_export(request: SignedInRequest) -> HttpResponse:
    return export(MEETINGS, request)


@requires(RIGHTS.edit)
def meeting_plan(request: SignedInRequest) -> HttpResponse:
    unit = _edit_unit(request)
    hosts = services.host_candidates(request.user, unit)
    campaigns = list(selectors.campaigns_for(request.user).filter(unit=unit).exclude(
        status__in=[rules.CampaignStatus.FINISHED, rules.CampaignStatus.STOPPED]))  # fmt: skip
    form = forms.PlanForm(request.POST or None, hosts=hosts, campaigns=campaigns)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = services.plan_meeting(
                actor=request.user, unit=unit, kind=d["kind"], topic=d["topic"], planned_on=d["planned_on"],
                place=d["place"], host=form.hosts.get(d["host"] or 0), host_name=d["host_name"],
                host_position=d["host_position"], invited_groups=d["invited_groups"], notice=d["notice"],
                council=d["council"], timing=d["timing"], session=d["session"],
                campaign=form.campaigns.get(d["campaign"] or 0),
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lên kế hoạch buổi làm việc.")
            return redirect("dialogues_meeting", pk=meeting.pk)
    return render(request, "dialogues/meeting_plan.html", {"form": form, "unit": unit})


@requires(RIGHTS.view)
def meeting_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    may_edit = access.can(request.user, RIGHTS.edit, meeting)
    return render(request, "dialogues/meeting_detail.html", {
        **_buttons(services.MEETING, request, meeting, "dialogues_meeting_act"),
        "meeting": meeting,
        "attendance": meeting.attendance.all(),
        "issues": meeting.issues.all(),
        "commitments": meeting.commitments.select_related("responsible_organization"),
        "may_add_commitment": may_edit and meeting.status == rules.MeetingStatus.HELD,
        "today": timezone.localdate(),
    })  # fmt: skip


def _commitment_form(unit: Unit, data: Any = None, *, prefix: str | None = None, with_issue: bool = True
                     ) -> forms.CommitmentForm:  # fmt: skip
    return forms.CommitmentForm(data, prefix=prefix, organizations=services.organizations_for(unit),
                                people=services.responsible_candidates(unit), with_issue=with_issue)  # fmt: skip


COMMITMENT_ROWS = 3


@requires(RIGHTS.edit)
def meeting_record(request: SignedInRequest, pk: int) -> HttpResponse:
    """The record of a held meeting in one page: attendance, issues and answers, and the commitments."""
    meeting = selectors.meeting_for(request.user, pk)
    if not access.can(request.user, RIGHTS.edit, meeting):
        raise PermissionDenied("Bạn không có quyền ghi kết quả buổi làm việc này.")
    refusal = workflow.state_refusal(services.MEETING, services.MEETING.actions["record"], meeting)
    data = request.POST if request.method == "POST" else None
    form = forms.RecordForm(data, initial={"held_on": meeting.planned_on})
    issues = IssueFormSet(data, prefix="issues")
    commitments = [_commitment_form(meeting.unit, data, prefix=f"commitments-{n}") for n in range(COMMITMENT_ROWS)]
    if request.method == "POST" and refusal is None:
        valid = form.is_valid() & issues.is_valid() & all([c.is_valid() for c in commitments])
        if valid:
            filled = [(n, f) for n, f in enumerate(issues.forms, start=1) if f.issue() is not None]
            renumber = {shown: new for new, (shown, _f) in enumerate(filled, start=1)}
            chosen = [c for c in commitments if c.filled()]
            items = []
            for c in chosen:
                item = c.commitment()
                if item.issue is not None:
                    item = services.CommitmentIn(**{**item.__dict__, "issue": renumber.get(item.issue, 0)})
                items.append(item)
            try:
                services.record_meeting(
                    actor=request.user, meeting=meeting, held_on=form.cleaned_data["held_on"],
                    attendance=form.attendance(), issues=[f.issue() for _n, f in filled],  # type: ignore[misc]
                    commitments=items, summary=form.cleaned_data["summary"],
                    issues_raised=form.cleaned_data["issues_raised"],
                    issues_answered=form.cleaned_data["issues_answered"],
                )  # fmt: skip
            except ValidationError as exc:
                forms.put_errors(exc, form=form, rows={"issues": [f for _n, f in filled], "commitments": chosen})
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã ghi kết quả buổi làm việc và {len(items)} cam kết.")
                return redirect("dialogues_meeting", pk=meeting.pk)
    return render(request, "dialogues/meeting_record.html", {
        "meeting": meeting, "form": form, "issues": issues, "commitments": commitments, "refusal": refusal,
        "summary_errors": summary_errors([form, *issues.forms, *commitments]),
    })  # fmt: skip


@requires(RIGHTS.view)
def meeting_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    if action == "record":
        return redirect("dialogues_meeting_record", pk=meeting.pk)
    back = reverse("dialogues_meeting", args=[meeting.pk])
    return action_page(request, machine=services.MEETING, obj=meeting, action=action, template="dialogues/act.html",
                       success_url=back, context={"back_url": back, "record_title": str(meeting)})  # fmt: skip


@requires(RIGHTS.edit)
def commitment_add(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    if not access.can(request.user, RIGHTS.edit, meeting):
        raise PermissionDenied("Bạn không có quyền ghi cam kết cho buổi làm việc này.")
    form = _commitment_form(meeting.unit, request.POST or None, with_issue=False)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.create_commitment(actor=request.user, meeting=meeting, item=form.commitment())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi cam kết.")
            return redirect("dialogues_commitment", pk=commitment.pk)
    return render(request, "dialogues/commitment_add.html", {"meeting": meeting, "form": form})


# --- commitments --------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def commitment_list(request: SignedInRequest) -> HttpResponse:
    queues = selectors.QUEUES
    context = list_context(COMMITMENTS, request, queue=list(queues))
    listing = context["listing"]
    return render(request, "dialogues/commitment_list.html", {
        **context, "queue": listing.values.get("queue", ""),
        "queues": [(key, label, context["counts"]["queue"][key]) for key, label in queues.items()],
        "today": timezone.localdate(),
    })  # fmt: skip


@requires(RIGHTS.view)
def commitment_export(request: SignedInRequest) -> HttpResponse:
    return export(COMMITMENTS, request)


@requires(RIGHTS.view)
def commitment_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_for(request.user, pk)
    return render(request, "dialogues/commitment_detail.html", {
        **_buttons(services.COMMITMENT, request, commitment, "dialogues_commitment_act"),
        "commitment": commitment,
        "updates": commitment.updates.prefetch_related("evidence").select_related("by"),
        "pending": commitment.evidence.filter(update__isnull=True),
        "overdue": commitment.is_overdue,
    })  # fmt: skip


@requires(RIGHTS.view)
def commitment_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    commitment = selectors.commitment_for(request.user, pk)
    back = reverse("dialogues_commitment", args=[commitment.pk])
    if action not in ("progress", "complete"):
        return action_page(request, machine=services.COMMITMENT, obj=commitment, action=action,
                           template="dialogues/act.html", success_url=back,
                           context={"back_url": back, "record_title": str(commitment)})  # fmt: skip
    step = services.COMMITMENT.actions[action]
    if not workflow.may(services.COMMITMENT, request.user, step, commitment):
        raise PermissionDenied(f"Bạn không có quyền “{step.label}” với cam kết này.")
    refusal = workflow.state_refusal(services.COMMITMENT, step, commitment)
    complete = action == "complete"
    form = forms.ReportForm(request.POST or None, request.FILES or None, complete=complete,
                            initial={"on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid() and refusal is None:
        d = form.cleaned_data
        try:
            services.report(actor=request.user, commitment=commitment, action=action, note=d["note"],
                            reference=d["reference"], on=d["on"], files=d["evidence"])  # fmt: skip
        except ValidationError as exc:
            for name, problems in exc.message_dict.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã thực hiện: {step.label}.")
            return redirect(back)
    return render(request, "dialogues/commitment_report.html", {
        "commitment": commitment, "form": form, "transition": step, "refusal": refusal, "back_url": back,
    })  # fmt: skip


@requires(RIGHTS.view)
def evidence_file(request: SignedInRequest, pk: int) -> FileResponse:
    return serve(selectors.evidence_for(request.user, pk))


# --- campaigns ----------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def campaign_list(request: SignedInRequest) -> HttpResponse:
    campaigns = selectors.campaigns_for(request.user).order_by("-pk")[:200]
    return render(request, "dialogues/campaign_list.html", {
        "campaigns": campaigns, "can_create": working_unit(request, permission=RIGHTS.edit) is not None,
    })  # fmt: skip


@requires(RIGHTS.edit)
def campaign_create(request: SignedInRequest) -> HttpResponse:
    unit = _edit_unit(request)
    data = request.POST if request.method == "POST" else None
    form = forms.CampaignForm(data)
    groups = GroupFormSet(data, prefix="groups")
    if request.method == "POST" and form.is_valid() & groups.is_valid():
        d = form.cleaned_data
        chosen = [g for g in groups.forms if g.group() is not None]
        try:
            campaign = services.create_campaign(
                actor=request.user, unit=unit, name=d["name"], goal=d["goal"],
                households_target=d["households_target"], planned_start=d["planned_start"],
                groups=[g.group() for g in chosen],  # type: ignore[misc]
            )  # fmt: skip
        except ValidationError as exc:
            forms.put_errors(exc, form=form, rows={"groups": chosen})
        else:
            messages.success(request, "Đã lập cuộc vận động.")
            return redirect("dialogues_campaign", pk=campaign.pk)
    return render(request, "dialogues/campaign_form.html", {"form": form, "groups": groups, "unit": unit})


@requires(RIGHTS.view)
def campaign_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    return render(request, "dialogues/campaign_detail.html", {
        **_buttons(services.CAMPAIGN, request, campaign, "dialogues_campaign_act"),
        "campaign": campaign,
        "groups": campaign.groups.all(),
        "progress": campaign.progress.all(),
        "meetings": campaign.meetings.all(),
        "commitments": campaign.commitments.select_related("responsible_organization"),
        "may_edit": access.can(request.user, RIGHTS.edit, campaign),
        "kept": sum(1 for c in campaign.commitments.all() if c.status == rules.CommitmentStatus.DONE),
    })  # fmt: skip


@requires(RIGHTS.view)
def campaign_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    back = reverse("dialogues_campaign", args=[campaign.pk])
    return action_page(request, machine=services.CAMPAIGN, obj=campaign, action=action, template="dialogues/act.html",
                       success_url=back, context={"back_url": back, "record_title": str(campaign)})  # fmt: skip


@requires(RIGHTS.edit)
def campaign_group_add(request: SignedInRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    if not access.can(request.user, RIGHTS.edit, campaign):
        raise PermissionDenied("Bạn không có quyền sửa cuộc vận động này.")
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.group() or services.GroupIn(name="")
        try:
            services.add_working_group(actor=request.user, campaign=campaign, item=item)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm tổ công tác.")
            return redirect("dialogues_campaign", pk=campaign.pk)
    return render(request, "dialogues/group_form.html", {"form": form, "campaign": campaign})


# --- statistics ---------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def dialogue_stats(request: SignedInRequest) -> HttpResponse:
    params = request.GET
    stats = None
    try:
        question = ask(request, permission=RIGHTS.view, unit=params.get("unit") or None, unit_pk=params.get("unit_pk"),
                       year=params.get("year"), period=params.get("period"), tree=params.get("tree"),
                       allowed=tuple(k for k, _ in STATS_PERIODS))  # fmt: skip
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        messages.error(request, exc.message)
        year = timezone.localdate().year
    else:
        year = question.period.start.year
        stats = selectors.stats_for(question.unit, question.period, user=request.user,
                                    today_tree=question.today_tree)  # fmt: skip
    fields = dict(rules.Field.choices)
    return render(request, "dialogues/stats.html", {
        "stats_tabs": stats_pages.tabs(request.user, params),
        "stats": stats,
        "unit_box": unit_box(request.user, RIGHTS.view, stats.unit if stats else None),
        "year": year,
        "period_kind": params.get("period") or "year",
        "period_choices": STATS_PERIODS,
        "issue_rows": [(fields.get(k, k), v) for k, v in sorted((stats.issues_by_field if stats else {}).items())],
    })  # fmt: skip


__all__ = ["Campaign", "Commitment", "Meeting"]
