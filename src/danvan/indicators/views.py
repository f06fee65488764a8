"""The pages of indicators and targets under /chi-tieu/: the board of a unit and a period, an indicator's
drill-down, the entry forms for values and targets, the definition form, and the Excel import.

Every view declares its access; every write goes through :mod:`.services`, every read through
:mod:`.selectors` within the user's scope (a unit out of scope is 404).
"""

from __future__ import annotations

import datetime
import io
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.accounts.working_unit import working_unit
from danvan.core.exports import XLSX_TYPE
from danvan.core.forms import add_service_errors
from danvan.core.imports import ImportRejected
from danvan.core.periods import PERIOD_CHOICES, Period, PeriodError, parse_period
from danvan.core.text import format_number
from danvan.indicators import forms, imports, rules, selectors, services
from danvan.indicators.models import Indicator
from danvan.stats.question import Question, QuestionError, ask, unit_box
from danvan.units.models import Unit, UnitLineage
from danvan.units.selectors import children_on

RIGHTS = roles.INDICATORS
BOARD_PERIODS = [(k, v) for k, v in PERIOD_CHOICES if k != "custom"]
IMPORT_KEY = "danvan_indicators_import"
#: A file uploaded for a preview and never confirmed is deleted after this long.
UPLOAD_KEPT = datetime.timedelta(hours=6)


def _nav(request: SignedInRequest) -> dict[str, Any]:
    """What the area's own menu offers this user."""
    user = request.user
    return {
        "may_enter": access.can(user, RIGHTS.edit),
        "may_target": access.can(user, RIGHTS.decide),
        "may_define": access.is_system_admin(user) or access.can(user, RIGHTS.decide),
    }


# --- the board ----------------------------------------------------------------------------------------


def _question(request: SignedInRequest) -> tuple[Question, Period]:
    """The unit (the working unit by default), the tree and the period a page asks about."""
    params = request.GET
    question = ask(request, permission=RIGHTS.view, unit=params.get("unit") or None, unit_pk=params.get("unit_pk"),
                   year=params.get("year"), period="year", tree=params.get("tree"))  # fmt: skip
    try:
        period = parse_period(params.get("period") or "year", params.get("year"), month=params.get("month"),
                              default_year=timezone.localdate().year,
                              allowed=tuple(k for k, _ in BOARD_PERIODS))  # fmt: skip
    except PeriodError as exc:
        raise QuestionError(exc.field, str(exc)) from exc
    return question, period


def _query(unit: Unit, period: Period, today_tree: bool) -> str:
    kind = {"h1": "h1", "h2": "h2", "9m": "9m", "year": "year", "month": "month"}.get(period.kind.value, "")
    if period.kind.value == "quarter":
        kind = f"q{(period.start.month - 1) // 3 + 1}"
    params = {"unit_pk": unit.pk, "year": period.start.year, "period": kind or "year"}
    if kind == "month":
        params["month"] = period.start.month
    if not today_tree:
        params["tree"] = "then"
    return urlencode(params)


@requires(RIGHTS.view)
def indicator_list(request: SignedInRequest) -> HttpResponse:
    """The indicators of the working unit (or the unit chosen) for a period: value, previous period, same
    period last year, target with its basis, status."""
    params = request.GET
    found = None
    try:
        question, period = _question(request)
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        messages.error(request, exc.message)
    else:
        found = selectors.board(question.unit, period, viewer=request.user, today_tree=question.today_tree)
    unit = found.unit if found is not None else None
    return render(request, "indicators/list.html", {
        **_nav(request), "board": found, "unit": unit,
        "unit_box": unit_box(request.user, RIGHTS.view, unit),
        "year": found.period.start.year if found else timezone.localdate().year,
        "period_kind": params.get("period") or "year", "month": params.get("month") or "",
        "tree": params.get("tree") or "today", "period_choices": BOARD_PERIODS, "months": forms.MONTHS[1:],
        "query": _query(unit, found.period, question.today_tree) if found is not None and unit is not None else "",
        "may_enter_here": unit is not None and access.can(request.user, RIGHTS.edit, unit),
        "may_target_here": unit is not None and access.can(request.user, RIGHTS.decide, unit),
    })  # fmt: skip


