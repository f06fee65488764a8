"""Open311 GeoReport v2 at /open311/v2/ — so existing civic-feedback apps can file feedback (phản ánh).

Follows the specification (wiki.open311.org/GeoReport_v2): ``services``, ``services/{code}``,
``requests`` (GET and POST) and ``requests/{id}``, each in ``.json`` and ``.xml``, with
``jurisdiction_id``. Posting needs an ``api_key``: a DanVan API token of an account that may
record letters in the jurisdiction (``danvan create_token``). Every service is a field
(lĩnh vực) of phản ánh; a request becomes a letter of kind phản ánh with its location and the
reporter's contact, and its case gives the status: ``open`` or ``closed``,
``agency_responsible``, ``expected_datetime`` (the due date) and public ``status_notes``.
Reading never shows the reporter's identity.

Every parameter is checked before anything is written: text without control characters and within
its field, ``lat``/``long`` finite and on the globe, ``media_url`` an absolute http(s) link, dates
W3C and within years 1900–9998. A refusal is the specification's error list, naming the parameter.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree as ET

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.core.validators import EmailValidator, URLValidator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.csrf import csrf_exempt

from danvan.accounts import roles
from danvan.accounts.decorators import public
from danvan.accounts.services import user_for_token
from danvan.accounts.working_unit import working_unit
from danvan.core.text import fold, nfc
from danvan.petitions import rules, selectors, services
from danvan.petitions.models import Case, Letter, Subject
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

FORMATS = ("json", "xml")

#: Characters XML 1.0 cannot carry (C0 controls but tab, line feed and carriage return; lone surrogates;
#: U+FFFE, U+FFFF). Refused in what a client sends, left out of what is answered in XML.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The most request ids one search may name.
MAX_REQUEST_IDS = 500
#: Search dates outside these are refused (and no date arithmetic can overflow).
_EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
_LATEST = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
_MICRODEGREE = Decimal("0.000001")  # the letters' latitude and longitude keep 6 decimal places
_is_web_link = URLValidator(schemes=["http", "https"])
_is_email = EmailValidator()
#: The intake's fields named by the Open311 parameters they come from, for the services' refusals.
_PARAMETERS = {
    "content": "description",
    "sender_name": "first_name, last_name",
    "sender_phone": "phone",
    "sender_email": "email",
    "subject_id": "service_code",
    "unit_code": "jurisdiction_id",
}


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _shown(text: str, limit: int = 40) -> str:
    """What a client sent, as an error quotes it: printable and short."""
    text = _NOT_XML.sub("", text)
    return text if len(text) <= limit else text[:limit] + "…"


def _max_length(field_name: str) -> int:
    length = getattr(Letter._meta.get_field(field_name), "max_length", None)
    assert isinstance(length, int)
    return length


def _params(data: Mapping[str, Any]) -> dict[str, str]:
    """The parameters (the last value of each), in NFC without surrounding spaces; a value with a control
    character is refused, naming its parameter."""
    params = {}
    for name in data:
        value = str(data.get(name, ""))
        if _NOT_XML.search(value):
            raise Open311Error(400, f"{_shown(name)}: có ký tự điều khiển (như NUL), không nhận.")
        params[name] = nfc(value)
    return params


def _within(params: dict[str, str], name: str, field_name: str) -> str:
    value = params.get(name, "")
    limit = _max_length(field_name)
    if len(value) > limit:
        raise Open311Error(400, f"{name}: dài quá {limit} ký tự.")
    return value


def service_code(subject: Subject) -> str:
    return slugify(fold(subject.name)) or str(subject.pk)


def _services() -> dict[str, Subject]:
    return {service_code(s): s for s in selectors.subjects_in_use()}


def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        element = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(element, key)
            if isinstance(value, bool):
                child.text = "true" if value else "false"
            elif value is not None:
                child.text = _NOT_XML.sub("", str(value))
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _respond(fmt: str, root: str, item: str, rows: list[dict[str, Any]], status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(_xml(root, item, rows), content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, error: Open311Error) -> HttpResponse:
    return _respond(fmt, "errors", "error", [{"code": error.status, "description": error.description}], error.status)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Open311Error(404, "Định dạng phải là json hoặc xml.")


def _open311(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An endpoint: its format checked first, and every refusal (also of a request Django cannot read:
    too large, too many fields, a broken multipart body) answered as GeoReport errors."""

    @functools.wraps(view)
    def endpoint(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        answer_as = fmt if fmt in FORMATS else "json"
        try:
            _check_format(fmt)
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as error:
            return _error(answer_as, error)
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError):
            return _error(answer_as, Open311Error(400, "Yêu cầu quá lớn hoặc không đọc được."))

    return endpoint


