"""The one-stop imports: the procedure catalogue a province publishes, and another system's dossier history.

**Catalogue** (Excel or CSV; the headers as provinces publish them, other columns such as "STT" left out):

=============================  ==========================================================================
Mã thủ tục, Tên thủ tục        required; a code already in the province's catalogue is updated
Lĩnh vực, Cấp thực hiện        required; Cấp tỉnh / Cấp xã / Cấp tỉnh, cấp xã
Thời hạn giải quyết            required: "15 ngày làm việc", "04 giờ làm việc", "Trong ngày"; a plain
                               number is working days
Giờ tiếp nhận cuối             optional, "15:00"
Phí, lệ phí                    optional
Mức độ DVC trực tuyến          Toàn trình / Một phần / Không (the old Mức 4 → toàn trình, Mức 3 → một
                               phần, Mức 2 and 1 → none: NĐ 42/2022/NĐ-CP, DOMAIN §3.4)
Một cửa                        có / không (có when empty)
Thành phần hồ sơ               optional, one line each ("Tờ khai; 1; 0": name, originals, copies)
Căn cứ pháp lý                 optional, lines joined by "; "
=============================  ==========================================================================

Each row goes through :func:`services.save_procedure` (create or update by code within the province); the
preview runs them through it too and rolls back, so the service's refusals show before anything is written.

**Dossier history** (CSV or Excel with the user's column mapping, :func:`danvan.core.imports.check_mapping`):
the columns of :data:`HISTORY_COLUMNS`; the record's rules and the writing are :mod:`.history`'s.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from danvan.accounts import access, roles
from danvan.core import imports
from danvan.core.identifiers import InvalidIdentifier, normalise_id_number, normalise_phone
from danvan.core.imports import Column, ColumnMapping, Importer, ImportRejected, Parsed, Row, RowError
from danvan.core.text import fold
from danvan.onestop import history, rules
from danvan.onestop.history import HistoryRow, Outcome
from danvan.onestop.models import Dossier, Procedure, ServicePoint
from danvan.units.models import Unit

FORMATS = frozenset({imports.XLSX, imports.CSV})
TEXT = imports.TEXT_MAX_LENGTH

# --- the catalogue ------------------------------------------------------------------------------

CATALOGUE_COLUMNS = (
    Column("code", "Mã thủ tục", required=True, max_length=32, aliases=("Mã TTHC", "Mã số TTHC", "Mã số")),
    Column("name", "Tên thủ tục", required=True, max_length=500, aliases=("Tên thủ tục hành chính", "Tên TTHC")),
    Column("field", "Lĩnh vực", required=True, max_length=150, aliases=("Tên lĩnh vực",)),
    Column("level", "Cấp thực hiện", required=True, max_length=64, aliases=("Cấp", "Cấp giải quyết")),
    Column("time", "Thời hạn giải quyết", required=True, max_length=TEXT, aliases=("Thời gian giải quyết",)),
    Column("cutoff", "Giờ tiếp nhận cuối", max_length=32, aliases=("Giờ tiếp nhận cuối trong ngày",)),
    Column("fee", "Phí, lệ phí", max_length=255, aliases=("Phí", "Lệ phí", "Phí/lệ phí")),
    Column("online_level", "Mức độ DVC trực tuyến", max_length=64,
           aliases=("Mức độ DVCTT", "Mức độ dịch vụ công trực tuyến", "Dịch vụ công trực tuyến", "Mức độ")),
    Column("one_stop", "Một cửa", max_length=32, aliases=("Thực hiện qua một cửa", "Cơ chế một cửa")),
    Column("components", "Thành phần hồ sơ", max_length=TEXT),
    Column("legal_basis", "Căn cứ pháp lý", max_length=TEXT, aliases=("Căn cứ pháp lý của TTHC",)),
)  # fmt: skip
#: The service's field names → the columns, to name the column of a refused row.
CATALOGUE_LABELS = {c.key: c.label for c in CATALOGUE_COLUMNS} | {"days": "Thời hạn giải quyết",
                                                                   "hours": "Thời hạn giải quyết"}  # fmt: skip

_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio lam viec|gio|tieng)\b")
_SAME_DAY = ("trong ngay", "ngay trong ngay", "giai quyet ngay", "tra ngay", "ngay")


def parse_duration(value: Any) -> tuple[int, int]:
    """(working days, working hours) of "15 ngày làm việc", "04 giờ làm việc", "Trong ngày", or a plain
    number (working days); ``ValueError`` with the Vietnamese reason otherwise. "30 ngày" alone is calendar
    days (DOMAIN §2 counting convention), which the catalogue does not hold: refused, not guessed."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 0:
            return int(value), 0
        raise ValueError("ghi số ngày làm việc nguyên, hoặc số giờ làm việc (ví dụ “4 giờ làm việc”).")
    text = imports.cell_text(value).strip()
    folded = fold(text)
    if folded.isdigit():
        return int(folded), 0
    if folded.startswith(_SAME_DAY):
        return 0, 0
    found = _DURATION.search(folded)
    if found is None:
        raise ValueError(f"“{text}” không phải thời hạn (ví dụ “15 ngày làm việc”, “04 giờ làm việc”, “Trong ngày”).")
    number, unit = found.groups()
    if not number.isdigit():
        raise ValueError(f"“{text}”: ghi số ngày làm việc nguyên, hoặc số giờ làm việc (ví dụ “4 giờ làm việc”).")
    if unit == "ngay":
        raise ValueError(
            f"“{text}” là ngày lịch; danh mục tính thời hạn theo ngày làm việc hoặc giờ làm việc: ghi "
            f"“{int(number)} ngày làm việc” nếu đúng như vậy."
        )
    return (int(number), 0) if unit == "ngay lam viec" else (0, int(number))


