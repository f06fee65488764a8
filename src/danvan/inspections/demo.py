"""Demo data of inspections: the Huyền Tụng ward inspection of the seeds, on today's tree.

The article (seeds/004): "Đoàn kiểm tra Quy chế dân chủ cơ sở, phong trào Dân vận khéo thành phố Bắc Kạn do
đồng chí Nguyễn Thị Huế – Phó Chủ tịch UBND thành phố làm Trưởng đoàn" checked phường Huyền Tụng on 14/9: the
grassroots-democracy rules and the "Dân vận khéo" models, "06 mô hình Dân vận khéo. Trong đó, có 03 mô hình
được biểu dương, khen thưởng", the models at tổ Giao Lâm and Tổng Nẻng, and left recommendations (review the
quy ước, hương ước; review and replicate the models; farms and clean vegetables…).

On the demo tree: phường Huyền Tụng (01846) was merged on 01/07/2025 into today's phường Đức Xuân (01840), and
thành phố Bắc Kạn (a district-level unit) no longer exists, so the plan is the provincial Ban Tuyên giáo và
Dân vận's (Tỉnh ủy Thái Nguyên) for 2026, visiting Đức Xuân (the successor of Huyền Tụng) and xã Chợ Rã; the
team head keeps the name and position the article gives. Its recommendations are in several states: one
carried out with evidence, one overdue, one in progress, one within time; and a second plan is a draft.
Services only, a seeded RNG for the figures that are not in the article, idempotent.
"""

from __future__ import annotations

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.access import SystemActor
from danvan.accounts.models import User
from danvan.inspections import services
from danvan.inspections.models import Plan
from danvan.units.models import Organization, Unit
from danvan.units.selectors import unit_by_code

DEMO = SystemActor("dữ liệu mẫu")
NUMBER = "15-KH/BTGDVTU"

CHECKED = [
    "Việc ban hành, thực hiện kế hoạch thực hiện dân chủ ở cơ sở (Luật Thực hiện dân chủ ở cơ sở 2022)",
    "Việc công khai thông tin theo tinh thần “Dân biết, dân bàn, dân làm, dân kiểm tra”",
    "Cải cách hành chính, dịch vụ công trực tuyến và cơ chế một cửa",
    "Phong trào thi đua “Dân vận khéo”: đăng ký, xây dựng và khen thưởng mô hình",
]
STRENGTHS = (
    "Phường đã ban hành các kế hoạch về thực hiện dân chủ ở cơ sở tại đơn vị, nâng cao nhận thức cho cán bộ, "
    "đảng viên, công chức, viên chức và nhân dân về thực hiện dân chủ và thực hành dân chủ. Các chủ trương, "
    "chính sách, pháp luật của Đảng và Nhà nước, các kế hoạch phát triển kinh tế - xã hội, dự án đầu tư xây dựng "
    "cơ sở hạ tầng kỹ thuật đều được công khai theo tinh thần “Dân biết, dân bàn, dân làm, dân kiểm tra”; vai "
    "trò giám sát của nhân dân được nêu cao.\n\n"
    "Phong trào “Dân vận khéo” tiếp tục được quan tâm chỉ đạo, hướng dẫn, vận động, tổ chức thực hiện: các tổ "
    "dân phố, tổ chức trên địa bàn đăng ký xây dựng 06 mô hình “Dân vận khéo”, trong đó 03 mô hình được biểu "
    "dương, khen thưởng."
)
WEAKNESSES = (
    "Một số quy ước, hương ước tại các tổ dân phố chưa được rà soát, bổ sung nội dung mới cho phù hợp với tình "
    "hình hiện nay. Việc đánh giá, nhân rộng các mô hình “Dân vận khéo” còn chậm; tỷ lệ dịch vụ công trực tuyến "
    "mức độ 3 mới đạt 50%."
)


