"""The one-stop slips as PDF, in the layout of a state document (Nghị định 30/2020/NĐ-CP, Phụ lục I;
DOMAIN §7.1), from the templates under ``templates/onestop/slips/``.

* ``appointment`` — Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with every field of DOMAIN §3.2 and
  a QR code of the public status page (the dossier's code and its rating token, so that the citizen can
  look the dossier up and rate it online: the code alone is guessable, the token is not);
* ``supplement`` — Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 01/2018/TT-VPCP);
* ``refusal`` — Mẫu 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ;
* ``apology`` — Mẫu 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả (NĐ 61/2018/NĐ-CP, Điều 19 [M]);
* ``control`` — Mẫu 05, Phiếu kiểm soát quá trình giải quyết hồ sơ, one row per hand-over.

Every slip shares ``slips/_base.html``: A4 portrait, margins 20 / 20 / 30 / 15 mm, Times New Roman (Liberation
Serif stands in, metric-compatible, DejaVu Serif after it: all carry Vietnamese), the issuing body top
left under its parent body, the national motto top right on one line, the place and date in italics.
WeasyPrint fetches nothing: the only resource allowed is a ``data:`` URI (the QR code), so a slip never
reaches out to the network or the file system whatever the data in it.
"""

from __future__ import annotations

import base64
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.constants
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from danvan.core.models import Event
from danvan.core.text import format_date
from danvan.onestop import rules
from danvan.onestop.models import Apology, Dossier, ServicePoint
from danvan.units.models import Unit
from danvan.units.rules import Level

S = rules.Status

# --- the public status page's address and its QR code ---------------------------------------------


def status_url(base_url: str, dossier: Dossier, *, with_token: bool = True) -> str:
    """The absolute address of the public status page of ``dossier`` (``base_url``: the site's root,
    e.g. ``request.build_absolute_uri("/")``), with the rating token unless ``with_token`` is False."""
    query = {"ma": dossier.code, "t": dossier.rating_token} if with_token else {"ma": dossier.code}
    return f"{base_url.rstrip('/')}{reverse('onestop_public_status')}?{urlencode(query)}"


def qr_payload(base_url: str, dossier: Dossier) -> str:
    """What the QR code of the appointment slip holds: the status page of the dossier, with its token."""
    return status_url(base_url, dossier, with_token=True)


def qr_png(payload: str) -> bytes:
    """``payload`` as a QR code PNG (black on white, 8 px modules, the standard quiet zone of 4)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(payload)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def qr_data_uri(payload: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(payload)).decode("ascii")


# --- the header of a state document ---------------------------------------------------------------


def _upper(text: str) -> str:
    return text.upper()


def _commune_or_province(unit: Unit) -> Unit:
    """The unit whose name is the document's place and whose people's committee issues it: the unit
    itself at commune or province level; a hamlet's commune; a district (before 1/7/2025) its own."""
    while unit.level == Level.HAMLET:
        parent = Unit.objects.get_parent(unit)
        if parent is None:
            break
        unit = parent
    return unit


def place_name(unit: Unit) -> str:
    """Địa danh (NĐ 30/2020, Phụ lục I): a commune-level body's document carries the commune's name, a
    provincial body's the province's (DOMAIN §7.1) — the short name, "Đức Xuân", "Thái Nguyên"."""
    unit = _commune_or_province(unit)
    return unit.short_name or unit.name


def dated_line(unit: Unit, day: datetime.date) -> str:
    """ "Đức Xuân, ngày 05 tháng 02 năm 2026": a leading zero for days 1–9 and months 1–2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place_name(unit)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def people_committee(unit: Unit) -> str:
    """ "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC XUÂN": the body a one-stop centre or point belongs to."""
    return f"ỦY BAN NHÂN DÂN {_commune_or_province(unit).name}".upper()


def committee_in_text(unit: Unit) -> str:
    """ "Ủy ban nhân dân phường Đức Xuân": the same body inside a sentence."""
    name = _commune_or_province(unit).name
    return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"


@dataclass(frozen=True)
class Header:
    parent: str
    issuer: str
    dated: str
    number: str = ""


def _header_of_point(point: ServicePoint, day: datetime.date, number: str = "") -> Header:
    return Header(parent=people_committee(point.unit), issuer=_upper(point.name), dated=dated_line(point.unit, day),
                  number=number)  # fmt: skip


# --- values as the forms print them -----------------------------------------------------------------


def _local(instant: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(instant)


def slip_date(instant: datetime.datetime | datetime.date | None) -> str:
    """ "3/12/2026": the day in the house's short form (only an official date line keeps leading zeros)."""
    if instant is None:
        return "…/…/……"
    day = _local(instant).date() if isinstance(instant, datetime.datetime) else instant
    return format_date(day)