_CUTOFF = re.compile(r"^(\d{1,2})\s*(?::|h|gio)\s*(\d{2})?\s*(?:phut)?$")


def parse_cutoff(value: Any) -> datetime.time:
    if isinstance(value, datetime.time):
        return value
    if isinstance(value, datetime.datetime):
        return value.time()
    text = imports.cell_text(value).strip()
    found = _CUTOFF.match(fold(text))
    if found is not None:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    raise ValueError(f"“{text}” không phải giờ (ví dụ 15:00).")


def parse_level(text: str) -> str:
    words = set(re.findall(r"[a-z]+", fold(text)))
    if "huyen" in words:
        raise ValueError(f"“{text}”: cấp huyện không còn từ 01/07/2025; ghi “Cấp tỉnh”, “Cấp xã” hoặc cả hai.")
    province, commune = "tinh" in words, bool(words & {"xa", "phuong", "khu"})
    if (province and commune) or ("ca" in words and "hai" in words):
        return rules.ProcedureLevel.BOTH
    if province:
        return rules.ProcedureLevel.PROVINCE
    if commune:
        return rules.ProcedureLevel.COMMUNE
    raise ValueError(f"“{text}” không phải cấp thực hiện: ghi “Cấp tỉnh”, “Cấp xã” hoặc “Cấp tỉnh, cấp xã”.")


_OLD_LEVEL = re.compile(r"\bmuc(?: do)?\s*([1-4])\b")


def parse_online_level(text: str) -> str:
    """Toàn trình / Một phần / none; the levels before NĐ 42/2022/NĐ-CP: 4 → toàn trình, 3 → một phần,
    2 and 1 → none (DOMAIN §3.4)."""
    folded = fold(text)
    if not folded:
        return rules.OnlineLevel.NONE
    old = _OLD_LEVEL.search(folded)
    number = old.group(1) if old else folded if folded in ("1", "2", "3", "4") else ""
    if "toan trinh" in folded or number == "4":
        return rules.OnlineLevel.FULL
    if "mot phan" in folded or number == "3":
        return rules.OnlineLevel.PARTIAL
    if number in ("1", "2") or folded in ("khong", "khong co", "-", "truc tiep", "chi nop truc tiep"):
        return rules.OnlineLevel.NONE
    raise ValueError(
        f"“{text}” không phải mức dịch vụ công trực tuyến: ghi “Toàn trình”, “Một phần” hoặc “Không” "
        "(mức 4, mức 3 cũ cũng được nhận)."
    )


