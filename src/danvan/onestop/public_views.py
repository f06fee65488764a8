"""The citizens' one-stop pages: the status page by dossier code, and the rating of a returned dossier
online (the QR code of the appointment slip) or on the tablet at the counter (the kiosk).

The status page shows what the appointment slip already says and the public steps of the timeline
(:data:`danvan.onestop.rules.PUBLIC_STEPS`): never a note, never the applicant's personal data, never an
officer's name. The code is printed on the slip and guessable; the rating needs the dossier's rating
token as well (in the QR code, or in the kiosk's address the desk opens), which a wrong value of makes a
404. Every rating goes through :func:`danvan.onestop.services.rate`, which checks it against the
province's scheme and refuses a second one; its Vietnamese message is shown and nothing is written.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from danvan.accounts.decorators import public
from danvan.core.forms import add_service_errors
from danvan.core.models import Event
from danvan.core.ratelimit import allow
from danvan.onestop import rules, selectors, services
from danvan.onestop.models import Apology, Dossier

S = rules.Status

#: A dossier code as :func:`danvan.onestop.rules.dossier_code` makes it (and as other systems print theirs,
#: ``000.00.06.H56-231027-0361``): letters, digits, dots and hyphens.
CODE = re.compile(r"[A-Z0-9][A-Z0-9.\-]{2,47}")
#: The rating token's shape (``secrets.token_urlsafe(18)``); anything else is a 404 without a query.
TOKEN = re.compile(r"[A-Za-z0-9_\-]{16,64}")

#: Lookups of the status page per address: the public rate the petitions' status page has.
LOOKUP_RATE = settings.DANVAN_PUBLIC_RATE
#: Requests of the rating pages per address. A kiosk is one tablet at a counter that every citizen of the
#: day uses (two requests each): the public forms' 10 an hour would close it by mid-morning.
RATING_RATE = getattr(settings, "DANVAN_RATING_RATE", "120/h")

#: The status in plain words for the citizen.
PUBLIC_STATUS: dict[str, str] = {
    S.ONLINE: "Đã nộp trực tuyến, đang chờ bộ phận một cửa tiếp nhận",
    S.RECEPTION_SUPPLEMENT: "Cần bổ sung, hoàn thiện hồ sơ trước khi được tiếp nhận",
    S.REFUSED: "Hồ sơ không được tiếp nhận",
    S.RECEIVED: "Đã tiếp nhận, đang chuyển giải quyết",
    S.PROCESSING: "Đang giải quyết",
    S.SUPPLEMENT: "Đang chờ bổ sung hồ sơ",
    S.FINANCIAL: "Đang chờ thực hiện nghĩa vụ tài chính (nộp thuế, phí, lệ phí)",
    S.STOPPED: "Đã dừng giải quyết",
    S.RESULT_READY: "Đã có kết quả, mời nhận kết quả",
    S.RETURNED: "Đã trả kết quả",
    S.RATED: "Đã trả kết quả",
    S.WITHDRAWN: "Đã rút hồ sơ",
}

#: The public steps in the citizen's words (the officers' labels otherwise).
PUBLIC_STEP_LABELS: dict[str, str] = {
    "open": "Nộp hồ sơ",
    "receive": "Bộ phận một cửa tiếp nhận hồ sơ",
    "refuse": "Từ chối tiếp nhận hồ sơ",
    "ask_supplement_at_reception": "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    "resubmit": "Đã bổ sung hồ sơ",
    "ask_supplement": "Yêu cầu bổ sung hồ sơ",
    "supplement_done": "Đã nhận hồ sơ bổ sung",
    "ask_financial": "Đề nghị thực hiện nghĩa vụ tài chính",
    "financial_done": "Đã thực hiện nghĩa vụ tài chính",
    "stop": "Dừng giải quyết hồ sơ",
    "apologise": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "result": "Đã có kết quả giải quyết",
    "return_result": "Đã trả kết quả",
    "withdraw": "Rút hồ sơ",
    "rate": "Đánh giá mức độ hài lòng",
}


ALREADY = "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần."
NOT_YET = "Hồ sơ chưa trả kết quả, chưa thể đánh giá."

# --- the forms -------------------------------------------------------------------------------------


class LookupForm(forms.Form):
    ma = forms.CharField(
        label="Mã hồ sơ",
        max_length=48,
        help_text="In trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 01840-261201-0007.",
        error_messages={"required": "Nhập mã hồ sơ", "max_length": "Mã hồ sơ dài tối đa 48 ký tự"},
        widget=forms.TextInput(
            attrs={
                "class": "form-control q-width-20",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )

    def clean_ma(self) -> str:
        code = str(self.cleaned_data["ma"]).strip().upper()
        if not CODE.fullmatch(code):
            raise forms.ValidationError("Mã hồ sơ chỉ gồm chữ, số, dấu chấm và dấu gạch ngang, như in trên giấy hẹn")
        return code


class FiveLevelForm(forms.Form):
    """Năm mức hài lòng. The level is an integer here; the scale is the service's rule (a 6 is refused
    there, with its message)."""

    level = forms.TypedChoiceField(
        label="Bạn hài lòng thế nào với việc giải quyết hồ sơ?",
        coerce=int,
        choices=[(str(n), label) for n, label in sorted(rules.FIVE_LEVELS.items(), reverse=True)],
        widget=forms.RadioSelect,
        error_messages={"required": "Chọn một mức hài lòng", "invalid_choice": "__service__"},
    )
    comment = forms.CharField(
        label="Ý kiến thêm",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"max_length": "Ý kiến tối đa 2.000 ký tự"},
    )


def _nine_form_class() -> type[forms.Form]:
    fields: dict[str, forms.Field] = {}
    for number, (label, options) in enumerate(rules.NINE_INDICES, start=1):
        # The better answer first: 2 points, 1, 0.
        choices = [(str(points), options[points]) for points in (2, 1, 0)]
        fields[f"i{number}"] = forms.TypedChoiceField(
            label=f"{number}. {label}",
            coerce=int,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": f"Chọn một câu trả lời cho chỉ số {number}: {label.lower()}",
                "invalid_choice": "__service__",
            },
        )
    fields["comment"] = FiveLevelForm.base_fields["comment"]
    return type("NineIndicesForm", (forms.Form,), dict(fields))


NineIndicesForm = _nine_form_class()


def _lenient(form: forms.Form) -> tuple[dict[str, Any], bool]:
    """The form's values, with a choice outside its list passed on as the integer typed (the service
    names what is wrong with it) rather than refused by the form; and whether the form is otherwise valid."""
    valid = form.is_valid()
    values = dict(form.cleaned_data)
    passed_on = True
    for name, errors in list(form.errors.items()):
        if errors == ["__service__"]:
            raw = form.data.get(name, "")
            try:
                values[name] = int(str(raw))
            except ValueError:
                form.errors[name] = form.error_class(["Lựa chọn không hợp lệ"])
                passed_on = False
                continue
            del form.errors[name]
        else:
            passed_on = False
    return values, valid or (passed_on and not form.errors)


# --- reading a dossier for the public -------------------------------------------------------------


def _token_matches(dossier: Dossier | None, token: str) -> bool:
    return dossier is not None and bool(token) and secrets.compare_digest(token, dossier.rating_token)


def _public_steps(dossier: Dossier | None) -> list[dict[str, Any]]:
    """The dossier's public steps, by day: the label only (a note may name an officer or a person)."""
    events = Event.objects.for_object(dossier) if dossier is not None else Event.objects.none()
    steps = events.filter(action__in=sorted(rules.PUBLIC_STEPS)).only("action", "to_state", "on", "at")
    return [{"day": e.day, "label": _step_label(e)} for e in steps.order_by("at", "pk")]


