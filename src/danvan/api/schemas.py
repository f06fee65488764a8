"""Shared API schemas."""

from __future__ import annotations

import datetime

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = []


class UnitRef(Schema):
    code: str
    name: str
    level: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parent: UnitRef | None
    remote_area: bool


class LineageOut(Schema):
    unit: UnitRef
    kind: str
    kind_label: str
    effective_date: datetime.date
    legal_basis: str


class UnitDetailOut(UnitOut):
    children_count: int
    legal_basis: str
    formed_from: list[LineageOut]
    became: list[LineageOut]


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[UnitOut]


class RoleAssignmentOut(Schema):
    role: str
    role_label: str
    unit: UnitRef | None
    valid_from: datetime.date
    valid_to: datetime.date | None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    roles: list[RoleAssignmentOut]
    permissions: list[str]
