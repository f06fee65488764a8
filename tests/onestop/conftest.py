"""One-stop fixtures: the province's catalogue (a chứng thực with the 15:00 cut-off, a hộ tịch counted in
working days, a land procedure), a service point in Xã A, and a desk officer there."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from danvan.accounts.models import User
from danvan.core.actors import SystemActor
from danvan.onestop import services
from danvan.onestop.models import Procedure, ServicePoint
from tests.conftest import Personas, Tree
from tests.factories import RoleAssignmentFactory, UserFactory

SYSTEM = SystemActor("kiểm thử")


@dataclass
class Desk:
    point: ServicePoint
    point_b: ServicePoint
    point_c: ServicePoint
    certify: Procedure
    birth: Procedure
    land: Procedure
    other_certify: Procedure
    clerk: User


@pytest.fixture
def desk(tree: Tree, personas: Personas) -> Desk:
    def procedure(unit, code, name, field, **kw) -> Procedure:
        return services.save_procedure(actor=SYSTEM, unit=unit, code=code, name=name, field=field,
                                       level=kw.pop("level", "commune"), **kw)  # fmt: skip

    certify = procedure(tree.province, "2.000815", "Chứng thực bản sao từ bản chính giấy tờ", "Chứng thực",
                        cutoff=datetime.time(15, 0), online_level="partial", fee="2.000 đồng/trang")  # fmt: skip
    birth = procedure(tree.province, "1.001193", "Đăng ký khai sinh", "Hộ tịch", days=3, online_level="full",
                      components=[{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0},
                                  {"name": "Giấy chứng sinh", "originals": 1, "copies": 0}])  # fmt: skip
    land = procedure(tree.province, "1.004227", "Đăng ký biến động quyền sử dụng đất", "Đất đai", days=10,
                     online_level="none", level="both")  # fmt: skip
    other = procedure(tree.other_province, "2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", days=1)
    point = services.save_service_point(actor=SYSTEM, unit=tree.commune_a, name="Trung tâm PVHCC xã A",
                                        kind="commune")  # fmt: skip
    point_b = services.save_service_point(
        actor=SYSTEM, unit=tree.commune_b, name="Trung tâm PVHCC xã B", kind="commune"
    )
    point_c = services.save_service_point(actor=SYSTEM, unit=tree.commune_c, name="Trung tâm PVHCC phường C",
                                          kind="commune")  # fmt: skip
    clerk = UserFactory(username="clerk_a", first_name="Nông Thị", last_name="Hoa")
    RoleAssignmentFactory(user=clerk, role="reception", unit=tree.commune_a)
    return Desk(point, point_b, point_c, certify, birth, land, other, clerk)