_YES = {"co", "x", "yes", "1", "true", "dung", "✓", "v"}
_NO = {"khong", "0", "no", "false", "-"}


def parse_yes_no(text: str) -> bool:
    folded = fold(text)
    if not folded or folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValueError(f"“{text}”: ghi “Có” hoặc “Không”.")


_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d+[.)]|[a-zđ][.)])\s*", re.IGNORECASE)


def parse_components(text: str) -> list[dict[str, Any]]:
    """One component a line, bullets and numbering dropped; "Tên; 1; 0" gives the originals and copies."""
    out: list[dict[str, Any]] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) in (2, 3) and all(p.isdigit() for p in parts[1:]):
            out.append({"name": parts[0], "originals": int(parts[1]), "copies": int(parts[2]) if len(parts) > 2 else 0})
        else:
            out.append({"name": line, "originals": 1, "copies": 0})
    return out


@dataclass(frozen=True)
class CatalogueRow:
    code: str
    data: dict[str, Any]


@dataclass
class CataloguePreview:
    rows: list[CatalogueRow]
    created: int
    updated: int
    ignored: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    def sample(self, size: int = 20) -> list[dict[str, Any]]:
        out = []
        for row in self.rows[:size]:
            data = row.data
            out.append(
                {
                    "code": row.code,
                    "name": data["name"],
                    "field": data["field"],
                    "level": rules.ProcedureLevel(data["level"]).label,
                    "time": rules.time_label(data["days"], data["hours"]),
                    "online": rules.OnlineLevel(data["online_level"]).label if "online_level" in data else "",
                }
            )
        return out


class _DryRun(Exception):
    pass


def _require_catalogue_rights(actor: Any, province: Unit) -> None:
    if not access.can(actor, roles.ONESTOP.decide, province):
        raise PermissionDenied("Bạn không có quyền quản lý danh mục thủ tục của tỉnh này.")


def catalogue_importer(actor: Any, province: Unit) -> Importer[CatalogueRow, tuple[int, int]]:
    """The catalogue sheet of ``province``: each row parsed, then saved through :func:`services.save_procedure`."""
    from danvan.onestop import services

    _require_catalogue_rights(actor, province)

    def parse(row: Row) -> CatalogueRow | list[RowError]:
        errors: list[RowError] = []
        data: dict[str, Any] = {key: row.text(key) for key in ("code", "name", "field")}
        for key, parser, out in (("level", parse_level, "level"), ("online_level", parse_online_level, "online_level"),
                                 ("one_stop", parse_yes_no, "one_stop")):  # fmt: skip
            if row.has(key):
                try:
                    data[out] = parser(row.text(key))
                except ValueError as exc:
                    errors.append(row.error(key, str(exc)))
        try:
            data["days"], data["hours"] = parse_duration(row.value("time"))
        except ValueError as exc:
            errors.append(row.error("time", str(exc)))
        if row.has("cutoff"):
            try:
                data["cutoff"] = parse_cutoff(row.value("cutoff")) if row.text("cutoff") else None
            except ValueError as exc:
                errors.append(row.error("cutoff", str(exc)))
        if row.has("fee"):
            data["fee"] = row.text("fee")
        if row.has("components"):
            data["components"] = parse_components(row.text("components"))
        if row.has("legal_basis"):
            data["legal_basis"] = "; ".join(
                line.strip() for line in row.text("legal_basis").splitlines() if line.strip()
            )
        if errors:
            return errors
        return CatalogueRow(code=data["code"], data=data)

    def through_service(parsed: list[Parsed[CatalogueRow]]) -> tuple[list[RowError], int, int]:
        existing = {p.code: p for p in Procedure.objects.filter(unit=province)}
        errors: list[RowError] = []
        first: dict[str, int] = {}
        created = updated = 0
        for p in parsed:
            if p.value.code in first:
                errors.append(
                    RowError(p.row, "Mã thủ tục", f"mã “{p.value.code}” trùng với dòng {first[p.value.code]}.")
                )
                continue
            first[p.value.code] = p.row
            current = existing.get(p.value.code)
            try:
                services.save_procedure(actor=actor, unit=province, procedure=current, **p.value.data)
            except ValidationError as exc:
                errors.extend(imports.errors_from(p.row, exc, CATALOGUE_LABELS))
                continue
            created, updated = created + (current is None), updated + (current is not None)
        return errors, created, updated

    def check(parsed: list[Parsed[CatalogueRow]]) -> list[RowError]:
        # The service's own checks, run for real and rolled back: what it would refuse is refused now.
        found: list[RowError] = []
        try:
            with transaction.atomic():
                found = through_service(parsed)[0]
                raise _DryRun
        except _DryRun:
            pass
        return found

    def apply(parsed: list[Parsed[CatalogueRow]]) -> tuple[int, int]:
        errors, created, updated = through_service(parsed)
        if errors:
            raise ImportRejected(errors)
        return created, updated

    return Importer(columns=CATALOGUE_COLUMNS, parse=parse, check=check, apply=apply, formats=FORMATS)


