"""Demo reception and petitions for phường Đức Xuân and xã Chợ Rã: a year of work that reads like the seeds.

Land and site-clearance disputes, the market relocation, social policy and the
environment; repeat letters, a co-signed letter of a delegation, a sealed
denunciation, an overdue case and a suspended one. Every step goes through the
services with its business date, so every clock is computed as in real use.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from danvan.accounts.access import SystemActor
from danvan.accounts.models import User
from danvan.petitions import services
from danvan.petitions.models import Case, Subject
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

#: The demo acts through the same services as everyone, as an explicit system actor.
DEMO = SystemActor("dữ liệu mẫu")

MATTERS = [
    ("kn", "Đất đai", "Khiếu nại việc thu hồi {n} m² đất vườn để mở rộng đường tổ {t} mà chưa được bồi thường thỏa đáng."),
    ("kn", "Giải phóng mặt bằng, bồi thường, hỗ trợ, tái định cư",
     "Khiếu nại phương án bồi thường, hỗ trợ khi giải phóng mặt bằng dự án khu dân cư tổ {t}."),
    ("kng", "Quy hoạch, xây dựng, di dời chợ",
     "Kiến nghị bố trí lại điểm kinh doanh cho tiểu thương khi di dời chợ cũ sang chợ mới."),
    ("kng", "Chế độ, chính sách", "Kiến nghị xem xét chế độ trợ cấp cho người có công ở tổ {t}."),
    ("pa", "Môi trường", "Phản ánh cơ sở chế biến gỗ gây tiếng ồn, bụi ảnh hưởng các hộ dân tổ {t}."),
    ("pa", "Quy hoạch, xây dựng, di dời chợ", "Phản ánh hàng quán lấn chiếm vỉa hè quanh chợ, gây ùn tắc giờ tan học."),
    ("kn", "Chế độ, chính sách", "Khiếu nại việc không được xét hỗ trợ hộ cận nghèo năm {y}."),
]  # fmt: skip
PEOPLE = ["Hoàng Văn Tuấn", "Nông Thị Lan", "Lục Văn Sáng", "Hà Thị Thoa", "Triệu Văn Khánh", "Bế Thị Hằng",
          "Dương Văn Hải", "Lý Thị Duyên", "Ma Văn Páo", "Đàm Thị Nhung", "Hứa Văn Chiến", "Lương Thị Hoa"]  # fmt: skip
ALL_MET = {"form", "kn_content", "tc_content", "content", "not_handled"}


def _intake(rng: random.Random, day: datetime.date, channel: str, **overrides: object) -> services.Intake:
    kind, subject, text = rng.choice(MATTERS)
    person = rng.choice(PEOPLE)
    data: dict[str, object] = {
        "received_on": day,
        "channel": channel,
        "kind": kind,
        "subject": Subject.objects.get(name=subject),
        "content": text.format(n=rng.randint(3, 30) * 10, t=rng.randint(1, 12), y=day.year),
        "sender_name": person,
        "sender_id_number": f"0060{rng.randint(10**7, 10**8 - 1)}",
        "sender_address": f"Tổ {rng.randint(1, 12)}, phường Đức Xuân",
        "sender_phone": f"09{rng.randint(10**7, 10**8 - 1)}",
        "conditions_met": ALL_MET,
    }
    if channel in ("deputy", "front", "press"):
        data["forwarded_by"] = {"deputy": "Đoàn ĐBQH tỉnh", "front": "Ủy ban MTTQ phường", "press": "Báo Thái Nguyên"}[
            channel
        ]
    data.update(overrides)
    return services.Intake(**data)  # type: ignore[arg-type]


def _resolve(case: Case, rng: random.Random, today: datetime.date, *, leave_open: bool = False) -> None:
    """Classify, accept and decide (or route) with business dates after receipt."""
    if case.status != "received":
        return  # a repeat letter joined a case that is already being handled
    day = case.received_on
    services.classify(actor=DEMO, case=case, on=day)
    letter = case.letters.first()
    if letter is not None and (not letter.eligible or not letter.in_competence):
        route = "transfer" if case.kind in ("tc", "kng", "pa") and not letter.in_competence else "guide"
        services.route(actor=DEMO, case=case, action=route if letter.eligible else "file", on=day)
        return
    services.propose_acceptance(actor=DEMO, case=case, on=min(day + datetime.timedelta(days=1), today))
    accepted = min(day + datetime.timedelta(days=rng.randint(2, 6)), today)
    services.accept(actor=DEMO, case=case, on=accepted)
    if case.kind in ("kn", "tc"):
        services.start_verification(actor=DEMO, case=case, on=accepted)
    if leave_open:
        return
    decided = accepted + datetime.timedelta(days=rng.randint(12, 40))
    if decided > today:
        return  # still within its time: left in progress
    outcome = rng.choice(["right", "partly", "wrong", "wrong"]) if case.kind in ("kn", "tc") else ""
    land = rng.randint(0, 4) * 25 if outcome in ("right", "partly") and "đất" in case.summary else 0
    services.decide(actor=DEMO, case=case, on=decided, outcome=outcome, land=land)
    services.route(actor=DEMO, case=case, action="close", on=decided)


def seed_petitions(count: int = 48) -> int:
    """Sessions, letters and cases over the twelve months before today (once)."""
    if Case.objects.exists():
        return 0
    today = timezone.localdate()
    rng = random.Random(189)
    ward = unit_by_code("01840")
    cho_ra = unit_by_code("01912")
    desk = User.objects.get(username="ducxuan.tiepdan")
    chair = User.objects.get(username="ducxuan.lanhdao")
    start = today - datetime.timedelta(days=365)

    # Periodic sessions of the chairman: weekly before 1/7/2026, twice a month after; a few weeks missed.
    day = start + datetime.timedelta(days=(3 - start.weekday()) % 7)  # Thursdays
    sessions = []
    while day <= today:
        monthly_regime = day >= datetime.date(2026, 7, 1)
        in_rhythm = not monthly_regime or day.day <= 14
        if in_rhythm and rng.random() > 0.12:  # the missed ones show up as warnings
            sessions.append(
                services.record_session(
                    actor=desk, unit=ward, date=day, kind="periodic", leader=chair, leader_role="commune_chair"
                )
            )
        day += datetime.timedelta(days=7)

    made = 0
    for n in range(count):
        received = start + datetime.timedelta(days=int(n * 365 / count) + rng.randint(0, 5))
        received = min(received, today)
        channel = rng.choice(["in_person", "in_person", "post", "box", "deputy", "front", "press", "online"])
        session = next((s for s in sessions if s.date == received), None) if channel == "in_person" else None
        extra: dict[str, object] = {}
        if n % 9 == 4:
            extra = {"in_competence": False, "competent_sector": "Tòa án nhân dân khu vực"}
        if n % 11 == 7:
            extra = {"conditions_met": {"content"}}  # no signature: not eligible, filed with the reason
        letter = services.receive_letter(
            actor=DEMO, unit=ward if n % 4 else cho_ra, intake=_intake(rng, received, channel, **extra), session=session
        )
        assert letter.case is not None
        _resolve(letter.case, rng, today)
        made += 1

    def case_of(unit: Unit, days_ago: int, channel: str, **overrides: object) -> Case:
        received = services.receive_letter(
            actor=DEMO,
            unit=unit,
            intake=_intake(rng, today - datetime.timedelta(days=days_ago), channel, **overrides),
        )
        assert received.case is not None
        return received.case

    land = Subject.objects.get(name="Đất đai")
    market = Subject.objects.get(name="Quy hoạch, xây dựng, di dời chợ")
    # A delegation of seven tiểu thương with one matter, received at the desk.
    crowd = case_of(ward, 75, "in_person", kind="kng", co_signers=7, representatives=2, subject=market,
                   sender_name="Nông Thị Lan (đại diện 7 hộ tiểu thương)",
                   content="Kiến nghị giữ nguyên vị trí ki-ốt của 7 hộ khi di dời chợ cũ.")  # fmt: skip
    _resolve(crowd, rng, today)
    # The same complaint sent again a month later, through a deputy: a duplicate joining its case.
    repeated = {"kind": "kn", "sender_name": "Lục Văn Sáng", "sender_id_number": "006072001234",
                "content": "Khiếu nại việc thu hồi 120 m² đất vườn tổ 5 chưa được bồi thường."}  # fmt: skip
    first = case_of(ward, 120, "post", **repeated)
    case_of(ward, 90, "deputy", **repeated)
    _resolve(first, rng, today)
    # A denunciation: the denouncer's identity is sealed.
    denunciation = case_of(ward, 20, "in_person", kind="tc", subject=Subject.objects.get(name="Tham nhũng, tiêu cực"),
                          content="Tố cáo cán bộ địa chính phường nhận tiền khi làm hồ sơ cấp giấy chứng nhận.")  # fmt: skip
    _resolve(denunciation, rng, today, leave_open=True)
    denunciation.handlers.add(User.objects.get(username="ducxuan.canbo"))
    # An overdue complaint: accepted long ago and not decided.
    overdue = case_of(ward, 80, "post", kind="kn", subject=land, sender_name="Hứa Văn Chiến",
                     content="Khiếu nại quyết định xử phạt về xây dựng nhà trên đất nông nghiệp.")  # fmt: skip
    _resolve(overdue, rng, today, leave_open=True)
    # A suspended complaint awaiting an expert opinion.
    suspended = case_of(cho_ra, 40, "in_person", kind="kn", subject=land, sender_name="Đàm Thị Nhung",
                       content="Khiếu nại việc đo đạc, cấp giấy chứng nhận chồng lấn ranh giới.")  # fmt: skip
    _resolve(suspended, rng, today, leave_open=True)
    services.suspend(actor=DEMO, case=suspended, start=today - datetime.timedelta(days=25),
                     decision_no="12/QĐ-UBND", reason="Chờ kết quả đo đạc của Văn phòng đăng ký đất đai")  # fmt: skip
    return made + 5
