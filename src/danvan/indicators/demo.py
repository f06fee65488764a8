"""Demo data of the area: the seeds' indicators, with their targets and values, in the demo's province.

From the seeds (Bắc Kạn, before its merger into Thái Nguyên):

* "tỷ lệ hộ nghèo còn 5,03% — vượt chỉ tiêu Nghị quyết đề ra" (thị xã Bắc Kạn, 2010);
* "toàn tỉnh đã có 19 xã được công nhận đạt chuẩn nông thôn mới. Đến nay, bình quân mỗi xã đạt 12,5 tiêu
  chí, vượt mục tiêu Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI đề ra" (2019);
* "chỉ số hài lòng … đạt 85,16%" (2019) and "đạt 91,3% (mục tiêu Đề án 06 là phấn đấu đạt trên 80%)" (2020).

A computed indicator reads the one-stop area's on-time share (its report section's figure), when that area
is installed. The seeds' figures are entered on the units as they were then (thị xã Bắc Kạn, tỉnh Bắc Kạn), so Thái Nguyên's figures
on today's tree count them under their successor. The seeds do not give every number behind them: the
households behind 5,03%, the level of the two resolutions' targets, and this year's figures of phường Đức
Xuân and xã Chợ Rã (and their predecessors' of two years ago) are the demo's own, plausible values.
Built through the services only, as the demo's system actor.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from danvan.accounts.access import SystemActor
from danvan.indicators import rules, services
from danvan.indicators.models import Indicator
from danvan.stats import sections
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

DEMO = SystemActor("dữ liệu mẫu")
D = datetime.date
U, A = rules.MeasureUnit, rules.Aggregation


def _unit(code: str, as_of: datetime.date | None = None) -> Unit | None:
    try:
        return unit_by_code(code, as_of=as_of)
    except UnitCodeNotFound:
        return None


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return D(year, 1, 1), D(year, 12, 31)


def _indicators() -> dict[str, Indicator]:
    made = {}
    for code, fields in {
        "ho_ngheo": {
            "name": "Tỷ lệ hộ nghèo", "measure_unit": U.PERCENT, "direction": rules.Direction.LOWER,
            "aggregation": A.RATE, "numerator_label": "Số hộ nghèo", "denominator_label": "Tổng số hộ", "order": 10,
            "description": "Số hộ nghèo trên tổng số hộ dân cư, theo chuẩn nghèo đa chiều; tổng hợp lên cấp trên "
                           "bằng cách cộng số hộ nghèo và tổng số hộ của các đơn vị rồi tính lại tỷ lệ.",
        },
        "ntm_xa": {
            "name": "Số xã đạt chuẩn nông thôn mới", "measure_unit": U.COMMUNE, "direction": rules.Direction.HIGHER,
            "aggregation": A.SUM, "group": "Nông thôn mới", "order": 20,
            "sentence": "{gia_tri} đạt chuẩn nông thôn mới",
        },
        "ntm_tieu_chi": {
            "name": "Số tiêu chí nông thôn mới bình quân mỗi xã", "measure_unit": U.CRITERION,
            "direction": rules.Direction.HIGHER, "aggregation": A.WEIGHTED, "weight_label": "Số xã",
            "group": "Nông thôn mới", "order": 21, "decimals": 1,
            "sentence": "bình quân mỗi xã đạt {gia_tri}, {trang_thai} mục tiêu {can_cu} đề ra",
            "description": "Mỗi xã nhập số tiêu chí đã đạt với trọng số 1; cấp trên tính bình quân theo số xã.",
        },
        "hai_long": {
            "name": "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước",
            "measure_unit": U.PERCENT, "direction": rules.Direction.HIGHER, "aggregation": A.NONE, "order": 30,
            "sentence": "{ten} đạt {gia_tri} (mục tiêu {can_cu} là phấn đấu đạt {chi_tieu})",
            "description": "Kết quả khảo sát theo phương pháp SIPAS của đơn vị; không cộng dồn từ cấp dưới.",
        },
    }.items():  # fmt: skip
        made[code] = services.save_indicator(actor=DEMO, code=code, **fields)  # type: ignore[arg-type]
    return made


def _value(
    indicator: Indicator,
    unit: Unit | None,
    year: int,
    source: str,
    *,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    weight: Decimal | None = None,
) -> None:
    if unit is None:
        return
    start, end = _year(year)
    services.record_value(actor=DEMO, indicator=indicator, unit=unit, start=start, end=end, source=source,
                          value=value, numerator=numerator, denominator=denominator, weight=weight)  # fmt: skip


def _target(indicator: Indicator, unit: Unit | None, start: datetime.date, end: datetime.date, comparison: str,
            value: str, basis: str) -> None:  # fmt: skip
    if unit is None:
        return
    services.set_target(actor=DEMO, indicator=indicator, unit=unit, start=start, end=end, comparison=comparison,
                        value=Decimal(value), basis=basis)  # fmt: skip


def seed_indicators() -> None:
    """The area's demo records (once: a second run finds them)."""
    if Indicator.objects.filter(code="ho_ngheo").exists():
        return
    made = _indicators()
    poverty, communes, criteria, satisfaction = (made[c] for c in ("ho_ngheo", "ntm_xa", "ntm_tieu_chi", "hai_long"))
    C = rules.Comparison
    # Thị xã Bắc Kạn, 2010 (now part of phường Đức Xuân and its neighbours, Thái Nguyên).
    town = _unit("058", as_of=D(2010, 12, 31))
    _target(poverty, town, *_year(2010), C.LT, "6", "Nghị quyết Đại hội Đảng bộ thị xã Bắc Kạn")
    _value(poverty, town, 2010, "Báo cáo kết quả rà soát hộ nghèo năm 2010 của UBND thị xã",
           numerator=Decimal(470), denominator=Decimal(9344))  # fmt: skip
    # Tỉnh Bắc Kạn, 2019–2020.
    bac_kan = _unit("06", as_of=D(2020, 12, 31))
    term = (D(2016, 1, 1), D(2020, 12, 31))
    _target(criteria, bac_kan, *term, C.GTE, "12", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI")
    _target(satisfaction, bac_kan, D(2018, 1, 1), D(2020, 12, 31), C.GT, "80", "Đề án 06")
    nrd = "Báo cáo của Văn phòng Điều phối nông thôn mới tỉnh"
    _value(communes, bac_kan, 2019, nrd, value=Decimal(19))
    _value(criteria, bac_kan, 2019, nrd, value=Decimal("12.5"), weight=Decimal(95))
    sipas = "Kết quả đánh giá sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước"
    _value(satisfaction, bac_kan, 2019, sipas, value=Decimal("85.16"))
    _value(satisfaction, bac_kan, 2020, sipas, value=Decimal("91.3"))
    # Thái Nguyên today: its two demo communes, this year and last, and their predecessors two years ago.
    this_year = timezone.localdate().year
    thai_nguyen = _unit("19")
    _target(poverty, thai_nguyen, *_year(this_year), C.LT, "3",
            "Nghị quyết Đại hội Đảng bộ tỉnh Thái Nguyên nhiệm kỳ 2025–2030")  # fmt: skip
    _target(satisfaction, thai_nguyen, D(2026, 1, 1), D(2030, 12, 31), C.GT, "90",
            "Nghị quyết 76/NQ-CP về Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030")  # fmt: skip
    review = "Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo của UBND"
    for code, old, new in (("01840", (24, 3012), ((19, 3090), (14, 3105))),
                           ("01912", (97, 1208), ((231, 4540), (188, 4560)))):  # fmt: skip
        before = _unit(code, as_of=D(this_year - 2, 12, 31))
        if before is not None and before.valid_to is not None:
            _value(poverty, before, this_year - 2, f"{review} {before.name}",
                   numerator=Decimal(old[0]), denominator=Decimal(old[1]))  # fmt: skip
        commune = _unit(code)
        for year, (poor, households) in zip((this_year - 1, this_year), new, strict=True):
            if commune is not None and (commune.valid_from is None or commune.valid_from <= D(year, 12, 31)):
                _value(poverty, commune, year, f"{review} {commune.name}",
                       numerator=Decimal(poor), denominator=Decimal(households))  # fmt: skip
    _value(satisfaction, thai_nguyen, this_year - 1, f"{sipas} tỉnh Thái Nguyên", value=Decimal("88.42"))
    _computed(thai_nguyen, this_year)


#: A computed indicator: a figure of the one-stop area's report section, when that area is installed.
ON_TIME = "onestop.on_time_share"


def _computed(province: Unit | None, year: int) -> None:
    try:
        sections.figure(ON_TIME)
    except LookupError:
        return
    indicator = services.save_indicator(
        actor=DEMO, code="tthc_dung_han", name="Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn và trước hạn",
        measure_unit=U.PERCENT, direction=rules.Direction.HIGHER, aggregation=A.SUM, source=rules.Source.COMPUTED,
        figure=ON_TIME, order=40,
        description="Tính từ số liệu một cửa của đơn vị (hồ sơ đã giải quyết đúng hạn và trước hạn trên tổng số đã giải quyết).",
    )  # fmt: skip
    _target(indicator, province, *_year(year), rules.Comparison.GTE, "95",
            f"Kế hoạch cải cách hành chính năm {year} của UBND tỉnh")  # fmt: skip
