"""The area's demo on the national tree: the seeds' sentences, on the tree as it was and under today's
Thái Nguyên, which Bắc Kạn was merged into."""

import datetime

import pytest
from django.utils import timezone

from danvan.core.periods import Period
from danvan.indicators import selectors
from danvan.indicators.demo import seed_indicators
from danvan.indicators.models import Indicator, Value
from danvan.stats import sections
from danvan.stats.engine import WHOLE_SYSTEM
from danvan.stats.sections import Context
from danvan.units.selectors import unit_by_code
from tests.indicators.test_report import written

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_demo_tells_the_seeds(db) -> None:
    from danvan.units.loader import load_national_units

    load_national_units()
    seed_indicators()
    count = Value.objects.count()
    seed_indicators()  # a second run finds the first
    computed = Indicator.objects.filter(source="computed")
    assert Value.objects.count() == count and Indicator.objects.count() == 4 + computed.count()
    if "onestop" in {s.key for s in sections.sections()}:  # the one-stop area's on-time share, read live
        assert computed.get().figure == "onestop.on_time_share"
    bac_kan, town = unit_by_code("06", as_of=D(2020, 12, 31)), unit_by_code("058", as_of=D(2010, 12, 31))
    thai_nguyen = unit_by_code("19")
    satisfaction = "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước đạt"
    assert written(Context(bac_kan, Period.year(2020), WHOLE_SYSTEM, today_tree=False))[0] == [
        f"{satisfaction} 91,3% (mục tiêu Đề án 06 là phấn đấu đạt trên 80%)."
    ]
    nrd = (
        "19 xã đạt chuẩn nông thôn mới; bình quân mỗi xã đạt 12,5 tiêu chí, vượt mục tiêu Nghị quyết Đại hội Đảng bộ "
        "tỉnh lần thứ XI đề ra."
    )
    assert written(Context(bac_kan, Period.year(2019), WHOLE_SYSTEM, today_tree=False))[0] == [
        nrd, f"{satisfaction} 85,16% (mục tiêu Đề án 06 là phấn đấu đạt trên 80%).",
    ]  # fmt: skip
    assert written(Context(town, Period.year(2010), WHOLE_SYSTEM, today_tree=False))[0] == [
        "Tỷ lệ hộ nghèo còn 5,03%, vượt chỉ tiêu Nghị quyết Đại hội Đảng bộ thị xã Bắc Kạn (dưới 6%)."
    ]
    # Today's Thái Nguyên counts old Bắc Kạn's communes (a sum) — its own target is another matter.
    indicators = list(selectors.indicators_for(thai_nguyen))
    then = selectors.readings(indicators, thai_nguyen, Period.year(2019), viewer=WHOLE_SYSTEM)
    assert {i.code: then[i.pk].shown for i in indicators if not i.is_computed} == {
        "ho_ngheo": "—", "ntm_xa": "19 xã", "ntm_tieu_chi": "12,5 tiêu chí", "hai_long": "—",
    }  # fmt: skip
    this_year = timezone.localdate().year
    row = {r.indicator.code: r for r in selectors.board(thai_nguyen, Period.year(this_year), viewer=WHOLE_SYSTEM).rows}
    poverty = row["ho_ngheo"]
    assert poverty.now.how == selectors.HOW_AGGREGATED and poverty.now.units == 2 and poverty.target is not None
    assert poverty.now.shown == "2,64%" and poverty.status_label == "Vượt"  # 202 of 7.665 households, "dưới 3%"
