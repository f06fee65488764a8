"""Demo data of the area: the Đông Khê market relocation as a campaign, and dialogues and voter contacts in
the demo communes with commitments in every state.

The relocation is told by the seed article (Thạch An, Cao Bằng, 9/6/2023): the new Đông Khê market was
finished early in 2018, traders opposed the move, "7 tổ công tác" campaigned and dialogues were held, and by
11/2018 every trader had moved. It is recorded on thị trấn Đông Khê as it was then (01786, now xã Đông Khê
of Cao Bằng). Phường Đức Xuân (01840) and xã Chợ Rã (01912) of Thái Nguyên hold this year's meetings.
Built through the services only, as the demo's system actor, with a seeded RNG.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from danvan.accounts.access import SystemActor
from danvan.dialogues import rules, services
from danvan.dialogues.models import Campaign, Meeting
from danvan.units.models import Organization, Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

DEMO = SystemActor("dữ liệu mẫu")
G, F = rules.Group, rules.Field
D = datetime.date


def _unit(code: str, as_of: datetime.date | None = None) -> Unit | None:
    try:
        return unit_by_code(code, as_of=as_of)
    except UnitCodeNotFound:
        return None


def _org(unit: Unit, starts: str) -> Organization | None:
    return Organization.objects.filter(unit=unit, name__startswith=starts).first()


def _dong_khe() -> None:
    township = _unit("01786", as_of=D(2018, 6, 1))
    if township is None:
        return
    groups = [
        services.GroupIn(name=f"Tổ công tác số {n}", leader=leader, members=members, tasks=tasks, households=households)
        for n, (leader, members, tasks, households) in enumerate([
            ("Nông Cao Thế, Chủ tịch UBND thị trấn", "Công an thị trấn; Ban quản lý chợ", "Vận động các hộ kinh doanh dãy ki-ốt A", 22),
            ("Phó Chủ tịch UBND thị trấn", "Hội Phụ nữ; tổ dân phố 1", "Vận động tiểu thương bán hàng khô", 20),
            ("Chủ tịch Ủy ban MTTQ thị trấn", "Hội Cựu chiến binh; tổ dân phố 2", "Vận động tiểu thương ngành hàng ăn uống", 18),
            ("Bí thư Đoàn thanh niên", "Đoàn viên thanh niên", "Hỗ trợ di dời hàng hóa, đồ dùng", 16),
            ("Chủ tịch Hội Phụ nữ", "Chi hội phụ nữ tổ 3, tổ 4", "Vận động tiểu thương bán rau, thực phẩm tươi sống", 18),
            ("Chủ tịch Hội Nông dân", "Hội Nông dân; tổ dân phố 5", "Vận động người bán nông sản từ các xã lân cận", 14),
            ("Trưởng Ban Quản lý chợ", "Ban quản lý chợ; công chức địa chính", "Bố trí, bốc thăm vị trí kinh doanh tại chợ mới", 12),
        ], start=1)
    ]  # fmt: skip
    campaign = services.create_campaign(
        actor=DEMO, unit=township, name="Di dời chợ Đông Khê cũ sang chợ Đông Khê mới",
        goal=("Vận động người dân và tiểu thương đang kinh doanh tại chợ Đông Khê cũ chủ động di dời sang chợ mới, "
              "để giải phóng mặt bằng chợ cũ phục vụ xây dựng công trình phúc lợi công cộng."),
        households_target=120, planned_start=D(2018, 6, 1), groups=groups,
    )  # fmt: skip
    services.act_campaign(actor=DEMO, campaign=campaign, action="start", on=D(2018, 6, 4),
                          note="Huyện và thị trấn thành lập 7 tổ công tác")  # fmt: skip
    dialogue = services.plan_meeting(
        actor=DEMO, unit=township, kind=rules.MeetingKind.DIALOGUE, topic="Đối thoại với tiểu thương về việc di dời chợ",
        planned_on=D(2018, 6, 20), place="Hội trường UBND thị trấn Đông Khê", host_name="Nông Cao Thế",
        host_position="Chủ tịch UBND thị trấn Đông Khê", invited_groups=[G.TRADERS, G.HOUSEHOLDS], campaign=campaign,
    )  # fmt: skip
    services.record_meeting(
        actor=DEMO, meeting=dialogue, held_on=D(2018, 6, 20), attendance={G.TRADERS: 86, G.HOUSEHOLDS: 24},
        summary="Tiểu thương lo chợ mới vắng khách; lãnh đạo lắng nghe, giải đáp và kết luận các việc cần làm.",
        issues=[
            rules.IssueIn("Lo chuyển sang chợ mới kinh doanh không có khách.", F.ECONOMY, raised_by_group=G.TRADERS,
                          answer="Thị trấn sẽ chuyển bến xe khách và điểm đỗ xe về cạnh chợ mới."),
            rules.IssueIn("Đề nghị miễn phí thuê ki-ốt những tháng đầu.", F.ECONOMY, raised_by_group=G.TRADERS,
                          answer="Miễn 6 tháng phí thuê ki-ốt đầu tiên."),
            rules.IssueIn("Cần hỗ trợ chi phí vận chuyển hàng hóa.", F.SOCIAL, raised_by_group=G.TRADERS),
        ],
        commitments=[
            services.CommitmentIn("Miễn phí thuê ki-ốt 6 tháng đầu cho các hộ di dời đúng kế hoạch.", D(2018, 8, 31),
                                  responsible_text="UBND thị trấn Đông Khê", responsible_person="Nông Cao Thế",
                                  to_whom="Tiểu thương chợ Đông Khê cũ", issue=2),
            services.CommitmentIn("Huy động lực lượng hỗ trợ di dời hàng hóa, đồ dùng của tiểu thương.", D(2018, 10, 31),
                                  responsible_text="Ban Quản lý chợ Đông Khê", to_whom="Tiểu thương chợ Đông Khê cũ",
                                  issue=3),
        ],
    )  # fmt: skip
    for on, reached, agreeing in ((D(2018, 7, 15), 80, 31), (D(2018, 9, 15), 112, 78), (D(2018, 11, 20), 120, 120)):
        services.act_campaign(actor=DEMO, campaign=campaign, action="progress", on=on, reached=reached,
                              agreeing=agreeing)  # fmt: skip
    first, second = list(dialogue.commitments.order_by("pk"))
    services.act_commitment(actor=DEMO, commitment=first, action="start", on=D(2018, 7, 1))
    services.act_commitment(actor=DEMO, commitment=first, action="complete", on=D(2018, 7, 1),
                            note="UBND thị trấn ban hành quyết định miễn phí thuê ki-ốt 6 tháng.",
                            reference="Quyết định miễn phí thuê ki-ốt chợ Đông Khê (2018)")  # fmt: skip
    services.act_commitment(actor=DEMO, commitment=second, action="complete", on=D(2018, 11, 20),
                            note="Các tổ công tác và đoàn viên thanh niên hỗ trợ chuyển hàng; tất cả tiểu thương đã "
                                 "di dời sang chợ mới.", reference="Báo cáo kết quả di dời chợ, tháng 11/2018")  # fmt: skip
    for commitment in (first, second):
        services.set_published(actor=DEMO, commitment=commitment, published=True)
    services.act_campaign(actor=DEMO, campaign=campaign, action="finish", on=D(2018, 11, 30),
                          result="Đến tháng 11/2018 tất cả tiểu thương tại chợ Đông Khê cũ đã hoàn thành di dời "
                                 "hàng hóa sang chợ mới; mặt bằng chợ cũ được giải phóng.")  # fmt: skip


def _commune(code: str, rng: random.Random, today: datetime.date) -> None:
    unit = _unit(code)
    if unit is None:
        return
    short = unit.name[0].lower() + unit.name[1:]
    ubnd = _org(unit, "Ủy ban nhân dân")
    # The commune's own leader hosts (phường Đức Xuân has a demo account; xã Chợ Rã's chairman is named).
    host = next((u for u in services.host_candidates(DEMO, unit) if u.username == "ducxuan.lanhdao"), None)
    host_name = "" if host is not None else "Hoàng Văn Quý"
    followers = [u for u in services.responsible_candidates(unit) if u.username.endswith(".canbo")]
    follower = followers[0] if followers else None
    year = today.year
    plans = [
        (rules.MeetingKind.DIALOGUE, f"Đối thoại về chỉnh trang đô thị, vệ sinh môi trường {short}", D(year, 3, 12), "", ""),
        (rules.MeetingKind.VOTER_CONTACT, "Tiếp xúc cử tri trước kỳ họp HĐND tỉnh", D(year, 6, 18),
         rules.Council.PROVINCE, rules.Timing.BEFORE),
        (rules.MeetingKind.DIALOGUE, "Đối thoại với nhân dân về giải phóng mặt bằng đường liên thôn", D(year, 9, 5), "", ""),
        (rules.MeetingKind.VOTER_CONTACT, "Tiếp xúc cử tri sau kỳ họp Quốc hội", D(year, 11, 20),
         rules.Council.NATIONAL_ASSEMBLY, rules.Timing.AFTER),
    ]  # fmt: skip
    meetings = []
    for kind, topic, day, council, timing in plans:
        day = min(day, today)
        meeting = services.plan_meeting(
            actor=DEMO, unit=unit, kind=kind, topic=topic, planned_on=day, place=f"Hội trường {short}", host=host,
            host_name=host_name, host_position=f"Chủ tịch UBND {short}", invited_groups=[G.HOUSEHOLDS, G.ELDERLY, G.WOMEN, G.YOUTH]
            if kind == rules.MeetingKind.DIALOGUE else [G.VOTERS],
            council=council, timing=timing,
            session="Kỳ họp thường lệ cuối năm" if council else "",
        )  # fmt: skip
        meetings.append(meeting)
    issues_pool = [
        ("Rác thải tồn đọng ở tổ dân phố, đề nghị tăng chuyến thu gom.", F.ENVIRONMENT),
        ("Đường liên thôn xuống cấp, mùa mưa lầy lội.", F.INFRASTRUCTURE),
        ("Chậm cấp giấy chứng nhận quyền sử dụng đất.", F.LAND),
        ("Đề nghị hỗ trợ hộ cận nghèo mua bảo hiểm y tế.", F.SOCIAL),
        ("Thủ tục chứng thực còn phải đi lại nhiều lần.", F.PROCEDURES),
        ("Thiếu đèn chiếu sáng đường vào trường học.", F.INFRASTRUCTURE),
        ("Tình trạng xe quá tải làm hỏng đường.", F.SECURITY),
    ]
    # Commitments in every state, by the meeting: (content, days after the meeting it is due, what happens).
    outcomes = [
        [("Bố trí thêm 2 chuyến thu gom rác mỗi tuần tại các tổ dân phố.", 30, "on_time"),
         ("Lắp đặt 20 đèn chiếu sáng đường vào trường tiểu học.", 60, "late")],
        [("Trả lời bằng văn bản kiến nghị về cấp giấy chứng nhận quyền sử dụng đất.", 45, "on_time"),
         ("Rà soát, hỗ trợ bảo hiểm y tế cho hộ cận nghèo.", 40, "overdue")],
        [("Sửa chữa 1,2 km đường liên thôn trước mùa mưa năm sau.", 200, "in_progress"),
         ("Tổ chức đo đạc lại ranh giới các thửa đất bị ảnh hưởng.", 20, "cancelled")],
        [("Giải quyết thủ tục chứng thực trong ngày tại Trung tâm phục vụ hành chính công.", 60, "planned")],
    ]  # fmt: skip
    for meeting, chosen in zip(meetings, outcomes, strict=True):
        picked = rng.sample(issues_pool, k=3)
        issues = [rules.IssueIn(text, field_, raised_by_name=rng.choice(["Ông Hoàng Văn Sơn", "Bà Ma Thị Lan", "Ông Lục Văn Hải", ""]),
                                raised_by_group=rng.choice([G.HOUSEHOLDS, G.ELDERLY, G.WOMEN, G.VOTERS]),
                                petition_ref="12/2026/TD" if n == 0 and field_ == F.LAND else "",
                                answer="Lãnh đạo giải đáp tại chỗ." if n < 2 else "")
                  for n, (text, field_) in enumerate(picked)]  # fmt: skip
        held = meeting.planned_on
        items = [services.CommitmentIn(content, held + datetime.timedelta(days=due), responsible_organization=ubnd,
                                       responsible_text="" if ubnd else f"UBND {short}", responsible_user=follower,
                                       to_whom="Cử tri " + short if meeting.kind == rules.MeetingKind.VOTER_CONTACT
                                       else "Nhân dân các tổ dân phố, thôn")
                 for content, due, _fate in chosen]  # fmt: skip
        attendance = {g: rng.randint(15, 60) for g in (meeting.invited_groups or [G.HOUSEHOLDS])}
        services.record_meeting(actor=DEMO, meeting=meeting, held_on=held, attendance=attendance, issues=issues,
                                commitments=items, summary="Buổi làm việc diễn ra dân chủ, cởi mở.")  # fmt: skip
        for commitment, (_content, _due, fate) in zip(meeting.commitments.order_by("pk"), chosen, strict=True):
            _play(commitment, fate, today)
    # The leader publishes most of them: every kept one, the overdue one too (the page says so).
    for meeting in meetings:
        for commitment in meeting.commitments.order_by("pk"):
            if commitment.status != rules.CommitmentStatus.PLANNED:
                services.set_published(actor=DEMO, commitment=commitment, published=True)
    # One meeting still planned, for the inbox.
    services.plan_meeting(actor=DEMO, unit=unit, kind=rules.MeetingKind.DIALOGUE,
                          topic=f"Đối thoại với thanh niên {short} về việc làm", planned_on=today,
                          place=f"Nhà văn hóa {short}", host=host, host_name=host_name, invited_groups=[G.YOUTH])  # fmt: skip


def _play(commitment: object, fate: str, today: datetime.date) -> None:
    from danvan.dialogues.models import Commitment

    assert isinstance(commitment, Commitment)
    made, due = commitment.made_on, commitment.due_on
    if fate == "planned":
        return
    start = min(made + datetime.timedelta(days=3), today)
    if fate == "cancelled":
        services.act_commitment(actor=DEMO, commitment=commitment, action="cancel", on=start,
                                reason="Qua rà soát, ranh giới đã rõ; các hộ thống nhất không cần đo lại.")  # fmt: skip
        return
    services.act_commitment(actor=DEMO, commitment=commitment, action="start", on=start)
    if fate in ("in_progress", "overdue"):
        services.act_commitment(actor=DEMO, commitment=commitment, action="progress", on=start,
                                note="Đã giao phòng chuyên môn khảo sát, lập dự toán.")  # fmt: skip
        return
    done = due - datetime.timedelta(days=5) if fate == "on_time" else due + datetime.timedelta(days=12)
    services.act_commitment(actor=DEMO, commitment=commitment, action="complete", on=min(max(done, start), today),
                            note="Đã thực hiện xong, báo cáo kết quả với nhân dân tại buổi tiếp xúc sau.",
                            reference=f"Báo cáo số {commitment.pk}/BC-UBND")  # fmt: skip


def seed_dialogues() -> None:
    """The area's demo records (once: a second run finds them)."""
    if Meeting.objects.exists() or Campaign.objects.exists():
        return
    rng = random.Random(13)
    today = timezone.localdate()
    _dong_khe()
    for code in ("01840", "01912"):
        _commune(code, rng, today)
