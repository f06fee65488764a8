"""Inspection fixtures: the province's Ban Tuyên giáo và Dân vận inspects Xã A and Xã B; a provincial
inspector (officer of the province) and leader, and the personas of the shared matrix."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from danvan.accounts.models import User
from danvan.core.actors import SystemActor
from danvan.inspections import services
from danvan.inspections.models import Plan, Recommendation, Visit
from danvan.units.models import Organization
from tests.conftest import Personas, Tree
from tests.factories import OrganizationFactory, RoleAssignmentFactory, UserFactory

SYSTEM = SystemActor("kiểm thử")
PLAN_DATE = datetime.date(2026, 9, 1)
VISIT_DAY = datetime.date(2026, 9, 14)


@dataclass
class Inspection:
    ban: Organization
    inspector: User
    chief: User
    plan: Plan
    visit: Visit
    rec: Recommendation


def make_plan(tree: Tree, ban: Organization, actor=SYSTEM, **overrides) -> Plan:
    data = dict(
        body=ban,
        number="05-KH/BTGDVTU",
        plan_date=PLAN_DATE,
        title="Kiểm tra thực hiện dân chủ ở cơ sở",
        scopes=["democracy", "skilful"],
        start_on=datetime.date(2026, 9, 10),
        end_on=datetime.date(2026, 9, 30),
        parent_body_name="Tỉnh ủy Mới",
        units=[tree.commune_a, tree.commune_b],
    )
    data.update(overrides)
    return services.save_plan(actor=actor, **data)


def approve(plan: Plan, head_name: str = "Nguyễn Thị Huế") -> Plan:
    services.set_team(
        actor=SYSTEM,
        plan=plan,
        members=[services.Member(head_name, "Phó Trưởng Ban", "head"), services.Member("Hoàng Văn Nam", "Chuyên viên")],
    )
    return services.act_plan(actor=SYSTEM, plan=plan, action="approve", on=PLAN_DATE)


@pytest.fixture
def inspection(tree: Tree, personas: Personas) -> Inspection:
    ban = OrganizationFactory(unit=tree.province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy Mới", kind="ban_tgdv")
    inspector = UserFactory(username="inspector", first_name="Hoàng Thị", last_name="Lộc")
    RoleAssignmentFactory(user=inspector, role="officer", unit=tree.province)
    chief = UserFactory(username="chief", first_name="Lương Văn", last_name="Đoàn")
    RoleAssignmentFactory(user=chief, role="leader", unit=tree.province)
    plan = approve(make_plan(tree, ban))
    visit = services.record_visit(
        actor=SYSTEM,
        plan=plan,
        unit=tree.commune_a,
        visited_on=VISIT_DAY,
        checked=["Quy chế dân chủ ở cơ sở", "Mô hình “Dân vận khéo”"],
        strengths="Công khai theo tinh thần “Dân biết, dân bàn, dân làm, dân kiểm tra”.",
        weaknesses="Một số hương ước, quy ước chưa được rà soát, bổ sung.",
        figures=[
            services.Noted("Mô hình “Dân vận khéo” đăng ký xây dựng", 6, "mô hình"),
            services.Noted("Mô hình được biểu dương, khen thưởng", 3, "mô hình"),
        ],
    )
    rec = services.add_recommendation(
        actor=SYSTEM,
        plan=plan,
        visit=visit,
        content="Rà soát việc thực hiện quy ước, hương ước tại các tổ dân phố.",
        responsible="Ủy ban nhân dân Xã A",
        due_on=datetime.date(2026, 11, 30),
    )
    return Inspection(ban, inspector, chief, plan, visit, rec)