def _catalogue_mapping(importer: Importer[Any, Any], stream: IO[bytes]) -> tuple[dict[str, str], list[str]]:
    """The catalogue's headers read as the province publishes them: the suggested mapping, and the
    headers left out (STT, Ghi chú…)."""
    sheet = imports.inspect(importer, stream, sample=0)
    stream.seek(0)
    return sheet.suggested, [h for h, key in sheet.suggested.items() if not key]


def read_catalogue(stream: IO[bytes], actor: Any, province: Unit) -> CataloguePreview:
    """Check the whole catalogue (the service's checks included, rolled back); nothing is written."""
    importer = catalogue_importer(actor, province)
    mapping, ignored = _catalogue_mapping(importer, stream)
    staged = imports.stage(importer, stream, mapping=mapping)
    codes = set(Procedure.objects.filter(unit=province).values_list("code", flat=True))
    updated = sum(1 for r in staged.values if r.code in codes)
    return CataloguePreview(staged.values, created=staged.count - updated, updated=updated, ignored=ignored)


def import_catalogue(*, actor: Any, province: Unit, stream: IO[bytes]) -> tuple[int, int]:
    """Check, then save every procedure through the service: all rows or none; (created, updated)."""
    importer = catalogue_importer(actor, province)
    mapping, _ = _catalogue_mapping(importer, stream)
    return imports.run(importer, stream, mapping=mapping)


# --- the dossier history ------------------------------------------------------------------------

