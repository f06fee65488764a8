"""Open311 GeoReport v2 at /open311/v2/ — so existing civic-feedback apps can file feedback (phản ánh).

Follows the specification (wiki.open311.org/GeoReport_v2): ``services``, ``services/{code}``,
``requests`` (GET and POST) and ``requests/{id}``, each in ``.json`` and ``.xml``, with
``jurisdiction_id``. Posting needs an ``api_key``: a DanVan API token of an account that may
record letters in the jurisdiction (``danvan create_token``). Every service is a field
(lĩnh vực) of phản ánh; a request becomes a letter of kind phản ánh with its location and the
reporter's contact, and its case gives the status: ``open`` or ``closed``,
``agency_responsible``, ``expected_datetime`` (the due date) and public ``status_notes``.
Reading never shows the reporter's identity.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree as ET

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.csrf import csrf_exempt

from danvan.accounts import roles
from danvan.accounts.decorators import public
from danvan.accounts.services import user_for_token
from danvan.accounts.working_unit import working_unit
from danvan.core.text import fold
from danvan.petitions import rules, selectors, services
from danvan.petitions.models import Case, Subject
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

FORMATS = ("json", "xml")


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


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
                child.text = str(value)
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


def _jurisdiction(request: HttpRequest, data: Any) -> Unit | None:
    code = (data.get("jurisdiction_id") or "").strip()
    if not code:
        return None
    try:
        return unit_by_code(code)
    except UnitCodeNotFound as exc:
        raise Open311Error(404, f"jurisdiction_id “{code}” không có.") from exc


def _w3(moment: datetime.datetime | datetime.date | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).isoformat(timespec="seconds")
    return f"{moment.isoformat()}T17:00:00+07:00"  # the end of the office day of the due date


@public
def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        _check_format(fmt)
        _jurisdiction(request, request.GET)
    except Open311Error as error:
        return _error(fmt if fmt in FORMATS else "json", error)
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
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    try:
        _check_format(fmt)
        if code not in _services():
            raise Open311Error(404, f"service_code “{code}” không có.")
    except Open311Error as error:
        return _error(fmt if fmt in FORMATS else "json", error)
    if fmt == "xml":
        top = ET.Element("service_definition")
        ET.SubElement(top, "service_code").text = code
        ET.SubElement(top, "attributes")
        body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")
        return HttpResponse(body, content_type="text/xml; charset=utf-8")
    return JsonResponse({"service_code": code, "attributes": []})


def _request_row(case: Case) -> dict[str, Any]:
    letter = case.letters.order_by("pk").first()
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
        "media_url": letter.media_url if letter else "",
    }


def _open311_cases() -> Any:
    return selectors.open311_cases()


@csrf_exempt
@public
def requests_endpoint(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        _check_format(fmt)
        if request.method == "POST":
            return _create(request, fmt)
        if request.method != "GET":
            raise Open311Error(405, "Chỉ nhận GET và POST.")
        return _search(request, fmt)
    except Open311Error as error:
        return _error(fmt if fmt in FORMATS else "json", error)


def _search(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = _open311_cases()
    unit = _jurisdiction(request, request.GET)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    ids = [i.strip().upper() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(tracking_code__in=ids)
    else:
        codes = {c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()}
        if codes:
            known = _services()
            qs = qs.filter(subject__in=[known[c] for c in codes if c in known])
        statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
        open_values = [s.value for s in rules.OPEN_STATUSES]
        if statuses == {"open"}:
            qs = qs.filter(status__in=open_values)
        elif statuses == {"closed"}:
            qs = qs.exclude(status__in=open_values)
        end = _parse_w3(request.GET.get("end_date")) or timezone.now()
        start = _parse_w3(request.GET.get("start_date")) or end - datetime.timedelta(days=90)
        if end - start > datetime.timedelta(days=90):
            raise Open311Error(400, "Khoảng thời gian không quá 90 ngày.")
        qs = qs.filter(created_at__gte=start, created_at__lte=end)
    rows = [_request_row(c) for c in qs.order_by("-created_at")[:1000]]
    return _respond(fmt, "service_requests", "request", rows)


def _parse_w3(text: str | None) -> datetime.datetime | None:
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Open311Error(400, f"Thời điểm “{text}” không đúng định dạng W3C (2026-01-01T00:00:00Z).") from exc
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    user = user_for_token(data.get("api_key", ""))
    if user is None:
        raise Open311Error(403, "api_key không hợp lệ.")
    missing = [name for name in ("service_code", "description") if not data.get(name, "").strip()]
    if not (data.get("lat") and data.get("long")) and not data.get("address_string"):
        missing.append("lat/long hoặc address_string")
    if missing:
        raise Open311Error(400, "Thiếu: " + ", ".join(missing) + ".")
    subject = _services().get(data["service_code"])
    if subject is None:
        raise Open311Error(404, f"service_code “{data['service_code']}” không có.")
    unit = _jurisdiction(request, data)
    if unit is None:
        unit = working_unit(user, permission=roles.PETITIONS.edit)
    if unit is None or unit.level not in (Level.COMMUNE, Level.HAMLET):
        raise Open311Error(400, "jurisdiction_id phải là mã xã, phường, đặc khu nhận phản ánh.")
    try:
        latitude = Decimal(data["lat"]) if data.get("lat") else None
        longitude = Decimal(data["long"]) if data.get("long") else None
    except InvalidOperation as exc:
        raise Open311Error(400, "lat, long phải là số.") from exc
    name = " ".join(p for p in (data.get("last_name", ""), data.get("first_name", "")) if p).strip()
    papers = services.Intake(
        received_on=timezone.localdate(),
        channel=rules.Channel.OPEN311,
        kind=rules.LetterKind.REPORT,
        subject=subject,
        content=data["description"],
        sender_name=name,
        sender_phone=data.get("phone", ""),
        sender_email=data.get("email", ""),
        anonymous=not name,
        conditions_met=services.submission_conditions(named=bool(name)),
        latitude=latitude,
        longitude=longitude,
        address_string=data.get("address_string", ""),
        media_url=data.get("media_url", ""),
    )
    try:
        letter = services.receive_letter(actor=user, unit=unit, intake=papers)
    except PermissionDenied as exc:
        raise Open311Error(403, "Tài khoản của api_key không được nhận phản ánh cho đơn vị này.") from exc
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from exc
    assert letter.case is not None
    row = {
        "service_request_id": letter.case.tracking_code,
        "service_notice": f"{letter.case.unit.name} đã tiếp nhận; trả lời trong 10 ngày làm việc.",
        "account_id": None,
    }
    return _respond(fmt, "service_requests", "request", [row], status=201)


@public
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    try:
        _check_format(fmt)
        case = _open311_cases().filter(tracking_code=request_id.upper()).first()
        if case is None:
            raise Open311Error(404, f"service_request_id “{request_id}” không có.")
    except Open311Error as error:
        return _error(fmt if fmt in FORMATS else "json", error)
    return _respond(fmt, "service_requests", "request", [_request_row(case)])
