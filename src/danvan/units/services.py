"""Writes of the unit tree and the organisations: the only way they change.

``actor`` None means the system itself (a management command run by the operator).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from treebeard.exceptions import InvalidMoveToDescendant

from danvan.core import policy
from danvan.core.actors import require_actor
from danvan.core.text import nfc
from danvan.units.models import (
    LineageKind,
    Organization,
    OrganizationKind,
    Staffing,
    Unit,
    UnitLineage,
    UnitVersion,
)
from danvan.units.permissions import MANAGE_UNITS
from danvan.units.rules import Kind, full_name, level_of, placement_errors
from danvan.units.signals import unit_moved

if TYPE_CHECKING:
    from danvan.accounts.models import User


_NAME_MAX: int = getattr(Unit._meta.get_field("name"), "max_length", None) or 255
_CODE_MAX: int = getattr(Unit._meta.get_field("code"), "max_length", None) or 16


def _require(actor: User | Any, unit: Unit) -> None:
    require_actor(actor)
    if not policy.can(actor, MANAGE_UNITS, unit):
        raise PermissionDenied("Bạn không có quyền quản lý đơn vị này.")


@transaction.atomic
def create_unit(
    *,
    actor: User | Any,
    parent: Unit | None,
    kind: str,
    short_name: str,
    code: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    legal_basis: str = "",
    remote_area: bool = False,
) -> Unit:
    """Create a unit under ``parent``, typically a hamlet (thôn, tổ dân phố) under a commune."""
    short_name = nfc(short_name)
    code = code.strip()
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        raise ValidationError({"kind": "Loại đơn vị không hợp lệ."})
    if not short_name:
        errors["short_name"] = "Cần nhập tên đơn vị."
    elif len(full_name(kind, short_name)) > _NAME_MAX:
        errors["short_name"] = f"Tên đơn vị dài quá {_NAME_MAX} ký tự."
    if len(code) > _CODE_MAX:
        errors["code"] = f"Mã dài quá {_CODE_MAX} ký tự."
    errors.update(
        placement_errors(
            kind=kind,
            parent_level=parent.level if parent else None,
            parent_valid_to=parent.valid_to if parent else None,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )
    if parent is not None and "short_name" not in errors:
        siblings = Unit.objects.get_children(parent).filter(
            kind=kind, short_name__iexact=short_name, valid_to__isnull=True
        )
        if valid_to is None and siblings.exists():
            errors["short_name"] = f"{full_name(kind, short_name)} đã có trong {parent.name}."
    if (
        code
        and parent is not None
        and Unit.objects.get_children(parent).filter(code=code, valid_to__isnull=True).exists()
    ):
        errors["code"] = f"Mã “{code}” đã được dùng trong {parent.name}."
    if errors:
        raise ValidationError(errors)
    if parent is None:
        if actor is None or not policy.is_system_admin(actor):
            raise PermissionDenied("Chỉ quản trị hệ thống mới tạo được đơn vị cấp tỉnh.")
    else:
        _require(actor, parent)
    fields = {
        "code": code,
        "name": full_name(kind, short_name),
        "short_name": short_name,
        "kind": kind,
        "level": level_of(kind),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "legal_basis": nfc(legal_basis),
        "remote_area": remote_area,
    }
    if parent is None:
        return Unit.objects.add_root(create_kwargs=fields)
    return Unit.objects.add_child(parent, create_kwargs=fields)


@transaction.atomic
def rename_unit(
    *,
    actor: User | Any,
    unit: Unit,
    short_name: str,
    kind: str | None = None,
    effective_date: datetime.date,
    legal_basis: str,
) -> Unit:
    """Rename or reclassify ``unit`` from ``effective_date``; the old attributes become a version."""
    _require(actor, unit)
    short_name = nfc(short_name)
    kind = kind or unit.kind
    if not short_name:
        raise ValidationError({"short_name": "Cần nhập tên mới."})
    if kind not in Kind.values or level_of(kind) != unit.level:
        raise ValidationError({"kind": "Loại mới phải cùng cấp với đơn vị."})
    if not nfc(legal_basis):
        raise ValidationError({"legal_basis": "Cần ghi căn cứ pháp lý của việc đổi tên, chuyển loại."})
    last = unit.versions.order_by("-valid_to").first()
    if (last and effective_date <= last.valid_to) or (unit.valid_from and effective_date <= unit.valid_from):
        raise ValidationError({"effective_date": "Ngày hiệu lực phải sau lần thay đổi trước."})
    UnitVersion.objects.create(
        unit=unit,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        valid_from=last.valid_to + datetime.timedelta(days=1) if last else unit.valid_from,
        valid_to=effective_date - datetime.timedelta(days=1),
        legal_basis=nfc(legal_basis),
    )
    unit.short_name = short_name
    unit.kind = kind
    unit.name = full_name(kind, short_name)
    unit.save()
    return unit


@transaction.atomic
def move_unit(*, actor: User | Any, unit: Unit, new_parent: Unit) -> Unit:
    """Move ``unit`` (and its subtree) under ``new_parent``. A unit can never become its own ancestor."""
    _require(actor, unit)
    _require(actor, new_parent)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError({"parent": "Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó."})
    errors = placement_errors(
        kind=unit.kind,
        parent_level=new_parent.level,
        parent_valid_to=new_parent.valid_to,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
    )
    if errors:
        raise ValidationError(errors)
    old_path = unit.path
    try:
        Unit.objects.move(unit, new_parent, "sorted-child" if Unit.node_order_by else "last-child")
    except InvalidMoveToDescendant as exc:  # pragma: no cover - guarded above
        raise ValidationError({"parent": "Không thể chuyển một đơn vị vào đơn vị cấp dưới của nó."}) from exc
    unit.refresh_from_db()
    unit_moved.send(sender=Unit, unit=unit, old_path=old_path)
    return unit


def _has_records(unit: Unit) -> bool:
    from danvan.core.models import Event

    return (
        unit.numchild > 0
        or unit.organizations.exists()
        or unit.role_assignments.exists()
        or Event.objects.filter(unit=unit).exists()
        or unit.predecessor_links.exists()
        or unit.successor_links.exists()
    )


@transaction.atomic
def retire_unit(*, actor: User | Any, unit: Unit, valid_to: datetime.date, legal_basis: str = "") -> Unit:
    """End a unit's validity. Units with records are retired, never deleted; the subtree is retired with it."""
    _require(actor, unit)
    if unit.valid_from and valid_to < unit.valid_from:
        raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
    for node in Unit.objects.filter(path__startswith=unit.path):
        if node.valid_to is None or node.valid_to > valid_to:
            node.valid_to = valid_to
            if legal_basis:
                node.legal_basis = nfc(legal_basis)
            node.save()
    unit.refresh_from_db()
    return unit