def _step_label(event: Event) -> str:
    if event.action == "open":  # received at the desk at once, or submitted online and waiting
        return "Nộp hồ sơ trực tuyến" if event.to_state == S.ONLINE else "Tiếp nhận hồ sơ"
    return PUBLIC_STEP_LABELS.get(event.action, event.action)


def _apology(dossier: Dossier) -> Apology | None:
    return Apology.objects.filter(dossier=dossier).only("new_due_at", "dossier_id").first()


def public_view(dossier: Dossier) -> dict[str, Any]:
    """What anyone holding the code is shown: the procedure, the receiving point, the dates, the status,
    the public steps. Nothing of the applicant, no officer, no note."""
    apology = _apology(dossier)
    in_progress = dossier.status in rules.IN_PROGRESS
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "procedure_time": dossier.procedure.time_label,
        "point": dossier.service_point.name,
        "point_address": dossier.service_point.address,
        "point_phone": dossier.service_point.phone,
        "submitted_at": dossier.submitted_at if dossier.status == S.ONLINE else None,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at if dossier.status not in (S.REFUSED, S.WITHDRAWN) else None,
        "paused": in_progress and dossier.due_at is None,
        "new_due_at": apology.new_due_at if apology else None,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "status": PUBLIC_STATUS.get(dossier.status, dossier.get_status_display()),
        "status_key": dossier.status,
        "result_place": dossier.result_place,
        "steps": _public_steps(dossier),
    }


def _scheme(dossier: Dossier) -> str:
    return services.settings_for(dossier.unit).rating_scheme


def _rating_form(dossier: Dossier, data: Any = None) -> forms.Form:
    form_class = NineIndicesForm if _scheme(dossier) == rules.RatingScheme.NINE else FiveLevelForm
    return form_class(data)


def _rating_state(dossier: Dossier) -> str:
    """ "open" (returned, not yet rated), "rated", or "not_yet" (no result returned)."""
    if dossier.status == S.RETURNED:
        return "open"
    if dossier.status == S.RATED:
        return "rated"
    return "not_yet"


# --- the status page ------------------------------------------------------------------------------


