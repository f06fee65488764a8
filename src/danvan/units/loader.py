"""Load the national list of administrative units from the ``vietnam-provinces`` package.

The package (GPL-3.0, data from the national statistics office's list of
administrative units) carries today's 34 provinces and 3,321 communes, the
pre-reform 63 provinces / 696 districts / 10,051 communes in
``vietnam_provinces.legacy``, and the 2025 conversion tables. We copy them into
our own tables:

* a province that was not merged (old and new code equal, one predecessor,
  one successor) is one unit spanning both periods; if its name or kind
  changed, the old attributes become a :class:`UnitVersion`;
* every other old province, every district and every old commune is retired
  on 30/06/2025; every new province and commune is valid from 01/07/2025;
* the conversion tables become :class:`UnitLineage` rows (merge, split part,
  rename, transfer).

The load is idempotent and runs in one transaction. A fresh load builds the
materialised paths itself and inserts in bulk; a later load only adds what is
missing and updates changed names.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from danvan.core.text import fold
from danvan.units import revision
from danvan.units.models import LineageKind, Unit, UnitLineage, UnitVersion
from danvan.units.rules import (
    DISTRICT_LEVEL_END,
    REFORM_LEGAL_BASIS_COMMUNES,
    REFORM_LEGAL_BASIS_PROVINCES,
    TWO_TIER_START,
    Kind,
    Level,
    format_code,
    level_of,
    strip_kind_prefix,
)

_KIND_BY_DIVISION_TYPE = {
    "tỉnh": Kind.TINH,
    "thành phố trung ương": Kind.THANH_PHO_TW,
    "huyện": Kind.HUYEN,
    "quận": Kind.QUAN,
    "thị xã": Kind.THI_XA,
    "thành phố": Kind.THANH_PHO,
    "xã": Kind.XA,
    "phường": Kind.PHUONG,
    "thị trấn": Kind.THI_TRAN,
    "đặc khu": Kind.DAC_KHU,
}


@dataclass
class _Row:
    """A unit to be, before it is in the database."""

    ref: str
    parent_ref: str | None
    code: str
    name: str
    kind: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    legal_basis: str = ""
    old_name: str | None = None  # for a surviving province whose name or kind changed
    old_kind: str | None = None
    children: list[_Row] = field(default_factory=list)


@dataclass
class LoadResult:
    provinces_today: int
    communes_today: int
    provinces_before: int
    districts_before: int
    communes_before: int
    lineage_links: int
    created: int
    updated: int
    package_version: str


def _int(code: Any) -> int:
    return int(getattr(code, "value", code))


def _kind(division_type: Any) -> str:
    return _KIND_BY_DIVISION_TYPE[str(getattr(division_type, "value", division_type))]


def _national_rows() -> tuple[list[_Row], list[tuple[str, str, str, str]], dict[str, int]]:
    """The package's data as a forest of rows, the lineage as (old ref, new ref, kind, basis), and counts."""
    from vietnam_provinces import Province, Ward, _province_conversion_2025, _ward_conversion_2025
    from vietnam_provinces.legacy import District as OldDistrict
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard

    new_provinces = sorted(Province.iter_all(), key=lambda p: _int(p.code))
    new_wards = sorted(Ward.iter_all(), key=lambda w: _int(w.code))
    old_provinces = sorted(OldProvince.iter_all(), key=lambda p: _int(p.code))
    old_districts = sorted(OldDistrict.iter_all(), key=lambda d: _int(d.code))
    old_wards = sorted(OldWard.iter_all(), key=lambda w: _int(w.code))

    p_old_to_new = {k: [n.code for n in v.new_provinces] for k, v in _province_conversion_2025.OLD_TO_NEW.items()}
    p_new_to_old = {k: [o.code for o in v.old_provinces] for k, v in _province_conversion_2025.NEW_TO_OLD.items()}
    surviving = {code for code, news in p_old_to_new.items() if news == [code] and p_new_to_old.get(code) == [code]}

    def new_province_ref(code: int) -> str:
        return f"vn2025:p:{code:02d}"

    def old_province_ref(code: int) -> str:
        return new_province_ref(code) if code in surviving else f"vn2025:old-p:{code:02d}"

    roots: list[_Row] = []
    rows_by_ref: dict[str, _Row] = {}
    old_by_code = {_int(p.code): p for p in old_provinces}

    def add(row: _Row) -> None:
        rows_by_ref[row.ref] = row
        if row.parent_ref is None:
            roots.append(row)
        else:
            rows_by_ref[row.parent_ref].children.append(row)

    for p in old_provinces:
        code = _int(p.code)
        if code in surviving:
            continue
        add(
            _Row(
                old_province_ref(code),
                None,
                format_code(Level.PROVINCE, code),
                p.name,
                _kind(p.division_type),
                None,
                DISTRICT_LEVEL_END,
            )
        )
    for np in new_provinces:
        code = _int(np.code)
        row = _Row(
            new_province_ref(code),
            None,
            format_code(Level.PROVINCE, code),
            np.name,
            _kind(np.division_type),
            None if code in surviving else TWO_TIER_START,
            None,
            "" if code in surviving else REFORM_LEGAL_BASIS_PROVINCES,
        )
        if code in surviving:
            old = old_by_code[code]
            if old.name != np.name or _kind(old.division_type) != row.kind:
                row.old_name, row.old_kind = old.name, _kind(old.division_type)
        add(row)
    for d in old_districts:
        code = _int(d.code)
        add(
            _Row(
                f"vn2025:old-d:{code:03d}",
                old_province_ref(_int(d.province_code)),
                format_code(Level.DISTRICT, code),
                d.name,
                _kind(d.division_type),
                None,
                DISTRICT_LEVEL_END,
            )
        )
    for w in old_wards:
        code = _int(w.code)
        add(
            _Row(
                f"vn2025:old-w:{code:05d}",
                f"vn2025:old-d:{_int(w.district_code):03d}",
                format_code(Level.COMMUNE, code),
                w.name,
                _kind(w.division_type),
                None,
                DISTRICT_LEVEL_END,
            )
        )
    for nw in new_wards:
        code = _int(nw.code)
        add(
            _Row(
                f"vn2025:w:{code:05d}",
                new_province_ref(_int(nw.province_code)),
                format_code(Level.COMMUNE, code),
                nw.name,
                _kind(nw.division_type),
                TWO_TIER_START,
                None,
                REFORM_LEGAL_BASIS_COMMUNES,
            )
        )

    lineage: list[tuple[str, str, str, str]] = []
    for old_code, news in sorted(p_old_to_new.items()):
        if old_code in surviving:
            continue
        for new_code in news:
            kind = LineageKind.SPLIT_PART if len(news) > 1 else LineageKind.MERGE
            lineage.append((old_province_ref(old_code), new_province_ref(new_code), kind, REFORM_LEGAL_BASIS_PROVINCES))

    sources_of_new: dict[int, int] = defaultdict(int)
    for entry in _ward_conversion_2025.OLD_TO_NEW.values():
        for new in entry.new_wards:
            sources_of_new[new.code] += 1
    for old_code, entry in sorted(_ward_conversion_2025.OLD_TO_NEW.items()):
        old_ref = f"vn2025:old-w:{old_code:05d}"
        if old_ref not in rows_by_ref:
            continue
        for new in entry.new_wards:
            new_ref = f"vn2025:w:{new.code:05d}"
            if new_ref not in rows_by_ref:
                continue
            if entry.old_ward.is_partly_merged or len(entry.new_wards) > 1:
                kind = LineageKind.SPLIT_PART
            elif sources_of_new[new.code] > 1:
                kind = LineageKind.MERGE
            elif strip_kind_prefix(rows_by_ref[old_ref].name) != strip_kind_prefix(rows_by_ref[new_ref].name):
                kind = LineageKind.RENAME
            else:
                kind = LineageKind.TRANSFER
            lineage.append((old_ref, new_ref, kind, REFORM_LEGAL_BASIS_COMMUNES))

    counts = {
        "provinces_today": len(new_provinces),
        "communes_today": len(new_wards),
        "provinces_before": len(old_provinces),
        "districts_before": len(old_districts),
        "communes_before": len(old_wards),
    }
    return roots, lineage, counts


