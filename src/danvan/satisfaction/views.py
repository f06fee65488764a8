"""The satisfaction pages: the index (per element and overall, ranking, trend, target), the questionnaire
builder, the campaigns with their sample plan and sample check, the paper-answer entry screen, and the
public online survey through the campaign's link or QR code. Each view reads through a selector and
writes through a service."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, public, requires
from danvan.accounts.views import qr_svg
from danvan.accounts.working_unit import working_unit
from danvan.core.forms import add_service_errors
from danvan.core.periods import PeriodError, parse_period
from danvan.core.ratelimit import allow
from danvan.core.text import nfc
from danvan.satisfaction import forms, rules, selectors, services
from danvan.satisfaction.models import Campaign, ExpectationQuestion, Item, Questionnaire, ServiceElement
from danvan.stats import pages as stats_pages
from danvan.stats.question import QuestionError, ask, unit_label
from danvan.units.models import Unit

RIGHTS = roles.SATISFACTION
#: The public form: a respondent answers once; a robot or a flood is cut off per address.
PUBLIC_RATE = "30/h"


def _service_errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for ms in exc.message_dict.values() for m in ms]
    return list(exc.messages)


# --- the index ----------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def index(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    default = working_unit(request, permission=RIGHTS.view)
    defaults = {"unit": default.code if default else "", "year": str(today.year), "period": "year", "tree": "today"}
    asked = {name: request.GET.get(name) or value for name, value in defaults.items()}
    form = forms.StatsForm(asked)
    stats = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            question = ask(
                request,
                permission=RIGHTS.view,
                unit=data.get("unit"),
                unit_pk=request.GET.get("unit_pk"),
                year=data.get("year"),
                period=data.get("period"),
                tree=data.get("tree"),
                allowed=tuple(dict(forms.PERIOD_CHOICES)),
            )
        except QuestionError as exc:
            message = "Đơn vị ngoài phạm vi của bạn." if exc.out_of_scope else exc.message
            if request.GET.get("unit"):
                form.add_error(exc.field if exc.field in form.fields else None, message)
            else:
                messages.info(request, "Chọn đơn vị để xem chỉ số hài lòng.")
        else:
            stats = selectors.stats_for(
                question.unit, question.period, user=request.user, today_tree=question.today_tree
            )
            form = forms.StatsForm(asked | {"unit": unit_label(question.unit), "unit_pk": str(question.unit.pk)})
            form.is_valid()
    can_decide = stats is not None and access.can(request.user, RIGHTS.decide, stats.unit)
    target_form = None
    if can_decide and stats is not None:
        target_form = forms.TargetForm(
            initial={
                "year": stats.period.start.year,
                "period": asked["period"],
                "value": "80",
                "legal_basis": "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            }
        )
    return render(
        request,
        "satisfaction/index.html",
        {
            "form": form,
            "stats": stats,
            "target_form": target_form,
            "scale": rules.SCALE,
            "stats_tabs": stats_pages.tabs(request.user, request.GET),
        },
    )


@require_POST
@requires(RIGHTS.decide)
def set_target(request: SignedInRequest, unit_pk: int) -> HttpResponse:
    unit = access.get_for_user_or_404(Unit.objects.all(), request.user, RIGHTS.decide, pk=unit_pk)
    form = forms.TargetForm(request.POST)
    back = (
        reverse("satisfaction_index")
        + "?"
        + urlencode({"unit": unit.code, "year": request.POST.get("year", ""), "period": request.POST.get("period", "")})
    )
    if not form.is_valid():
        messages.error(request, "Chỉ tiêu: " + "; ".join(str(e) for es in form.errors.values() for e in es))
        return redirect(back)
    data = form.cleaned_data
    try:
        period = parse_period(data["period"], data["year"], allowed=tuple(dict(forms.PERIOD_CHOICES)))
        services.set_target(
            actor=request.user,
            unit=unit,
            period=period,
            value=data["value"],
            comparison=data["comparison"],
            legal_basis=data["legal_basis"],
        )
    except PeriodError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "Chỉ tiêu: " + "; ".join(_service_errors(exc)))
    else:
        messages.success(request, f"Đã đặt chỉ tiêu {period.label} cho {unit.name}.")
    return redirect(back)


# --- questionnaires --------------------------------------------------------------------------------


@requires(RIGHTS.view)
def questionnaire_list(request: SignedInRequest) -> HttpResponse:
    unit = working_unit(request, permission=RIGHTS.decide)
    form = forms.QuestionnaireForm(initial={"year": timezone.localdate().year, "from_template": True})
    if request.method == "POST":
        form = forms.QuestionnaireForm(request.POST)
        if unit is None:
            form.add_error(None, "Bạn không có quyền soạn phiếu khảo sát ở đơn vị nào.")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                questionnaire = services.create_questionnaire(
                    actor=request.user,
                    unit=unit,
                    name=data["name"],
                    year=data["year"],
                    from_template=data["from_template"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("satisfaction_builder", pk=questionnaire.pk)
    return render(
        request,
        "satisfaction/questionnaire_list.html",
        {
            "questionnaires": selectors.questionnaires_for(request.user)[:200],
            "form": form,
            "unit": unit,
        },
    )


def _builder_op(request: SignedInRequest, questionnaire: Questionnaire) -> None:
    """One change of the builder, by its ``op``; the service checks the right and the draft."""
    post, user = request.POST, request.user
    op = post.get("op", "")

    def element() -> ServiceElement:
        return _child(questionnaire.elements.all(), post.get("element"))

    def item() -> Item:
        return _child(questionnaire.items.all(), post.get("item"))

    def expectation() -> ExpectationQuestion:
        return _child(questionnaire.expectations.all(), post.get("question"))

    step = -1 if post.get("step") == "up" else 1
    match op:
        case "add_element":
            services.add_element(actor=user, questionnaire=questionnaire, name=post.get("name", ""))
        case "rename_element":
            services.rename_element(actor=user, element=element(), name=post.get("name", ""))
        case "remove_element":
            services.remove_element(actor=user, element=element())
        case "move_element":
            services.move_element(actor=user, element=element(), step=step)
        case "add_criterion":
            services.add_criterion(actor=user, element=element(), text=post.get("text", ""))
        case "edit_item":
            services.edit_item(actor=user, item=item(), text=post.get("text", ""))
        case "remove_criterion":
            services.remove_criterion(actor=user, item=item())
        case "move_criterion":
            services.move_criterion(actor=user, item=item(), step=step)
        case "add_expectation":
            services.add_expectation(
                actor=user,
                questionnaire=questionnaire,
                text=post.get("text", ""),
                options=post.get("options", ""),
                max_choices=post.get("max_choices", "1"),
            )
        case "edit_expectation":
            services.edit_expectation(
                actor=user,
                question=expectation(),
                text=post.get("text", ""),
                options=post.get("options", ""),
                max_choices=post.get("max_choices", "1"),
            )
        case "remove_expectation":
            services.remove_expectation(actor=user, question=expectation())
        case "publish":
            services.publish_questionnaire(actor=user, questionnaire=questionnaire)
        case _:
            raise ValidationError("Thao tác không hợp lệ.")


def _child(queryset: Any, pk: Any) -> Any:
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, queryset.model.DoesNotExist):
        raise Http404("Không tìm thấy.") from None


@requires(RIGHTS.view)
def questionnaire_builder(request: SignedInRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_for(request.user, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            _builder_op(request, questionnaire)
        except ValidationError as exc:
            errors = _service_errors(exc)
        else:
            anchor = request.POST.get("anchor", "")
            return redirect(reverse("satisfaction_builder", args=[questionnaire.pk]) + (f"#{anchor}" if anchor else ""))
        questionnaire.refresh_from_db()
    can_build = questionnaire.is_draft and access.can(request.user, RIGHTS.decide, questionnaire)
    return render(
        request,
        "satisfaction/builder.html",
        {
            "questionnaire": questionnaire,
            "structure": selectors.structure_of(questionnaire),
            "can_build": can_build,
            "service_errors": errors,
            "campaigns": questionnaire.campaigns.filter(pk__in=selectors.campaigns_for(request.user).values("pk")),
        },
        status=422 if errors else 200,
    )


# --- campaigns ---------------------------------------------------------------------------------------


@requires(RIGHTS.view)
def campaign_list(request: SignedInRequest) -> HttpResponse:
    unit = working_unit(request, permission=RIGHTS.decide)
    published = selectors.questionnaires_for(request.user).filter(status=Questionnaire.Status.PUBLISHED)
    if unit is not None:
        published = Questionnaire.objects.filter(status=Questionnaire.Status.PUBLISHED).filter(
            unit__path__in=[unit.path[:n] for n in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
        )
    choices = [(q.pk, f"{q.name} — {q.unit.name}") for q in published.select_related("unit")]
    form = forms.CampaignForm(questionnaires=choices)
    if request.method == "POST":
        form = forms.CampaignForm(request.POST, questionnaires=choices)
        if unit is None:
            form.add_error(None, "Bạn không có quyền tổ chức khảo sát ở đơn vị nào.")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                plan = forms.parse_plan(data["plan"])
            except ValidationError as exc:
                form.add_error("plan", exc)
            else:
                try:
                    campaign = services.create_campaign(
                        actor=request.user,
                        questionnaire=published.get(pk=data["questionnaire"]),
                        unit=unit,
                        name=data["name"],
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                        plan=plan,
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    return redirect("satisfaction_campaign", pk=campaign.pk)
    return render(
        request,
        "satisfaction/campaign_list.html",
        {
            "campaigns": selectors.campaigns_for(request.user)[:200],
            "form": form,
            "unit": unit,
        },
    )


def _public_url(request: HttpRequest, campaign: Campaign) -> str:
    return request.build_absolute_uri(reverse("satisfaction_public", args=[campaign.token]))


@requires(RIGHTS.view)
def campaign_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_for(request.user, pk)
    errors: list[str] = []
    can_run = access.can(request.user, RIGHTS.decide, campaign)
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "open":
                services.open_campaign(actor=request.user, campaign=campaign)
            elif op == "close":
                services.close_campaign(actor=request.user, campaign=campaign)
            elif op == "plan":
                services.set_sample_plan(
                    actor=request.user, campaign=campaign, plan=forms.parse_plan(request.POST.get("plan", ""))
                )
            else:
                raise ValidationError("Thao tác không hợp lệ.")
        except ValidationError as exc:  # the form's and the service's alike
            errors = _service_errors(exc)
        else:
            return redirect("satisfaction_campaign", pk=campaign.pk)
    checks = selectors.sample_check_for(request.user, campaign)
    url = _public_url(request, campaign)
    plan_text = "\n".join(
        f"{r.unit.code}; {r.procedure_code}; {r.procedure_name}; {r.quota}"
        for r in campaign.plan.select_related("unit")
    )
    return render(
        request,
        "satisfaction/campaign_detail.html",
        {
            "campaign": campaign,
            "checks": checks,
            "public_url": url,
            "can_run": can_run,
            "qr": qr_svg(url, label=f"Mã QR khảo sát: {campaign.name}"),
            "answered": sum(c.check.answered for c in checks),
            "planned": sum(c.check.quota or 0 for c in checks),
            "can_enter": bool(selectors.entry_communes(request.user, campaign)),
            "service_errors": errors,
            "plan_text": plan_text,
        },
        status=422 if errors else 200,
    )


def _answers_from(post: Any, structure: selectors.Structure) -> tuple[dict[int, str], dict[int, list[str]]]:
    answers = {item.pk: post.get(f"item-{item.pk}", "") for item in structure.items}
    expectations = {q.pk: post.getlist(f"expect-{q.pk}") for q in structure.expectations}
    return answers, expectations


def _keep_posted(post: Any, structure: selectors.Structure) -> None:
    """What was sent, shown again beside the errors (nothing was written)."""
    for item in structure.items:
        item.posted = post.get(f"item-{item.pk}", "")  # type: ignore[attr-defined]
    for question in structure.expectations:
        question.posted = post.getlist(f"expect-{question.pk}")  # type: ignore[attr-defined]


@requires(RIGHTS.edit)
def campaign_entry(request: SignedInRequest, pk: int) -> HttpResponse:
    """Nhập phiếu giấy: one paper form after another, by keyboard (a digit per item, Tab or auto-advance)."""
    campaign = selectors.campaign_for(request.user, pk)
    communes = selectors.entry_communes(request.user, campaign)
    if not communes:
        raise Http404("Không tìm thấy.")
    structure = selectors.structure_of(campaign.questionnaire)
    procedures = selectors.plan_procedures(campaign)
    errors: list[str] = []
    chosen = {
        "unit": request.GET.get("unit", ""),
        "procedure": request.GET.get("procedure", ""),
        "answered_on": request.GET.get("answered_on", ""),
    }
    if request.method == "POST":
        post = request.POST
        chosen = {
            "unit": post.get("unit", ""),
            "procedure": post.get("procedure", ""),
            "answered_on": post.get("answered_on", ""),
        }
        _keep_posted(post, structure)
        unit = next((u for u in communes if str(u.pk) == chosen["unit"]), None)
        answers, expectations = _answers_from(post, structure)
        try:
            if unit is None:
                raise ValidationError({"unit": "Chọn xã, phường của phiếu."})
            day = None
            if chosen["answered_on"]:
                try:
                    day = datetime.date.fromisoformat(chosen["answered_on"])
                except ValueError:
                    raise ValidationError({"answered_on": "Ngày trả lời phải có dạng năm-tháng-ngày."}) from None
            response = services.record_response(
                campaign=campaign,
                unit=unit,
                procedure_code=chosen["procedure"],
                channel=rules.Channel.PAPER,
                answers=answers,
                expectations=expectations,
                actor=request.user,
                answered_on=day,
            )
        except ValidationError as exc:
            errors = _service_errors(exc)
        else:
            messages.success(request, f"Đã lưu phiếu số {response.pk}. Nhập phiếu tiếp theo.")
            return redirect(reverse("satisfaction_entry", args=[campaign.pk]) + "?" + urlencode(chosen))
    return render(
        request,
        "satisfaction/entry.html",
        {
            "campaign": campaign,
            "structure": structure,
            "communes": communes,
            "procedures": procedures,
            "chosen": chosen,
            "service_errors": errors,
            "scale": rules.SCALE,
        },
        status=422 if errors else 200,
    )


# --- the public survey ----------------------------------------------------------------------------


@public
def public_survey(request: HttpRequest, token: str) -> HttpResponse:
    """Khảo sát trực tuyến through the campaign's link or QR code: no account, the token proves the link."""
    campaign = selectors.public_campaign(token)
    if campaign is None:
        raise Http404("Không tìm thấy đợt khảo sát.")
    structure = selectors.structure_of(campaign.questionnaire)
    communes = sorted({r.unit.pk: r.unit for r in campaign.plan.select_related("unit")}.values(), key=lambda u: u.name)
    if not communes:
        communes = [campaign.unit]
    procedures = selectors.plan_procedures(campaign)
    errors: list[str] = []
    limited = False
    post: Any = request.POST if request.method == "POST" else {}
    if request.method == "POST" and campaign.status == Campaign.Status.OPEN:
        if post.get("website"):  # the honeypot: a robot is thanked and nothing is written
            return redirect("satisfaction_public_done", token=token)
        if not allow(request, "survey", PUBLIC_RATE):
            limited = True
        else:
            unit = next((u for u in communes if str(u.pk) == post.get("unit", "")), None)
            answers, expectations = _answers_from(post, structure)
            _keep_posted(post, structure)
            try:
                if unit is None:
                    raise ValidationError({"unit": "Chọn xã, phường nơi Ông/Bà thực hiện thủ tục."})
                services.record_response(
                    campaign=campaign,
                    unit=unit,
                    procedure_code=nfc(post.get("procedure", "")),
                    channel=rules.Channel.ONLINE,
                    answers=answers,
                    expectations=expectations,
                    token=token,
                )
            except ValidationError as exc:
                errors = _service_errors(exc)
            else:
                return redirect("satisfaction_public_done", token=token)
    return render(
        request,
        "satisfaction/public_survey.html",
        {
            "campaign": campaign,
            "structure": structure,
            "communes": communes,
            "procedures": procedures,
            "service_errors": errors,
            "limited": limited,
            "scale": list(rules.SCALE.items()),
            "posted": post,
            "open": campaign.status == Campaign.Status.OPEN,
        },
        status=422 if errors else (429 if limited else 200),
    )


@public
def public_survey_done(request: HttpRequest, token: str) -> HttpResponse:
    campaign = selectors.public_campaign(token)
    if campaign is None:
        raise Http404("Không tìm thấy đợt khảo sát.")
    return render(request, "satisfaction/public_done.html", {"campaign": campaign})
