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

Every row is checked first; one bad row rejects the file and nothing is written.
The imported models are registered (status "Đã đăng ký"), one event each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from danvan.accounts import access, roles
from danvan.core.imports import ImportRejected, RowError, cell_text, open_sheet, parse_date
from danvan.core.models import Event
from danvan.core.text import fold, nfc
from danvan.initiatives import rules
from danvan.initiatives.models import Field, Initiative
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
MAX_ROWS = 20000


@dataclass
class Preview:
    """What the officer sees before committing: how many rows, and the first of them."""

    rows: list[Initiative]

    @property
    def count(self) -> int:
        return len(self.rows)

    def by_unit(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.unit.name] = counts.get(row.unit.name, 0) + 1
        return sorted(counts.items())


def read_rows(stream: IO[bytes], actor: User | None) -> Preview:
    """Parse and check the whole sheet into unsaved models; :class:`ImportRejected` lists every bad cell."""
    sheet = open_sheet(stream, COLUMNS, REQUIRED)
    today = timezone.localdate()
    fields = {fold(f.name): f for f in Field.objects.filter(parent=None, active=True)}
    subfields = {(f.parent_id, fold(f.name)): f for f in Field.objects.filter(parent__isnull=False, active=True)}
    units: dict[str, Unit | None] = {}
    hamlets: dict[tuple[int, str], Unit | None] = {}
    errors: list[RowError] = []
    parsed: list[Initiative] = []
    seen: dict[tuple[int, int, str], int] = {}

    for number, values in sheet.rows:
        if number - 1 > MAX_ROWS:
            raise ImportRejected([RowError(number, "", f"Tệp có quá {MAX_ROWS:,} dòng.".replace(",", "."))])

        def get(key: str, values: tuple[Any, ...] = values) -> str:
            return cell_text(sheet.get(values, key))

        def err(key: str, message: str, number: int = number) -> None:
            errors.append(RowError(number, COLUMNS[key], message))

        before = len(errors)
        code = get("unit_code")
        unit: Unit | None = None
        if not code:
            err("unit_code", "bắt buộc.")
        else:
            code = code.zfill(5) if code.isdigit() and len(code) > 2 else code.zfill(2) if code.isdigit() else code
            if code not in units:
                try:
                    found = unit_by_code(code, as_of=today)
                    units[code] = found if found.level in (Level.COMMUNE, Level.PROVINCE) else None
                except UnitCodeNotFound:
                    units[code] = None
            unit = units[code]
            if unit is None:
                err("unit_code", f"không có xã, phường, đặc khu hoặc tỉnh mã “{code}” hiện hành.")
            elif actor is not None and not access.can(actor, roles.EDIT_RECORDS, unit):
                err("unit_code", f"{unit.name} ngoài phạm vi của bạn.")
                unit = None
        hamlet_name = get("hamlet")
        if unit is not None and hamlet_name:
            place = (unit.pk, fold(hamlet_name))
            if place not in hamlets:
                hamlets[place] = next(
                    (
                        h
                        for h in Unit.objects.get_children(unit).valid_on(today)
                        if fold(h.short_name) == place[1] or fold(h.name) == place[1]
                    ),
                    None,
                )
            if hamlets[place] is None:
                err("hamlet", f"“{hamlet_name}” không phải thôn, tổ dân phố của {unit.name}.")
                unit = None
            else:
                unit = hamlets[place]
        year_text = get("year")
        year = int(year_text) if year_text.isdigit() else 0
        if not 2009 <= year <= today.year + 1:
            err("year", f"“{year_text}” không phải năm từ 2009 đến {today.year + 1}.")
        kind_text = get("kind")
        kind = KINDS.get(fold(kind_text)) if kind_text else Initiative.Kind.MODEL
        if kind is None:
            err("kind", f"“{kind_text}” phải là “Mô hình” hoặc “Điển hình”.")
        name = get("name")
        if not name:
            err("name", "bắt buộc.")
        owner = get("owner_name")
        if not owner:
            err("owner_name", "bắt buộc.")
        position = get("owner_position")
        if kind == Initiative.Kind.EXEMPLAR and not position:
            err("owner_position", "điển hình cá nhân cần ghi chức vụ.")
        field_text = get("field")
        field = fields.get(fold(field_text))
        if field is None:
            names = "; ".join(f.name for f in fields.values())
            err("field", f"“{field_text}” không có trong danh mục lĩnh vực ({names}).")
        subfield = None
        sub_text = get("subfield")
        if sub_text and field is not None:
            subfield = subfields.get((field.pk, fold(sub_text)))
            if subfield is None:
                err("subfield", f"“{sub_text}” không phải lĩnh vực con của “{field.name}”.")
        dates: dict[str, datetime.date | None] = {}
        for key in ("start_date", "registered_on"):
            raw = sheet.get(values, key)
            dates[key] = None
            if cell_text(raw):
                try:
                    dates[key] = parse_date(raw)
                except ValueError:
                    err(key, f"“{cell_text(raw)}” không phải ngày (dd/mm/yyyy).")
        registered_on = dates["registered_on"] or today
        if registered_on > today:
            err("registered_on", "ngày đăng ký không được sau hôm nay.")
        if unit is not None and name and year:
            duplicate = (unit.pk, year, fold(name))
            if duplicate in seen:
                err("name", f"trùng với dòng {seen[duplicate]} (cùng đơn vị, cùng năm).")
            else:
                seen[duplicate] = number
        if len(errors) > before:
            continue
        assert unit is not None and field is not None and kind is not None
        initiative = Initiative(
            unit=unit,
            year=year,
            kind=kind,
            name=nfc(name),
            name_folded=fold(name),
            owner_name=owner,
            owner_position=position,
            owner_organization=get("owner_organization"),
            field=field,
            subfield=subfield,
            start_date=dates["start_date"],
            registered_on=registered_on,
            status=rules.Status.REGISTERED,
            created_by=actor,
        )
        for text_key in TEXTS:
            setattr(initiative, text_key, get(text_key))
        initiative._import_row = number  # type: ignore[attr-defined]
        parsed.append(initiative)

    # Names already registered in the database, in one query per year.
    by_year: dict[int, list[Initiative]] = {}
    for initiative in parsed:
        by_year.setdefault(initiative.year, []).append(initiative)
    for year, group in by_year.items():
        existing = set(
            Initiative.objects.filter(year=year, unit__in={i.unit_id for i in group}).values_list(
                "unit_id", "name_folded"
            )
        )
        for initiative in group:
            if (initiative.unit_id, initiative.name_folded) in existing:
                errors.append(
                    RowError(
                        initiative._import_row,  # type: ignore[attr-defined]
                        COLUMNS["name"],
                        f"{initiative.unit.name} đã đăng ký “{initiative.name}” năm {year}.",
                    )
                )
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.row))
    if not parsed:
        raise ImportRejected([RowError(0, "", "Bảng tính không có dòng dữ liệu nào.")])
    return Preview(parsed)


@transaction.atomic
def import_initiatives(*, actor: User | None, stream: IO[bytes]) -> list[Initiative]:
    """Check the whole sheet, then register every model in one transaction (all rows or none)."""
    rows = read_rows(stream, actor).rows
    created = bulk_create_with_history(rows, Initiative, batch_size=1000, default_user=actor)
    if any(i.pk is None for i in created):  # the backend did not return keys: read them back
        created = list(
            Initiative.objects.filter(created_by=actor, name_folded__in=[i.name_folded for i in rows]).order_by("pk")
        )
    content_type = ContentType.objects.get_for_model(Initiative)
    now = timezone.now()
    Event.objects.bulk_create(
        (
            Event(
                content_type=content_type,
                object_id=str(i.pk),
                unit_id=i.unit_id,
                actor=actor,
                at=now,
                action=rules.Action.REGISTER.value,
                from_state=rules.Status.DRAFT.value,
                to_state=rules.Status.REGISTERED.value,
                note="Nhập từ tệp Excel",
            )
            for i in created
        ),
        batch_size=1000,
    )
    return created
