"""The one write path of the reports: drafts, their generation, edits, issue with a number, templates and
the wording of the sentences. The pages, the API, the command and the background task come here.

A report's life-cycle is the machine :data:`REPORT`: generating → draft → issued (or failed, cancelled).
Issuing gives the next number of the issuer's symbol in the year and freezes the report: its content is
the data it was issued with, and no later change of the records moves a figure of it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.actors import require_actor
from danvan.core.officialdoc import Format
from danvan.core.periods import Period
from danvan.core.services import record_event
from danvan.core.text import nfc
from danvan.reports import build as builder
from danvan.reports import selectors
from danvan.reports.content import Content, Header
from danvan.reports.models import Report, Template, Wording
from danvan.reports.tasks import generate_report
from danvan.stats import sections
from danvan.stats.engine import viewer_prefixes
from danvan.stats.sections import PhraseError, period_words
from danvan.units.models import Unit
from danvan.workflow import machine as wf
from danvan.workflow.engine import Step, transition
from danvan.workflow.machine import NOTE, Action, Machine, Param, ParamKind

RIGHTS = roles.REPORTS
S = Report.Status


# --- reading ----------------------------------------------------------------------------------------


def require_view(actor: Any, unit: Unit | None) -> None:
    """A report of ``unit`` (None: the nation) may be read by whoever holds the reports' view right on it."""
    require_actor(actor)
    if unit is None:
        if viewer_prefixes(actor, RIGHTS.view) is not None:
            raise PermissionDenied("Chỉ người có quyền xem báo cáo của toàn quốc mới xem được báo cáo toàn quốc.")
        return
    access.require(actor, RIGHTS.view, unit, f"Bạn không có quyền xem báo cáo của {unit.name}.")


def preview(
    *, actor: Any, unit: Unit | None, period: Period, period_code: str = "", tree_then: bool = False
) -> Content:
    """The report as ``actor`` may see it, computed now and not stored (the preview page and API)."""
    require_view(actor, unit)
    return builder.build(
        unit,
        period,
        viewer=actor,
        period_code=period_code,
        today_tree=not tree_then,
        wording=selectors.wording_in_force(),
    )


# --- templates ------------------------------------------------------------------------------------


def place_of(unit: Unit) -> str:
    """The place name of the date line (DOMAIN §7.1): the unit's short name, "Đức Xuân"."""
    return unit.short_name or unit.name


def default_template(unit: Unit) -> Template:
    """The People's Committee's template of ``unit`` (not saved): the starting point of an issuer's own."""
    return Template(
        unit=unit,
        name="Báo cáo của Ủy ban nhân dân",
        fmt=Template.Fmt.STATE,
        issuer=f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}".upper(),
        symbol="BC-UBND",
        place=place_of(unit),
        on_behalf="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
    )


def header_of(template: Template, period_label: str) -> Header:
    """The report's header from its issuer's template (the draft's; editable until issue)."""
    return {
        "fmt": template.fmt,
        "parent": template.parent,
        "issuer": template.issuer,
        "number": "",
        "symbol": template.symbol,
        "place": template.place,
        "day": "",
        "doc_type": "BÁO CÁO",
        "subject": template.subject.replace("{ky}", period_label),
        "recipients": [line.strip() for line in template.recipients.splitlines() if line.strip()],
        "signature": {"on_behalf": template.on_behalf, "title": template.signer_title, "name": template.signer_name},
    }


_TEMPLATE_FIELDS = {
    "name": ("Tên mẫu", 150, True),
    "parent": ("Cơ quan chủ quản / cấp ủy cấp trên", 200, False),
    "issuer": ("Tên cơ quan ban hành", 200, True),
    "symbol": ("Ký hiệu", 40, True),
    "place": ("Địa danh", 100, True),
    "subject": ("Trích yếu", 300, True),
    "recipients": ("Nơi nhận", 2000, False),
    "on_behalf": ("Thẩm quyền ký", 200, False),
    "signer_title": ("Chức vụ người ký", 150, True),
    "signer_name": ("Họ tên người ký", 150, False),
}