def _jurisdiction(params: dict[str, str]) -> Unit | None:
    code = params.get("jurisdiction_id", "")
    if not code:
        return None
    try:
        return unit_by_code(code)
    except UnitCodeNotFound as exc:
        raise Open311Error(404, f"jurisdiction_id “{_shown(code)}” không có.") from exc


def _w3(moment: datetime.datetime | datetime.date | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).isoformat(timespec="seconds")
    return f"{moment.isoformat()}T17:00:00+07:00"  # the end of the office day of the due date


@public
@_open311
def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    _jurisdiction(_params(request.GET))
    rows = [
        {
            "service_code": code,
            "service_name": subject.name,
            "description": f"Phản ánh, kiến nghị về {subject.name.lower()}",
            "metadata": False,
            "type": "realtime",
            "keywords": "phản ánh, kiến nghị",
            "group": "Phản ánh, kiến nghị",
        }
        for code, subject in _services().items()
    ]
    return _respond(fmt, "services", "service", rows)


@public
@_open311
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if _NOT_XML.search(code):
        raise Open311Error(400, "service_code: có ký tự điều khiển (như NUL), không nhận.")
    if code not in _services():
        raise Open311Error(404, f"service_code “{_shown(code)}” không có.")
    if fmt == "xml":
        top = ET.Element("service_definition")
        ET.SubElement(top, "service_code").text = code
        ET.SubElement(top, "attributes")
        body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")
        return HttpResponse(body, content_type="text/xml; charset=utf-8")
    return JsonResponse({"service_code": code, "attributes": []})


def _web_link(url: str) -> str:
    """``url`` if it is an absolute http(s) link within the field, else ""."""
    if not url or len(url) > _max_length("media_url") or _NOT_XML.search(url):
        return ""
    try:
        _is_web_link(url)
    except ValidationError:
        return ""
    return url


def _request_row(case: Case) -> dict[str, Any]:
    # What was filed through Open311: a letter of the case from another channel is never shown here.
    letter = case.letters.filter(channel=rules.Channel.OPEN311).order_by("pk").first()
    last = selectors.last_event(case)
    is_open = case.status in rules.OPEN_STATUSES
    return {
        "service_request_id": case.tracking_code,
        "status": "open" if is_open else "closed",
        "status_notes": rules.PUBLIC_STATUS[rules.Status(case.status)],
        "service_name": case.subject.name,
        "service_code": service_code(case.subject),
        "description": letter.content if letter and not letter.sealed else "",
        "agency_responsible": case.unit.name,
        "service_notice": "",
        "requested_datetime": _w3(letter.created_at if letter else None),
        "updated_datetime": _w3(last.at if last else None),
        "expected_datetime": _w3(case.due_on) if is_open else None,
        "address": letter.address_string if letter else "",
        "address_id": "",
        "zipcode": "",
        "lat": float(letter.latitude) if letter and letter.latitude is not None else None,
        "long": float(letter.longitude) if letter and letter.longitude is not None else None,
        "media_url": _web_link(letter.media_url) if letter else "",
    }


def _open311_cases() -> Any:
    return selectors.open311_cases()


@csrf_exempt
@public
@_open311
def requests_endpoint(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    if request.method != "GET":
        raise Open311Error(405, "Chỉ nhận GET và POST.")
    return _search(request, fmt)


def _search(request: HttpRequest, fmt: str) -> HttpResponse:
    params = _params(request.GET)
    qs = _open311_cases()
    unit = _jurisdiction(params)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    ids = {i.strip().upper() for i in params.get("service_request_id", "").split(",") if i.strip()}
    if len(ids) > MAX_REQUEST_IDS:
        raise Open311Error(400, f"service_request_id: mỗi lần tra tối đa {MAX_REQUEST_IDS} mã.")
    if ids:
        qs = qs.filter(tracking_code__in=sorted(ids))
    else:
        codes = {c.strip() for c in params.get("service_code", "").split(",") if c.strip()}
        if codes:
            known = _services()
            qs = qs.filter(subject__in=[known[c] for c in codes if c in known])
        statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
        open_values = [s.value for s in rules.OPEN_STATUSES]
        if statuses == {"open"}:
            qs = qs.filter(status__in=open_values)
        elif statuses == {"closed"}:
            qs = qs.exclude(status__in=open_values)
        end = _parse_w3("end_date", params.get("end_date", "")) or timezone.now()
        start = _parse_w3("start_date", params.get("start_date", "")) or end - datetime.timedelta(days=90)
        if start > end:
            raise Open311Error(400, "start_date: phải trước end_date (không ghi end_date: trước bây giờ).")
        if end - start > datetime.timedelta(days=90):
            raise Open311Error(400, "start_date, end_date: khoảng thời gian không quá 90 ngày.")
        qs = qs.filter(created_at__gte=start, created_at__lte=end)
    rows = [_request_row(c) for c in qs.order_by("-created_at")[:1000]]
    return _respond(fmt, "service_requests", "request", rows)


def _parse_w3(name: str, text: str) -> datetime.datetime | None:
    """A W3C date-time (a naive one is local time), in UTC; refused outside years 1900–9998."""
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment = moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError) as exc:
        raise Open311Error(
            400, f"{name}: “{_shown(text)}” không phải thời điểm W3C hợp lệ (ví dụ 2026-01-01T00:00:00Z)."
        ) from exc
    if not _EARLIEST <= moment < _LATEST:
        raise Open311Error(400, f"{name}: thời điểm phải trong các năm 1900–9998.")
    return moment


