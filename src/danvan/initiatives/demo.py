"""Demo "Dân vận khéo" models in Thái Nguyên and former Bắc Kạn, reading like the seeds' reports.

A few hundred models over 2024–2026, spread over fields and every status, each
moved through the real services (so every one has its timeline), with
measured results. The seed's own example is there: "Vận động nhân dân hiến
đất làm đường" of ông Triệu Văn Thiên, Bí thư chi bộ thôn Nà Săm (xã Thượng
Giáo, now xã Chợ Rã), with 9.000 m² of land donated.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from danvan.accounts.access import SystemActor
from danvan.accounts.models import User
from danvan.initiatives import rules, services
from danvan.initiatives.models import Criterion, Field, Initiative, Metric
from danvan.units.models import Unit
from danvan.units.rules import Level

#: The demo acts through the same services as everyone, as an explicit system actor.
DEMO = SystemActor("dữ liệu mẫu")

#: (field, sub-field, model names) — the seeds' fields and the shapes of their models.
CATALOGUE: list[tuple[str, str, list[str]]] = [
    ("Kinh tế", "Xây dựng nông thôn mới, đô thị văn minh", [
        "Vận động nhân dân hiến đất mở rộng đường thôn",
        "Nhân dân làm, Nhà nước hỗ trợ bê tông hóa đường nội đồng",
        "Tuyến đường hoa, đường sáng, xanh, sạch, đẹp",
        "Dân vận khéo trong xây dựng thôn nông thôn mới kiểu mẫu",
        "Vận động làm nhà vệ sinh hợp vệ sinh",
        "Tổ dân phố văn minh, sạch đẹp",
    ]),
    ("Kinh tế", "Giảm nghèo, phát triển sản xuất", [
        "Trồng chanh leo liên kết tiêu thụ sản phẩm",
        "Phát triển rau sạch theo chuỗi giá trị",
        "Hội viên giúp nhau thoát nghèo",
        "Tổ hợp tác chăn nuôi lợn đen bản địa",
        "Trồng quế, hồi gắn với bảo vệ rừng",
        "Chuyển đổi cây trồng có giá trị kinh tế cao",
    ]),
    ("Kinh tế", "Kinh tế tập thể, hợp tác xã", [
        "Hợp tác xã miến dong liên kết hộ nghèo",
        "Hợp tác xã chè an toàn",
    ]),
    ("Văn hóa – xã hội", "Bảo vệ môi trường", [
        "Phân loại rác thải tại nguồn",
        "Ngày Chủ nhật xanh",
        "Biến rác thải thành phân bón hữu cơ",
    ]),
    ("Văn hóa – xã hội", "Xây dựng đời sống văn hóa", [
        "Gìn giữ hát then, đàn tính",
        "Thực hiện nếp sống văn minh trong việc cưới, việc tang",
    ]),
    ("Văn hóa – xã hội", "An sinh xã hội", [
        "Mái ấm tình thương cho hộ khó khăn",
        "Nồi cháo tình thương",
    ]),
    ("Văn hóa – xã hội", "Dân tộc – tôn giáo", ["Người có uy tín với công tác dân vận ở vùng đồng bào dân tộc"]),
    ("Quốc phòng – an ninh", "An ninh trật tự cơ sở", [
        "Camera an ninh thôn, tổ dân phố",
        "Tổ tự quản về an ninh trật tự",
        "Dòng họ không có người vi phạm pháp luật",
    ]),
    ("Xây dựng hệ thống chính trị", "Cải cách hành chính và chuyển đổi số", [
        "Bộ phận một cửa thân thiện, vì nhân dân phục vụ",
        "Tổ công nghệ số cộng đồng hướng dẫn dịch vụ công trực tuyến",
        "Nâng cao chỉ số hài lòng của người dân",
        "Cán bộ đi từng ngõ, gõ từng nhà hướng dẫn cài đặt định danh điện tử",
    ]),
    ("Xây dựng hệ thống chính trị", "Dân vận chính quyền", [
        "Lãnh đạo xã đối thoại với nhân dân hằng quý",
        "Nâng cao tinh thần, thái độ phục vụ nhân dân của cán bộ",
    ]),
    ("Xây dựng hệ thống chính trị", "Mặt trận và đoàn thể", [
        "Chi hội phụ nữ không sinh con thứ ba",
        "Đoàn viên thanh niên giúp đỡ người cao tuổi",
        "Cựu chiến binh gương mẫu",
    ]),
]  # fmt: skip

OWNERS = [
    "Chi bộ thôn",
    "Ban công tác Mặt trận",
    "Chi hội Phụ nữ",
    "Chi đoàn",
    "Chi hội Nông dân",
    "Chi hội Cựu chiến binh",
]
FAMILIES = ["Hoàng", "Nông", "Lục", "Hà", "Ma", "Triệu", "Lương", "Đàm", "Bế", "Dương", "Hứa", "Lý"]
GIVEN = ["Văn Thịnh", "Thị Duyên", "Văn Páo", "Thị Nhung", "Văn Chiến", "Thị Hằng", "Đức Tuấn", "Thị Lan",
         "Văn Khánh", "Minh Hải", "Thị Thoa", "Văn Sáng"]  # fmt: skip
POSITIONS = ["Trưởng thôn", "Bí thư chi bộ", "Chi hội trưởng Chi hội Phụ nữ", "Người có uy tín",
             "Công chức Văn phòng – Thống kê", "Trưởng ban công tác Mặt trận"]  # fmt: skip

#: Share of each final status (the seeds: of 2.707 registered, about 1.100 recognised and 274 exemplary).
STATUS_WEIGHTS: list[tuple[str, int]] = [
    ("registered", 8), ("launched", 8), ("in_progress", 22), ("proposed", 5), ("under_review", 4),
    ("recognised", 24), ("not_recognised", 3), ("exemplary", 10), ("commended", 8), ("replicated", 5),
    ("discontinued", 3),
]  # fmt: skip
PATH = ["registered", "launched", "in_progress", "proposed", "under_review", "recognised", "exemplary", "commended",
        "replicated"]  # fmt: skip


#: The suffix of a recognition decision's number: Tỉnh ủy, Huyện ủy, Đảng ủy.
SIGNERS = {"tinh": "TU", "huyen": "HU", "co_so": "ĐU"}


def _day(year: int, month: int, day: int, cap: datetime.date) -> datetime.date:
    return min(datetime.date(year, month, day), cap)


def _walk(initiative: Initiative, status: str, chair: User, rng: random.Random, today: datetime.date) -> None:
    """Move the model through the services to ``status`` with plausible dates in its year."""
    year = initiative.year
    target = {"not_recognised": "under_review", "discontinued": "in_progress"}.get(status, status)
    steps = PATH[: PATH.index(target) + 1]
    registered = _day(year, 1, rng.randint(10, 28), today)
    recognition = _day(year, rng.randint(9, 11), rng.randint(1, 28), today)
    recognition = max(recognition, registered)
    criteria = list(Criterion.objects.filter(active=True))
    before_reform = recognition <= datetime.date(2025, 6, 30)
    launched = registered
    for step in steps:
        if step == "registered":
            services.register_initiative(actor=DEMO, initiative=initiative, on=registered)
        elif step == "launched":
            launched = _day(year, 2, rng.randint(1, 28), today)
            services.launch(actor=DEMO, initiative=initiative, on=launched)
        elif step == "in_progress":
            # Followed from three weeks after the launch (no draw of its own: the demo stays the same).
            tracked = min(launched + datetime.timedelta(days=21), today) if "launched" in steps else today
            services.start_tracking(actor=DEMO, initiative=initiative, on=tracked)
        elif step == "proposed":
            services.propose(actor=DEMO, initiative=initiative, on=_day(year, 8, rng.randint(1, 28), today))
        elif step == "under_review":
            review = services.open_review(
                actor=DEMO, initiative=initiative, chair=chair, members=[], on=_day(year, 9, 1, today)
            )
            low = 4 if status == "not_recognised" else 7
            services.score(
                actor=chair,
                review=review,
                marks={c.pk: (Decimal(rng.randint(low * 2, min(20, low * 2 + 5))) / 2, "") for c in criteria},
            )
        elif step == "recognised":
            level = rng.choice(["co_so", "co_so", "co_so", "huyen" if before_reform else "tinh"])
            issuer = {
                "co_so": f"Đảng ủy {initiative.unit.name if initiative.unit.level == Level.COMMUNE else 'xã'}",
                "huyen": "Ban Thường vụ Huyện ủy",
                "tinh": "Ban Thường vụ Tỉnh ủy",
            }[level]
            services.recognise(
                actor=DEMO,
                initiative=initiative,
                level=level,
                decision_no=f"{rng.randint(10, 480)}-QĐ/{SIGNERS[level]}",
                decided_on=recognition,
                issuer=issuer,
            )
        elif step == "exemplary":
            services.make_exemplary(actor=DEMO, initiative=initiative, on=recognition)
        elif step == "commended":
            form = rng.choice(["giay_khen", "giay_khen", "bang_khen"])
            services.commend(
                actor=DEMO,
                initiative=initiative,
                form=form,
                issuer_type=rng.choice(["state", "party", "front"]),
                issuer="Chủ tịch UBND tỉnh" if form == "bang_khen" else "Chủ tịch UBND xã",
                decision_no=f"{rng.randint(100, 2900)}/QĐ-UBND",
                decided_on=recognition,
            )
        elif step == "replicated":
            parent = Unit.objects.get_parent(initiative.unit)
            siblings = [u for u in Unit.objects.get_children(parent) if u.pk != initiative.unit_id] if parent else []
            if siblings:
                services.replicate(
                    actor=DEMO, initiative=initiative, units=rng.sample(siblings, min(2, len(siblings))), on=recognition
                )
    if status == "not_recognised":
        services.reject(
            actor=DEMO,
            initiative=initiative,
            level="co_so",
            reason="Kết quả chưa rõ, chưa đủ thời gian thực hiện 1 năm.",
        )
    elif status == "discontinued":
        services.discontinue(
            actor=DEMO, initiative=initiative, reason="Chủ thể chuyển công tác, thôn sáp nhập.", on=registered
        )


def _report(initiative: Initiative, rng: random.Random, metrics: dict[str, Metric], today: datetime.date) -> None:
    """A half-year report with results fitting the model's field."""
    end = datetime.date(initiative.year, 6, 30)
    if end > today or initiative.status not in rules.ACTIVE_STATUSES:
        return
    values = [services.MeasuredValue(metrics["Lượt người tham gia"], rng.randint(40, 600))]
    sub = initiative.subfield.name if initiative.subfield else ""
    if "nông thôn mới" in sub:
        values += [
            services.MeasuredValue(metrics["Diện tích đất hiến"], rng.randint(2, 60) * 50),
            services.MeasuredValue(metrics["Ngày công lao động"], rng.randint(50, 900)),
            services.MeasuredValue(metrics["Đường giao thông làm mới, cứng hóa"], Decimal(rng.randint(2, 40)) / 10),
            services.MeasuredValue(metrics["Kinh phí nhân dân đóng góp"], rng.randint(5, 400) * 1_000_000),
        ]
    elif "Giảm nghèo" in sub or "hợp tác xã" in sub:
        values.append(services.MeasuredValue(metrics["Hộ thoát nghèo"], rng.randint(1, 25)))
    elif "môi trường" in sub:
        values.append(services.MeasuredValue(metrics["Cây xanh trồng mới"], rng.randint(100, 3000)))
    services.add_progress_report(
        actor=DEMO,
        initiative=initiative,
        kind="half",
        period_start=datetime.date(initiative.year, 1, 1),
        period_end=end,
        summary="Sơ kết 6 tháng: mô hình duy trì đều, được nhân dân đồng tình hưởng ứng.",
        values=values,
    )


