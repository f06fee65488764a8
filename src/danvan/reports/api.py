"""The reports part of the JSON API (issue 14; the paths and shapes are promises to outside scripts):

* ``GET /api/v1/reports/preview?unit=CODE&year=Y&period=P[&tree=then][&format=docx|xlsx|pdf]`` — the whole
  report computed now, within the caller's scope, as JSON or as the file;
* ``POST /api/v1/reports`` — a draft from a unit and a period (generated in the background);
* ``GET /api/v1/reports/{id}`` — a report with its progress, header and content; ``PATCH`` edits a draft;
* ``POST /api/v1/reports/{id}/issue`` — the number and the freeze; ``GET /api/v1/reports/{id}/file`` — its file.

A unit out of the caller's scope is 404, a right the caller lacks 403, a value refused 422 naming the field.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from danvan.accounts import roles
from danvan.accounts.api import API_AUTH
from danvan.accounts.models import User
from danvan.core.api import ERRORS, Id, PageNumber, PageSize, Year, responses
from danvan.core.periods import PeriodError
from danvan.reports import outputs_http, periods, selectors, services
from danvan.reports.models import Report
from danvan.reports.outputs_http import CONTENT_TYPES
from danvan.stats.question import ask_api
from danvan.units.models import Unit
from danvan.workflow.engine import allowed_actions

router = Router(tags=["Báo cáo định kỳ"], auth=API_AUTH)
RIGHTS = roles.REPORTS
PeriodCode = Literal[
    "year", "h1", "h2", "q1", "q2", "q3", "q4", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11",
    "m12", "9m", "tt_h1", "tt_9m", "tt_year", "tt_q1", "tt_q2", "tt_q3", "tt_q4", "custom",
]  # fmt: skip
FileFormat = Literal["docx", "xlsx", "pdf"]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


# --- shapes -----------------------------------------------------------------------------------------


class SeriesOut(Schema):
    name: str
    values: list[float]


class ChartOut(Schema):
    title: str
    kind: str
    labels: list[str]
    series: list[SeriesOut]


class TableOut(Schema):
    title: str
    columns: list[str]
    rows: list[list[str]]
    values: list[list[Any]]


class SectionOut(Schema):
    key: str
    title: str
    paragraphs: list[str]
    tables: list[TableOut]
    charts: list[ChartOut]
    figures: dict[str, dict[str, Any]]
    labels: dict[str, str]


class ContentOut(Schema):
    unit: str
    unit_name: str
    period: str
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    tree: str
    sections: list[SectionOut]


class ProgressOut(Schema):
    done: int
    total: int
    percent: int
    label: str


class UnitShort(Schema):
    code: str
    name: str


class ReportOut(Schema):
    id: int
    unit: UnitShort
    status: str
    status_label: str
    period: str
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    tree: str
    number: str
    issued_on: datetime.date | None
    progress: ProgressOut
    error: str
    header: dict[str, Any]
    content: ContentOut | None
    actions: list[str]
    files: dict[str, str]


class ReportListItem(Schema):
    id: int
    unit: UnitShort
    status: str
    period_label: str
    number: str
    issued_on: datetime.date | None


class ReportPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ReportListItem]


class DraftIn(Schema):
    unit: str = Field(description="Mã đơn vị.")
    year: Year
    period: PeriodCode = "year"
    tree: Literal["today", "then"] = "today"
    start: datetime.date | None = Field(default=None, description="Kỳ tự chọn: từ ngày.")
    end: datetime.date | None = Field(default=None, description="Kỳ tự chọn: đến ngày.")
    template_id: Id | None = None


class EditIn(Schema):
    issuer: str | None = None
    parent: str | None = None
    place: str | None = None
    subject: str | None = None
    recipients: list[str] | None = None
    signature_on_behalf: str | None = None
    signature_title: str | None = None
    signature_name: str | None = None
    paragraphs: dict[str, list[str]] | None = Field(default=None, description="Mỗi phần: các đoạn văn.")


class IssueIn(Schema):
    on: datetime.date | None = Field(default=None, description="Ngày ban hành (mặc định: hôm nay).")
    number: int | None = Field(default=None, ge=1, le=99999, description="Số thứ tự (để trống: số tiếp theo).")
    note: str = ""


# --- helpers ----------------------------------------------------------------------------------------


def _period(code: str, year: int, start: Any = None, end: Any = None) -> Any:
    try:
        return periods.parse(code, year, start=start, end=end)
    except PeriodError as exc:
        raise ValidationError({exc.field: str(exc)}) from exc


def _unit(user: User, code: str, year: int, tree: str, permission: str) -> Unit:
    return ask_api(user, permission=permission, unit=code, year=year, period="year", tree=tree).unit


def _out(report: Report, user: User) -> dict[str, Any]:
    content = report.content or None
    files = {}
    if report.status in (Report.Status.DRAFT, Report.Status.ISSUED):
        files = {fmt: f"/api/v1/reports/{report.pk}/file?format={fmt}" for fmt in ("docx", "xlsx", "pdf")}
    return {
        "id": report.pk,
        "unit": {"code": report.unit.code, "name": report.unit.name},
        "status": report.status,
        "status_label": report.get_status_display(),
        "period": report.period_code,
        "period_label": report.period_label,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "tree": "then" if report.tree_then else "today",
        "number": report.number,
        "issued_on": report.issued_on,
        "progress": {
            "done": report.progress_done,
            "total": report.progress_total,
            "percent": report.percent,
            "label": report.progress_label,
        },
        "error": report.error,
        "header": report.header,
        "content": content if content and content.get("sections") is not None else None,
        "actions": [a.name for a in allowed_actions(services.REPORT, user, report)],
        "files": files,
    }


# --- routes -----------------------------------------------------------------------------------------


#: The files a report is answered as (``format=docx|xlsx|pdf``), documented beside the JSON.
FILES = {"content": {ct: {"schema": {"type": "string", "format": "binary"}} for ct in CONTENT_TYPES.values()}}


@router.get(
    "/preview",
    response=responses(ContentOut),
    summary="Xem trước báo cáo của một đơn vị, một kỳ",
    openapi_extra={"responses": {200: FILES}},
)
def preview(
    request: HttpRequest,
    unit: str,
    year: Year,
    period: PeriodCode = "year",
    tree: Literal["today", "then"] = "today",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    format: FileFormat | None = None,
) -> Any:
    """The whole report of ``unit`` (its code) for ``period`` of ``year`` — ``year``, ``h1``, ``h2``,
    ``q1``…``q4``, ``m1``…``m12``, ``9m`` (and the complaint sector's ``tt_…``, or ``custom`` with ``start``
    and ``end``) — on today's tree or, with ``tree=then``, the tree as it was; every section the caller may
    read. ``format=docx|xlsx|pdf`` returns the file instead of the JSON."""
    user = _user(request)
    chosen = _unit(user, unit, year, tree, RIGHTS.view)
    span = _period(period, year, start, end)
    content = services.preview(actor=user, unit=chosen, period=span, period_code=period, tree_then=tree == "then")
    content["period_label"] = periods.label(period, span)
    if format:
        header = services.header_of(services.default_template(chosen), content["period_label"])
        return outputs_http.file_response(content, header, format, name=f"bao-cao-{chosen.code}-{period}-{year}")
    return content


@router.get("", response=responses(ReportPage), summary="Các báo cáo")
def report_list(request: HttpRequest, page: PageNumber = 1, page_size: PageSize = 50) -> dict[str, Any]:
    """The reports of the units in the caller's scope, newest first."""
    rows = selectors.reports_for(_user(request))
    count = rows.count()
    chosen = rows[(page - 1) * page_size : page * page_size]
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "results": [
            {
                "id": r.pk,
                "unit": {"code": r.unit.code, "name": r.unit.name},
                "status": r.status,
                "period_label": r.period_label,
                "number": r.number,
                "issued_on": r.issued_on,
            }
            for r in chosen
        ],
    }


