"""The one-stop imports' pages: the province's procedure catalogue (upload → preview → confirm) and another
system's dossier history (upload → column mapping → preview of the figures → confirm).

Nothing is written before the confirmation, and then every row or none (:mod:`.imports`, :mod:`.history`).
The uploaded file waits under ``DATA_DIR/imports`` between the steps, named by a token kept in the session,
and is deleted once imported, refused at the confirmation, cancelled, or left longer than :data:`UPLOAD_KEPT`
(it holds citizens' names). Like the other areas' imports, the check runs in the request: 20.000 rows take
seconds (the engine's time budget bounds the reading).
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.accounts.working_unit import working_unit
from danvan.core import imports as kit
from danvan.core.forms import StyledForm
from danvan.core.imports import ImportRejected, RowError
from danvan.core.text import format_number
from danvan.onestop import imports, rules, services, views
from danvan.onestop.models import ServicePoint
from danvan.units.models import Unit

RIGHTS = roles.ONESTOP
CATALOGUE_KEY = "danvan_onestop_catalogue_import"
HISTORY_KEY = "danvan_onestop_history_import"
#: A file uploaded for a preview and never confirmed is deleted after this long.
UPLOAD_KEPT = datetime.timedelta(hours=6)
EXTENSIONS = (".xlsx", ".csv", ".txt")


class UploadForm(StyledForm):
    file = forms.FileField(
        label="Tệp Excel (.xlsx) hoặc CSV",
        help_text="CSV: mã UTF-8 (Excel: “CSV UTF-8”) hoặc “Unicode Text”, phân cách bằng dấu phẩy hoặc chấm phẩy.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = kit.MAX_FILE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"Tệp quá lớn (tối đa {format_number(limit // kit.MB)} MB).")
        name = upload.name.lower()
        if not name.endswith(EXTENSIONS):
            raise forms.ValidationError("Chỉ nhận tệp Excel .xlsx hoặc tệp CSV (.csv, .txt).")
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            raise forms.ValidationError("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")
        return upload


class HistoryUploadForm(UploadForm):
    point = forms.TypedChoiceField(label="Nơi tiếp nhận mặc định", coerce=int,
                                   help_text="Cho các dòng không ghi nơi tiếp nhận.")  # fmt: skip

    def __init__(self, *args: Any, points: list[ServicePoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["point"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.pk, p.name) for p in points]
        self.order_fields(["point", "file"])


# --- the waiting file ---------------------------------------------------------------------------


def _folder() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _forget(request: SignedInRequest, key: str) -> None:
    """The user's waiting file of this import, and every file left waiting longer than :data:`UPLOAD_KEPT`."""
    state = request.session.pop(key, None) or {}
    folder = _folder()
    if state.get("file"):
        (folder / state["file"]).unlink(missing_ok=True)
    cutoff = (timezone.now() - UPLOAD_KEPT).timestamp()
    for old in folder.glob("onestop-*"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def _keep(request: SignedInRequest, key: str, upload: Any, **state: Any) -> dict[str, Any]:
    _forget(request, key)
    suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
    name = f"onestop-{uuid.uuid4().hex}{suffix}"
    upload.seek(0)
    (_folder() / name).write_bytes(upload.read())
    upload.seek(0)
    request.session[key] = {"file": name, **state}
    return request.session[key]


def _waiting(request: SignedInRequest, key: str) -> tuple[dict[str, Any], Path] | None:
    state = request.session.get(key) or {}
    name = state.get("file", "")
    path = _folder() / name if name else None
    if path is None or not path.exists() or request.POST.get("token") != name:
        return None
    return state, path


def _render(request: SignedInRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    pages = [(key, label, name) for key, label, name, right in views.PAGES if access.can(request.user, right)]
    return render(request, template, {**context, "onestop_pages": pages})


def _refused(context: dict[str, Any], request: SignedInRequest, exc: ImportRejected) -> None:
    context["errors"] = exc.errors
    if exc.truncated:
        messages.warning(request, exc.note)


# --- the catalogue ------------------------------------------------------------------------------


def _province(request: SignedInRequest) -> Unit:
    unit = working_unit(request, permission=RIGHTS.decide)
    province = services.settings_for(unit).province if unit is not None else None
    if province is None or not access.can(request.user, RIGHTS.decide, province):
        raise PermissionDenied("Danh mục thủ tục do lãnh đạo cấp tỉnh quản lý.")
    return province


@requires(RIGHTS.decide)
def import_procedures(request: SignedInRequest) -> HttpResponse:
    """Nhập danh mục thủ tục hành chính: upload → preview (the service's checks, nothing written) → confirm."""
    province = _province(request)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    uploading = request.method == "POST" and step in ("", "upload")
    form = UploadForm(request.POST if uploading else None, request.FILES if uploading else None)
    columns = imports.CATALOGUE_COLUMNS
    context: dict[str, Any] = {"form": form, "columns": columns, "province": province}
    if request.method == "POST" and step == "cancel":
        _forget(request, CATALOGUE_KEY)
        return redirect("onestop_import_procedures")
    if request.method == "POST" and step == "confirm":
        waiting = _waiting(request, CATALOGUE_KEY)
        if waiting is None:
            messages.error(request, "Phiên xem trước đã hết hạn; hãy tải tệp lên lại.")
            return redirect("onestop_import_procedures")
        try:
            with waiting[1].open("rb") as stream:
                created, updated = imports.import_catalogue(actor=request.user, province=province, stream=stream)
        except ImportRejected as exc:
            _refused(context, request, exc)
            _forget(request, CATALOGUE_KEY)
        else:
            _forget(request, CATALOGUE_KEY)
            messages.success(
                request, f"Đã nhập danh mục: {format_number(created)} thủ tục mới, {format_number(updated)} cập nhật."
            )
            return redirect("onestop_procedures")
    elif uploading and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = imports.read_catalogue(upload, request.user, province)
        except ImportRejected as exc:
            _refused(context, request, exc)
        else:
            state = _keep(request, CATALOGUE_KEY, upload)
            context |= {"preview": preview, "sample": preview.sample(), "token": state["file"]}
    return _render(request, "onestop/imports/procedures.html", context)


# --- the dossier history ------------------------------------------------------------------------


def _points(request: SignedInRequest, unit: Unit) -> list[ServicePoint]:
    return list(ServicePoint.objects.visible_to(request.user, RIGHTS.edit).filter(unit=unit).order_by("name"))


def _mapping_from(request: SignedInRequest, headers: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for index, header in enumerate(headers):
        if header:
            value = str(request.POST.get(f"map-{index}", ""))[:64]
            mapping[header] = value  # an unknown target is refused by check_mapping, by name
    return mapping


def _mapping_rows(sheet: kit.Sheet, mapping: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for index, header in enumerate(sheet.headers):
        if header:
            samples = [r[index] for r in sheet.rows if index < len(r) and r[index]][:3]
            rows.append({"index": index, "header": header, "chosen": mapping.get(header, ""), "samples": samples})
    return rows


@requires(RIGHTS.edit)
def import_dossiers(request: SignedInRequest) -> HttpResponse:
    """Nhập lịch sử hồ sơ từ hệ thống một cửa khác: upload → map the columns → check every row and preview
    the figures → confirm (every row in one transaction)."""
    unit = working_unit(request, permission=RIGHTS.edit)
    if unit is None or not access.can(request.user, RIGHTS.edit, unit):
        raise PermissionDenied("Chọn đơn vị làm việc ở đầu trang trước khi nhập hồ sơ.")
    points = _points(request, unit)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    uploading = request.method == "POST" and step in ("", "upload")
    form = HistoryUploadForm(request.POST if uploading else None, request.FILES if uploading else None, points=points)
    context: dict[str, Any] = {"form": form, "unit": unit, "points": points, "step": "upload",
                               "choices": imports.target_choices(), "columns": imports.HISTORY_COLUMNS}  # fmt: skip
    if step == "cancel":
        _forget(request, HISTORY_KEY)
        return redirect("onestop_import_dossiers")
    if step in ("map", "confirm"):
        waiting = _waiting(request, HISTORY_KEY)
        point = next((p for p in points if waiting and p.pk == waiting[0].get("point")), None)
        if waiting is None or point is None or waiting[0].get("unit") != unit.pk:
            messages.error(request, "Phiên nhập đã hết hạn hoặc đã đổi đơn vị; hãy tải tệp lên lại.")
            return redirect("onestop_import_dossiers")
        state, path = waiting
        context |= {"token": state["file"], "point": point, "filename": state.get("name", "")}
        return _history_step(request, context, step, state, path, unit, point)
    if uploading and form.is_valid():
        upload = form.cleaned_data["file"]
        point = next(p for p in points if p.pk == form.cleaned_data["point"])
        try:
            sheet = imports.inspect_history(upload, request.user, unit, point)
        except ImportRejected as exc:
            _refused(context, request, exc)
        else:
            state = _keep(request, HISTORY_KEY, upload, unit=unit.pk, point=point.pk, name=upload.name[:200])
            context |= {"token": state["file"], "point": point, "filename": state["name"], "step": "map",
                        "sheet": sheet, "mapping_rows": _mapping_rows(sheet, sheet.suggested)}  # fmt: skip
    return _render(request, "onestop/imports/dossiers.html", context)


def _history_step(
    request: SignedInRequest, context: dict[str, Any], step: str, state: dict[str, Any], path: Path, unit: Unit,
    point: ServicePoint,
) -> HttpResponse:  # fmt: skip
    template = "onestop/imports/dossiers.html"
    if step == "confirm":
        mapping = state.get("mapping") or {}
        try:
            with path.open("rb") as stream:
                created = imports.import_dossiers(actor=request.user, unit=unit, point=point, stream=stream,
                                                  mapping=mapping)  # fmt: skip
        except (ImportRejected, ValidationError) as exc:
            _forget(request, HISTORY_KEY)  # the file holds citizens' names: not kept once refused
            if isinstance(exc, ImportRejected):
                _refused(context, request, exc)
            else:
                context["errors"] = [RowError(0, "", m) for m in exc.messages]
            context["step"] = "upload"
            return _render(request, template, context)
        _forget(request, HISTORY_KEY)
        messages.success(request, f"Đã nhập {format_number(len(created))} hồ sơ từ hệ thống một cửa khác.")
        return redirect(reverse("onestop_dossier_list"))
    # step == "map": the mapping the user confirmed, then every row checked.
    with path.open("rb") as stream:
        sheet = imports.inspect_history(stream, request.user, unit, point)
    mapping = _mapping_from(request, sheet.headers)
    context |= {"sheet": sheet, "mapping_rows": _mapping_rows(sheet, mapping), "step": "map"}
    _, mapping_errors = kit.check_mapping(imports.HISTORY_COLUMNS, list(sheet.headers), mapping)
    if mapping_errors:
        context["errors"] = mapping_errors
        return _render(request, template, context)
    try:
        with path.open("rb") as stream:
            preview = imports.read_history(stream, request.user, unit, point, mapping)
    except ImportRejected as exc:
        _refused(context, request, exc)
        return _render(request, template, context)
    request.session[HISTORY_KEY] = {**state, "mapping": mapping}
    labels = {c.key: c.label for c in imports.HISTORY_COLUMNS}
    context |= {
        "step": "preview",
        "preview": preview,
        "outcome": preview.outcome,
        "sample": preview.sample(),
        "mapped": [(header, labels[key]) for header, key in mapping.items() if key],
        "ignored": [header for header, key in mapping.items() if not key],
        "status_labels": dict(rules.Status.choices),
        "timeliness_labels": dict(rules.Timeliness.choices),
    }
    return _render(request, template, context)