@transaction.atomic
def save_template(*, actor: Any, unit: Unit, data: Mapping[str, Any], template: Template | None = None) -> Template:
    """Create or change an issuer's template; every field is checked, nothing is saved on an error."""
    access.require(actor, RIGHTS.decide, unit, f"Bạn không có quyền sửa mẫu báo cáo của {unit.name}.")
    if template is not None and template.unit_id != unit.pk:
        raise PermissionDenied("Mẫu này thuộc đơn vị khác.")
    chosen = template or Template(unit=unit)
    errors: dict[str, str] = {}
    fmt = str(data.get("fmt") or Template.Fmt.STATE)
    if fmt not in Template.Fmt.values:
        errors["fmt"] = f"Thể thức “{fmt}” không có; chọn một trong: {', '.join(Template.Fmt.values)}."
    chosen.fmt = fmt
    for name, (label, length, required) in _TEMPLATE_FIELDS.items():
        value = nfc(str(data.get(name) or "")).strip()
        if required and not value:
            errors[name] = f"{label}: chưa nhập."
        elif len(value) > length:
            errors[name] = f"{label}: dài quá {length} ký tự."
        setattr(chosen, name, value)
    symbol = chosen.symbol
    if symbol and (" " in symbol or ("/" in symbol and fmt == Template.Fmt.STATE)):
        errors["symbol"] = "Ký hiệu viết liền, không có dấu cách; văn bản hành chính viết như “BC-UBND”."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            chosen.save()
    except IntegrityError:
        raise ValidationError({"name": "Đơn vị đã có một mẫu cùng tên."}) from None
    return chosen


# --- the wording of the sentences ---------------------------------------------------------------------