HISTORY_COLUMNS = (
    Column("code", "Mã hồ sơ", required=True, max_length=48,
           aliases=("Mã HS", "Số hồ sơ", "Mã số hồ sơ", "Số biên nhận")),
    Column("procedure", "Mã thủ tục", required=True, max_length=32,
           aliases=("Mã TTHC", "Mã TT", "Mã thủ tục hành chính")),
    Column("point", "Nơi tiếp nhận", max_length=255, aliases=("Điểm tiếp nhận", "Bộ phận tiếp nhận", "Nơi nộp")),
    Column("applicant", "Người nộp", required=True, max_length=150,
           aliases=("Họ tên người nộp", "Tên người nộp", "Người nộp hồ sơ", "Chủ hồ sơ", "Tổ chức, cá nhân")),
    Column("id_number", "Số định danh", max_length=32, aliases=("Số CCCD", "CCCD", "Số định danh cá nhân", "CMND")),
    Column("phone", "Điện thoại", max_length=32, aliases=("Số điện thoại", "SĐT", "SDT")),
    Column("channel", "Hình thức nộp", required=True, max_length=64, aliases=("Kênh nộp", "Hình thức tiếp nhận")),
    Column("received", "Ngày giờ tiếp nhận", required=True, max_length=32,
           aliases=("Ngày tiếp nhận", "Ngày nhận", "Thời gian tiếp nhận", "Ngày nộp")),
    Column("finished", "Ngày giờ có kết quả", max_length=32,
           aliases=("Ngày có kết quả", "Ngày hoàn thành", "Ngày giải quyết xong", "Ngày xử lý xong")),
    Column("returned", "Ngày giờ trả kết quả", max_length=32, aliases=("Ngày trả kết quả", "Ngày trả")),
    Column("return_method", "Hình thức trả kết quả", max_length=64, aliases=("Hình thức trả",)),
    Column("status", "Trạng thái", max_length=64, aliases=("Tình trạng", "Trạng thái hồ sơ")),
    Column("ended", "Ngày kết thúc", max_length=32, aliases=("Ngày rút", "Ngày dừng", "Ngày từ chối")),
    Column("end_reason", "Lý do", max_length=2000, aliases=("Lý do kết thúc", "Lý do rút, từ chối, dừng")),
    Column("due", "Ngày hẹn trả", max_length=32,
           aliases=("Ngày hẹn trả kết quả", "Hạn trả", "Hạn giải quyết", "Hạn xử lý")),
)  # fmt: skip
#: The service's field names (:func:`history.history_errors`) → the columns.
HISTORY_LABELS = {c.key: c.label for c in HISTORY_COLUMNS} | {
    "service_point": "Nơi tiếp nhận", "received_at": "Ngày giờ tiếp nhận", "finished_at": "Ngày giờ có kết quả",
    "returned_at": "Ngày giờ trả kết quả", "ended_on": "Ngày kết thúc", "due_at": "Ngày hẹn trả",
}  # fmt: skip

_CHANNELS: dict[str, tuple[str, ...]] = {
    rules.Channel.DESK: ("truc tiep", "tai quay", "tai bo phan mot cua", "tai trung tam", "nop truc tiep"),
    rules.Channel.ONLINE: ("truc tuyen", "online", "qua mang", "dich vu cong", "dvc", "nop truc tuyen"),
    rules.Channel.POST: ("buu chinh", "buu dien", "qua buu chinh", "buu chinh cong ich"),
}
_RETURNS: dict[str, tuple[str, ...]] = {
    rules.ReturnMethod.IN_PERSON: _CHANNELS[rules.Channel.DESK],
    rules.ReturnMethod.ONLINE: (*_CHANNELS[rules.Channel.ONLINE], "dien tu", "ket qua dien tu"),
    rules.ReturnMethod.POST: _CHANNELS[rules.Channel.POST],
}
S = rules.Status
_FINISHED = "finished"  # "đã giải quyết": returned if the file has a return date, otherwise waiting
_STATUSES: dict[str, str] = {
    "moi tiep nhan": S.RECEIVED, "da tiep nhan": S.RECEIVED, "tiep nhan": S.RECEIVED,
    "dang xu ly": S.PROCESSING, "dang giai quyet": S.PROCESSING, "dang thu ly": S.PROCESSING,
    "chua giai quyet": S.PROCESSING, "trong han": S.PROCESSING, "qua han": S.PROCESSING,
    "cho tra ket qua": S.RESULT_READY, "cho tra": S.RESULT_READY, "da co ket qua": S.RESULT_READY,
    "da giai quyet": _FINISHED, "hoan thanh": _FINISHED, "da xu ly xong": _FINISHED, "da hoan thanh": _FINISHED,
    "da tra ket qua": S.RETURNED, "da tra": S.RETURNED, "tra ket qua": S.RETURNED,
    "rut ho so": S.WITHDRAWN, "da rut": S.WITHDRAWN, "cong dan rut": S.WITHDRAWN, "rut": S.WITHDRAWN,
    "cong dan rut ho so": S.WITHDRAWN,
    "tu choi": S.REFUSED, "tu choi tiep nhan": S.REFUSED, "khong tiep nhan": S.REFUSED,
    "dung xu ly": S.STOPPED, "dung giai quyet": S.STOPPED, "dung": S.STOPPED,
}  # fmt: skip