def _fields(row: _Row) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "short_name": strip_kind_prefix(row.name),
        "name_folded": fold(f"{row.name} {row.code}"),
        "kind": row.kind,
        "level": level_of(row.kind),
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
        "legal_basis": row.legal_basis,
        "source_ref": row.ref,
    }


def _bulk_insert(roots: list[_Row], start_position: int) -> list[Unit]:
    """Build the materialised paths of a fresh forest and return the unsaved units."""
    units: list[Unit] = []

    def walk(row: _Row, parent_path: str, depth: int, position: int) -> None:
        path = Unit._get_path(parent_path or None, depth, position)
        units.append(Unit(path=path, depth=depth, numchild=len(row.children), **_fields(row)))
        for i, child in enumerate(row.children, start=1):
            walk(child, path, depth + 1, i)

    for i, root in enumerate(roots, start=start_position):
        walk(root, "", 1, i)
    return units


def _refresh_planner_statistics() -> None:
    """After a bulk load, tell PostgreSQL's planner how big the tables now are.

    Without it the planner still believes the tables are empty until autovacuum
    runs, and joins the lineage to the tree by nested sequential scans: a scope
    query took 12 s instead of milliseconds.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Unit, UnitLineage, UnitVersion):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')


@transaction.atomic
def load_national_units() -> LoadResult:
    import vietnam_provinces

    roots, lineage, counts = _national_rows()
    existing: dict[str, Unit] = {u.source_ref: u for u in Unit.objects.exclude(source_ref="")}
    created = updated = 0

    if not existing:
        last_root = Unit.objects.filter(depth=1).order_by("-path").first()
        start = Unit._str2int(last_root.path) + 1 if last_root else 1
        units = _bulk_insert(roots, start)
        Unit.objects.bulk_create(units, batch_size=2000)
        created = len(units)
    else:
        # A later run: add what is missing under its parent, update what changed.
        def walk(row: _Row, parent: Unit | None) -> None:
            nonlocal created, updated
            unit = existing.get(row.ref)
            fields = _fields(row)
            if unit is None:
                fields.pop("name_folded")
                if parent is None:
                    unit = Unit.objects.add_root(create_kwargs=fields)
                else:
                    unit = Unit.objects.add_child(parent, create_kwargs=fields)
                    parent.refresh_from_db()
                created += 1
            elif any(getattr(unit, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(unit, k, v)
                unit.save()
                updated += 1
            for child in row.children:
                walk(child, unit)

        for root in roots:
            walk(root, None)

    by_ref = dict(Unit.objects.exclude(source_ref="").values_list("source_ref", "id"))

    # Earlier names and kinds of the provinces that were not merged.
    def surviving_rows(rows: list[_Row]) -> list[_Row]:
        return [r for r in rows if r.old_name is not None]

    for row in surviving_rows(roots):
        UnitVersion.objects.get_or_create(
            unit_id=by_ref[row.ref],
            valid_to=DISTRICT_LEVEL_END,
            defaults={
                "name": row.old_name or row.name,
                "short_name": strip_kind_prefix(row.old_name or row.name),
                "kind": row.old_kind or row.kind,
                "legal_basis": REFORM_LEGAL_BASIS_PROVINCES,
            },
        )

    existing_links = set(UnitLineage.objects.values_list("predecessor_id", "successor_id"))
    new_links = []
    for old_ref, new_ref, kind, basis in lineage:
        key = (by_ref[old_ref], by_ref[new_ref])
        if key in existing_links:
            continue
        existing_links.add(key)
        new_links.append(
            UnitLineage(
                predecessor_id=key[0], successor_id=key[1], kind=kind, effective_date=TWO_TIER_START, legal_basis=basis
            )
        )
    UnitLineage.objects.bulk_create(new_links, batch_size=2000)
    _refresh_planner_statistics()
    revision.bump()  # bulk writes send no signal

    return LoadResult(
        provinces_today=counts["provinces_today"],
        communes_today=counts["communes_today"],
        provinces_before=counts["provinces_before"],
        districts_before=counts["districts_before"],
        communes_before=counts["communes_before"],
        lineage_links=len(lineage),
        created=created,
        updated=updated,
        package_version=vietnam_provinces.__version__,
    )
