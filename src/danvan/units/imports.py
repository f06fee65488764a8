"""Import hamlets and residential groups (thôn, xóm, bản, tổ dân phố…) from an Excel sheet.

Hamlets have no national list; communes keep them in Excel. The sheet's first
row names the columns (order free, case and accents ignored):

=================  ==========================================================
Mã xã              official code of the commune (5 digits), required
Loại               Thôn, Xóm, Bản, Ấp, Tổ dân phố or Khu phố, required
Tên                the hamlet's name without its kind ("Nà Săm"), required
Mã                 a local code, optional
Hiệu lực từ        date (dd/mm/yyyy or an Excel date), optional
Vùng sâu, vùng xa  Có / Không, optional
=================  ==========================================================

Every row is checked first; one bad row rejects the file and nothing is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.core import policy
from danvan.core.imports import ImportRejected, RowError, cell_text, open_sheet, parse_date
from danvan.core.text import fold
from danvan.units import services
from danvan.units.models import Unit
from danvan.units.permissions import MANAGE_UNITS
from danvan.units.rules import Kind, Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

if TYPE_CHECKING:
    from danvan.accounts.models import User

COLUMNS = {
    "commune_code": "Mã xã",
    "kind": "Loại",
    "short_name": "Tên",
    "code": "Mã",
    "valid_from": "Hiệu lực từ",
    "remote_area": "Vùng sâu, vùng xa",
}
REQUIRED = ("commune_code", "kind", "short_name")
HAMLET_KINDS = {
    fold(label): value
    for value, label in Kind.choices
    if value in {Kind.THON, Kind.XOM, Kind.BAN, Kind.AP, Kind.TO_DAN_PHO, Kind.KHU_PHO}
}
MAX_ROWS = 20000


@dataclass(frozen=True)
class HamletRow:
    row: int
    commune: Unit
    kind: str
    short_name: str
    code: str
    valid_from: datetime.date | None
    remote_area: bool


def read_hamlet_rows(stream: IO[bytes]) -> list[HamletRow]:
    """Parse and validate the whole sheet; raise :class:`ImportRejected` listing every bad cell."""
    sheet = open_sheet(stream, COLUMNS, REQUIRED)
    errors: list[RowError] = []

    today = timezone.localdate()
    communes: dict[str, Unit | None] = {}
    parsed: list[HamletRow] = []
    seen: dict[tuple[int, str, str], int] = {}
    for number, values in sheet.rows:
        if number - 1 > MAX_ROWS:
            raise ImportRejected([RowError(number, "", f"Tệp có quá {MAX_ROWS:,} dòng.".replace(",", "."))])

        def get(key: str, values: tuple[Any, ...] = values) -> Any:
            return sheet.get(values, key)

        row_errors: list[RowError] = []
        code = cell_text(get("commune_code"))
        commune = None
        if not code:
            row_errors.append(RowError(number, COLUMNS["commune_code"], "bắt buộc."))
        else:
            if code.isdigit():
                code = code.zfill(5)
            if code not in communes:
                try:
                    found = unit_by_code(code, as_of=today)
                    communes[code] = found if found.level == Level.COMMUNE else None
                except UnitCodeNotFound:
                    communes[code] = None
            commune = communes[code]
            if commune is None:
                row_errors.append(
                    RowError(number, COLUMNS["commune_code"], f"không có xã, phường, đặc khu mã “{code}” hiện hành.")
                )
        kind_text = cell_text(get("kind"))
        kind = HAMLET_KINDS.get(fold(kind_text))
        if kind is None:
            row_errors.append(
                RowError(
                    number, COLUMNS["kind"], f"“{kind_text}” không phải Thôn, Xóm, Bản, Ấp, Tổ dân phố hoặc Khu phố."
                )
            )
        name = cell_text(get("short_name"))
        if not name:
            row_errors.append(RowError(number, COLUMNS["short_name"], "bắt buộc."))
        valid_from = None
        if cell_text(get("valid_from")):
            try:
                valid_from = parse_date(get("valid_from"))
            except ValueError:
                row_errors.append(
                    RowError(
                        number,
                        COLUMNS["valid_from"],
                        f"“{cell_text(get('valid_from'))}” không phải ngày (dd/mm/yyyy).",
                    )
                )
        remote_text = fold(cell_text(get("remote_area")))
        if remote_text not in {"", "co", "khong", "x"}:
            row_errors.append(RowError(number, COLUMNS["remote_area"], "ghi “Có” hoặc “Không”."))
        if commune is not None and kind is not None and name:
            duplicate_key = (commune.pk, kind, fold(name))
            if duplicate_key in seen:
                row_errors.append(RowError(number, COLUMNS["short_name"], f"trùng với dòng {seen[duplicate_key]}."))
            else:
                seen[duplicate_key] = number
                if (
                    Unit.objects.get_children(commune)
                    .filter(kind=kind, short_name__iexact=name, valid_to__isnull=True)
                    .exists()
                ):
                    row_errors.append(RowError(number, COLUMNS["short_name"], f"“{name}” đã có trong {commune.name}."))
        if row_errors:
            errors.extend(row_errors)
            continue
        assert commune is not None and kind is not None
        parsed.append(
            HamletRow(number, commune, kind, name, cell_text(get("code")), valid_from, remote_text in {"co", "x"})
        )
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise ImportRejected([RowError(0, "", "Bảng tính không có dòng dữ liệu nào.")])
    return parsed


@transaction.atomic
def import_hamlets(*, actor: User | None, stream: IO[bytes]) -> list[Unit]:
    """Validate the whole sheet, then create every hamlet in one transaction (all rows or none)."""
    rows = read_hamlet_rows(stream)
    if actor is not None:
        denied = [r for r in rows if not policy.can(actor, MANAGE_UNITS, r.commune)]
        if denied:
            raise PermissionDenied(
                f"Dòng {denied[0].row}: bạn không có quyền thêm thôn, tổ dân phố cho {denied[0].commune.name}."
            )
    created = []
    for row in rows:
        try:
            unit = services.create_unit(
                actor=actor,
                parent=row.commune,
                kind=row.kind,
                short_name=row.short_name,
                code=row.code,
                valid_from=row.valid_from,
            )
        except ValidationError as exc:
            raise ImportRejected(
                [
                    RowError(row.row, COLUMNS.get(field, field), "; ".join(msgs))
                    for field, msgs in exc.message_dict.items()
                ]
            ) from exc
        if row.remote_area:
            unit.remote_area = True
            unit.save(update_fields=["remote_area"])
        created.append(unit)
    return created