def _na_sam(chair: User, metrics: dict[str, Metric], today: datetime.date) -> None:
    """The seed's example, under thôn Nà Săm of the old xã Thượng Giáo (now xã Chợ Rã)."""
    thuong_giao = Unit.objects.get(code="01912", valid_to__isnull=False)
    na_sam = Unit.objects.get_children(thuong_giao).get(short_name="Nà Săm")
    field = Field.objects.get(parent=None, name="Kinh tế")
    initiative = services.create_initiative(
        actor=DEMO,
        unit=na_sam,
        data=services.Registration(
            name="Vận động nhân dân hiến đất làm đường",
            field=field,
            subfield=Field.objects.get(parent=field, name="Xây dựng nông thôn mới, đô thị văn minh"),
            year=2024,
            kind=Initiative.Kind.EXEMPLAR,
            owner_name="Ông Triệu Văn Thiên",
            owner_position="Bí thư chi bộ, công an viên thôn Nà Săm",
            owner_organization="Chi bộ thôn Nà Săm, xã Thượng Giáo, huyện Ba Bể",
            problem="Đường vào thôn hẹp, mùa mưa lầy lội, xe chở nông sản không vào được.",
            goals="Mở rộng đường thôn lên 5 m; 100% hộ có đất giáp đường đồng thuận hiến đất.",
            content="Chi bộ họp bàn, đảng viên gương mẫu hiến đất trước; đến từng nhà vận động; "
            "“Nhân dân làm, Nhà nước hỗ trợ” xi măng.",
            area_people="Thôn Nà Săm, 86 hộ.",
            forces="Chi bộ, Ban công tác Mặt trận, trưởng thôn, các chi hội.",
            resources="Đất do nhân dân hiến; ngày công lao động; xi măng do Nhà nước hỗ trợ.",
            outputs="Đường thôn mở rộng, bê tông hóa.",
            sustainability="Cách làm đã được các thôn trong xã học tập.",
            start_date=datetime.date(2024, 1, 15),
        ),
    )
    _walk(initiative, "exemplary", chair, random.Random(9000), today)
    services.add_progress_report(
        actor=DEMO,
        initiative=initiative,
        kind="annual",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        summary="Nhân dân trong thôn hiến hơn 9.000 m² đất để làm đường.",
        values=[
            services.MeasuredValue(metrics["Diện tích đất hiến"], "9.000", "m²"),
            services.MeasuredValue(metrics["Ngày công lao động"], 1200),
            services.MeasuredValue(metrics["Đường giao thông làm mới, cứng hóa"], "2,5", "km"),
        ],
    )
    services.publish(
        actor=DEMO,
        initiative=initiative,
        summary="Ông Triệu Văn Thiên, Bí thư chi bộ thôn Nà Săm, đã vận động nhân dân trong thôn hiến hơn "
        "9.000 m² đất để làm đường, theo phương châm “Nhân dân làm, Nhà nước hỗ trợ”.",
    )