def slip_time(instant: datetime.datetime | None) -> str:
    """ "17 giờ 00 phút, ngày 03/12/2026" (Mẫu 01: "… giờ … phút, ngày … tháng … năm …")."""
    if instant is None:
        return "… giờ … phút, ngày …/…/……"
    local = _local(instant)
    return f"{local:%H} giờ {local:%M} phút, ngày {slip_date(local)}"


def _person(dossier: Dossier, user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


# --- the slips -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slip:
    kind: str
    form: str  # "Mẫu 01"
    title: str
    file_prefix: str
    template: str
    #: Why the dossier has no such slip (404), or None.
    missing: Callable[[Dossier], str | None]
    context: Callable[[Dossier, str], dict[str, Any]]
    basis: str = ""


def _received(dossier: Dossier) -> str | None:
    return None if dossier.received_at is not None else "Hồ sơ chưa được tiếp nhận, chưa có giấy tiếp nhận."


def _components(dossier: Dossier) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(dossier.procedure.components or [], start=1):
        if isinstance(item, dict):
            originals, copies = int(item.get("originals") or 0), int(item.get("copies") or 0)
            rows.append({"number": number, "name": str(item.get("name", "")), "originals": originals, "copies": copies})
    return rows


def _applicant(dossier: Dossier) -> dict[str, str]:
    return {
        "name": dossier.applicant_name,
        "address": dossier.applicant_address,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
        "id_number": dossier.applicant_id_number,
        "owner": dossier.owner_name or dossier.applicant_name,
        "owner_address": dossier.owner_address or dossier.applicant_address,
    }


def _appointment(dossier: Dossier, base_url: str) -> dict[str, Any]:
    assert dossier.received_at is not None
    point = dossier.service_point
    payload = qr_payload(base_url, dossier)
    return {
        "header": _header_of_point(point, _local(dossier.received_at).date()),
        "applicant": _applicant(dossier),
        "components": _components(dossier),
        "received": slip_time(dossier.received_at),
        "due": slip_time(dossier.due_at) if dossier.due_at else "Tạm dừng tính thời hạn (chờ bổ sung hồ sơ)",
        "time_label": dossier.procedure.time_label,
        "fee": dossier.procedure.fee,
        "fee_method": dossier.fee_method,
        "result_place": dossier.result_place or point.name,
        "point_address": point.address,
        "point_phone": point.phone,
        "officer": _person(dossier, dossier.received_by),
        "qr": qr_data_uri(payload),
        "qr_label": f"Mã QR mở trang tra cứu hồ sơ {dossier.code}",
        "lookup_url": status_url(base_url, dossier, with_token=False),
        "channel": rules.Channel(dossier.channel).label if dossier.channel in rules.Channel.values else "",
    }


def _apology_of(dossier: Dossier) -> Apology | None:
    return Apology.objects.filter(dossier=dossier).select_related("issued_by").first()


def _apology_missing(dossier: Dossier) -> str | None:
    return None if _apology_of(dossier) is not None else "Hồ sơ không có phiếu xin lỗi và hẹn lại."


def _apology(dossier: Dossier, base_url: str) -> dict[str, Any]:
    apology = _apology_of(dossier)
    assert apology is not None
    return {
        "header": Header(
            parent="",
            issuer=people_committee(dossier.unit),
            dated=dated_line(dossier.unit, _local(apology.issued_at).date()),
        ),
        "applicant": _applicant(dossier),
        "apology": apology,
        "received_on": slip_date(dossier.received_at),
        "old_due": slip_date(dossier.due_at),
        "new_due": slip_time(apology.new_due_at),
        "body_name": committee_in_text(dossier.unit),
        "department": dossier.department,
    }


def _control(dossier: Dossier, base_url: str) -> dict[str, Any]:
    assert dossier.received_at is not None
    steps = []
    for handover in dossier.handovers.select_related("handler", "by"):
        steps.append({
            "from": handover.from_department,
            "to": handover.to_department,
            "handler": _person(dossier, handover.handler),
            "by": _person(dossier, handover.by),
            "at": slip_time(handover.handed_at),
            "note": handover.note,
        })  # fmt: skip
    timeliness = rules.Timeliness(dossier.timeliness).label if dossier.timeliness else ""
    return {
        "header": _header_of_point(dossier.service_point, _local(dossier.received_at).date()),
        "applicant": _applicant(dossier),
        "steps": steps,
        "received": slip_time(dossier.received_at),
        "due": slip_time(dossier.due_at) if dossier.due_at else "Tạm dừng tính thời hạn",
        "finished": slip_time(dossier.finished_at) if dossier.finished_at else "",
        "returned": slip_time(dossier.returned_at) if dossier.returned_at else "",
        "timeliness": timeliness,
        "return_method": rules.ReturnMethod(dossier.return_method).label if dossier.return_method else "",
        "officer": _person(dossier, dossier.received_by),
        "department": dossier.department,
    }


def _refusal_missing(dossier: Dossier) -> str | None:
    return None if dossier.status == S.REFUSED else "Hồ sơ không bị từ chối tiếp nhận."


def _step_day(event: Event | None, fallback: datetime.date) -> datetime.date:
    return event.day if event is not None else fallback


def _last_event(dossier: Dossier, *actions: str) -> Event | None:
    return Event.objects.for_object(dossier).filter(action__in=actions).order_by("-at", "-pk").first()


def _refusal(dossier: Dossier, base_url: str) -> dict[str, Any]:
    event = _last_event(dossier, "refuse")
    day = dossier.ended_on or _step_day(event, timezone.localdate())
    return {
        "header": _header_of_point(dossier.service_point, day),
        "applicant": _applicant(dossier),
        "reason": dossier.end_reason,
        "submitted": slip_time(dossier.submitted_at) if dossier.submitted_at else "",
        "officer": _person(dossier, event.actor if event else None),
    }


SUPPLEMENT_STEPS = ("ask_supplement_at_reception", "ask_supplement")
#: What the service adds after the reason in the step's note (whether the clock stops): not the citizen's.
_CLOCK_NOTE = re.compile(r"\s*\((tạm dừng tính hạn|yêu cầu bổ sung lần \d+: vẫn tính hạn)\)\s*$")


def _supplement_missing(dossier: Dossier) -> str | None:
    if _last_event(dossier, *SUPPLEMENT_STEPS) is None:
        return "Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện."
    return None


def _supplement(dossier: Dossier, base_url: str) -> dict[str, Any]:
    event = _last_event(dossier, *SUPPLEMENT_STEPS)
    assert event is not None
    point = dossier.service_point
    return {
        "header": _header_of_point(point, event.day),
        "applicant": _applicant(dossier),
        "reason": _CLOCK_NOTE.sub("", event.note),
        "at_reception": event.action == "ask_supplement_at_reception",
        "submitted": slip_time(dossier.submitted_at) if dossier.submitted_at else "",
        "received": slip_time(dossier.received_at) if dossier.received_at else "",
        "officer": _person(dossier, event.actor),
        "point_phone": point.phone,
        "point_address": point.address,
    }


SLIPS: dict[str, Slip] = {
    slip.kind: slip
    for slip in (
        Slip("appointment", "Mẫu 01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "giay-tiep-nhan",
             "onestop/slips/appointment.html", _received, _appointment),
        Slip("supplement", "Mẫu 02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "phieu-bo-sung",
             "onestop/slips/supplement.html", _supplement_missing, _supplement, basis="TT 01/2018/TT-VPCP"),
        Slip("refusal", "Mẫu 03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "phieu-tu-choi",
             "onestop/slips/refusal.html", _refusal_missing, _refusal),
        Slip("apology", "Mẫu 04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "phieu-xin-loi",
             "onestop/slips/apology.html", _apology_missing, _apology),
        Slip("control", "Mẫu 05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "phieu-kiem-soat",
             "onestop/slips/control.html", _received, _control),
    )
}  # fmt: skip


def available(dossier: Dossier) -> list[Slip]:
    """The slips ``dossier`` has now (the workspace lists them as links)."""
    return [slip for slip in SLIPS.values() if slip.missing(dossier) is None]


def slip_of(kind: str, dossier: Dossier) -> Slip:
    """The slip ``kind`` of ``dossier``; 404 for an unknown kind or one the dossier does not have."""
    slip = SLIPS.get(kind)
    if slip is None:
        raise Http404("Không có loại phiếu này.")
    reason = slip.missing(dossier)
    if reason is not None:
        raise Http404(reason)
    return slip


def slip_html(kind: str, dossier: Dossier, *, base_url: str) -> str:
    """The slip as the HTML WeasyPrint lays out (a test and a preview read it too)."""
    slip = slip_of(kind, dossier)
    context = {"slip": slip, "dossier": dossier, "procedure": dossier.procedure, **slip.context(dossier, base_url)}
    return render_to_string(slip.template, context)


def html_to_pdf(html: str) -> bytes:
    """Lay ``html`` out as PDF; nothing is fetched but ``data:`` URIs, and a failure to fetch one fails."""
    # Imported here: WeasyPrint loads Pango when imported, and only printing a slip needs it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def render_slip(kind: str, dossier: Dossier, *, base_url: str) -> bytes:
    """The slip ``kind`` of ``dossier`` as PDF bytes."""
    return html_to_pdf(slip_html(kind, dossier, base_url=base_url))


def filename(kind: str, dossier: Dossier) -> str:
    """ "giay-tiep-nhan-90010-261130-0001.pdf": ASCII only, from the code's own characters."""
    safe = re.sub(r"[^A-Za-z0-9.-]", "-", dossier.code)
    return f"{SLIPS[kind].file_prefix}-{safe}.pdf"