@transaction.atomic
def save_wording(*, actor: Any, key: str, text: str, zero: str = "") -> Wording | None:
    """An administrator's wording of a sentence (empty text: back to the area's). Every blank is checked
    against the sentence's own; an unknown blank is refused with its name."""
    require_actor(actor)
    if not access.is_system_admin(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa mẫu câu của báo cáo.")
    phrase = sections.phrases().get(key)
    if phrase is None:
        raise ValidationError({"key": f"Không có mẫu câu “{key}”."})
    text, zero = nfc(text).strip(), nfc(zero).strip()
    if not text:
        Wording.objects.filter(key=key).delete()
        return None
    errors: dict[str, str] = {}
    for name, template in (("text", text), ("zero", zero)):
        try:
            phrase.check(template)
        except PhraseError as exc:
            errors[name] = str(exc)
    if zero and not phrase.lead:
        errors["zero"] = "Câu này không có cách viết riêng khi không phát sinh."
    if errors:
        raise ValidationError(errors)
    wording, _ = Wording.objects.update_or_create(
        key=key, defaults={"text": text, "zero": zero, "updated_by": access.user_of(actor)}
    )
    return wording


# --- drafts -----------------------------------------------------------------------------------------


def start_draft(
    *,
    actor: Any,
    unit: Unit,
    period: Period,
    period_code: str,
    period_label: str = "",
    tree_then: bool = False,
    template: Template | None = None,
) -> Report:
    """A new draft of ``unit``'s report for ``period``: the row now, the figures in the background
    (the task :func:`danvan.reports.tasks.generate_report`; the page shows its progress)."""
    access.require(actor, RIGHTS.edit, unit, f"Bạn không có quyền lập báo cáo của {unit.name}.")
    if template is not None and not unit.path.startswith(template.unit.path):
        raise ValidationError({"template": "Mẫu báo cáo phải là của đơn vị lập báo cáo hoặc đơn vị cấp trên."})
    label = period_label or period.label
    with transaction.atomic():
        report = Report.objects.create(
            unit=unit,
            template=template,
            period_code=period_code,
            period_start=period.start,
            period_end=period.end,
            period_label=label,
            tree_then=tree_then,
            header=header_of(template or default_template(unit), period_words_of(period, period_code, label)),
            created_by=access.user_of(actor),
        )
        record_event(subject=report, unit=unit, actor=access.user_of(actor), action="open", to_state=S.GENERATING)
    _enqueue(report)
    report.refresh_from_db()
    return report


def period_words_of(period: Period, code: str, label: str) -> str:
    """The period in the subject line: "6 tháng đầu năm 2026" (the sector's periods by their title)."""
    return label if code.startswith("tt_") else period_words(period)


def _enqueue(report: Report) -> None:
    # The row is committed (no request-wide transaction), so a worker finds it; with the immediate
    # backend (the tests) the report is generated right here.
    generate_report.enqueue(report.pk)


_HEADER_TEXT = {
    "parent": ("Cơ quan chủ quản / cấp ủy cấp trên", 200),
    "issuer": ("Tên cơ quan ban hành", 200),
    "place": ("Địa danh", 100),
    "subject": ("Trích yếu", 300),
}
_SIGNATURE_TEXT = {"on_behalf": ("Thẩm quyền ký", 200), "title": ("Chức vụ người ký", 150), "name": ("Người ký", 150)}


@transaction.atomic
def edit_draft(
    *,
    actor: Any,
    report: Report,
    header: Mapping[str, Any] | None = None,
    paragraphs: Mapping[str, list[str]] | None = None,
) -> Report:
    """Change a draft's header (issuer, subject, recipients, signature) and the paragraphs of its sections
    (``{"petitions": ["…", "…"]}``: the section's whole text, paragraph by paragraph). Refused once issued."""
    access.require(actor, RIGHTS.edit, report.unit, f"Bạn không có quyền sửa báo cáo của {report.unit.name}.")
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != S.DRAFT:
        raise ValidationError({"status": f"Chỉ sửa được dự thảo; báo cáo này {locked.get_status_display().lower()}."})
    errors: dict[str, str] = {}
    new_header: dict[str, Any] = dict(locked.header)
    if header:
        for name, (label, length) in _HEADER_TEXT.items():
            if name in header:
                value = nfc(str(header[name] or "")).strip()
                if len(value) > length:
                    errors[name] = f"{label}: dài quá {length} ký tự."
                elif name in ("issuer", "place", "subject") and not value:
                    errors[name] = f"{label}: chưa nhập."
                new_header[name] = value
        if "recipients" in header:
            raw = header["recipients"]
            lines = raw.splitlines() if isinstance(raw, str) else [str(x) for x in raw or []]
            new_header["recipients"] = [nfc(x).strip() for x in lines if x and x.strip()]
        signature = dict(new_header.get("signature") or {})
        for name, (label, length) in _SIGNATURE_TEXT.items():
            key = f"signature_{name}"
            if key in header:
                value = nfc(str(header[key] or "")).strip()
                if len(value) > length:
                    errors[key] = f"{label}: dài quá {length} ký tự."
                signature[name] = value
        new_header["signature"] = signature
    content = dict(locked.content)
    if paragraphs:
        by_key = {s["key"]: s for s in content.get("sections", [])}
        for key, texts in paragraphs.items():
            if key not in by_key:
                errors[f"paragraphs.{key}"] = f"Báo cáo không có phần “{key}”."
                continue
            cleaned = [nfc(str(t)).strip() for t in texts]
            if any(len(t) > 5000 for t in cleaned):
                errors[f"paragraphs.{key}"] = f"{by_key[key]['title']}: một đoạn dài quá 5.000 ký tự."
            by_key[key]["paragraphs"] = [t for t in cleaned if t]
    if errors:
        raise ValidationError(errors)
    locked.header = new_header
    locked.content = content
    locked.save(update_fields=["header", "content", "updated_at"])
    record_event(subject=locked, unit=locked.unit, actor=access.user_of(actor), action="edit")
    return locked


# --- the life-cycle ---------------------------------------------------------------------------------


def number_of(fmt: str, sequence: int, symbol: str) -> str:
    """The number as the format writes it: "05/BC-UBND" (state and Front: a leading zero below 10,
    NĐ 30/2020 Phụ lục I), "25-BC/BTGDVTU" (Party: a hyphen, HD 36-HD/VPTW)."""
    if fmt == Format.PARTY:
        return f"{sequence:02d}-{symbol}"
    return f"{sequence:02d}/{symbol}"


def _issue(step: Step) -> None:
    report: Report = step.obj
    day = step.on or timezone.localdate()
    fmt = str(report.header.get("fmt") or Format.STATE)
    symbol = str(report.header.get("symbol") or (report.template.symbol if report.template else "") or "BC-UBND")
    wanted = step.params.get("number")
    issued = Report.objects.filter(unit=report.unit, symbol=symbol, year=day.year, status=S.ISSUED)
    if wanted:
        if issued.filter(sequence=wanted).exists():
            raise ValidationError({"number": f"Số {number_of(fmt, wanted, symbol)} năm {day.year} đã được dùng."})
        sequence = int(wanted)
    else:
        sequence = (issued.aggregate(m=Max("sequence"))["m"] or 0) + 1
    report.year, report.sequence, report.symbol = day.year, sequence, symbol
    report.number = number_of(fmt, sequence, symbol)
    report.issued_on = day
    report.issued_by = step.user
    report.header = {**report.header, "number": report.number, "day": day.isoformat()}
    step.note = f"Số {report.number}" + (f": {step.note}" if step.note else "")


def _regenerate(step: Step) -> None:
    report: Report = step.obj
    report.progress_done = report.progress_total = 0
    report.progress_label = report.error = ""
    step.after_commit(lambda: _enqueue(report))


def _cancel(step: Step) -> None:
    step.note = step.params["reason"]


REPORT_ACTIONS = (
    Action("issue", "Ban hành", frozenset({S.DRAFT}), S.ISSUED, RIGHTS.decide, _issue,
           params=(wf.on("Ngày ban hành"),
                   Param("number", "Số (để trống: số tiếp theo của năm)", ParamKind.INT, min_value=1, max_value=99999),
                   NOTE),
           date_param="on",
           basis="Nghị định 30/2020/NĐ-CP, Điều 15 (số, ký hiệu của văn bản: số thứ tự trong năm)"),
    Action("regenerate", "Tổng hợp lại số liệu", frozenset({S.DRAFT, S.FAILED}), S.GENERATING, RIGHTS.edit,
           _regenerate),
    Action("cancel", "Hủy dự thảo", frozenset({S.DRAFT, S.FAILED}), S.CANCELLED, RIGHTS.edit, _cancel,
           params=(wf.reason("Lý do hủy"),), danger=True),
)  # fmt: skip

REPORT = Machine(
    name="report",
    model=Report,
    noun="báo cáo",
    states=dict(S.choices),
    actions={a.name: a for a in REPORT_ACTIONS},
    other_steps={"open": "Lập báo cáo", "edit": "Sửa dự thảo"},
    describe=lambda r: str(r),
    expected={S.DRAFT: "issue"},
)


def act(*, actor: Any, report: Report, action: str, **params: Any) -> Report:
    """Take one step of :data:`REPORT` (the page, the API come here). Two issues at once: the second waits
    for the first's lock and is refused; two reports given the same number: the database refuses."""
    try:
        return transition(REPORT, actor=actor, obj=report, action=action, **params)
    except IntegrityError:
        raise ValidationError({"number": "Số này vừa được dùng cho một báo cáo khác; hãy ban hành lại."}) from None


def issue(*, actor: Any, report: Report, on: datetime.date | None = None, number: int | None = None) -> Report:
    params: dict[str, Any] = {"on": on or timezone.localdate()}
    if number:
        params["number"] = number
    return act(actor=actor, report=report, action="issue", **params)