def _indicator(code: str) -> Indicator:
    indicator = selectors.indicator_by_code(code)
    if indicator is None:
        raise Http404("Không có chỉ tiêu này.")
    return indicator


@requires(RIGHTS.view)
def indicator_detail(request: SignedInRequest, code: str) -> HttpResponse:
    """One indicator for the unit and the period: its value and how it was obtained, the sub-units'
    values (the drill-down), the targets set, and the values entered."""
    indicator = _indicator(code)
    context: dict[str, Any] = {**_nav(request), "indicator": indicator}
    try:
        question, period = _question(request)
    except QuestionError as exc:
        if exc.out_of_scope:
            raise Http404(exc.message) from exc
        messages.error(request, exc.message)
        return render(request, "indicators/detail.html", context)
    unit, tree = question.unit, question.today_tree
    got = selectors.board(unit, period, viewer=request.user, today_tree=tree, indicators=[indicator]).rows[0]
    context |= {
        "unit": unit, "period": period, "row": got, "tree": tree,
        "sub_units": selectors.by_sub_unit(indicator, unit, period, viewer=request.user, today_tree=tree),
        "targets": selectors.targets_of(indicator, unit)[:50],
        "values": selectors.values_entered(indicator, unit, viewer=request.user)[:100],
        "query": _query(unit, period, tree),
        "may_define_this": services.may_define(request.user, indicator.unit),
    }  # fmt: skip
    return render(request, "indicators/detail.html", context)


# --- entering values and targets ------------------------------------------------------------------------------


def _working(request: SignedInRequest, right: str) -> Unit:
    unit = working_unit(request, permission=right)
    if unit is None or not access.can(request.user, right, unit):
        raise PermissionDenied("Chưa có đơn vị làm việc: chọn đơn vị ở đầu trang.")
    return unit


def entry_units(user: Any, unit: Unit, right: str) -> list[Unit]:
    """The units a form offers: the working unit, its direct sub-units, and the units merged into it
    (for the periods before the reform), each only if ``user`` holds ``right`` over it."""
    today = timezone.localdate()
    merged = [link.predecessor for link in UnitLineage.objects.filter(successor=unit).select_related("predecessor")]
    chosen = [unit, *children_on(unit, today), *sorted(merged, key=lambda u: (u.code, u.name))]
    seen: set[int] = set()
    out = []
    for candidate in chosen:
        if candidate.pk not in seen and access.can(user, right, candidate):
            seen.add(candidate.pk)
            out.append(candidate)
    return out


def _initial(request: SignedInRequest, indicators: list[Indicator], unit: Unit) -> dict[str, Any]:
    params = request.GET
    initial: dict[str, Any] = {
        "unit": unit.pk, "year": params.get("year") or timezone.localdate().year,
        "period": params.get("period") or "year", "month": params.get("month") or "",
    }  # fmt: skip
    chosen = next((i for i in indicators if i.code == params.get("indicator")), None)
    if chosen is not None:
        initial["indicator"] = chosen.pk
    if str(params.get("unit_pk", "")).isdigit():
        initial["unit"] = int(params["unit_pk"])
    return initial


def _service_errors(form: Any, exc: ValidationError) -> None:
    add_service_errors(form, exc)


@requires(RIGHTS.edit)
def value_entry(request: SignedInRequest) -> HttpResponse:
    """Nhập số liệu thực hiện: one indicator, one unit, one period."""
    unit = _working(request, RIGHTS.edit)
    units = entry_units(request.user, unit, RIGHTS.edit)
    indicators = [i for i in selectors.indicators_for(unit) if not i.is_computed]
    form = forms.ValueForm(request.POST or None, indicators=indicators, units=units,
                           initial=_initial(request, indicators, unit))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        amounts = form.amounts()
        if not form.errors:
            d = form.cleaned_data
            indicator, chosen = form.indicators[d["indicator"]], form.units[d["unit"]]
            try:
                start, end = services.resolve_period(**form.period_args())
                services.record_value(actor=request.user, indicator=indicator, unit=chosen, start=start, end=end,
                                      source=d["source"], note=d["note"], **amounts)  # fmt: skip
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, f"Đã ghi số liệu “{indicator.name}” của {chosen.name}.")
                return redirect(f"{reverse('indicators_list')}?{_query(chosen, rules.period_of(start, end), True)}")
    return render(request, "indicators/value_form.html", {**_nav(request), "form": form, "unit": unit,
                                                         "indicators": indicators})  # fmt: skip


