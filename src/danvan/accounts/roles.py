"""Roles and the permissions each grants, defined in code.

A role is granted on a unit (:class:`RoleAssignment`) and covers that unit's
subtree and the historical units merged into it. Later areas add their
permission codes here, next to the roles that hold them, so that one file
answers "who may do what".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from danvan.units.permissions import MANAGE_UNITS as MANAGE_UNITS
from danvan.units.permissions import VIEW_UNITS as VIEW_UNITS


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    UNIT_ADMIN = "unit_admin", "Quản trị đơn vị"
    LEADER = "leader", "Lãnh đạo"
    OFFICER = "officer", "Cán bộ, chuyên viên"
    RECEPTION = "reception", "Cán bộ tiếp công dân"
    SUPERVISOR = "supervisor", "Giám sát (chỉ xem)"


# --- Permission codes ("app_label.action") ----------------------------------------
# VIEW_UNITS, MANAGE_UNITS: the unit tree's own, declared in danvan.units.permissions.
MANAGE_USERS = "accounts.manage_users"  # accounts and role assignments within the scope
VIEW_RECORDS = "core.view_records"  # read the unit-owned records of every area
EDIT_RECORDS = "core.edit_records"  # create and change records, move them through ordinary steps
DECIDE_RECORDS = "core.decide_records"  # a leader's decisions: approve, recognise, sign
RECEIVE_CITIZENS = "core.receive_citizens"  # the reception desk: record visits and letters
VIEW_AUDIT = "core.view_audit"  # the timeline and change history of records


@dataclass(frozen=True)
class AreaRights:
    """The three rights of one area: read its records, change them and move them through ordinary steps,
    and take its leaders' decisions. Each area checks its own, so that a role can be given one area only
    (a one-stop officer, a Front officer for the movement) without touching the others."""

    area: str
    label: str

    @property
    def view(self) -> str:
        return f"{self.area}.view"

    @property
    def edit(self) -> str:
        return f"{self.area}.edit"

    @property
    def decide(self) -> str:
        return f"{self.area}.decide"

    @property
    def all(self) -> frozenset[str]:
        return frozenset({self.view, self.edit, self.decide})


INITIATIVES = AreaRights("initiatives", "Dân vận khéo")
PETITIONS = AreaRights("petitions", "Tiếp công dân, đơn thư")
ONESTOP = AreaRights("onestop", "Một cửa, thủ tục hành chính")
SATISFACTION = AreaRights("satisfaction", "Sự hài lòng của người dân")
DIALOGUES = AreaRights("dialogues", "Đối thoại, tiếp xúc cử tri, cam kết")
DEMOCRACY = AreaRights("democracy", "Thực hiện dân chủ ở cơ sở")
INSPECTIONS = AreaRights("inspections", "Kiểm tra, giám sát")
#: Indicators and targets: view them, enter values (edit), set targets and define indicators (decide).
INDICATORS = AreaRights("indicators", "Chỉ tiêu, chỉ số")
#: Periodic reports: read them, draft and edit (edit), issue with a number (decide).
REPORTS = AreaRights("reports", "Báo cáo định kỳ")
#: Every area with records; a new area adds its line here and its rights to the roles below.
AREAS: tuple[AreaRights, ...] = (
    INITIATIVES,
    PETITIONS,
    ONESTOP,
    SATISFACTION,
    DIALOGUES,
    DEMOCRACY,
    INSPECTIONS,
    INDICATORS,
    REPORTS,
)


def _every_area(*rights: str) -> frozenset[str]:
    return frozenset(getattr(area, right) for area in AREAS for right in rights)


ALL_PERMISSIONS = frozenset(
    {
        VIEW_UNITS,
        MANAGE_UNITS,
        MANAGE_USERS,
        VIEW_RECORDS,
        EDIT_RECORDS,
        DECIDE_RECORDS,
        RECEIVE_CITIZENS,
        VIEW_AUDIT,
    }
) | _every_area("view", "edit", "decide")

#: ``VIEW_RECORDS``, ``EDIT_RECORDS`` and ``DECIDE_RECORDS`` remain for the shell (menus, the home page):
#: "in some area". The areas check their own rights.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # The system administrator may do everything, everywhere.
    Role.ADMIN: ALL_PERMISSIONS,
    Role.UNIT_ADMIN: frozenset({VIEW_UNITS, MANAGE_UNITS, MANAGE_USERS, VIEW_RECORDS, VIEW_AUDIT})
    | _every_area("view"),
    Role.LEADER: frozenset({VIEW_UNITS, VIEW_RECORDS, EDIT_RECORDS, DECIDE_RECORDS, VIEW_AUDIT})
    | _every_area("view", "edit", "decide"),
    Role.OFFICER: frozenset({VIEW_UNITS, VIEW_RECORDS, EDIT_RECORDS}) | _every_area("view", "edit"),
    Role.RECEPTION: frozenset({VIEW_UNITS, VIEW_RECORDS, EDIT_RECORDS, RECEIVE_CITIZENS}) | _every_area("view", "edit"),
    # Read-only: Ban Thanh tra nhân dân, the inspecting Ban Tuyên giáo và Dân vận.
    Role.SUPERVISOR: frozenset({VIEW_UNITS, VIEW_RECORDS, VIEW_AUDIT}) | _every_area("view"),
}

#: Roles whose grant is global (no unit needed).
GLOBAL_ROLES = frozenset({Role.ADMIN})


def grants(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def roles_a_manager_may_grant(manager_roles: set[str]) -> list[str]:
    """A unit administrator hands out every role but the system administrator's."""
    if Role.ADMIN in manager_roles:
        return list(Role.values)
    if Role.UNIT_ADMIN in manager_roles:
        return [r for r in Role.values if r != Role.ADMIN]
    return []