def seed_initiatives(thai_nguyen: Unit, bac_kan: Unit, chair: User, count: int = 320) -> int:
    """Create the demo models once (nothing is added when models already exist)."""
    if Initiative.objects.exists():
        return 0
    today = timezone.localdate()
    rng = random.Random(2026)
    metrics = {m.name: m for m in Metric.objects.all()}
    fields = {(f.parent.name if f.parent else "", f.name): f for f in Field.objects.select_related("parent")}
    communes_now = list(Unit.objects.get_children(thai_nguyen).valid_on(today).order_by("code"))
    bac_kan_communes = list(Unit.objects.filter(path__startswith=bac_kan.path, level=Level.COMMUNE).order_by("code"))
    _na_sam(chair, metrics, today)
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    used: set[tuple[int, int, str]] = set()
    created = 1
    while created < count:
        year = rng.choice([2024, 2025, 2025, 2026, 2026, 2026])
        # Before the reform the model belongs to a commune of Bắc Kạn; after it, to today's Thái Nguyên.
        unit = rng.choice(bac_kan_communes if year == 2024 else communes_now)
        field_name, sub_name, names = rng.choice(CATALOGUE)
        base = rng.choice(names)
        individual = rng.random() < 0.2
        if individual:
            owner, position = f"{rng.choice(FAMILIES)} {rng.choice(GIVEN)}", rng.choice(POSITIONS)
        else:
            owner, position = f"{rng.choice(OWNERS)} {unit.short_name}", ""
        name = base if not individual else f"{owner}: {base[0].lower()}{base[1:]}"
        if (unit.pk, year, name) in used:
            continue
        used.add((unit.pk, year, name))
        status = rng.choice(statuses)
        if year == today.year and status in ("exemplary", "commended", "replicated") and rng.random() < 0.3:
            status = "recognised"
        initiative = services.create_initiative(
            actor=DEMO,
            unit=unit,
            data=services.Registration(
                name=name,
                field=fields[("", field_name)],
                subfield=fields[(field_name, sub_name)],
                year=year,
                kind=Initiative.Kind.EXEMPLAR if individual else Initiative.Kind.MODEL,
                owner_name=owner,
                owner_position=position,
                problem="Xuất phát từ nhu cầu thực tế của nhân dân trên địa bàn.",
                goals="Có kết quả cụ thể, đo đếm được; được nhân dân đồng tình.",
                content="Tuyên truyền, vận động; cán bộ, đảng viên gương mẫu đi đầu.",
                start_date=datetime.date(year, 1, 15),
            ),
        )
        _walk(initiative, status, chair, rng, today)
        _report(initiative, rng, metrics, today)
        if initiative.is_recognised and rng.random() < 0.4:
            services.publish(actor=DEMO, initiative=initiative, summary=f"{initiative.name} — {initiative.owner_name}.")
        created += 1
    return created
