"""Demo data of grassroots democracy in phường Đức Xuân (01840) and xã Chợ Rã (01912), Thái Nguyên.

A year of publications in each commune, walked through the services with the real checks: most on
time, some late, a few posted too briefly; the quarterly lists posted except one quarter in Đức Xuân.
Community decisions: the contributions to the Tổ 9 road (item 1, two thirds, passed and sent), the
Nà Săm hương ước (item 3, passed and recognised by UBND xã), the election of a Ban Thanh tra nhân dân
member in Bản Vàn (item 5, sent, awaiting MTTQ xã's recognition past its due day). A hương ước under
review, a People's Inspection Board in each commune with its members, plan and a finding, and two
consultations. Services only, a seeded random generator; a second run finds the records and stops.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.core.calendar import add_working_days
from danvan.core.selectors import current_calendar
from danvan.democracy import rules, selectors, services
from danvan.democracy.models import Publication
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

DEMO = SystemActor("dữ liệu mẫu")
C = rules.Category
F = rules.Form

#: (category, title, forms) — what a commune publishes over a year.
ITEMS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (C.PLANS, "Kế hoạch phát triển kinh tế - xã hội năm 2026", (F.POSTING, F.PORTAL)),
    (C.BUDGET, "Dự toán ngân sách xã năm 2026", (F.POSTING, F.PORTAL)),
    (C.BUDGET, "Tình hình thực hiện dự toán ngân sách quý", (F.POSTING, F.PORTAL)),
    (C.LAND, "Phương án bồi thường, hỗ trợ giải phóng mặt bằng đường liên thôn", (F.POSTING, F.HAMLET_HEAD)),
    (C.CHARTER, "Quy chế thực hiện dân chủ ở cơ sở", (F.POSTING, F.PORTAL)),
    (C.FUNDS, "Kết quả vận động Quỹ Vì người nghèo", (F.POSTING, F.LOUDSPEAKER)),
    (C.SOCIAL, "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ", (F.POSTING, F.LOUDSPEAKER, F.HAMLET_HEAD)),
    (C.DISASTER, "Danh sách hộ được hỗ trợ khắc phục thiệt hại do bão", (F.POSTING, F.LOUDSPEAKER)),
    (C.CALL_UP, "Danh sách công dân gọi nhập ngũ năm 2026", (F.POSTING, F.LOUDSPEAKER)),
    (C.CONSULTATION, "Kết quả lấy ý kiến về quy hoạch khu dân cư", (F.POSTING, F.LOUDSPEAKER, F.PORTAL)),
    (C.FEES, "Mức thu phí chợ và lệ phí chứng thực", (F.POSTING, F.LOUDSPEAKER)),
    (C.PROCEDURES, "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của xã", (F.POSTING, F.PORTAL)),
)


def _commune(code: str) -> Unit | None:
    try:
        return unit_by_code(code)
    except UnitCodeNotFound:
        return None


def _hamlet(commune: Unit, name: str) -> Unit | None:
    return selectors.hamlets_of(commune).filter(name__icontains=name).first()


def _publications(
    commune: Unit, rng: random.Random, today: datetime.date, skip_quarter: tuple[int, int] | None
) -> None:
    calendar = current_calendar()
    start = today - datetime.timedelta(days=365)
    for n in range(30):
        category, title, forms = ITEMS[n % len(ITEMS)]
        decided = start + datetime.timedelta(days=12 * n + rng.randint(0, 5))
        if decided.weekday() >= 5:
            decided -= datetime.timedelta(days=decided.weekday() - 4)
        # Mostly within the 05 working days; one in six late by one to four working days.
        delay = rng.randint(1, 4) if n % 6 else rng.randint(6, 9)
        published = add_working_days(decided, delay, calendar)
        if published >= today:
            break
        permanent = category in rules.PERMANENT
        length = 30 + rng.randint(0, 10) if n % 7 else rng.randint(18, 28)  # now and then posted too briefly
        posted_to = None if permanent else min(published + datetime.timedelta(days=length - 1), today)
        if (
            posted_to is not None
            and rules.posting_length(published, posted_to) < rules.POSTING_DAYS
            and (posted_to == today)
        ):
            posted_to = None  # still on the board
        services.record_publication(
            actor=DEMO,
            unit=commune,
            category=category,
            title=f"{title} ({published:%m/%Y})" if category in (C.BUDGET, C.FUNDS) else title,
            document_ref=f"{10 + n}/QĐ-UBND",
            decided_on=decided,
            published_on=published,
            forms=list(forms),
            posted_from=published,
            posted_to=posted_to,
            broadcast_days=(3 if n % 5 else 2) if F.LOUDSPEAKER in forms else 0,
        )
    days = list(Publication.objects.filter(unit=commune).values_list("published_on", flat=True))
    for year, quarter in rules.missing_quarter_lists(days, [], today):
        if (year, quarter) == skip_quarter:
            continue
        posted = add_working_days(rules.quarter_end(year, quarter), rng.randint(1, 5), calendar)
        services.post_quarter_list(actor=DEMO, unit=commune, year=year, quarter=quarter, posted_on=posted)


def _decisions(ducxuan: Unit, chora: Unit, today: datetime.date) -> None:
    calendar = current_calendar()
    to9 = _hamlet(ducxuan, "Tổ 9")
    if to9 is not None:
        held = timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=60), datetime.time(19, 30))
        )
        road = services.record_decision(
            actor=DEMO, unit=ducxuan, hamlet=to9, matter=rules.Matter.CONTRIBUTION, way=rules.Way.MEETING,
            content="Chủ trương và mức đóng góp bê tông hóa 450 m đường ngõ tổ 9: 500.000 đồng/hộ, "
            "hộ nghèo được miễn; Nhà nước hỗ trợ xi măng.",
            held_at=held, households=126, present=109, absent=17, participating=109, votes_for=94,
            votes_against=9, votes_blank=6, declared_passed=True,
            decision_text="Thống nhất làm đường, mức đóng góp 500.000 đồng/hộ, hoàn thành trước 30/4.",
            hamlet_head="Hoàng Văn Toàn", mttq_head="Nông Thị Lan", representative_1="Lý Văn Sơn",
            representative_2="Ma Thị Hường",
        )  # fmt: skip
        services.act_on_decision(actor=DEMO, decision=road, action="send",
                                 on=add_working_days(road.held_on, 3, calendar))  # fmt: skip
    nasam = _hamlet(chora, "Nà Săm")
    if nasam is not None:
        held = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=120), datetime.time(8, 0)))
        charter = services.record_decision(
            actor=DEMO, unit=chora, hamlet=nasam, matter=rules.Matter.CONVENTION, way=rules.Way.MEETING,
            content="Sửa đổi hương ước thôn Nà Săm: giữ gìn vệ sinh môi trường, tổ chức việc cưới, việc tang.",
            held_at=held, households=84, present=71, absent=13, participating=71, votes_for=66, votes_against=3,
            votes_blank=2, declared_passed=True, decision_text="Thông qua hương ước sửa đổi, gửi UBND xã công nhận.",
            hamlet_head="Triệu Văn Nhất", mttq_head="Hà Thị Thu", representative_1="Ma Văn Dũng",
            representative_2="Lục Thị Nga",
        )  # fmt: skip
        sent = add_working_days(charter.held_on, 2, calendar)
        services.act_on_decision(actor=DEMO, decision=charter, action="send", on=sent)
        services.act_on_decision(actor=DEMO, decision=charter, action="recognise", on=add_working_days(sent, 4, calendar),
                                 decision_ref="125/QĐ-UBND")  # fmt: skip
    banvan = _hamlet(chora, "Bản Vàn")
    if banvan is not None:
        held = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=25), datetime.time(19, 0)))
        member = services.record_decision(
            actor=DEMO, unit=chora, hamlet=banvan, matter=rules.Matter.BOARDS, way=rules.Way.MEETING,
            content="Bầu bổ sung thành viên Ban Thanh tra nhân dân xã từ thôn Bản Vàn.", held_at=held,
            households=62, present=50, absent=12, participating=50, votes_for=41, votes_against=5, votes_blank=4,
            declared_passed=True, decision_text="Bầu ông Hoàng Văn Khánh.", hamlet_head="Lương Văn Tài",
            mttq_head="Nông Văn Bảo", representative_1="Hoàng Thị Mây", representative_2="Đinh Văn Lâm",
        )  # fmt: skip
        services.act_on_decision(actor=DEMO, decision=member, action="send",
                                 on=add_working_days(member.held_on, 2, calendar))  # fmt: skip


def _boards(commune: Unit, today: datetime.date, names: tuple[str, ...], finding: tuple[str, str, str]) -> None:
    hamlets = list(selectors.hamlets_of(commune))
    if not hamlets:
        return
    board = services.save_board(
        actor=DEMO, unit=commune, term_start=datetime.date(2025, 7, 1), term_end=datetime.date(2030, 6, 30),
        hamlet_term_note="Theo nhiệm kỳ trưởng thôn, tổ trưởng tổ dân phố 2025–2030",
        established_ref="Quyết định công nhận của Ban Thường trực Ủy ban MTTQ xã",
    )  # fmt: skip
    for n, name in enumerate(names):
        role = rules.BoardRole.HEAD if n == 0 else rules.BoardRole.DEPUTY if n == 1 else rules.BoardRole.MEMBER
        services.add_member(actor=DEMO, board=board, name=name, hamlet=hamlets[n % len(hamlets)], role=role,
                            elected_on=datetime.date(2025, 7, 20))  # fmt: skip
    if len(names) >= rules.BOARD_MIN_MEMBERS:
        services.save_board(actor=DEMO, unit=commune, board=board, term_start=board.term_start,
                            term_end=board.term_end, complete=True, hamlet_term_note=board.hamlet_term_note,
                            established_ref=board.established_ref)  # fmt: skip
    services.add_plan(actor=DEMO, board=board, span=rules.PlanSpan.YEAR, year=today.year,
                      content="Giám sát việc thực hiện quy chế dân chủ, công khai ngân sách và các công trình có "
                      "đóng góp của Nhân dân.")  # fmt: skip
    services.record_finding(actor=DEMO, board=board, found_on=today - datetime.timedelta(days=40),
                            subject=finding[0], finding=finding[1], recommendation=finding[2],
                            addressed_to=f"Ủy ban nhân dân {commune.name}")  # fmt: skip


def seed_democracy() -> None:
    """The area's demo records (nothing when they are there already, or the demo communes are not)."""
    ducxuan, chora = _commune("01840"), _commune("01912")
    if ducxuan is None or chora is None or Publication.objects.filter(unit__in=[ducxuan, chora]).exists():
        return
    rng = random.Random(13)
    today = timezone.localdate()
    last = rules.quarter_of(today)
    skipped = (last[0] - 1, 3) if last[1] == 1 else (last[0], last[1] - 1)
    _publications(ducxuan, rng, today, skip_quarter=skipped)
    _publications(chora, rng, today, skip_quarter=None)
    _decisions(ducxuan, chora, today)
    _boards(ducxuan, today, ("Lý Thị Hạnh", "Hoàng Văn Phúc", "Nông Thị Yến", "Ma Văn Quý", "Triệu Thị Duyên"),
            ("Công khai thu, chi quỹ làm đường tổ 9",
             "Bảng tổng hợp thu, chi đóng góp làm đường chưa niêm yết tại nhà văn hóa tổ 9.",
             "Niêm yết công khai thu, chi trong 05 ngày làm việc và gửi Ban Thanh tra nhân dân một bản."))  # fmt: skip
    _boards(
        chora,
        today,
        ("Hà Văn Kiên", "Lục Thị Hoa", "Đàm Văn Sinh", "Ma Thị Xuân", "Hoàng Văn Khánh", "Nông Thị Bích"),
        (
            "Danh sách hộ nghèo được hỗ trợ",
            "Danh sách hộ được hỗ trợ khắc phục bão chỉ phát loa 02 ngày, chưa đủ 03 ngày liên tục.",
            "Phát lại trên hệ thống truyền thanh đủ 03 ngày liên tục; rà soát lại danh sách với trưởng thôn.",
        ),
    )
    nasam = _hamlet(chora, "Nà Săm")
    if nasam is not None:
        services.save_convention(actor=DEMO, unit=chora, hamlet=nasam, kind=rules.ConventionKind.HUONG_UOC,
                                 title="Hương ước thôn Nà Săm", status=rules.ConventionStatus.DRAFT)  # fmt: skip
    khuoi = _hamlet(chora, "Khuổi Luồm")
    if khuoi is not None:
        adopted = datetime.date(2024, 3, 10)
        c = services.save_convention(actor=DEMO, unit=chora, hamlet=khuoi, kind=rules.ConventionKind.HUONG_UOC,
                                     title="Hương ước thôn Khuổi Luồm", status=rules.ConventionStatus.DRAFT)  # fmt: skip
        common = {"kind": c.kind, "title": c.title, "adopted_on": adopted}
        services.save_convention(actor=DEMO, unit=chora, hamlet=khuoi, convention=c, status="adopted", **common)
        recognised = {**common, "recognised_on": datetime.date(2024, 3, 20), "recognition_ref": "48/QĐ-UBND"}
        services.save_convention(actor=DEMO, unit=chora, hamlet=khuoi, convention=c, status="recognised", **recognised)
        services.save_convention(actor=DEMO, unit=chora, hamlet=khuoi, convention=c, status="review",
                                 reviewed_on=today - datetime.timedelta(days=20),
                                 next_review_on=today + datetime.timedelta(days=70),
                                 note="Rà soát theo sắp xếp đơn vị hành chính 2025: cập nhật tên xã.", **recognised)  # fmt: skip
    services.record_consultation(
        actor=DEMO, unit=ducxuan, subject=rules.Subject.LAND_USE, title="Lấy ý kiến về quy hoạch khu dân cư tổ 9",
        forms=[rules.ConsultForm.MEETING, rules.ConsultForm.PORTAL], starts_on=today - datetime.timedelta(days=90),
        ends_on=today - datetime.timedelta(days=60), participants=312, opinions=47,
        results="Đa số đồng ý; 12 ý kiến đề nghị mở rộng đường vào khu dân cư.",
        response="Tiếp thu, điều chỉnh mặt cắt đường lên 7,5 m.", responded_on=today - datetime.timedelta(days=50),
    )  # fmt: skip
    services.record_consultation(
        actor=DEMO, unit=chora, subject=rules.Subject.BOUNDARIES, title="Lấy ý kiến sáp nhập thôn Nà Săm và Bản Vàn",
        forms=[rules.ConsultForm.HOUSEHOLDS], starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=15), participants=146, opinions=146,
        results="138/146 hộ đồng ý (94,52%).",
    )  # fmt: skip