@router.post("", response=responses(ReportOut, 201), summary="Lập dự thảo báo cáo")
def report_create(request: HttpRequest, payload: DraftIn) -> Status[dict[str, Any]]:
    """A draft of ``unit``'s report for the period; its figures are computed in the background (poll
    ``GET /api/v1/reports/{id}`` until ``status`` is ``draft``)."""
    user = _user(request)
    chosen = _unit(user, payload.unit, payload.year, payload.tree, RIGHTS.edit)
    span = _period(payload.period, payload.year, payload.start, payload.end)
    template = None
    if payload.template_id is not None:
        template = selectors.templates_for(chosen).filter(pk=payload.template_id).first()
        if template is None:
            raise ValidationError({"template_id": "Không có mẫu báo cáo này cho đơn vị đã chọn."})
    report = services.start_draft(
        actor=user,
        unit=chosen,
        period=span,
        period_code=payload.period,
        period_label=periods.label(payload.period, span),
        tree_then=payload.tree == "then",
        template=template,
    )
    return Status(201, _out(report, user))


@router.get("/{report_id}", response=responses(ReportOut), summary="Một báo cáo")
def report_detail(request: HttpRequest, report_id: Id) -> dict[str, Any]:
    user = _user(request)
    return _out(selectors.report_for(user, report_id), user)


@router.patch("/{report_id}", response=responses(ReportOut), summary="Sửa dự thảo báo cáo")
def report_edit(request: HttpRequest, report_id: Id, payload: EditIn) -> dict[str, Any]:
    """Change a draft's header (issuer, subject, recipients, signature) or the paragraphs of its sections."""
    user = _user(request)
    report = selectors.report_for(user, report_id)
    data = payload.model_dump(exclude_unset=True)
    paragraphs = data.pop("paragraphs", None)
    report = services.edit_draft(actor=user, report=report, header=data, paragraphs=paragraphs)
    return _out(report, user)


@router.post("/{report_id}/issue", response=responses(ReportOut), summary="Ban hành báo cáo (cấp số, khóa số liệu)")
def report_issue(request: HttpRequest, report_id: Id, payload: IssueIn) -> dict[str, Any]:
    """Issue a draft: the next number of the issuer's symbol in the year (or ``number``), the date, and the
    content frozen as it is — the report reopens with these figures whatever the records do later."""
    user = _user(request)
    report = selectors.report_for(user, report_id)
    params: dict[str, Any] = {"on": payload.on or timezone.localdate(), "note": payload.note}
    if payload.number:
        params["number"] = payload.number
    report = services.act(actor=user, report=report, action="issue", **params)
    return _out(report, user)


@router.get(
    "/{report_id}/file",
    response=ERRORS,
    summary="Tệp của báo cáo (DOCX, XLSX, PDF)",
    openapi_extra={"responses": {200: {"description": "Tệp báo cáo", **FILES}}},
)
def report_file(request: HttpRequest, report_id: Id, format: FileFormat = "docx") -> HttpResponse:
    user = _user(request)
    report = selectors.report_for(user, report_id)
    if report.status not in (Report.Status.DRAFT, Report.Status.ISSUED):
        raise Http404("Báo cáo chưa tổng hợp xong.")
    return outputs_http.file_response(report.content, report.header, format, name=outputs_http.filename(report))