@public
def public_status(request: HttpRequest) -> HttpResponse:
    """Tra cứu hồ sơ một cửa (GET ?ma=CODE): the dossier's public view, or a friendly message when there is
    no such dossier — the same page and the same queries either way. With the right token (?t=, from the
    QR code) and a result returned but not yet rated, the rating form (online)."""
    if "ma" not in request.GET:
        return render(request, "onestop/public/status.html", {"form": LookupForm()})
    form = LookupForm(request.GET)
    if not allow(request, "onestop_lookup", LOOKUP_RATE):
        return render(request, "onestop/public/status.html", {"form": form, "limited": True}, status=429)
    if not form.is_valid():
        return render(request, "onestop/public/status.html", {"form": form})
    token = str(request.GET.get("t", ""))[:64]
    dossier = selectors.public_dossier(form.cleaned_data["ma"])
    # The steps are read whether or not the dossier exists, so that an unknown code costs the same queries.
    steps = _public_steps(dossier)
    context: dict[str, Any] = {"form": form, "searched": True}
    if dossier is None:
        context["not_found"] = True
    else:
        result = public_view(dossier)
        result["steps"] = steps
        context["result"] = result
        if _token_matches(dossier, token):
            context["rating"] = _rating_state(dossier)
            context["rate_url"] = reverse("onestop_public_rate", args=[token])
            if context["rating"] == "open":
                context["rating_form"] = _rating_form(dossier)
    return render(request, "onestop/public/status.html", context)


# --- rating ---------------------------------------------------------------------------------------


def _dossier_by_token(token: str) -> Dossier:
    if not TOKEN.fullmatch(token):
        raise Http404("Không tìm thấy hồ sơ.")
    dossier = Dossier.objects.select_related("procedure", "service_point", "unit").filter(rating_token=token).first()
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ.")
    return dossier


def _submit_rating(request: HttpRequest, dossier: Dossier, token: str, channel: str) -> tuple[forms.Form, list[str]]:
    """Rate ``dossier`` from the posted form through the service; the form (with the service's errors on
    it) and the errors the form has no field for. Nothing is written on a refusal."""
    form = _rating_form(dossier, request.POST)
    values, valid = _lenient(form)
    if not valid:
        return form, []
    comment = str(values.pop("comment", "") or "")
    if _scheme(dossier) == rules.RatingScheme.NINE:
        kwargs: dict[str, Any] = {"indices": [values[f"i{n}"] for n in range(1, len(rules.NINE_INDICES) + 1)]}
    else:
        kwargs = {"level": values["level"]}
    try:
        services.rate(dossier=dossier, channel=channel, token=token, comment=comment, **kwargs)
    except PermissionDenied:
        raise Http404("Không tìm thấy hồ sơ.") from None
    except ValidationError as exc:
        dossier.refresh_from_db()
        others = _service_errors(form, exc)
        return form, others
    return form, []


def _service_errors(form: forms.Form, exc: ValidationError) -> list[str]:
    """The service's messages: on the form's field where it has one (the nine indices are one list for the
    service), the rest in the error summary."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    others: list[str] = []
    for name, messages in exc.message_dict.items():
        if name in form.fields:
            add_service_errors(form, ValidationError({name: messages}))
        else:
            others.extend(messages)
    return others


def _rating_page(request: HttpRequest, token: str, *, channel: str) -> HttpResponseBase:
    kiosk = channel == rules.RatingChannel.KIOSK
    template = "onestop/public/kiosk.html" if kiosk else "onestop/public/rate.html"
    if not allow(request, "onestop_rate", RATING_RATE):
        return render(request, template, {"limited": True}, status=429)
    dossier = _dossier_by_token(token)
    state = _rating_state(dossier)
    context: dict[str, Any] = {"dossier_view": public_view(dossier), "state": state, "token": token}
    if request.method == "POST":
        form, errors = _submit_rating(request, dossier, token, channel)
        if not form.errors and not errors:
            return redirect("onestop_kiosk_thanks") if kiosk else redirect("onestop_public_rate", token=token)
        state = _rating_state(dossier)
        if state != "open" and not errors:
            errors = [ALREADY if state == "rated" else NOT_YET]
        context |= {"form": form if state == "open" else None, "service_errors": errors, "state": state}
        return render(request, template, context, status=400)
    context["form"] = _rating_form(dossier) if state == "open" else None
    if state == "rated":
        rating = getattr(dossier, "rating", None)
        context["rated_level"] = rules.FIVE_LEVELS.get(rating.level, "") if rating else ""
    return render(request, template, context)


@public
def public_rate(request: HttpRequest, token: str) -> HttpResponseBase:
    """Đánh giá trực tuyến (the QR code's link): the rating form of a returned dossier, then a thank-you."""
    return _rating_page(request, token, channel=rules.RatingChannel.ONLINE)


@public
def kiosk(request: HttpRequest, token: str) -> HttpResponseBase:
    """The tablet at the counter: one tap per level (big buttons), then the "Cảm ơn" screen, which keeps
    nothing of the dossier for the next citizen to see."""
    return _rating_page(request, token, channel=rules.RatingChannel.KIOSK)


@public
def kiosk_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "onestop/public/kiosk_thanks.html")


def status_link(code: str) -> str:
    """The status page's address for ``code`` (relative), for links on the citizens' pages."""
    return f"{reverse('onestop_public_status')}?{urlencode({'ma': code})}"
