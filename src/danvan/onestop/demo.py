"""Demo data of the one-stop area: Thái Nguyên's catalogue, its service points, and a year of dossiers.

Every dossier is received and walked through the real services (:mod:`.services`), each step inside
:func:`.services.business_time` at the instant the plan gives it: receipt (at the desk, by post, or
submitted online and received by the desk), hand-over to the department, now and then a supplement or
a financial obligation (the clock pauses), the result — mostly early or on time, some late, and of
those some announced by an apology slip before the due date —, the return (desk, post, online) and
often the citizen's rating. A step whose instant is still to come is not taken, so the recent dossiers
are in progress. Nothing is typed as a result: the statistics count what was walked. A seeded random
generator makes it the same on every run; a second run finds the catalogue and does nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.actors import SystemActor
from danvan.core.calendar import WorkCalendar
from danvan.core.selectors import current_calendar
from danvan.onestop import rules, services
from danvan.onestop.models import Dossier, Procedure, ServicePoint
from danvan.units.selectors import unit_by_code

DEMO = SystemActor("dữ liệu mẫu")
PROVINCE = "19"
FIRST_DAY = datetime.date(2025, 12, 1)
#: Dossiers received on an average working day, over the demo's service points. Each is walked step by
#: step through the services (some 0,05–0,1 s a dossier on SQLite), so the year (about 200 dossiers)
#: seeds in seconds; the shares and the lists read the same at any volume.
PER_DAY = 0.8
#: The province's catalogue: (code, name, field, level, working days, cut-off, fee, online level,
#: components (name, originals, copies), legal basis, share at a commune desk, share at the province's).
CATALOGUE: tuple[tuple[Any, ...], ...] = (
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
     "Chứng thực", "commune", 0, "15:00", "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 "
     "đồng/bản", "partial", [("Bản chính giấy tờ", 1, 0), ("Bản sao cần chứng thực", 0, 1)],
     "Nghị định 23/2015/NĐ-CP", 30, 0),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", "commune", 0, "15:00",
     "10.000 đồng/trường hợp", "none", [("Giấy tờ, văn bản cần chứng thực chữ ký", 1, 0)],
     "Nghị định 23/2015/NĐ-CP", 8, 0),
    ("2.001019", "Chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất, nhà ở", "Chứng thực", "commune",
     2, None, "50.000 đồng/hợp đồng", "none", [("Dự thảo hợp đồng", 1, 0), ("Giấy chứng nhận quyền sử dụng đất",
     0, 1)], "Nghị định 23/2015/NĐ-CP", 5, 0),
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", "commune", 0, "15:00", "Miễn lệ phí", "full",
     [("Tờ khai đăng ký khai sinh", 1, 0), ("Giấy chứng sinh", 1, 0)], "Luật Hộ tịch 2014, Điều 16", 10, 0),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch", "commune", 5, None, "Miễn lệ phí", "partial",
     [("Tờ khai đăng ký kết hôn", 1, 0)], "Luật Hộ tịch 2014, Điều 18", 4, 0),
    ("1.000656", "Đăng ký khai tử", "Hộ tịch", "commune", 0, "15:00", "Miễn lệ phí", "full",
     [("Tờ khai đăng ký khai tử", 1, 0), ("Giấy báo tử", 1, 0)], "Luật Hộ tịch 2014, Điều 34", 3, 0),
    ("2.000635", "Cấp bản sao Trích lục hộ tịch", "Hộ tịch", "commune", 0, "15:00", "8.000 đồng/bản", "full",
     [("Tờ khai cấp bản sao trích lục hộ tịch", 1, 0)], "Nghị định 123/2015/NĐ-CP", 6, 0),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", "commune", 3, None, "15.000 đồng/bản",
     "full", [("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1, 0)], "Nghị định 123/2015/NĐ-CP, Điều 22", 6, 0),
    ("1.012756", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
     "Đất đai", "both", 20, None, "Theo Nghị quyết của HĐND tỉnh", "partial",
     [("Đơn đăng ký đất đai, tài sản gắn liền với đất", 1, 0), ("Giấy tờ về quyền sử dụng đất", 0, 1)],
     "Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP", 3, 5),
    ("1.012767", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai", "both",
     10, None, "Theo Nghị quyết của HĐND tỉnh", "partial",
     [("Đơn đăng ký biến động đất đai", 1, 0), ("Giấy chứng nhận đã cấp", 1, 0), ("Hợp đồng, văn bản", 1, 0)],
     "Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP", 5, 9),
    ("1.012779", "Tách thửa hoặc hợp thửa đất", "Đất đai", "both", 15, None, "Theo Nghị quyết của HĐND tỉnh",
     "partial", [("Đơn đề nghị tách thửa, hợp thửa", 1, 0), ("Giấy chứng nhận đã cấp", 1, 0)],
     "Luật Đất đai 2024, Điều 220", 2, 4),
    ("1.009994", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "commune", 15, None,
     "75.000 đồng/giấy phép", "partial", [("Đơn đề nghị cấp giấy phép xây dựng", 1, 0), ("Bản vẽ thiết kế", 2, 0)],
     "Luật Xây dựng 2014 (sửa đổi 2020)", 3, 0),
    ("1.009972", "Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III", "Xây dựng", "province", 20, None,
     "150.000 đồng/giấy phép", "partial", [("Đơn đề nghị cấp giấy phép xây dựng", 1, 0)],
     "Nghị định 175/2024/NĐ-CP", 0, 3),
    ("2.000720", "Đăng ký thành lập hộ kinh doanh", "Đăng ký kinh doanh", "commune", 3, None, "100.000 đồng/lần",
     "full", [("Giấy đề nghị đăng ký hộ kinh doanh", 1, 0)], "Nghị định 168/2025/NĐ-CP", 4, 0),
    ("2.001610", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "Thành lập và hoạt động doanh "
     "nghiệp", "province", 3, None, "50.000 đồng/lần", "full", [("Giấy đề nghị đăng ký doanh nghiệp", 1, 0),
     ("Điều lệ công ty", 1, 0)], "Luật Doanh nghiệp 2020", 0, 6),
    ("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", "commune", 15,
     None, "Không", "partial", [("Tờ khai đề nghị trợ giúp xã hội", 1, 0)], "Nghị định 20/2021/NĐ-CP", 3, 0),
    ("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Lý lịch tư pháp", "province", 10, None,
     "200.000 đồng/lần", "full", [("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, 0)],
     "Luật Lý lịch tư pháp 2009", 0, 12),
)  # fmt: skip

#: (unit code, name, kind, address, share of the dossiers).
POINTS = (
    ("19", "Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên", "province",
     "Số 1 đường Cách mạng Tháng Tám, phường Phan Đình Phùng", 0.22),
    ("01840", "Trung tâm Phục vụ hành chính công phường Đức Xuân", "commune", "Tổ 9, phường Đức Xuân", 0.30),
    ("01912", "Trung tâm Phục vụ hành chính công xã Chợ Rã", "commune", "Thôn Nà Săm, xã Chợ Rã", 0.18),
    ("01843", "Trung tâm Phục vụ hành chính công phường Bắc Kạn", "commune", "Phường Bắc Kạn", 0.12),
    ("01849", "Trung tâm Phục vụ hành chính công xã Phong Quang", "commune", "Xã Phong Quang", 0.08),
    ("05443", "Trung tâm Phục vụ hành chính công phường Phan Đình Phùng", "commune", "Phường Phan Đình Phùng", 0.10),
)  # fmt: skip

#: Who works the desk and who handles the dossiers, by unit (the demo's accounts); elsewhere the demo acts.
STAFF = {"01840": ("ducxuan.tiepdan", "ducxuan.canbo"), "01912": ("chora.canbo", "chora.canbo")}
DEPARTMENTS = {
    "Chứng thực": "Công chức Tư pháp - Hộ tịch",
    "Hộ tịch": "Công chức Tư pháp - Hộ tịch",
    "Đất đai": "Văn phòng Đăng ký đất đai, Chi nhánh khu vực",
    "Xây dựng": "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Đăng ký kinh doanh": "Phòng Kinh tế",
    "Bảo trợ xã hội": "Phòng Văn hóa - Xã hội",
}
PROVINCE_DEPARTMENTS = {
    "Đất đai": "Văn phòng Đăng ký đất đai tỉnh",
    "Xây dựng": "Sở Xây dựng",
    "Thành lập và hoạt động doanh nghiệp": "Sở Tài chính (Phòng Đăng ký kinh doanh)",
    "Lý lịch tư pháp": "Sở Tư pháp",
}
SURNAMES = ("Nông", "Hoàng", "Lý", "Triệu", "Ma", "Hà", "Lương", "Nguyễn", "Trần", "Bế", "Dương", "Lục", "Đàm")
MIDDLE = ("Văn", "Thị", "Đức", "Thị Thu", "Văn Minh", "Thị Hồng", "Quang", "Thị Lan", "Hữu")
GIVEN = ("Thắng", "Hoa", "Mai", "Hùng", "Lan", "Tuấn", "Hằng", "Nam", "Huệ", "Dũng", "Thảo", "Sơn", "Yến", "Bình")
OPENING, CLOSING = datetime.time(7, 30), datetime.time(17, 0)


@dataclass
class _Point:
    point: ServicePoint
    desk: Any
    officer: Any
    handler: str | None
    procedures: list[Procedure]
    weights: list[int]


class _Clock:
    """Instants on the office's working days (naive local time, made aware when a step is taken)."""

    def __init__(self, calendar: WorkCalendar, rng: random.Random) -> None:
        self.calendar = calendar
        self.rng = rng

    def office_time(self, day: datetime.date) -> datetime.datetime:
        minute = self.rng.choice([self.rng.randint(0, 239), self.rng.randint(360, 569)])  # 07:30–11:30, 13:30–17:00
        return datetime.datetime.combine(day, OPENING) + datetime.timedelta(minutes=minute)

    def working_day(self, day: datetime.date, n: int) -> datetime.date:
        """``n`` working days after ``day`` (0: ``day`` itself if it is one, else the next)."""
        while not self.calendar.is_working_day(day):
            day += datetime.timedelta(days=1)
        while n > 0:
            day += datetime.timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        day -= datetime.timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day

    def later(self, at: datetime.datetime, low: int, high: int) -> datetime.datetime:
        """An office time ``low``–``high`` working days after ``at`` (0: later the same day if it can)."""
        n = self.rng.randint(low, high)
        if n == 0:
            same = at + datetime.timedelta(minutes=self.rng.randint(10, 120))
            if same.time() <= CLOSING:
                return same
            n = 1
        return self.office_time(self.working_day(at.date(), n))


