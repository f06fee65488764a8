"""The citizens' pages: the online form one question group at a time, its check-your-answers page, the
confirmation with the receipt, the receipt the reception desk prints, and the status page.

The answers of the steps are kept in the session until the last one; nothing is written before the
citizen sends the checked answers, and then in one call of the intake service (one transaction). A
complete submission in one POST of all the questions (the form as it was before the steps, a client
without a session) goes through the same forms and the same service.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from danvan.accounts import roles
from danvan.accounts.decorators import SignedInRequest, public, requires
from danvan.accounts.views import qr_svg
from danvan.core.forms import add_service_errors
from danvan.core.ratelimit import allow
from danvan.petitions import forms, rules, selectors, services
from danvan.petitions.models import Letter, Subject
from danvan.petitions.public import public_history, public_outcome, receipt_for

#: The tracking code's shape (services.new_tracking_code): 10 characters without look-alikes.
TRACKING_CODE = re.compile(r"[A-Z2-9]{10}")
ANSWERS = "danvan_public_petition"
SENT = "danvan_public_petition_sent"
STEPS = {slug: (title, form) for slug, title, form in forms.PUBLIC_STEPS}
ORDER = [slug for slug, _title, _form in forms.PUBLIC_STEPS]


def _answers(request: HttpRequest) -> dict[str, Any]:
    answers = request.session.get(ANSWERS)
    return answers if isinstance(answers, dict) else {}


def _bound(slug: str, answers: dict[str, Any]) -> forms.PublicStepForm:
    return STEPS[slug][1](answers)


def _first_incomplete(answers: dict[str, Any]) -> str | None:
    for slug in ORDER:
        if not _bound(slug, answers).is_valid():
            return slug
    return None


def _step_page(
    request: HttpRequest, slug: str, form: forms.PublicStepForm, *, status: int = 200, **context: Any
) -> HttpResponse:
    index = ORDER.index(slug)
    return render(
        request,
        "public/step.html",
        {
            "form": form,
            "slug": slug,
            "title": STEPS[slug][0],
            "number": index + 1,
            "steps": len(ORDER) + 1,  # and the check of the answers
            "back": reverse("public_petition_step", args=[ORDER[index - 1]]) if index else reverse("home"),
            "kind_options": [(k.value, rules.KIND_LABELS[k], hint) for k, hint in forms.PUBLIC_KINDS],
            "changing": request.GET.get("sua") == "1",
            **context,
        },
        status=status,
    )


def _initial(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers given so far as a step's initial values (the unit by its id, shown with its label)."""
    pk = str(answers.get("unit_pk", ""))
    return {**answers, "unit": int(pk)} if pk.isdigit() else answers


@public
def public_petition(request: HttpRequest) -> HttpResponseBase:
    """Gửi kiến nghị, phản ánh, khiếu nại, tố cáo trực tuyến: the first question group (or, for a POST of
    every question at once, the whole submission)."""
    if request.method == "POST" and "content" in request.POST:
        return _submit_at_once(request)
    return public_petition_step(request, ORDER[0])