def _coordinate(name: str, text: str, bound: int) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise Open311Error(400, f"{name}: phải là số độ thập phân (WGS84), như 22.1471.") from exc
    if not value.is_finite() or not -bound <= value <= bound:
        raise Open311Error(400, f"{name}: phải là số từ -{bound} đến {bound}.")
    value = value.quantize(_MICRODEGREE)
    return abs(value) if value.is_zero() else value


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    user = user_for_token(request.POST.get("api_key", ""))
    if user is None:
        raise Open311Error(403, "api_key không hợp lệ.")
    params = _params(request.POST)
    code = params.get("service_code", "")
    lat, long = params.get("lat", ""), params.get("long", "")
    address = _within(params, "address_string", "address_string")
    missing = [name for name in ("service_code", "description") if not params.get(name)]
    if not (lat or long) and not address:
        missing.append("lat/long hoặc address_string")
    elif bool(lat) != bool(long):
        missing.append("long" if lat else "lat")
    if missing:
        raise Open311Error(400, "Thiếu: " + ", ".join(missing) + ".")
    subject = _services().get(code)
    if subject is None:
        raise Open311Error(404, f"service_code “{_shown(code)}” không có.")
    unit = _jurisdiction(params)
    if unit is None:
        unit = working_unit(user, permission=roles.PETITIONS.edit)
    if unit is None or unit.level not in (Level.COMMUNE, Level.HAMLET):
        raise Open311Error(400, "jurisdiction_id phải là mã xã, phường, đặc khu nhận phản ánh.")
    latitude = _coordinate("lat", lat, 90)
    longitude = _coordinate("long", long, 180)
    name = " ".join(p for p in (params.get("last_name", ""), params.get("first_name", "")) if p)
    if len(name) > _max_length("sender_name"):
        raise Open311Error(400, f"first_name, last_name: họ tên dài quá {_max_length('sender_name')} ký tự.")
    email = _within(params, "email", "sender_email")
    if email:
        try:
            _is_email(email)
        except ValidationError as exc:
            raise Open311Error(400, "email: không phải địa chỉ thư điện tử.") from exc
    media_url = _within(params, "media_url", "media_url")
    if media_url and not _web_link(media_url):
        raise Open311Error(400, "media_url: chỉ nhận liên kết đầy đủ bắt đầu bằng http:// hoặc https://.")
    papers = services.Intake(
        received_on=timezone.localdate(),
        channel=rules.Channel.OPEN311,
        kind=rules.LetterKind.REPORT,
        subject=subject,
        content=params["description"],
        sender_name=name,
        sender_phone=_within(params, "phone", "sender_phone"),
        sender_email=email,
        anonymous=not name,
        conditions_met=services.submission_conditions(named=bool(name)),
        latitude=latitude,
        longitude=longitude,
        address_string=address,
        media_url=media_url,
    )
    try:
        letter = services.receive_letter(actor=user, unit=unit, intake=papers)
    except PermissionDenied as exc:
        raise Open311Error(403, "Tài khoản của api_key không được nhận phản ánh cho đơn vị này.") from exc
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise Open311Error(400, " ".join(exc.messages)) from exc
        named = exc.message_dict.items()
        raise Open311Error(400, " ".join(f"{_PARAMETERS.get(k, k)}: {' '.join(m)}" for k, m in named)) from exc
    assert letter.case is not None
    row = {
        "service_request_id": letter.case.tracking_code,
        "service_notice": f"{letter.case.unit.name} đã tiếp nhận; trả lời trong 10 ngày làm việc.",
        "account_id": None,
    }
    return _respond(fmt, "service_requests", "request", [row], status=201)


@public
@_open311
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    if _NOT_XML.search(request_id):
        raise Open311Error(400, "service_request_id: có ký tự điều khiển (như NUL), không nhận.")
    case = _open311_cases().filter(tracking_code=request_id.upper()).first()
    if case is None:
        raise Open311Error(404, f"service_request_id “{_shown(request_id)}” không có.")
    return _respond(fmt, "service_requests", "request", [_request_row(case)])
