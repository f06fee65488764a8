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

This module only reads the sheet (codes → communes, kinds, dates) and finds two rows naming
the same hamlet; each hamlet is created by :func:`danvan.units.services.create_unit`, which
checks the right, the placement, the length and the names already there. The staged-import
engine (:mod:`danvan.core.imports`) does the rest: header, limits, errors by row and column,
and one transaction, so one bad row rejects the file and nothing is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.core import imports
from danvan.core.imports import Column, Importer, ImportRejected, Limits, Parsed, Row, RowError
from danvan.core.text import fold
from danvan.units import services
from danvan.units.models import Unit
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


def _max_length(name: str) -> int:
    limit = getattr(Unit._meta.get_field(name), "max_length", None)
    assert isinstance(limit, int)
    return limit


def _columns() -> tuple[Column, ...]:
    # The stored name is "<Loại> <Tên>" ("Tổ dân phố Giao Lâm"): the name's length less the longest kind.
    longest_kind = max(len(label) for value, label in Kind.choices if value in HAMLET_KINDS.values())
    lengths = {
        "commune_code": _max_length("code"),
        "kind": 32,
        "short_name": _max_length("name") - longest_kind - 1,
        "code": _max_length("code"),
        "valid_from": 32,
        "remote_area": 16,
    }
    return tuple(Column(key, label, key in REQUIRED, lengths[key]) for key, label in COLUMNS.items())


#: The service's field names → the sheet's columns.
SERVICE_LABELS = {**COLUMNS, "parent": COLUMNS["commune_code"]}


@dataclass(frozen=True)
class HamletRow:
    commune: Unit
    kind: str
    short_name: str
    code: str
    valid_from: datetime.date | None
    remote_area: bool


def importer(actor: User | Any) -> Importer[HamletRow, list[Unit]]:
    """The hamlet sheet: parse each row into a :class:`HamletRow`; the unit service creates them."""
    today = timezone.localdate()
    limits = Limits()
    communes: dict[str, Unit | None] = {}

    def commune_for(code: str) -> Unit | None:
        if code not in communes:
            try:
                found = unit_by_code(code, as_of=today)
                communes[code] = found if found.level == Level.COMMUNE else None
            except UnitCodeNotFound:
                communes[code] = None
        return communes[code]

    def parse(row: Row) -> HamletRow | list[RowError]:
        errors: list[RowError] = []
        code = row.text("commune_code")
        if code.isdigit():
            code = code.zfill(5)
        commune = commune_for(code)
        if commune is None:
            errors.append(row.error("commune_code", f"không có xã, phường, đặc khu mã “{code}” hiện hành."))
        kind_text = row.text("kind")
        kind = HAMLET_KINDS.get(fold(kind_text))
        if kind is None:
            errors.append(row.error("kind", f"“{kind_text}” không phải Thôn, Xóm, Bản, Ấp, Tổ dân phố hoặc Khu phố."))
        valid_from = row.date("valid_from", errors)
        remote = fold(row.text("remote_area"))
        if remote not in {"", "co", "khong", "x"}:
            errors.append(row.error("remote_area", "ghi “Có” hoặc “Không”."))
        if errors:
            return errors
        assert commune is not None and kind is not None
        return HamletRow(commune, kind, row.text("short_name"), row.text("code"), valid_from, remote in {"co", "x"})

    def check(parsed: list[Parsed[HamletRow]]) -> list[RowError]:
        """Two rows of the sheet naming the same hamlet (the service sees only one row at a time)."""
        seen: dict[tuple[int, str, str], int] = {}
        errors = []
        for p in parsed:
            key = (p.value.commune.pk, p.value.kind, fold(p.value.short_name))
            if key in seen:
                errors.append(RowError(p.row, COLUMNS["short_name"], f"trùng với dòng {seen[key]}."))
            else:
                seen[key] = p.row
        return errors

    def apply(parsed: list[Parsed[HamletRow]]) -> list[Unit]:
        """Each row through the service; every refused row is reported, then all are rolled back."""
        created: list[Unit] = []
        errors: list[RowError] = []
        limit = limits.max_errors
        for p in parsed:
            row = p.value
            try:
                created.append(
                    services.create_unit(
                        actor=actor,
                        parent=row.commune,
                        kind=row.kind,
                        short_name=row.short_name,
                        code=row.code,
                        valid_from=row.valid_from,
                        remote_area=row.remote_area,
                    )
                )
            except ValidationError as exc:
                errors.extend(imports.errors_from(p.row, exc, SERVICE_LABELS))
            except PermissionDenied as exc:
                errors.append(RowError(p.row, COLUMNS["commune_code"], str(exc)))
            if len(errors) >= limit:
                raise ImportRejected(errors[:limit], truncated=p is not parsed[-1])
        if errors:
            raise ImportRejected(errors)
        return created

    return Importer(columns=_columns(), parse=parse, check=check, apply=apply, limits=limits)


def import_hamlets(*, actor: User | Any, stream: IO[bytes]) -> list[Unit]:
    """Check the whole sheet, then create every hamlet through the unit service (all rows or none)."""
    return imports.run(importer(actor), stream)