def _aware(local: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(local)


def _local(instant: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(instant).replace(tzinfo=None)


def _catalogue(province: Any) -> list[tuple[Procedure, int, int]]:
    out = []
    for code, name, field, level, days, cutoff, fee, online, components, basis, commune_w, province_w in CATALOGUE:
        procedure = services.save_procedure(
            actor=DEMO, unit=province, code=code, name=name, field=field, level=level, days=days, cutoff=cutoff,
            fee=fee, online_level=online, legal_basis=basis,
            components=[{"name": n, "originals": o, "copies": c} for n, o, c in components],
        )  # fmt: skip
        out.append((procedure, commune_w, province_w))
    return out


def _points(catalogue: list[tuple[Procedure, int, int]]) -> tuple[list[_Point], list[float]]:
    users = {u.username: u for u in User.objects.filter(username__in={n for pair in STAFF.values() for n in pair})}
    points, shares = [], []
    for code, name, kind, address, share in POINTS:
        unit = unit_by_code(code)
        point = services.save_service_point(actor=DEMO, unit=unit, name=name, kind=kind, address=address)
        desk_name, officer_name = STAFF.get(code, (None, None))
        desk = users.get(desk_name or "", DEMO)
        officer = users.get(officer_name or "", DEMO)
        at_province = kind == "province"
        chosen = [(p, wp if at_province else wc) for p, wc, wp in catalogue if (wp if at_province else wc)]
        handler = officer_name if officer is not DEMO else None
        points.append(_Point(point, desk, officer, handler, [p for p, _ in chosen], [w for _, w in chosen]))
        shares.append(share)
    return points, shares


def _person(rng: random.Random) -> dict[str, Any]:
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    phone = "09" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return {"applicant_name": name, "applicant_phone": phone}


class _Walk:
    """One dossier's steps, each at its instant; the walk stops at the first instant still to come."""

    def __init__(self, now: datetime.datetime) -> None:
        self.now = now
        self.stopped = False

    def at(self, when: datetime.datetime) -> bool:
        if self.stopped or _aware(when) > self.now:
            self.stopped = True
        return not self.stopped


def _step(walk: _Walk, when: datetime.datetime, actor: Any, dossier: Dossier, action: str, **params: Any) -> bool:
    if not walk.at(when):
        return False
    with services.business_time(_aware(when)):
        services.act(actor=actor, dossier=dossier, action=action, **params)
    return True


def _finish_time(
    clock: _Clock, rng: random.Random, after: datetime.datetime, due: datetime.datetime, late_odds: float
) -> tuple[datetime.datetime, bool]:
    """When the result is ready: early (a day or more before the due day), on the due day, or late;
    and whether it is late."""
    roll = rng.random()
    if roll < late_odds:
        day = clock.working_day(due.date(), rng.choice([1, 1, 1, 2, 2, 3, 5, 8]))
        return max(clock.office_time(day), after + datetime.timedelta(minutes=5)), True
    earliest = after + datetime.timedelta(minutes=rng.randint(15, 90))
    last_early = datetime.datetime.combine(due.date() - datetime.timedelta(days=1), datetime.time(16, 30))
    if roll < late_odds + 0.22 or last_early <= earliest:  # on the due day, not after the due instant
        on_day = max(earliest, datetime.datetime.combine(due.date(), datetime.time(7, 45)))
        if on_day >= due:
            on_day = max(earliest, due - datetime.timedelta(minutes=rng.randint(5, 30)))
        limit = due if on_day < due else on_day + datetime.timedelta(minutes=1)
        span = max(1, int((limit - on_day).total_seconds() // 60))
        return on_day + datetime.timedelta(minutes=rng.randint(0, span - 1)), on_day >= due
    span = max(1, int((last_early - earliest).total_seconds() // 60))
    # Most results come well before the due day.
    return earliest + datetime.timedelta(minutes=int(span * rng.random() ** 2)), False


def _walk_one(
    clock: _Clock, rng: random.Random, now: datetime.datetime, place: _Point, procedure: Procedure,
    received: datetime.datetime,
) -> None:  # fmt: skip
    walk = _Walk(now)
    online = procedure.online_level != rules.OnlineLevel.NONE and rng.random() < (
        0.78 if procedure.online_level == rules.OnlineLevel.FULL else 0.48
    )
    person = _person(rng)
    if online:
        submitted = received - datetime.timedelta(minutes=rng.randint(20, 20 * 60))
        if not walk.at(submitted):
            return
        with services.business_time(_aware(submitted)):
            dossier = services.submit_online(service_point=place.point, procedure=procedure, **person)
        roll = rng.random()
        if roll < 0.025:
            _step(walk, received, place.desk, dossier, "refuse", reason="Hồ sơ không thuộc thẩm quyền giải quyết.")
            return
        if roll < 0.08:
            if not _step(walk, received, place.desk, dossier, "ask_supplement_at_reception",
                         reason="Thiếu bản chụp giấy tờ tùy thân; đề nghị bổ sung."):  # fmt: skip
                return
            received = clock.later(received, 1, 3)
            if not _step(walk, received - datetime.timedelta(hours=2), place.desk, dossier, "resubmit"):
                return
        if not _step(walk, received, place.desk, dossier, "receive"):
            return
    else:
        if not walk.at(received):
            return
        channel = rules.Channel.POST if rng.random() < 0.06 else rules.Channel.DESK
        with services.business_time(_aware(received)):
            dossier = services.receive_dossier(actor=place.desk, service_point=place.point, procedure=procedure,
                                               channel=channel, **person)  # fmt: skip
    departments = PROVINCE_DEPARTMENTS if place.point.kind == "province" else DEPARTMENTS
    department = departments.get(procedure.field, "Bộ phận chuyên môn")
    last = clock.later(received, 0, 0)
    if procedure.days or procedure.hours:  # a same-day procedure is settled at the desk, not handed on
        handler = place.handler if rng.random() < 0.9 else None
        if not _step(walk, last, place.desk, dossier, "hand_over", department=department, handler=handler):
            return
    roll = rng.random()
    if roll < 0.012:
        _step(walk, clock.later(last, 1, 3), place.desk, dossier, "withdraw", reason="Công dân có đơn xin rút hồ sơ.")
        return
    if roll < 0.016:
        _step(walk, clock.later(last, 1, 3), DEMO, dossier, "stop", reason="Hồ sơ có tranh chấp, chưa đủ điều kiện.")
        return
    long_procedure = procedure.days >= 3
    if long_procedure and rng.random() < 0.07:
        last = clock.later(last, 1, max(1, procedure.days // 3))
        if not _step(walk, last, place.officer, dossier, "ask_supplement",
                     reason="Đề nghị bổ sung giấy tờ chứng minh nguồn gốc."):  # fmt: skip
            return
        last = clock.later(last, 2, 7)
        if not _step(walk, last, place.officer, dossier, "supplement_done"):
            return
    if procedure.field == "Đất đai" and rng.random() < 0.6:
        last = clock.later(last, 1, max(1, procedure.days // 2))
        if not _step(walk, last, place.officer, dossier, "ask_financial", note="Thông báo nộp lệ phí trước bạ."):
            return
        last = clock.later(last, 2, 8)
        if not _step(walk, last, place.officer, dossier, "financial_done"):
            return
    assert dossier.due_at is not None
    due = _local(dossier.due_at)
    late_odds = 0.16 if procedure.field == "Đất đai" else 0.07
    finished, late = _finish_time(clock, rng, last, due, late_odds)
    if late and rng.random() < 0.6:  # the office says so the working day before, with one new date
        eve = clock.office_time(clock.previous_working_day(due.date()))
        if last < eve < finished and eve.date() < due.date():
            new_due = max(finished.date(), clock.working_day(due.date(), rng.randint(1, 3)))
            if not _step(walk, eve, place.officer, dossier, "apologise",
                         reason="Cần xác minh thêm thông tin với cơ quan liên quan.", new_due=new_due):  # fmt: skip
                return
    settled_by = place.officer if dossier.status == rules.Status.PROCESSING else place.desk
    if not _step(walk, finished, settled_by, dossier, "result"):
        return
    if dossier.channel == rules.Channel.ONLINE:
        method = rng.choices(list(rules.ReturnMethod), [3, 1, 6])[0]
    else:
        method = rng.choices([rules.ReturnMethod.IN_PERSON, rules.ReturnMethod.POST], [9, 1])[0]
    returned = finished + datetime.timedelta(minutes=rng.randint(5, 60)) if method == "online" else None
    returned = returned or clock.later(finished, 0, 3)
    if not _step(walk, returned, place.desk, dossier, "return_result", method=method):
        return
    if rng.random() > 0.72:
        return
    rating_channel = "online" if method != "desk" else rng.choices(["kiosk", "paper", "online"], [6, 2, 2])[0]
    rated = returned + datetime.timedelta(
        minutes=rng.randint(1, 5) if rating_channel != "online" else rng.randint(30, 3000)
    )
    if not walk.at(rated):
        return
    weights = [1, 2, 6, 30, 61] if not late else [6, 12, 22, 35, 25]
    level = rng.choices([1, 2, 3, 4, 5], weights)[0]
    with services.business_time(_aware(rated)):
        if rating_channel == "paper":
            services.rate(dossier=dossier, channel=rating_channel, level=level, actor=place.desk)
        else:
            services.rate(dossier=dossier, channel=rating_channel, level=level, token=dossier.rating_token)


def _received_at(clock: _Clock, target_due: datetime.date, procedure: Procedure) -> datetime.datetime | None:
    """A receipt at 09:00 on a working day whose due day is ``target_due`` (for the work queues)."""
    day = target_due
    for _ in range(60):
        due = rules.compute_due(datetime.datetime.combine(day, datetime.time(9, 0)), days=procedure.days,
                                hours=procedure.hours, cutoff=procedure.cutoff, pauses=(), calendar=clock.calendar,
                                office=services.OFFICE_HOURS)  # fmt: skip
        if due.due is not None and due.due.date() == target_due and clock.calendar.is_working_day(day):
            return datetime.datetime.combine(day, datetime.time(9, 0))
        day -= datetime.timedelta(days=1)
    return None


def _queues(clock: _Clock, place: _Point, now: datetime.datetime) -> None:
    """Dossiers the work queues show today: two overdue in processing, one due on the next working day."""
    by_code = {p.code: p for p in place.procedures}
    today = timezone.localdate()
    plans = [
        (by_code["1.009994"], clock.previous_working_day(clock.previous_working_day(today)), "Chưa có ý kiến "
         "của cơ quan quản lý đất đai."),
        (by_code["1.004873"], clock.previous_working_day(today), "Đang xác minh nơi cư trú trước đây."),
        (by_code["2.000720"], clock.working_day(today + datetime.timedelta(days=1), 0), "Đang thẩm định hồ sơ."),
    ]  # fmt: skip
    rng = random.Random(12)
    for procedure, due_day, note in plans:
        received = _received_at(clock, due_day, procedure)
        if received is None or _aware(received) > now:
            continue
        with services.business_time(_aware(received)):
            dossier = services.receive_dossier(actor=place.desk, service_point=place.point, procedure=procedure,
                                               **_person(rng))  # fmt: skip
        handed = received + datetime.timedelta(minutes=20)
        with services.business_time(_aware(handed)):
            services.act(actor=place.desk, dossier=dossier, action="hand_over",
                         department=DEPARTMENTS.get(procedure.field, "Bộ phận chuyên môn"), handler=place.handler,
                         note=note)  # fmt: skip


def seed_onestop() -> None:
    """A year of dossiers in the demo province (idempotent: the catalogue found, nothing is done)."""
    province = unit_by_code(PROVINCE)
    if Procedure.objects.filter(unit=province, code=CATALOGUE[0][0]).exists():
        return
    services.set_settings(actor=DEMO, province=province, rating_scheme=rules.RatingScheme.FIVE,
                          timeliness_rule=rules.TimelinessRule.BY_DAY)  # fmt: skip
    catalogue = _catalogue(province)
    points, shares = _points(catalogue)
    rng = random.Random(2026)
    clock = _Clock(current_calendar(), rng)
    now = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=1)
    today = timezone.localdate()
    day = FIRST_DAY
    while day <= today:
        if clock.calendar.is_working_day(day):
            for _ in range(int(PER_DAY) + (rng.random() < PER_DAY % 1)):
                place = rng.choices(points, shares)[0]
                procedure = rng.choices(place.procedures, place.weights)[0]
                _walk_one(clock, rng, now, place, procedure, clock.office_time(day))
        day += datetime.timedelta(days=1)
    _queues(clock, points[1], now)