@requires(RIGHTS.decide)
def target_entry(request: SignedInRequest) -> HttpResponse:
    """Đặt chỉ tiêu kế hoạch: the comparison, the value and the basis it comes from."""
    unit = _working(request, RIGHTS.decide)
    units = entry_units(request.user, unit, RIGHTS.decide)
    indicators = list(selectors.indicators_for(unit))
    form = forms.TargetForm(request.POST or None, indicators=indicators, units=units,
                            initial=_initial(request, indicators, unit))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        value, written = form.amount()
        if not form.errors:
            d = form.cleaned_data
            indicator, chosen = form.indicators[d["indicator"]], form.units[d["unit"]]
            try:
                start, end = services.resolve_period(**form.period_args())
                services.set_target(actor=request.user, indicator=indicator, unit=chosen, start=start, end=end,
                                    comparison=d["comparison"], value=value, basis=d["basis"], written_unit=written,
                                    note=d["note"])  # fmt: skip
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, f"Đã đặt chỉ tiêu “{indicator.name}” cho {chosen.name}.")
                return redirect(f"{reverse('indicators_list')}?{_query(chosen, rules.period_of(start, end), True)}")
    return render(request, "indicators/target_form.html", {**_nav(request), "form": form, "unit": unit})


# --- defining indicators ----------------------------------------------------------------------------------------


def _scopes(request: SignedInRequest, current: Indicator | None) -> list[tuple[str, str]]:
    """Where an indicator may apply: everywhere (the system administrator), or the working unit."""
    out: list[tuple[str, str]] = []
    if access.is_system_admin(request.user):
        out.append(("", "Áp dụng chung (toàn hệ thống)"))
    unit = working_unit(request, permission=RIGHTS.decide)
    if unit is not None and access.can(request.user, RIGHTS.decide, unit):
        out.append((str(unit.pk), f"{unit.name} và các đơn vị trực thuộc"))
    if current is not None and current.unit is not None and str(current.unit.pk) not in dict(out):
        out.append((str(current.unit.pk), f"{current.unit.name} và các đơn vị trực thuộc"))
    return out


def _define(request: SignedInRequest, indicator: Indicator | None) -> HttpResponse:
    scopes = _scopes(request, indicator)
    if not scopes:
        raise PermissionDenied("Chọn đơn vị làm việc mà bạn có quyền lãnh đạo để định nghĩa chỉ tiêu của đơn vị.")
    initial: dict[str, Any] = {}
    if indicator is not None:
        initial = {f: getattr(indicator, f) for f in forms.IndicatorForm.base_fields if hasattr(indicator, f)}
        initial["scope"] = str(indicator.unit.pk) if indicator.unit else ""
    form = forms.IndicatorForm(request.POST or None, initial=initial, figures=services.available_figures(),
                               scopes=scopes)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        scope = d.pop("scope") or ""
        owner = Unit.objects.filter(pk=int(scope)).first() if scope.isdigit() else None
        d["order"] = d["order"] or 0
        try:
            if scope not in dict(scopes):
                raise PermissionDenied("Chọn phạm vi áp dụng trong danh sách.")
            saved = services.save_indicator(actor=request.user, indicator=indicator, unit=owner, **d)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("scope", str(exc))
        else:
            messages.success(request, f"Đã lưu chỉ tiêu “{saved.name}”.")
            return redirect("indicators_detail", code=saved.code)
    return render(request, "indicators/indicator_form.html", {**_nav(request), "form": form, "indicator": indicator})


@requires(RIGHTS.decide)
def indicator_create(request: SignedInRequest) -> HttpResponse:
    return _define(request, None)


@requires(RIGHTS.decide)
def indicator_edit(request: SignedInRequest, code: str) -> HttpResponse:
    indicator = _indicator(code)
    if not services.may_define(request.user, indicator.unit):
        raise PermissionDenied("Bạn không có quyền sửa chỉ tiêu này.")
    return _define(request, indicator)