@public
def public_petition_step(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in STEPS:
        raise Http404("Không có bước này.")
    answers = _answers(request)
    form_class = STEPS[slug][1]
    if request.method != "POST":
        return _step_page(request, slug, form_class(initial=_initial(answers)))
    form = form_class(request.POST)
    if not form.is_valid():
        return _step_page(request, slug, form)
    if form.cleaned_data.get("website"):  # the honeypot: a robot goes on as if nothing happened
        request.session[ANSWERS] = {}
        return redirect("public_petition_check")
    # The answers as typed (the forms clean them again at each step and at the end), the unit as chosen.
    for name, field in form.fields.items():
        if name == "unit":
            chosen = field.prepare_value(form.cleaned_data["unit"])
            answers |= {"unit": chosen["text"], "unit_pk": chosen["pk"]}
        elif name != "website":
            answers[name] = form.data.get(name, "")
    request.session[ANSWERS] = answers
    later = ORDER[ORDER.index(slug) + 1 :]
    if request.GET.get("sua") == "1" or not later:
        return redirect("public_petition_check")
    return redirect("public_petition_step", slug=later[0])


def _summary(answers: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The check-your-answers lists: per step, its title, its URL to change, and (question, answer, field)."""
    sender = forms.SenderForm(answers)
    matter = forms.MatterForm(answers)
    sender.is_valid()
    matter.is_valid()
    s, m = sender.cleaned_data, matter.cleaned_data
    subject = Subject.objects.filter(pk=m.get("subject") or 0).first()
    unit = m.get("unit")
    rows = {
        "nguoi-gui": [
            ("Họ và tên", s.get("sender_name", ""), "sender_name"),
            ("Số CCCD", s.get("sender_id_number", ""), "sender_id_number"),
            ("Địa chỉ nơi ở", s.get("sender_address", ""), "sender_address"),
            ("Số điện thoại", s.get("sender_phone", "") or "Không khai", "sender_phone"),
            ("Thư điện tử", s.get("sender_email", "") or "Không khai", "sender_email"),
        ],
        "noi-dung": [
            ("Loại đơn", rules.KIND_LABELS.get(rules.LetterKind(m["kind"]), "") if m.get("kind") else "", "kind"),
            ("Gửi đến", matter.fields["unit"].prepare_value(unit)["text"] if unit else "", "unit"),
            ("Lĩnh vực", subject.name if subject else "", "subject"),
            ("Nội dung", m.get("content", ""), "content"),
        ],
    }
    return [(STEPS[slug][0], reverse("public_petition_step", args=[slug]) + "?sua=1", rows[slug]) for slug in ORDER]


@public
def public_petition_check(request: HttpRequest) -> HttpResponse:
    """Kiểm tra nội dung trước khi gửi: every answer with a "Thay đổi" link; sending writes the letter."""
    answers = _answers(request)
    if not answers:
        return redirect("public_petition")
    missing = _first_incomplete(answers)
    if missing is not None:
        return redirect("public_petition_step", slug=missing)
    if request.method == "POST":
        if not allow(request, "petition", settings.DANVAN_PUBLIC_RATE):
            return render(request, "public/check.html", {"summary": _summary(answers), "limited": True}, status=429)
        try:
            letter = _receive(answers)
        except ValidationError as exc:
            # The service refused what the forms accepted (a rule changed meanwhile): say what, change it.
            context = {"summary": _summary(answers), "service_errors": exc.messages}
            return render(request, "public/check.html", context)
        request.session.pop(ANSWERS, None)
        request.session[SENT] = letter.pk
        return redirect("public_petition_done")
    return render(request, "public/check.html", {"summary": _summary(answers)})


def _receive(data: Any) -> Letter:
    """The letter from the answers, through the intake service in one transaction; the forms clean them
    first, and a refusal (theirs or the service's) is a :class:`ValidationError` naming the fields."""
    sender, matter = forms.SenderForm(data), forms.MatterForm(data)
    if not (sender.is_valid() and matter.is_valid()):
        raise ValidationError({**sender.errors, **matter.errors})
    cleaned = {**sender.cleaned_data, **matter.cleaned_data}
    papers = services.Intake.from_data(
        cleaned,
        received_on=timezone.localdate(),
        channel=rules.Channel.ONLINE,
        subject=Subject.objects.get(pk=cleaned["subject"]),
        conditions_met=services.submission_conditions(named=True),
    )
    return services.receive_letter(actor=services.ONLINE_FORM, unit=cleaned["unit"], intake=papers)


def _submit_at_once(request: HttpRequest) -> HttpResponse:
    """Every question in one POST: the same forms, the same service, the confirmation in the answer."""
    data = request.POST.copy()
    if "unit" not in data and "unit_code" in data:  # the field's name before it took names as well as codes
        data.setlist("unit", data.getlist("unit_code"))
    sender, matter = forms.SenderForm(data), forms.MatterForm(data)
    if not allow(request, "petition", settings.DANVAN_PUBLIC_RATE):
        return _step_page(request, ORDER[0], sender, limited=True, status=429)
    if sender.is_valid() and sender.cleaned_data["website"]:
        return render(request, "petitions/public_done.html", {"code": "—"})
    if not sender.is_valid():
        return _step_page(request, ORDER[0], sender)
    try:
        letter = _receive(data)
    except ValidationError as exc:
        if matter.is_valid():
            add_service_errors(matter, exc)
        return _step_page(request, ORDER[1], matter)
    return _done(request, letter)


def _status_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(f"{reverse('public_status')}?{urlencode({'ma': code})}")


def _receipt_context(request: HttpRequest, letter: Letter, *, desk: bool = False) -> dict[str, Any]:
    """The receipt; the case's number in the unit's book only on the desk's print (online, the page must
    not differ between two senders but by their own code: tests/petitions/test_identity_not_disclosed.py)."""
    assert letter.case is not None
    receipt = receipt_for(letter, status_url=_status_url(request, letter.case.tracking_code))
    return {"receipt": receipt, "code": receipt.tracking_code, "desk": desk}


@public
def public_status_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code of the status page for ``code`` (an image of a link anyone could draw: nothing is read
    from the database, so it tells nothing about whether the code exists)."""
    if not TRACKING_CODE.fullmatch(code):
        raise Http404("Mã tra cứu không đúng dạng.")
    svg = qr_svg(_status_url(request, code), label=f"Mã QR mở trang tra cứu đơn mã {code}")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _done(request: HttpRequest, letter: Letter) -> HttpResponse:
    return render(request, "petitions/public_done.html", _receipt_context(request, letter))


@public
def public_petition_done(request: HttpRequest) -> HttpResponse:
    """Đã gửi: the tracking code, the expected reply date, what happens next, and the printable receipt —
    for the session that sent it, and only that one."""
    pk = request.session.get(SENT)
    letter = Letter.objects.select_related("case__unit", "subject").filter(pk=pk).first() if pk else None
    if letter is None or letter.case is None:
        return redirect("public_petition")
    return _done(request, letter)


@requires(roles.PETITIONS.view)
def letter_receipt(request: SignedInRequest, pk: int) -> HttpResponse:
    """The reception desk prints the same receipt for a walk-in citizen."""
    letter = selectors.letter_for(request.user, pk)
    if letter.case is None:
        raise Http404("Đơn chưa thuộc vụ việc nào.")
    context = {**_receipt_context(request, letter, desk=True), "letter": letter}
    return render(request, "petitions/receipt_page.html", context)


@public
def public_status(request: HttpRequest) -> HttpResponse:
    """Tra cứu: the tracking code plus the phone or e-mail given; the public steps, the outcome and the next
    rights — never a note, an officer's name or a sealed sender."""
    form = forms.LookupForm(request.POST or None, initial={"code": request.GET.get("ma", "")[:16]})
    result = None
    if request.method == "POST":
        if not allow(request, "lookup", settings.DANVAN_PUBLIC_RATE):
            return render(request, "petitions/public_status.html", {"form": form, "limited": True}, status=429)
        if form.is_valid():
            case = selectors.public_case(form.cleaned_data["code"], form.cleaned_data["contact"])
            if case is None:
                form.add_error("code", "Không tìm thấy hồ sơ với mã tra cứu và thông tin liên hệ này")
            else:
                result = {
                    "code": case.tracking_code,
                    "unit": case.unit.name,
                    "kind": rules.KIND_LABELS[rules.LetterKind(case.kind)],
                    "received_on": case.received_on,
                    "status": rules.PUBLIC_STATUS[rules.Status(case.status)],
                    "due_on": case.due_on if case.status in rules.OPEN_STATUSES else None,
                    "reply_due_on": case.reply_due_on if case.status in rules.OPEN_STATUSES else None,
                    "decided_on": case.decided_on,
                    "history": public_history(case),
                    "outcome": public_outcome(case),
                }
    return render(request, "petitions/public_status.html", {"form": form, "result": result})