def _choice(text: str, choices: dict[str, tuple[str, ...]]) -> str | None:
    folded = fold(text)
    for value, names in choices.items():
        if folded in names or any(folded.startswith(n) for n in names):
            return value
    return None


def _id_number(text: str) -> str:
    digits = re.sub(r"[\s.\-]", "", text)
    if len(digits) == 9 and digits.isascii() and digits.isdigit():
        return digits  # the 9-digit CMND of older records
    return normalise_id_number(text)


@dataclass
class HistoryPreview:
    rows: list[HistoryRow]
    outcome: Outcome
    #: The first dossiers as they would be written (not saved), with their due date and timeliness.
    planned: list[Dossier] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    def sample(self, size: int = 10) -> list[Dossier]:
        return self.planned[:size]


def history_importer(actor: Any, unit: Unit, point: ServicePoint) -> Importer[HistoryRow, list[Dossier]]:
    """Another system's dossiers for ``unit``, received at ``point`` unless the file names the point."""
    if not access.can(actor, roles.ONESTOP.edit, unit):
        raise PermissionDenied("Bạn không có quyền nhập hồ sơ một cửa của đơn vị này.")
    if point.unit_id != unit.pk:
        raise ValidationError({"service_point": f"Nơi tiếp nhận “{point.name}” không thuộc {unit.name}."})
    from danvan.onestop import services

    province = services.settings_for(unit).province
    procedures = {p.code: p for p in Procedure.objects.filter(unit=province)}
    points = {fold(p.name): p for p in ServicePoint.objects.filter(unit=unit)}

    def parse(row: Row) -> HistoryRow | list[RowError]:
        errors: list[RowError] = []
        code = row.text("procedure")
        procedure = procedures.get(code)
        if procedure is None:
            errors.append(
                row.error("procedure", f"thủ tục mã “{code}” không có trong danh mục thủ tục của {province.name}.")
            )
        point_name = row.text("point")
        chosen = points.get(fold(point_name)) if point_name else point
        if chosen is None:
            names = "; ".join(p.name for p in points.values())
            errors.append(row.error("point", f"“{point_name}” không phải nơi tiếp nhận của {unit.name} ({names})."))
        channel = _choice(row.text("channel"), _CHANNELS)
        if channel is None:
            errors.append(
                row.error("channel", f"“{row.text('channel')}”: ghi “Trực tiếp”, “Trực tuyến” hoặc “Bưu chính”.")
            )
        return_method = ""
        if row.text("return_method"):
            return_method = _choice(row.text("return_method"), _RETURNS) or ""
            if not return_method:
                errors.append(
                    row.error(
                        "return_method",
                        f"“{row.text('return_method')}”: ghi “Trực tiếp”, “Trực tuyến” hoặc “Bưu chính”.",
                    )
                )
        id_number = phone = ""
        if row.text("id_number"):
            try:
                id_number = _id_number(row.text("id_number"))
            except InvalidIdentifier as exc:
                errors.append(row.error("id_number", str(exc)))
        if row.text("phone"):
            try:
                phone = normalise_phone(row.text("phone"))
            except InvalidIdentifier as exc:
                errors.append(row.error("phone", str(exc)))
        received = row.datetime("received", errors)
        finished = row.datetime("finished", errors)
        returned = row.datetime("returned", errors)
        due = row.datetime("due", errors)
        if due is not None and due.time() == datetime.time() and not _has_time(row.value("due")):
            due = datetime.datetime.combine(due.date(), services.OFFICE_HOURS.closing)  # a date alone: its close
        ended = (
            row.date("ended", errors)
            if not isinstance(row.value("ended"), datetime.datetime)
            else row.value("ended").date()
        )
        status_text = row.text("status")
        status: str | None
        if status_text:
            status = _STATUSES.get(fold(status_text))
            if status is None:
                examples = "“Đang xử lý”, “Đã trả kết quả”, “Rút hồ sơ”, “Từ chối”, “Dừng xử lý”"
                errors.append(
                    row.error("status", f"“{status_text}” không phải trạng thái nhập được (ví dụ {examples}).")
                )
            elif status == _FINISHED:
                status = S.RETURNED if returned is not None else S.RESULT_READY
        else:
            status = S.RETURNED if returned else S.RESULT_READY if finished else S.PROCESSING
        if errors:
            return errors
        assert procedure is not None and chosen is not None and channel is not None and received is not None
        assert status is not None
        return HistoryRow(
            line=row.number, code=row.text("code"), procedure=procedure, service_point=chosen,
            applicant_name=row.text("applicant"), channel=channel, received_at=received, status=status,
            applicant_id_number=id_number, applicant_phone=phone, finished_at=finished, returned_at=returned,
            return_method=return_method, ended_on=ended, end_reason=row.text("end_reason"), due_at=due,
        )  # fmt: skip

    def refused(parsed: list[Parsed[HistoryRow]], rows: dict[int, dict[str, list[str]]]) -> list[RowError]:
        return [
            error
            for index, by_field in sorted(rows.items())
            for error in imports.errors_from(
                parsed[index].row if 0 <= index < len(parsed) else 0, by_field, HISTORY_LABELS
            )
        ]

    def check(parsed: list[Parsed[HistoryRow]]) -> list[RowError]:
        return refused(parsed, history.history_errors(actor=actor, unit=unit, rows=[p.value for p in parsed]))

    def apply(parsed: list[Parsed[HistoryRow]]) -> list[Dossier]:
        try:
            return history.import_history(actor=actor, unit=unit, rows=[p.value for p in parsed])
        except history.HistoryRefused as exc:
            raise ImportRejected(refused(parsed, exc.rows)) from exc

    return Importer(columns=HISTORY_COLUMNS, parse=parse, check=check, apply=apply, formats=FORMATS)