# --- the Excel import -------------------------------------------------------------------------------------------


def _folder() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _forget(request: SignedInRequest) -> None:
    """The user's waiting file, and every file of this import left waiting longer than :data:`UPLOAD_KEPT`."""
    state = request.session.pop(IMPORT_KEY, None) or {}
    folder = _folder()
    if state.get("file"):
        (folder / state["file"]).unlink(missing_ok=True)
    cutoff = (timezone.now() - UPLOAD_KEPT).timestamp()
    for old in folder.glob("indicators-*"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


@requires(RIGHTS.edit)
def indicator_import(request: SignedInRequest) -> HttpResponse:
    """Nhập số liệu, chỉ tiêu từ Excel: upload → check every row and preview (nothing written) → confirm
    (every row in one transaction, or none)."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    uploading = request.method == "POST" and step in ("", "upload")
    form = forms.UploadForm(request.POST if uploading else None, request.FILES if uploading else None)
    context: dict[str, Any] = {**_nav(request), "form": form, "value_columns": imports.VALUE_COLUMNS,
                               "target_columns": imports.TARGET_COLUMNS}  # fmt: skip
    if step == "cancel":
        _forget(request)
        return redirect("indicators_import")
    if step == "confirm":
        state = request.session.get(IMPORT_KEY) or {}
        path = _folder() / state["file"] if state.get("file") else None
        if path is None or not path.exists() or request.POST.get("token") != state.get("file"):
            messages.error(request, "Phiên xem trước đã hết hạn; hãy tải tệp lên lại.")
            return redirect("indicators_import")
        try:
            with path.open("rb") as stream:
                done = imports.run(stream, actor=request.user, kind=state.get("kind", "values"))
        except (ImportRejected, PermissionDenied) as exc:
            _refused(context, request, exc)
            _forget(request)
        else:
            _forget(request)
            what = "chỉ tiêu kế hoạch" if done.kind == "targets" else "số liệu"
            messages.success(request, f"Đã nhập {format_number(done.count)} {what}: {format_number(done.created)} mới, "
                                      f"{format_number(done.updated)} cập nhật.")  # fmt: skip
            return redirect("indicators_list")
    elif uploading and form.is_valid():
        upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
        try:
            preview = imports.read(upload, actor=request.user, kind=kind)
        except (ImportRejected, PermissionDenied) as exc:
            _refused(context, request, exc)
        else:
            _forget(request)
            name = f"indicators-{uuid.uuid4().hex}{'.xlsx' if upload.name.lower().endswith('.xlsx') else '.csv'}"
            upload.seek(0)
            (_folder() / name).write_bytes(upload.read())
            request.session[IMPORT_KEY] = {"file": name, "kind": kind}
            context |= {"preview": preview, "sample": preview.rows[:50], "token": name}
    return render(request, "indicators/import.html", context)


def _refused(context: dict[str, Any], request: SignedInRequest, exc: ImportRejected | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        context["errors"] = [str(exc)]
        return
    context["errors"] = [str(e) for e in exc.errors]
    if exc.truncated:
        messages.warning(request, exc.note)


@requires(RIGHTS.edit)
def import_template(request: SignedInRequest, kind: str) -> HttpResponse:
    """An empty sheet with the import's columns and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if kind not in ("values", "targets"):
        raise Http404("Không có mẫu này.")
    columns = imports.TARGET_COLUMNS if kind == "targets" else imports.VALUE_COLUMNS
    example = {
        "indicator": "ho_ngheo", "unit": "01840", "period": "Cả năm", "year": timezone.localdate().year,
        "value": "" if kind == "values" else 3, "numerator": 38, "denominator": 4120,
        "source": "Báo cáo của UBND xã", "comparison": "<", "basis": "Nghị quyết Đại hội Đảng bộ tỉnh",
    }  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Chỉ tiêu" if kind == "targets" else "Số liệu"
    sheet.append([c.label for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([example.get(c.key, "") for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-nhap-{"chi-tieu" if kind == "targets" else "so-lieu"}.xlsx"'
    )
    return response
