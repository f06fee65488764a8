"""Fixtures of the indicators tests: the seeds' four indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.accounts.access import SYSTEM
from danvan.indicators import rules, services
from danvan.indicators.models import Indicator

D = Decimal
U, A, Dir = rules.MeasureUnit, rules.Aggregation, rules.Direction


def define(code: str, **fields) -> Indicator:
    return services.save_indicator(actor=SYSTEM, code=code, **fields)


@pytest.fixture
def poverty(db) -> Indicator:
    return define("ho_ngheo", name="Tỷ lệ hộ nghèo", measure_unit=U.PERCENT, direction=Dir.LOWER,
                  aggregation=A.RATE, numerator_label="Số hộ nghèo", denominator_label="Tổng số hộ")  # fmt: skip


@pytest.fixture
def new_rural(db) -> Indicator:
    return define("ntm_xa", name="Số xã đạt chuẩn nông thôn mới", measure_unit=U.COMMUNE, direction=Dir.HIGHER,
                  aggregation=A.SUM, group="Nông thôn mới", sentence="{gia_tri} đạt chuẩn nông thôn mới")  # fmt: skip


@pytest.fixture
def criteria(db) -> Indicator:
    return define("ntm_tieu_chi", name="Số tiêu chí nông thôn mới bình quân mỗi xã", measure_unit=U.CRITERION,
                  direction=Dir.HIGHER, aggregation=A.WEIGHTED, weight_label="Số xã", decimals=1,
                  group="Nông thôn mới", order=1,
                  sentence="bình quân mỗi xã đạt {gia_tri}, {trang_thai} mục tiêu {can_cu} đề ra")  # fmt: skip


@pytest.fixture
def satisfaction(db) -> Indicator:
    return define("hai_long", name="Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước",
                  measure_unit=U.PERCENT, direction=Dir.HIGHER, aggregation=A.NONE, order=2,
                  sentence="{ten} đạt {gia_tri} (mục tiêu {can_cu} là phấn đấu đạt {chi_tieu})")  # fmt: skip