def _pdf(title: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile("bao-cao-ket-qua.pdf", body.encode("ascii", "ignore"), content_type="application/pdf")


def seed_inspections() -> None:
    """The area's demo records (none if they are there already, or if the demo tree is missing)."""
    if Plan.objects.filter(number=NUMBER).exists():
        return
    try:
        province = unit_by_code("19")
        duc_xuan = unit_by_code("01840")
        cho_ra = unit_by_code("01912")
    except LookupError:
        return
    rng = random.Random(1846)  # the code of phường Huyền Tụng
    ban = Organization.objects.filter(unit=province, kind="ban_tgdv").first()
    plan = services.save_plan(
        actor=DEMO,
        body=ban,
        unit=None if ban else province,
        body_name="" if ban else "Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên",
        parent_body_name="Tỉnh ủy Thái Nguyên",
        number=NUMBER,
        plan_date=datetime.date(2026, 9, 1),
        title="Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở và phong trào thi đua “Dân vận khéo” năm 2026",
        scopes=["democracy", "skilful"],
        purpose="Đánh giá kết quả thực hiện dân chủ ở cơ sở và phong trào thi đua “Dân vận khéo”; kịp thời "
        "tháo gỡ khó khăn, vướng mắc, nhân rộng các mô hình hay, cách làm hiệu quả.",
        start_on=datetime.date(2026, 9, 10),
        end_on=datetime.date(2026, 9, 30),
        place="Thái Nguyên",
        units=[duc_xuan, cho_ra],
        recipients="Thường trực Tỉnh ủy (để báo cáo)\nĐảng ủy, UBND phường Đức Xuân\nĐảng ủy, UBND xã Chợ Rã\nLưu: VT",
    )
    lanh_dao = User.objects.filter(username="tinh.lanhdao").first()
    loc = User.objects.filter(username="tinh.tgdv").first()
    members = [services.Member("Nguyễn Thị Huế", "Phó Chủ tịch UBND thành phố Bắc Kạn", "head")]
    if loc is not None:
        members.append(services.Member("", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy", "member", loc))
    members.append(services.Member("Hoàng Văn Nam", "Chuyên viên Ủy ban MTTQ Việt Nam tỉnh", "secretary"))
    services.set_team(actor=DEMO, plan=plan, members=members)
    services.act_plan(actor=lanh_dao or DEMO, plan=plan, action="approve", on=datetime.date(2026, 9, 5))

    visit = services.record_visit(
        actor=DEMO, plan=plan, unit=duc_xuan, visited_on=datetime.date(2026, 9, 14), checked=CHECKED,
        places="tổ Giao Lâm, tổ Tổng Nẻng (địa bàn phường Huyền Tụng cũ)", strengths=STRENGTHS,
        weaknesses=WEAKNESSES,
        figures=[
            services.Noted("Mô hình “Dân vận khéo” đăng ký xây dựng", 6, "mô hình"),
            services.Noted("Mô hình được biểu dương, khen thưởng", 3, "mô hình"),
            services.Noted("Dịch vụ công trực tuyến mức độ 3 thực hiện đạt", 50, "%"),
            services.Noted("Thủ tục hành chính giải quyết theo cơ chế một cửa", 100, "%"),
        ],
    )  # fmt: skip
    registered = rng.randint(3, 5)
    visit_b = services.record_visit(
        actor=DEMO, plan=plan, unit=cho_ra, visited_on=datetime.date(2026, 9, 22),
        checked=["Việc niêm yết, công khai thông tin tại trụ sở UBND xã và nhà văn hóa thôn",
                 "Phong trào thi đua “Dân vận khéo”"],
        places="thôn Nà Săm, thôn Bản Vàn",
        strengths=f"Xã duy trì niêm yết công khai tại trụ sở và các nhà văn hóa thôn; {registered:02d} mô hình "
        "“Dân vận khéo” được đăng ký, gắn với phát triển du lịch cộng đồng quanh hồ Ba Bể.",
        weaknesses="Sổ theo dõi việc công khai chưa ghi đủ thời gian niêm yết.",
        figures=[services.Noted("Mô hình “Dân vận khéo” đăng ký xây dựng", registered, "mô hình")],
    )  # fmt: skip
    officer = User.objects.filter(username="ducxuan.canbo").first()
    officer_b = User.objects.filter(username="chora.canbo").first()
    ubnd = "Ủy ban nhân dân phường Đức Xuân"
    done = services.add_recommendation(
        actor=DEMO, plan=plan, visit=visit, responsible=ubnd, due_on=datetime.date(2026, 11, 30), officer=officer,
        content="Rà soát việc thực hiện các quy ước, hương ước tại các tổ dân phố, bổ sung những nội dung mới cho "
        "phù hợp với tình hình hiện nay.",
    )  # fmt: skip
    overdue = services.add_recommendation(
        actor=DEMO, plan=plan, visit=visit, responsible="Ủy ban MTTQ Việt Nam phường Đức Xuân",
        due_on=datetime.date(2026, 11, 15), officer=officer,
        content="Rà soát, kiểm tra, đánh giá và nhân rộng các mô hình “Dân vận khéo” trên địa bàn phường.",
    )  # fmt: skip
    going = services.add_recommendation(
        actor=DEMO, plan=plan, visit=visit, responsible=ubnd, due_on=datetime.date(2026, 12, 31), officer=officer,
        content="Tuyên truyền, vận động nhân dân phát triển các mô hình trang trại, gia trại, rau sạch, cây trồng có "
        "giá trị kinh tế cao; rà soát hộ nghèo, hộ cận nghèo theo quy định mới.",
    )  # fmt: skip
    services.add_recommendation(
        actor=DEMO, plan=plan, visit=visit_b, responsible="Ủy ban nhân dân xã Chợ Rã", officer=officer_b,
        due_on=datetime.date(2027, 1, 15),
        content="Ghi đầy đủ thời gian niêm yết vào sổ theo dõi việc công khai thông tin.",
    )  # fmt: skip
    services.act_plan(
        actor=lanh_dao or DEMO, plan=plan, action="conclude", number="27-TB/BTGDVTU", on=datetime.date(2026, 9, 25),
        summary="Các đơn vị được kiểm tra đã quan tâm lãnh đạo, chỉ đạo thực hiện dân chủ ở cơ sở và phong trào "
        "thi đua “Dân vận khéo”; cần khắc phục các hạn chế nêu trên và thực hiện các kiến nghị đúng thời hạn.",
        signer_name="Nguyễn Thị Huế",
    )  # fmt: skip
    actor = officer or DEMO
    services.act_recommendation(actor=actor, recommendation=done, action="start", note="Giao các tổ dân phố rà soát")
    services.close_recommendation(
        actor=actor, recommendation=done, on=datetime.date(2026, 11, 20), document_no="125/BC-UBND",
        note="17/17 tổ dân phố đã rà soát quy ước; 05 quy ước được sửa đổi, bổ sung và trình công nhận.",
        files=[_pdf("Bao cao ket qua ra soat quy uoc")],
    )  # fmt: skip
    services.act_recommendation(actor=actor, recommendation=going, action="start", note="Đã xây dựng kế hoạch")
    assert overdue.status == "open"

    # A second plan of the commune's party committee, still a draft.
    dang_uy = Organization.objects.filter(unit=cho_ra, kind="dang_uy").first()
    hamlets = list(Unit.objects.get_children(cho_ra).order_by("path")[:2])
    if dang_uy is not None and hamlets:
        services.save_plan(
            actor=DEMO, body=dang_uy, number="08-KH/ĐU", plan_date=datetime.date(2026, 11, 25),
            title="Giám sát việc thực hiện quy ước, hương ước tại các thôn", scopes=["democracy"],
            start_on=datetime.date(2026, 12, 7), end_on=datetime.date(2026, 12, 18), units=hamlets, place="Chợ Rã",
        )  # fmt: skip