@transaction.atomic
def delete_unit(*, actor: User | Any, unit: Unit) -> None:
    """Delete a unit created by mistake. A unit that has records is refused: retire it instead."""
    _require(actor, unit)
    if _has_records(unit):
        raise ValidationError(
            {"unit": f"{unit.name} đã có dữ liệu liên quan nên không xoá được; hãy kết thúc hiệu lực của đơn vị."}
        )
    unit.delete()


@transaction.atomic
def add_lineage(
    *,
    actor: User | Any,
    predecessor: Unit,
    successor: Unit,
    kind: str,
    effective_date: datetime.date,
    legal_basis: str,
) -> UnitLineage:
    _require(actor, successor)
    if predecessor.pk == successor.pk:
        raise ValidationError({"predecessor": "Một đơn vị không thể kế thừa chính nó."})
    if kind not in LineageKind.values:
        raise ValidationError({"kind": "Hình thức kế thừa không hợp lệ."})
    link, _ = UnitLineage.objects.get_or_create(
        predecessor=predecessor,
        successor=successor,
        defaults={"kind": kind, "effective_date": effective_date, "legal_basis": nfc(legal_basis)},
    )
    return link


@transaction.atomic
def create_organization(
    *,
    actor: User | Any,
    unit: Unit,
    name: str,
    kind: str,
    parent: Organization | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    legal_basis: str = "",
) -> Organization:
    _require(actor, unit)
    name = nfc(name)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Cần nhập tên cơ quan, tổ chức."
    if kind not in OrganizationKind.values:
        errors["kind"] = "Loại cơ quan, tổ chức không hợp lệ."
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."
    if parent is not None and not unit.path.startswith(parent.unit.path):
        errors["parent"] = "Cơ quan cấp trên phải thuộc cùng đơn vị hoặc đơn vị cấp trên."
    if errors:
        raise ValidationError(errors)
    return Organization.objects.create(
        unit=unit,
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        legal_basis=nfc(legal_basis),
    )


@transaction.atomic
def merge_organizations(
    *,
    actor: User | Any,
    predecessors: list[Organization],
    successor: Organization,
    effective_date: datetime.date,
    legal_basis: str,
) -> list[Organization]:
    """Retire ``predecessors`` the day before ``effective_date`` and link them to ``successor``
    (e.g. Ban Tuyên giáo + Ban Dân vận → Ban Tuyên giáo và Dân vận, 2025)."""
    _require(actor, successor.unit)
    from danvan.units.models import OrganizationLineage

    end = effective_date - datetime.timedelta(days=1)
    for organization in predecessors:
        _require(actor, organization.unit)
        if organization.pk == successor.pk:
            raise ValidationError({"predecessors": "Một tổ chức không thể kế thừa chính nó."})
        organization.valid_to = end
        organization.save()
        OrganizationLineage.objects.get_or_create(
            predecessor=organization,
            successor=successor,
            defaults={"kind": LineageKind.MERGE, "effective_date": effective_date, "legal_basis": nfc(legal_basis)},
        )
    return predecessors


@transaction.atomic
def set_staffing(
    *,
    actor: User | Any,
    organization: Organization,
    year: int,
    civil_servants: int,
    public_employees: int,
    contract_workers: int = 0,
) -> Staffing:
    """Record the staffing (biên chế có mặt) of an organisation for a year."""
    _require(actor, organization.unit)
    errors: dict[str, str] = {}
    for field, value in (
        ("civil_servants", civil_servants),
        ("public_employees", public_employees),
        ("contract_workers", contract_workers),
    ):
        if value < 0:
            errors[field] = "Số người không được âm."
    if not 1945 <= year <= 2200:
        errors["year"] = "Năm không hợp lệ."
    if errors:
        raise ValidationError(errors)
    staffing, _ = Staffing.objects.update_or_create(
        organization=organization,
        year=year,
        defaults={
            "civil_servants": civil_servants,
            "public_employees": public_employees,
            "contract_workers": contract_workers,
        },
    )
    return staffing