def _has_time(value: Any) -> bool:
    if isinstance(value, datetime.datetime):
        return value.time() != datetime.time()
    return ":" in imports.cell_text(value) or "h" in fold(imports.cell_text(value))


def inspect_history(stream: IO[bytes], actor: Any, unit: Unit, point: ServicePoint) -> imports.Sheet:
    """The file's headers, its first rows and the suggested mapping, for the mapping screen."""
    return imports.inspect(history_importer(actor, unit, point), stream)


def read_history(
    stream: IO[bytes], actor: Any, unit: Unit, point: ServicePoint, mapping: ColumnMapping
) -> HistoryPreview:
    """Check every row (the record's rules included); the figures it would give. Nothing is written."""
    staged = imports.stage(history_importer(actor, unit, point), stream, mapping=mapping)
    planned, outcome = history.plan(actor=actor, unit=unit, rows=staged.values)
    return HistoryPreview(staged.values, outcome, planned[:20])


def import_dossiers(
    *, actor: Any, unit: Unit, point: ServicePoint, stream: IO[bytes], mapping: ColumnMapping
) -> list[Dossier]:
    """Check every row, then write them all through :func:`history.import_history`: all rows or none."""
    return imports.run(history_importer(actor, unit, point), stream, mapping=mapping)


def target_choices() -> Sequence[tuple[str, str]]:
    """The mapping screen's choices: leave out, or one of the importer's columns (required ones marked)."""
    return [("", "— Bỏ qua cột này —")] + [
        (c.key, c.label + (" (bắt buộc)" if c.required else "")) for c in HISTORY_COLUMNS
    ]
