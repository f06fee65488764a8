"""The demo: Bắc Kạn province as it was before 01/07/2025 and after its merger into Thái Nguyên.

Built through the services, like any user's data. Idempotent: a second run
finds what the first made. The staffing of 2018 is spread over the province's
bodies so that the subtree totals read as the half-year review of 20/7/2018
does: "21 cơ quan, tổ chức chuyên môn cấp tỉnh, 8 cơ quan chuyên môn cấp huyện,
07 đơn vị sự nghiệp…, 11 tổ chức hội… 1.451 công chức, 9.247 viên chức".
Each area's records come from its own ``demo`` module, called at the end.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from danvan.accounts import services as account_services
from danvan.accounts.access import SystemActor
from danvan.accounts.models import RoleAssignment, User
from danvan.accounts.roles import Role
from danvan.units import services as unit_services
from danvan.units.loader import load_national_units
from danvan.units.models import LineageKind, Organization, OrganizationKind, Unit
from danvan.units.rules import DISTRICT_LEVEL_END, TWO_TIER_START, Kind
from danvan.units.selectors import unit_by_code

#: The demo acts through the same services as everyone, as an explicit system actor.
DEMO = SystemActor("dữ liệu mẫu")

DEMO_PASSWORD = "DanVan-demo-2026"
BEFORE = DISTRICT_LEVEL_END
PARTY_MERGER = datetime.date(2025, 3, 1)  # Ban Tuyên giáo + Ban Dân vận Tỉnh ủy (02/2025)
PARTY_MERGER_BASIS = "Kết luận 121-KL/TW và chủ trương hợp nhất Ban Tuyên giáo, Ban Dân vận các cấp (2025)"

PROVINCIAL_DEPARTMENTS = [
    "Văn phòng UBND tỉnh Bắc Kạn",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Ban Dân tộc",
    "Sở Ngoại vụ",
    "Văn phòng Điều phối nông thôn mới",
    "Ban Quản lý các khu công nghiệp",
]
PUBLIC_SERVICE_UNITS = [
    "Đài Phát thanh - Truyền hình Bắc Kạn",
    "Trường Cao đẳng Bắc Kạn",
    "Vườn quốc gia Ba Bể",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh",
    "Trung tâm Xúc tiến đầu tư",
    "Quỹ Đầu tư phát triển",
    "Ban Quản lý Công viên địa chất Non nước Cao Bằng - Ba Bể",
]
ASSOCIATIONS = [
    "Hội Chữ thập đỏ tỉnh",
    "Hội Văn học Nghệ thuật",
    "Hội Nhà báo",
    "Liên hiệp các Hội Khoa học và Kỹ thuật",
    "Hội Luật gia",
    "Hội Người mù",
    "Hội Nạn nhân chất độc da cam/dioxin",
    "Hội Cựu Thanh niên xung phong",
    "Hội Khuyến học",
    "Hội Đông y",
    "Hội Làm vườn",
]
STAFFING_YEAR = 2018
CIVIL_SERVANTS_2018 = 1451
PUBLIC_EMPLOYEES_2018 = 9247

HAMLETS = [
    # (old commune code, kind, name): each hamlet exists under its old commune until 30/6/2025
    # and under the new commune from 1/7/2025, linked by a "transfer" lineage.
    ("01912", Kind.THON, "Nà Săm"),
    ("01912", Kind.THON, "Bản Vàn"),
    ("01912", Kind.THON, "Khuổi Luồm"),
    ("01849", Kind.THON, "Nà Dì"),
    ("01849", Kind.THON, "Nà Chuông"),
    ("01846", Kind.TO_DAN_PHO, "Giao Lâm"),
    ("01846", Kind.TO_DAN_PHO, "Tổ 1"),
    ("01840", Kind.TO_DAN_PHO, "Tổ 9"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    unit_code: str | None
    persona: str


ACCOUNTS = [
    DemoAccount("admin", "Quản trị hệ thống", Role.ADMIN, None, "quản trị hệ thống"),
    DemoAccount(
        "tinh.tgdv", "Hoàng Thị Lộc", Role.SUPERVISOR, "19", "Ban Tuyên giáo và Dân vận Tỉnh ủy (giám sát, cấp tỉnh)"
    ),
    DemoAccount("tinh.lanhdao", "Lương Văn Đoàn", Role.LEADER, "19", "lãnh đạo cấp tỉnh (công nhận cấp tỉnh)"),
    DemoAccount("tinh.quantri", "Ma Văn Thu", Role.UNIT_ADMIN, "19", "quản trị đơn vị cấp tỉnh"),
    DemoAccount("ducxuan.canbo", "Nông Thị Huế", Role.OFFICER, "01840", "cán bộ phường Đức Xuân (xã A)"),
    DemoAccount("ducxuan.lanhdao", "Triệu Văn Hưng", Role.LEADER, "01840", "lãnh đạo phường Đức Xuân (xã A)"),
    DemoAccount("ducxuan.tiepdan", "Lý Thị Mai", Role.RECEPTION, "01840", "cán bộ tiếp công dân phường Đức Xuân"),
    DemoAccount("chora.canbo", "Hà Văn Thiên", Role.OFFICER, "01912", "cán bộ xã Chợ Rã (xã B)"),
]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``parts`` positive integers that add up to ``total``, unevenly, as real bodies are."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = total / sum(weights)
    values = [int(w * scale) for w in weights]
    values[0] += total - sum(values)
    return values


def _org(
    unit: Unit,
    name: str,
    kind: str,
    valid_to: datetime.date | None = None,
    valid_from: datetime.date | None = None,
    parent: Organization | None = None,
) -> Organization:
    existing = Organization.objects.filter(unit=unit, name=name).first()
    if existing:
        return existing
    return unit_services.create_organization(
        actor=DEMO, unit=unit, name=name, kind=kind, parent=parent, valid_from=valid_from, valid_to=valid_to
    )


def _hamlet(
    parent: Unit, kind: str, name: str, valid_from: datetime.date | None, valid_to: datetime.date | None
) -> Unit:
    existing = Unit.objects.get_children(parent).filter(kind=kind, short_name=name).first()
    if existing:
        return existing
    return unit_services.create_unit(
        actor=DEMO, parent=parent, kind=kind, short_name=name, valid_from=valid_from, valid_to=valid_to
    )


def _bac_kan_organizations(bac_kan: Unit) -> None:
    rng = random.Random(6)  # the old province code: the same split on every run
    ubnd = _org(bac_kan, "Ủy ban nhân dân tỉnh Bắc Kạn", OrganizationKind.PEOPLES_COMMITTEE, BEFORE)
    _org(bac_kan, "Tỉnh ủy Bắc Kạn", OrganizationKind.PARTY_COMMITTEE, BEFORE)
    _org(bac_kan, "Hội đồng nhân dân tỉnh Bắc Kạn", OrganizationKind.PEOPLES_COUNCIL, BEFORE)
    _org(bac_kan, "Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn", OrganizationKind.FATHERLAND_FRONT, BEFORE)
    bodies: list[Organization] = []
    bodies += [_org(bac_kan, n, OrganizationKind.DEPARTMENT, BEFORE, parent=ubnd) for n in PROVINCIAL_DEPARTMENTS]
    districts = list(Unit.objects.get_children(bac_kan).filter(level="district").order_by("code"))
    bodies += [
        _org(d, f"Ủy ban nhân dân {d.name[0].lower()}{d.name[1:]}", OrganizationKind.PEOPLES_COMMITTEE, BEFORE)
        for d in districts
    ]
    bodies += [
        _org(bac_kan, n, OrganizationKind.PUBLIC_SERVICE_UNIT, BEFORE, parent=ubnd) for n in PUBLIC_SERVICE_UNITS
    ]
    bodies += [_org(bac_kan, n, OrganizationKind.ASSOCIATION, BEFORE) for n in ASSOCIATIONS]
    civil = _split(CIVIL_SERVANTS_2018, len(bodies), rng)
    public = _split(PUBLIC_EMPLOYEES_2018, len(bodies), rng)
    for body, cs, pe in zip(bodies, civil, public, strict=True):
        unit_services.set_staffing(
            actor=DEMO,
            organization=body,
            year=STAFFING_YEAR,
            civil_servants=cs,
            public_employees=pe,
            contract_workers=rng.randint(0, 12),
        )

    # The party boards: Ban Dân vận and Ban Tuyên giáo merged in 2025, then into Thái Nguyên's.
    ban_dv = _org(bac_kan, "Ban Dân vận Tỉnh ủy Bắc Kạn", OrganizationKind.MOBILISATION_BOARD)
    ban_tg = _org(bac_kan, "Ban Tuyên giáo Tỉnh ủy Bắc Kạn", OrganizationKind.OTHER)
    ban_tgdv = _org(
        bac_kan,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Kạn",
        OrganizationKind.PROPAGANDA_MOBILISATION,
        BEFORE,
        valid_from=PARTY_MERGER,
    )
    if ban_dv.valid_to is None:
        unit_services.merge_organizations(
            actor=DEMO,
            predecessors=[ban_dv, ban_tg],
            successor=ban_tgdv,
            effective_date=PARTY_MERGER,
            legal_basis=PARTY_MERGER_BASIS,
        )


def _thai_nguyen_organizations(thai_nguyen: Unit, bac_kan: Unit) -> None:
    ban = _org(
        thai_nguyen,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên",
        OrganizationKind.PROPAGANDA_MOBILISATION,
        valid_from=TWO_TIER_START,
    )
    old_ban = Organization.objects.get(unit=bac_kan, name="Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Kạn")
    if not old_ban.successor_links.exists():
        unit_services.merge_organizations(
            actor=DEMO,
            predecessors=[old_ban],
            successor=ban,
            effective_date=TWO_TIER_START,
            legal_basis="Nghị quyết 202/2025/QH15; hợp nhất Đảng bộ tỉnh Bắc Kạn và Thái Nguyên",
        )
    _org(thai_nguyen, "Tỉnh ủy Thái Nguyên", OrganizationKind.PARTY_COMMITTEE, valid_from=TWO_TIER_START)
    ubnd = _org(
        thai_nguyen, "Ủy ban nhân dân tỉnh Thái Nguyên", OrganizationKind.PEOPLES_COMMITTEE, valid_from=TWO_TIER_START
    )
    _org(
        thai_nguyen,
        "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
        OrganizationKind.FATHERLAND_FRONT,
        valid_from=TWO_TIER_START,
    )
    _org(
        thai_nguyen,
        "Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên",
        OrganizationKind.PUBLIC_SERVICE_CENTRE,
        valid_from=TWO_TIER_START,
        parent=ubnd,
    )
    for code in ("01840", "01912", "01849", "01843"):
        commune = unit_by_code(code)
        short = commune.name[0].lower() + commune.name[1:]
        _org(commune, f"Đảng ủy {short}", OrganizationKind.PARTY_COMMITTEE, valid_from=TWO_TIER_START)
        _org(commune, f"Ủy ban nhân dân {short}", OrganizationKind.PEOPLES_COMMITTEE, valid_from=TWO_TIER_START)
        _org(commune, f"Hội đồng nhân dân {short}", OrganizationKind.PEOPLES_COUNCIL, valid_from=TWO_TIER_START)
        _org(commune, f"Ủy ban MTTQ Việt Nam {short}", OrganizationKind.FATHERLAND_FRONT, valid_from=TWO_TIER_START)


def _hamlets() -> None:
    for old_code, kind, name in HAMLETS:
        old_commune = unit_by_code(old_code, as_of=BEFORE)
        new_commune = old_commune.successor_links.get().successor
        old = _hamlet(old_commune, kind, name, None, BEFORE)
        new = _hamlet(new_commune, kind, name, TWO_TIER_START, None)
        unit_services.add_lineage(
            actor=DEMO,
            predecessor=old,
            successor=new,
            kind=LineageKind.TRANSFER,
            effective_date=TWO_TIER_START,
            legal_basis=f"Chuyển nguyên trạng về {new_commune.name}",
        )


def _accounts() -> list[tuple[DemoAccount, str]]:
    printed = []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user, _ = account_services.create_user(
                actor=DEMO, username=account.username, password=DEMO_PASSWORD, full_name=account.full_name
            )
        else:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        unit = unit_by_code(account.unit_code) if account.unit_code else None
        if not RoleAssignment.objects.filter(user=user, role=account.role, unit=unit).exists():
            account_services.assign_role(
                actor=DEMO, user=user, role=account.role, unit=unit, valid_from=datetime.date(2025, 7, 1)
            )
        printed.append((account, DEMO_PASSWORD))
    return printed


@transaction.atomic
def seed_demo() -> list[tuple[DemoAccount, str]]:
    if not Unit.objects.filter(source_ref__startswith="vn2025:").exists():
        load_national_units()
    bac_kan = unit_by_code("06", as_of=BEFORE)
    thai_nguyen = unit_by_code("19")
    _hamlets()
    _bac_kan_organizations(bac_kan)
    _thai_nguyen_organizations(thai_nguyen, bac_kan)
    accounts = _accounts()
    from danvan.initiatives.demo import seed_initiatives

    seed_initiatives(thai_nguyen, bac_kan, chair=User.objects.get(username="tinh.lanhdao"))
    from danvan.petitions.demo import seed_petitions

    seed_petitions()
    from danvan.onestop.demo import seed_onestop

    seed_onestop()
    from danvan.satisfaction.demo import seed_satisfaction

    seed_satisfaction()
    from danvan.dialogues.demo import seed_dialogues

    seed_dialogues()
    from danvan.democracy.demo import seed_democracy

    seed_democracy()
    from danvan.inspections.demo import seed_inspections

    seed_inspections()
    from danvan.indicators.demo import seed_indicators

    seed_indicators()
    from danvan.reports.demo import seed_reports

    seed_reports()
    return accounts
