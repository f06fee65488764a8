"""Import the registration sheets units keep today ("Danh sách đăng ký mô hình Dân vận khéo").

The first row names the columns (order free; case and accents ignored):

========================  ====================================================
Mã đơn vị                 official code of the commune or province, required
Thôn, tổ dân phố          a hamlet of that commune (by name), optional
Năm                       registration year, required
Loại                      Mô hình / Điển hình (default Mô hình)
Tên mô hình               required
Tập thể, cá nhân          who carries it out, required
Chức vụ                   required for an exemplar (Điển hình)
Cơ quan công tác          optional
Lĩnh vực                  Kinh tế; Văn hóa – xã hội; …, required
Lĩnh vực con              a sub-field of that field, optional
Thực trạng … Khả năng…    the registration texts of DOMAIN §5.3, optional
Ngày bắt đầu              date, optional
Ngày đăng ký              date, optional (today otherwise)
========================  ====================================================

Up to 20.000 rows (the engine's :data:`~danvan.core.imports.MAX_ROWS`). This module only reads
the sheet: it turns each row's text into units, fields, years and dates. Every rule of a
registration is the service's (:func:`danvan.initiatives.services.registrations_errors`), and the
rows are written by :func:`danvan.initiatives.services.register_initiatives`: all rows or none,
status "Đã đăng ký", one event each. The staged-import engine (:mod:`danvan.core.imports`) does the
rest: the header, the limits, errors by row and column, the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.core import imports
from danvan.core.imports import Column, Importer, ImportRejected, Limits, Parsed, Row, RowError
from danvan.core.text import fold
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative
from danvan.initiatives.services import NewRegistration, Registration
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

if TYPE_CHECKING:
    from danvan.accounts.models import User

COLUMNS = {
    "unit_code": "Mã đơn vị",
    "hamlet": "Thôn, tổ dân phố",
    "year": "Năm",
    "kind": "Loại",
    "name": "Tên mô hình",
    "owner_name": "Tập thể, cá nhân",
    "owner_position": "Chức vụ",
    "owner_organization": "Cơ quan công tác",
    "field": "Lĩnh vực",
    "subfield": "Lĩnh vực con",
    "problem": "Thực trạng, lý do",
    "goals": "Mục tiêu, tiêu chí",
    "content": "Nội dung, cách thức",
    "area_people": "Địa bàn, đối tượng",
    "forces": "Lực lượng",
    "resources": "Nguồn lực",
    "outputs": "Sản phẩm đầu ra",
    "sustainability": "Khả năng nhân rộng",
    "start_date": "Ngày bắt đầu",
    "registered_on": "Ngày đăng ký",
}
REQUIRED = ("unit_code", "year", "name", "owner_name", "field")
TEXTS = ("problem", "goals", "content", "area_people", "forces", "resources", "outputs", "sustainability")
KINDS = {"mo hinh": Initiative.Kind.MODEL, "tap the": Initiative.Kind.MODEL, "dien hinh": Initiative.Kind.EXEMPLAR,
         "ca nhan": Initiative.Kind.EXEMPLAR}  # fmt: skip


def _max_length(model: type[Initiative] | type[Field] | type[Unit], name: str) -> int:
    limit = getattr(model._meta.get_field(name), "max_length", None)
    assert isinstance(limit, int)
    return limit


def _columns() -> tuple[Column, ...]:
    lengths = {
        "unit_code": _max_length(Unit, "code"),
        "hamlet": _max_length(Unit, "short_name"),
        "year": 8,
        "kind": 32,
        "name": _max_length(Initiative, "name"),
        "owner_name": _max_length(Initiative, "owner_name"),
        "owner_position": _max_length(Initiative, "owner_position"),
        "owner_organization": _max_length(Initiative, "owner_organization"),
        "field": _max_length(Field, "name"),
        "subfield": _max_length(Field, "name"),
        "start_date": 32,
        "registered_on": 32,
    }
    return tuple(
        # A registration text (thực trạng, mục tiêu…) is a TextField: the engine's general cap.
        Column(key, label, required=key in REQUIRED, max_length=lengths.get(key, imports.TEXT_MAX_LENGTH))
        for key, label in COLUMNS.items()
    )


#: The service's field names → the sheet's columns, to name the column of a refused row.
SERVICE_LABELS = {**COLUMNS, "unit": COLUMNS["unit_code"]}


def _normalise_code(code: str) -> str:
    if code.isdigit():
        return code.zfill(5) if len(code) > 2 else code.zfill(2)
    return code


def importer(actor: User | Any) -> Importer[NewRegistration, list[Initiative]]:
    """The registration sheet: parse each row into a :class:`NewRegistration`; the service checks and writes."""
    today = timezone.localdate()
    fields = {fold(f.name): f for f in Field.objects.filter(parent=None, active=True)}
    subfields = {(f.parent_id, fold(f.name)): f for f in Field.objects.filter(parent__isnull=False, active=True)}
    units: dict[str, Unit | None] = {}
    hamlets: dict[tuple[int, str], Unit | None] = {}

    def unit_for(code: str) -> Unit | None:
        if code not in units:
            try:
                found = unit_by_code(code, as_of=today)
                units[code] = found if found.level in (Level.COMMUNE, Level.PROVINCE) else None
            except UnitCodeNotFound:
                units[code] = None
        return units[code]

    def hamlet_of(unit: Unit, name: str) -> Unit | None:
        place = (unit.pk, fold(name))
        if place not in hamlets:
            hamlets[place] = next(
                (
                    h
                    for h in Unit.objects.get_children(unit).valid_on(today)
                    if fold(h.short_name) == place[1] or fold(h.name) == place[1]
                ),
                None,
            )
        return hamlets[place]

    def parse(row: Row) -> NewRegistration | list[RowError]:
        errors: list[RowError] = []
        code = _normalise_code(row.text("unit_code"))
        unit = unit_for(code)
        if unit is None:
            errors.append(row.error("unit_code", f"không có xã, phường, đặc khu hoặc tỉnh mã “{code}” hiện hành."))
        hamlet_name = row.text("hamlet")
        if unit is not None and hamlet_name:
            hamlet = hamlet_of(unit, hamlet_name)
            if hamlet is None:
                errors.append(row.error("hamlet", f"“{hamlet_name}” không phải thôn, tổ dân phố của {unit.name}."))
            unit = hamlet
        year_text = row.text("year")
        if not year_text.isdigit():
            errors.append(row.error("year", f"“{year_text}” không phải một năm (ví dụ {today.year})."))
        kind_text = row.text("kind")
        kind = KINDS.get(fold(kind_text)) if kind_text else Initiative.Kind.MODEL
        if kind is None:
            errors.append(row.error("kind", f"“{kind_text}” phải là “Mô hình” hoặc “Điển hình”."))
        field_text = row.text("field")
        field = fields.get(fold(field_text))
        if field is None:
            names = "; ".join(f.name for f in fields.values())
            errors.append(row.error("field", f"“{field_text}” không có trong danh mục lĩnh vực ({names})."))
        subfield = None
        sub_text = row.text("subfield")
        if sub_text and field is not None:
            subfield = subfields.get((field.pk, fold(sub_text)))
            if subfield is None:
                errors.append(row.error("subfield", f"“{sub_text}” không phải lĩnh vực con của “{field.name}”."))
        start_date = row.date("start_date", errors)
        registered_on = row.date("registered_on", errors)
        if errors:
            return errors
        assert unit is not None and field is not None and kind is not None
        texts: dict[str, Any] = {key: row.text(key) for key in TEXTS}
        data = Registration(
            name=row.text("name"),
            field=field,
            year=int(year_text),
            owner_name=row.text("owner_name"),
            kind=kind,
            subfield=subfield,
            owner_position=row.text("owner_position"),
            owner_organization=row.text("owner_organization"),
            start_date=start_date,
            **texts,
        )
        return NewRegistration(unit=unit, data=data, registered_on=registered_on, line=row.number)

    def refused(parsed: list[Parsed[NewRegistration]], rows: dict[int, dict[str, list[str]]]) -> list[RowError]:
        return [
            error
            for index, by_field in sorted(rows.items())
            for error in imports.errors_from(parsed[index].row, by_field, SERVICE_LABELS)
        ]

    def check(parsed: list[Parsed[NewRegistration]]) -> list[RowError]:
        return refused(parsed, services.registrations_errors(actor=actor, rows=[p.value for p in parsed]))

    def apply(parsed: list[Parsed[NewRegistration]]) -> list[Initiative]:
        try:
            return services.register_initiatives(actor=actor, rows=[p.value for p in parsed], note="Nhập từ tệp Excel")
        except services.RegistrationsRefused as exc:
            raise ImportRejected(refused(parsed, exc.rows)) from exc
        except ValidationError as exc:
            raise ImportRejected(imports.errors_from(0, exc, {})) from exc

    return Importer(columns=_columns(), parse=parse, check=check, apply=apply, limits=Limits())


@dataclass
class Preview:
    """What the officer sees before committing: how many rows, by unit, and the first of them."""

    rows: list[NewRegistration]

    @property
    def count(self) -> int:
        return len(self.rows)

    def by_unit(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.unit.name] = counts.get(row.unit.name, 0) + 1
        return sorted(counts.items())

    def sample(self, size: int = 20) -> list[dict[str, Any]]:
        """The first rows as the preview table shows them (year, unit, name, field)."""
        return [
            {"year": r.data.year, "unit": r.unit, "name": r.data.name, "field": r.data.field} for r in self.rows[:size]
        ]


def read_rows(stream: IO[bytes], actor: User | Any) -> Preview:
    """Check the whole sheet, nothing written; :class:`ImportRejected` lists every bad cell."""
    return Preview(imports.stage(importer(actor), stream).values)


def import_initiatives(*, actor: User | Any, stream: IO[bytes]) -> list[Initiative]:
    """Check the whole sheet, then register every model through the service (all rows or none)."""
    return imports.run(importer(actor), stream)
